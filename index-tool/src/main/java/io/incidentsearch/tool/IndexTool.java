package io.incidentsearch.tool;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code index-tool} command: the top level, which only dispatches to its subcommands (one
 * class each) and owns how errors end a run (see {@link ExitCodes}).
 */
@Command(
    name = "index-tool",
    mixinStandardHelpOptions = true,
    versionProvider = IndexTool.Version.class,
    description = {
      "Reads archives of software-failure incident postmortems (FAIL) and the news articles"
          + " they cite."
    },
    subcommands = {ParseCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  index-tool parse testdata/archive --out /tmp/records.jsonl",
      "  index-tool parse --help",
      "",
      "Exit codes: 0 ok, 1 unexpected failure, 2 usage error, 3 some inputs rejected,"
          + " 4 index problem."
    })
public final class IndexTool implements Runnable {
  @Spec CommandSpec spec;

  /** Picocli creates the command. */
  public IndexTool() {}

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command (try: index-tool parse)");
  }

  /**
   * Runs the command and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String... args) {
    System.exit(run(System.out, System.err, args));
  }

  /**
   * Runs the command in this process: what {@link #main} does, without exiting, so tests can
   * check output and exit code.
   *
   * @param out where records and help go (written as UTF-8)
   * @param err where problems, the summary and error messages go (written as UTF-8)
   * @param args the command line
   * @return the exit code, one of {@link ExitCodes}
   */
  public static int run(PrintStream out, PrintStream err, String... args) {
    PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    PrintWriter errWriter =
        new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    try {
      return commandLine(outWriter, errWriter).execute(args);
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /** The configured command line, writing to {@code out} and {@code err}. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new IndexTool());
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine failed = ex.getCommandLine();
          PrintWriter e = failed.getErr();
          e.println(failed.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(ex, e);
          e.println(
              "Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
          return ExitCodes.USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, failed, parseResult) -> {
          PrintWriter e = failed.getErr();
          if (ex instanceof CommandFailure f) {
            e.println(failed.getCommandSpec().qualifiedName() + ": " + f.getMessage());
            return f.exitCode();
          }
          e.println(
              failed.getCommandSpec().qualifiedName()
                  + ": unexpected error, please report it: "
                  + ex);
          ex.printStackTrace(e);
          return ExitCodes.UNEXPECTED;
        });
    return cl;
  }

  /** The version from the build ({@code version.properties}), else from the jar manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"index-tool " + version()};
    }

    static String version() {
      try (InputStream in = IndexTool.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          Properties p = new Properties();
          p.load(in);
          String v = p.getProperty("version", "");
          if (!v.isBlank() && !v.startsWith("${")) {
            return v;
          }
        }
      } catch (IOException e) {
        // fall through to the manifest
      }
      String manifest = IndexTool.class.getPackage().getImplementationVersion();
      return manifest != null ? manifest : "(unknown version)";
    }
  }
}
