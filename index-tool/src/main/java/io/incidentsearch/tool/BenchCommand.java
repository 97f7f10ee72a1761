package io.incidentsearch.tool;

import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.tool.bench.Bench;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code index-tool bench}: the end-to-end benchmark of building and searching, next to a
 * plain-Lucene baseline over the same files (see {@link Bench}).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Benchmarks incident-search against a plain-Lucene baseline on the same archive, in one"
          + " JVM: full builds with 1 and N threads, a no-op and a 1%%-changed incremental"
          + " rebuild, and a fixed mixed query set (terms, multi-term, phrases, fields, date"
          + " ranges) as plain top-10 search, with all facet counts, and with two facet filters"
          + " plus drill-sideways counts, and similar on 100 incidents; p50/p90/p99 and q/s"
          + " with 1 and N threads. Prints a table (or JSON with --json); --out writes a"
          + " Markdown report. Run the JVM with the heap to test, e.g. java -Xmx1g -jar ...",
      "The archive is generated (--generate, as 'index-tool generate' writes it) or mirrored"
          + " (--corpus, hard links) into a scratch folder, deleted at the end: your files"
          + " are never changed.",
      "--index DIR (repeatable) measures only the queries, on existing incident-search"
          + " indexes side by side (no baseline): e.g. how latency grows with the archive."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  index-tool bench --generate 2000",
      "  index-tool bench --generate 100000 --threads 2 --out PERFORMANCE-run.md",
      "  index-tool bench --corpus testdata/archive --json > bench.json",
      "  index-tool bench --index idx-100k --index idx-1m --threads 2 --out scale.md",
      "",
      "Exit codes: 0 done; 2 usage error; 4 an --index folder is not a usable index;"
          + " 1 the benchmark could not run."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  /** Where the archive or indexes come from: exactly one of these. */
  static final class Source {
    @Option(
        names = "--corpus",
        paramLabel = "DIR",
        description = "Benchmark an existing archive folder (mirrored, never changed).")
    Path corpus;

    @Option(
        names = "--generate",
        paramLabel = "N",
        description = "Generate a synthetic archive of N incidents (see index-tool generate).")
    Integer generate;

    @Option(
        names = "--reuse",
        paramLabel = "DIR",
        description =
            "Measure queries only, on the archive and indexes a --keep run left in DIR"
                + " (nothing is built or changed).")
    Path reuse;

    @Option(
        names = "--index",
        paramLabel = "DIR",
        description =
            "Measure queries only, on this existing incident-search index; repeat to compare"
                + " indexes in one run (opened read-only; no baseline).")
    List<Path> indexes;
  }

  @Option(
      names = "--articles-per-incident",
      paramLabel = "K",
      defaultValue = "2",
      description = "Articles per generated incident (default: ${DEFAULT-VALUE}).")
  int articlesPerIncident;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "The generator's seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = {"-j", "--threads"},
      paramLabel = "N",
      description = "The N of '1 and N threads' (default: the number of processors).")
  Integer threads;

  @Option(
      names = "--queries",
      paramLabel = "FILE",
      description =
          "Queries to run instead of the built-in set: one a line, KIND<TAB>QUERY"
              + "[<TAB>BASELINE QUERY], KIND one of term, multi, phrase, field, date.")
  Path queries;

  @Option(
      names = "--rounds",
      paramLabel = "R",
      defaultValue = "30",
      description = "Measured rounds over each kind's queries (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--seconds-per-case",
      paramLabel = "S",
      defaultValue = "4",
      description =
          "Stop measuring a kind and variant after S seconds, if 3 rounds are done"
              + " (default: ${DEFAULT-VALUE}).")
  double secondsPerCase;

  @Option(
      names = "--similar",
      paramLabel = "N",
      defaultValue = "100",
      description = "Incidents to ask similar for (default: ${DEFAULT-VALUE}).")
  int similar;

  @Option(
      names = "--hot-sample",
      paramLabel = "N",
      defaultValue = "2000",
      description = "Files the hot-path measurements read (default: ${DEFAULT-VALUE}).")
  int hotSample;

  @Option(
      names = "--http-seconds",
      paramLabel = "S",
      defaultValue = "60",
      description =
          "Search over HTTP (index-tool serve in its own JVM) with 1, 8 and 64 clients for S"
              + " seconds each, next to the same searches in process (default: ${DEFAULT-VALUE};"
              + " 0 skips it).")
  double httpSeconds;

  @Option(
      names = "--http-heap",
      paramLabel = "SIZE",
      defaultValue = "512m",
      description = "The -Xmx of that server's JVM (default: ${DEFAULT-VALUE}).")
  String httpHeap;

  @Option(
      names = "--scratch",
      paramLabel = "DIR",
      description =
          "Where to make the scratch folder (default: the system's temporary folder);"
              + " the benchmark deletes only the folder it made there.")
  Path scratch;

  @Option(names = "--keep", description = "Keep the scratch folder (archive and indexes).")
  boolean keep;

  @Option(names = "--json", description = "Print the result as JSON instead of tables.")
  boolean json;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "REPORT.md",
      description = "Also write the Markdown report (environment, tables, targets) to this file.")
  Path out;

  /** The command line as typed, for the report; set by {@link IndexTool} when it can be. */
  static String commandLine(List<String> args) {
    return "index-tool " + String.join(" ", args);
  }

  @Override
  public Integer call() throws IOException {
    if (source.generate != null && source.generate < 1) {
      throw new ParameterException(spec.commandLine(), "--generate must be at least 1");
    }
    if (threads != null && threads < 1) {
      throw new ParameterException(spec.commandLine(), "--threads must be at least 1");
    }
    if (rounds < 1 || similar < 0 || hotSample < 1 || articlesPerIncident < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "--rounds, --hot-sample and --articles-per-incident must be at least 1, --similar 0");
    }
    if (out != null) {
      Path parent = out.toAbsolutePath().getParent();
      if (parent == null || !Files.isDirectory(parent)) {
        throw new ParameterException(spec.commandLine(), "--out: folder does not exist: " + out);
      }
    }
    if (!(httpSeconds >= 0) || httpSeconds > 3600) {
      throw new ParameterException(spec.commandLine(), "--http-seconds must be 0 to 3600");
    }
    if (!httpHeap.matches("\\d+[kKmMgG]?")) {
      throw new ParameterException(
          spec.commandLine(), "--http-heap takes a JVM heap size such as 512m or 2g");
    }
    PrintWriter err = spec.commandLine().getErr();
    Bench.Options options =
        new Bench.Options(
            source.corpus != null ? source.corpus.toAbsolutePath().normalize() : null,
            source.generate != null ? source.generate : 0,
            articlesPerIncident,
            seed,
            threads != null ? threads : Runtime.getRuntime().availableProcessors(),
            queries,
            scratch,
            keep,
            rounds,
            secondsPerCase,
            similar,
            hotSample,
            commandLine(spec.commandLine().getParseResult().originalArgs()),
            source.reuse != null ? source.reuse.toAbsolutePath().normalize() : null,
            source.indexes != null
                ? source.indexes.stream().map(p -> p.toAbsolutePath().normalize()).toList()
                : List.of(),
            httpSeconds,
            httpHeap,
            // What /api/search?limit=10&q=Q asks of the library, for the in-process side.
            q -> ApiHandler.searchDefaults(q, SearchRequest.DEFAULT_TIMEOUT).limit(10).build(),
            json,
            out);
    try {
      Bench.run(
          options,
          spec.commandLine().getOut(),
          line -> {
            err.println("bench: " + line);
            err.flush();
          });
      return ExitCodes.OK;
    } catch (Bench.Failure e) {
      throw new CommandFailure(ExitCodes.UNEXPECTED, e.getMessage(), e);
    }
  }
}
