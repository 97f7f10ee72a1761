package io.incidentsearch.tool;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
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
    subcommands = {
      BuildCommand.class,
      SearchCommand.class,
      EvalCommand.class,
      ShowCommand.class,
      SimilarCommand.class,
      FacetsCommand.class,
      StatsCommand.class,
      ExportCommand.class,
      CheckCommand.class,
      ParseCommand.class,
      BenchCommand.class,
      GenerateCommand.class,
      ServeCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  index-tool build --index /tmp/incident-index testdata/archive",
      "  index-tool search --index /tmp/incident-index --facets \"phone numbers\"",
      "  index-tool show --index /tmp/incident-index incident:2750",
      "  index-tool parse testdata/archive --out /tmp/records.jsonl",
      "  index-tool generate --incidents 1000 --out /tmp/synthetic-archive",
      "  index-tool search --help",
      "",
      "The index folder is --index DIR, else $INCIDENT_INDEX, else ./incident-index.",
      "Set INDEX_TOOL_DEBUG=1 to see the stack trace of an unexpected failure.",
      "",
      "Exit codes: 0 ok, 1 unexpected failure, 2 usage error, 3 some inputs rejected,"
          + " 4 index problem."
    })
public final class IndexTool implements Runnable {
  /**
   * Held so the level set in {@link #quietLucene()} sticks: JUL keeps loggers weakly, and a
   * collected logger forgets its level.
   */
  private static final Logger VECTORIZATION_LOG =
      Logger.getLogger("org.apache.lucene.internal.vectorization");

  @Spec CommandSpec spec;

  /** Where the run happens: environment variables and whether the output goes to a terminal. */
  Environment environment = Environment.plain(Map.of());

  /** Picocli creates the command. */
  public IndexTool() {}

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "missing command (try: index-tool build, index-tool search)");
  }

  /**
   * Runs the command and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String... args) {
    System.exit(run(Environment.system(), System.out, System.err, args));
  }

  /**
   * Runs the command in this process: what {@link #main} does, without exiting, so tests can check
   * output and exit code. Output is treated as not going to a terminal, and no environment variable
   * is read.
   *
   * @param out where records and help go (written as UTF-8)
   * @param err where problems, the summary and error messages go (written as UTF-8)
   * @param args the command line
   * @return the exit code, one of {@link ExitCodes}
   */
  public static int run(PrintStream out, PrintStream err, String... args) {
    return run(Environment.plain(Map.of()), out, err, args);
  }

  /** Like {@link #run(PrintStream, PrintStream, String...)} in a given environment. */
  static int run(Environment env, PrintStream out, PrintStream err, String... args) {
    quietLucene();
    PrintWriter outWriter = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    PrintWriter errWriter =
        new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    try {
      return commandLine(env, outWriter, errWriter).execute(args);
    } catch (OutOfMemoryError e) {
      // picocli passes Errors through; a full heap deserves a line saying what to do, not a
      // stack trace. Builds roll back on any Throwable, so the index keeps its last commit.
      Failure f = Failure.of(e);
      errWriter.println("index-tool: " + f.message());
      return f.exitCode();
    } finally {
      outWriter.flush();
      errWriter.flush();
    }
  }

  /**
   * Lucene on JDK 22+ logs a warning that the vector incubator module is not used; it means nothing
   * to a user of this tool, who cannot act on it.
   */
  static void quietLucene() {
    VECTORIZATION_LOG.setLevel(Level.SEVERE);
  }

  /** The configured command line, writing to {@code out} and {@code err}. */
  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(Environment.plain(Map.of()), out, err);
  }

  /** The configured command line in {@code env}, writing to {@code out} and {@code err}. */
  static CommandLine commandLine(Environment env, PrintWriter out, PrintWriter err) {
    IndexTool top = new IndexTool();
    top.environment = env;
    CommandLine cl = new CommandLine(top);
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
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
          String name = failed.getCommandSpec().qualifiedName();
          Failure f = Failure.of(ex);
          e.println(name + ": " + f.message());
          if (f.exitCode() == ExitCodes.UNEXPECTED) {
            if (env.debug()) {
              ex.printStackTrace(e);
            } else {
              e.println(
                  name
                      + ": please report this; run again with INDEX_TOOL_DEBUG=1 to see the"
                      + " stack trace");
            }
          }
          return f.exitCode();
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
