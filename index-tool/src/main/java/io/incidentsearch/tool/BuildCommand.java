package io.incidentsearch.tool;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.formats.Problem;
import io.incidentsearch.index.BuildListener;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.index.BuildReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code index-tool build}: creates the index, or updates it with what changed in the archives
 * since the last build (files are compared by content hash).
 */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Creates an index from archive folders and files, or updates it: only new and changed"
          + " files are parsed, records of removed files are deleted. The index is replaced in"
          + " one commit, so searches never see half a build.",
      "Problems go to standard error as 'file:line: error: message'; a summary follows. A"
          + " progress line is shown while standard error is a terminal."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  index-tool build --index /tmp/incident-index testdata/archive",
      "  index-tool build incidents/ articles/ exports/incident_data.csv",
      "  index-tool build --full --threads 4 archive/",
      "  index-tool build --json archive/ | jq .problems",
      "",
      "Exit codes: 0 built; 3 built, but some inputs were rejected; 2 usage error;"
          + " 4 index locked by another build or of another schema version (use --full);"
          + " 1 unexpected failure."
    })
final class BuildCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand IndexTool top;
  @Mixin IndexOption index;

  @Option(
      names = {"-j", "--threads"},
      paramLabel = "N",
      description = "Hash and parse N files at once (default: the number of processors).")
  Integer threads;

  @Option(
      names = "--full",
      description =
          "Rebuild everything from scratch (also the way to rebuild an index of an older schema).")
  boolean full;

  @Option(names = "--json", description = "Print the report as one JSON document.")
  boolean json;

  @Parameters(
      arity = "1..*",
      paramLabel = "ARCHIVE",
      description = "A folder (read recursively) or a file.")
  List<Path> archives;

  @Override
  public Integer call() throws IOException {
    for (Path archive : archives) {
      if (!Files.exists(archive)) {
        throw new ParameterException(spec.commandLine(), "no such file or folder: " + archive);
      }
    }
    if (threads != null && threads < 1) {
      throw new ParameterException(spec.commandLine(), "--threads must be at least 1");
    }
    Environment env = top.environment;
    Path dir = index.resolve(env);
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new ParameterException(spec.commandLine(), "--index is not a folder: " + dir);
    }
    PrintWriter err = spec.commandLine().getErr();
    ProgressBar bar = env.stderrTerminal() ? new ProgressBar(err) : null;
    BuildOptions options =
        BuildOptions.defaults().full(full).listener(bar != null ? bar : BuildListener.NONE);
    if (threads != null) {
      options = options.threads(threads);
    }
    BuildReport report;
    try {
      report = IncidentIndex.build(dir, archives, options);
    } finally {
      if (bar != null) {
        bar.finish();
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.write(
          out,
          new BuildJson(
              dir.toAbsolutePath().normalize().toString(),
              report.added(),
              report.updated(),
              report.deleted(),
              report.unchanged(),
              report.relinked(),
              new FilesJson(
                  report.filesScanned(),
                  report.filesParsed(),
                  report.filesSkipped(),
                  report.filesDeleted()),
              Json.ProblemJson.all(report.problems()),
              report.tookMs()));
    } else {
      for (Problem p : report.problems()) {
        err.println(p);
      }
      err.flush();
      out.println(summary(dir, report));
      out.flush();
    }
    boolean rejected = report.problems().stream().anyMatch(Problem::isError);
    return rejected ? ExitCodes.INPUTS_REJECTED : ExitCodes.OK;
  }

  /**
   * {@code built /tmp/idx in 1.2 s: 42 added, 0 updated, 0 deleted, 0 unchanged; 42 files (42
   * parsed, 0 skipped); 13 incidents, 29 articles; 0 problems}.
   */
  static String summary(Path dir, BuildReport r) {
    // As parse counts them: an "and N more problems" line stands for N.
    long errors = r.problems().stream().filter(Problem::isError).count();
    long warnings = Problem.total(r.problems()) - errors;
    StringBuilder s =
        new StringBuilder(r.changedRecords() ? "built " : "index is up to date: ")
            .append(dir)
            .append(String.format(" in %.1f s%n", r.tookMs() / 1000.0));
    s.append(
        String.format(
            "  records  %d added, %d updated, %d deleted, %d unchanged",
            r.added(), r.updated(), r.deleted(), r.unchanged()));
    if (r.relinked() > 0) {
      s.append(" (").append(r.relinked()).append(" relinked)");
    }
    s.append(
        String.format(
            "%n  files    %d found, %d parsed, %d unchanged, %d gone",
            r.filesScanned(), r.filesParsed(), r.filesSkipped(), r.filesDeleted()));
    s.append("\n  index    ");
    r.manifest().recordCounts().forEach((type, n) -> s.append(Human.count(n, type)).append(", "));
    s.setLength(s.length() - 2);
    s.append("\n  problems ");
    if (r.problems().isEmpty()) {
      s.append("none");
    } else {
      s.append(Human.count(errors, "error")).append(", ").append(Human.count(warnings, "warning"));
      s.append(" (listed above)");
    }
    return s.toString();
  }

  /** {@code build --json}. */
  record BuildJson(
      String index,
      int added,
      int updated,
      int deleted,
      int unchanged,
      int relinked,
      FilesJson files,
      List<Json.ProblemJson> problems,
      long tookMs) {}

  /** The archive files a build looked at. */
  record FilesJson(int scanned, int parsed, int skipped, int deleted) {}
}
