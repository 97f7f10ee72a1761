package io.incidentsearch.tool;

import io.incidentsearch.formats.ArchiveScanner;
import io.incidentsearch.formats.JsonLines;
import io.incidentsearch.formats.Problem;
import io.incidentsearch.formats.ScanResult;
import io.incidentsearch.model.Record;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code index-tool parse}: reads archives and writes every record as JSON Lines, incidents then
 * articles, each sorted by id; problems and a summary go to standard error.
 */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Reads archive folders and files (postmortem pages, article pages, FAIL CSV exports,"
          + " JSON Lines) and writes every record as one JSON object per line: incidents, then"
          + " articles, each sorted by id. Problems go to standard error as"
          + " 'file:line: error: message', then a one-line summary."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  index-tool parse testdata/archive --out /tmp/records.jsonl",
      "  index-tool parse incidents/ articles/ exports/incident_data.csv > records.jsonl",
      "  index-tool parse --max-page-size 64M big-archive/ | wc -l",
      "",
      "Exit codes: 0 everything read; 3 some input rejected (the rest is still written);"
          + " 2 usage error; 1 unexpected failure."
    })
final class ParseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "ARCHIVE",
      description = "A folder (read recursively) or a file.")
  List<Path> archives;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "Write the records to FILE (replaced atomically) instead of standard output.")
  Path out;

  @Option(
      names = "--max-page-size",
      paramLabel = "SIZE",
      defaultValue = "16M",
      converter = SizeConverter.class,
      description = "Reject page files larger than this (default: ${DEFAULT-VALUE}).")
  long maxPageBytes;

  @Option(
      names = "--max-export-size",
      paramLabel = "SIZE",
      defaultValue = "4G",
      converter = SizeConverter.class,
      description = "Reject CSV and JSON Lines files larger than this (default: ${DEFAULT-VALUE}).")
  long maxExportBytes;

  @Option(
      names = {"-j", "--threads"},
      paramLabel = "N",
      description = "Parse N files at once (default: the number of processors).")
  Integer threads;

  @Override
  public Integer call() {
    for (Path archive : archives) {
      if (!Files.exists(archive) && !Files.isSymbolicLink(archive)) {
        throw new ParameterException(spec.commandLine(), "no such file or folder: " + archive);
      }
    }
    if (out != null) {
      Path parent = out.toAbsolutePath().getParent();
      if (Files.isDirectory(out)) {
        throw new ParameterException(spec.commandLine(), "--out is a folder: " + out);
      }
      if (parent == null || !Files.isDirectory(parent)) {
        throw new ParameterException(
            spec.commandLine(), "--out: folder does not exist: " + (parent == null ? out : parent));
      }
    }
    if (threads != null && threads < 1) {
      throw new ParameterException(spec.commandLine(), "--threads must be at least 1");
    }
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();

    ScanResult result = new ArchiveScanner(maxPageBytes, maxExportBytes).scan(archives, n);

    if (out == null) {
      PrintWriter stdout = spec.commandLine().getOut();
      try {
        writeRecords(result, stdout);
      } catch (IOException e) {
        throw new IllegalStateException("a PrintWriter does not throw", e);
      }
      stdout.flush();
      if (stdout.checkError()) {
        throw new CommandFailure(
            ExitCodes.UNEXPECTED, "cannot write the records to standard output", null);
      }
    } else {
      writeAtomically(result, out);
    }

    PrintWriter err = spec.commandLine().getErr();
    for (Problem p : result.problems()) {
      err.println(p);
    }
    err.println(summary(result));
    err.flush();
    return result.hasErrors() ? ExitCodes.INPUTS_REJECTED : ExitCodes.OK;
  }

  private static void writeRecords(ScanResult result, Writer writer) throws IOException {
    for (Record r : result.incidents()) {
      writer.write(JsonLines.toJson(r));
      writer.write('\n');
    }
    for (Record r : result.articles()) {
      writer.write(JsonLines.toJson(r));
      writer.write('\n');
    }
  }

  /** Writes beside the target, then moves over it: readers never see half a file. */
  private static void writeAtomically(ScanResult result, Path target) {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      try (BufferedWriter w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        writeRecords(result, w);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the write already failed; that is the error to report
        }
      }
      throw new CommandFailure(
          ExitCodes.UNEXPECTED, "cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** {@code parsed 42 files: 13 incidents, 29 articles; 0 problems}, plus what went wrong. */
  static String summary(ScanResult r) {
    StringBuilder s = new StringBuilder("parsed ").append(count(r.filesRead(), "file"));
    if (r.filesRejected() > 0 || r.filesSkipped() > 0) {
      s.append(" (");
      if (r.filesRejected() > 0) {
        s.append(r.filesRejected()).append(" rejected");
      }
      if (r.filesSkipped() > 0) {
        s.append(r.filesRejected() > 0 ? ", " : "").append(r.filesSkipped()).append(" skipped");
      }
      s.append(')');
    }
    s.append(": ")
        .append(count(r.incidents().size(), "incident"))
        .append(", ")
        .append(count(r.articles().size(), "article"))
        .append("; ")
        .append(count(r.problemCount(), "problem"));
    long errors = r.errorCount();
    long warnings = r.problemCount() - errors;
    if (errors > 0 && warnings > 0) {
      s.append(" (")
          .append(count(errors, "error"))
          .append(", ")
          .append(count(warnings, "warning"))
          .append(')');
    } else if (!r.problems().isEmpty()) {
      s.append(errors > 0 ? " (errors)" : " (warnings)");
    }
    return s.toString();
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
