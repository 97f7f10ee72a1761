package io.incidentsearch.tool.bench;

import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.tool.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The benchmark's one entry point: {@code index-tool bench} hands over its options, and this runs
 * the benchmark and writes its report. Everything else in the package is its own business.
 */
public final class Bench {
  private Bench() {}

  /**
   * What to run and where to report it.
   *
   * @param corpus an existing archive folder, or null to generate one
   * @param generate incidents to generate (when {@code corpus} is null)
   * @param articlesPerIncident articles per generated incident
   * @param seed the generator's seed
   * @param threads the N of "1 and N threads"
   * @param queryFile a file of queries to run instead of the built-in set, or null
   * @param scratch where to make the scratch folder, or null for the system's temporary folder
   * @param keep whether to keep the scratch folder
   * @param rounds measured rounds over each kind's queries
   * @param secondsPerCase a time cap for one kind and variant (at least 3 rounds run)
   * @param similarCount how many incidents {@code similar} is asked about
   * @param hotSample how many files the hot-path measurements read
   * @param command the command line, for the report
   * @param reuse a folder a {@code --keep} run left: measure queries on its indexes only
   * @param indexes existing incident-search indexes whose queries are measured side by side (no
   *     archive, no baseline); empty in the other modes
   * @param httpSeconds how long each HTTP load runs; 0 skips them
   * @param httpHeap the {@code -Xmx} of the server's JVM, e.g. {@code 512m}
   * @param httpRequest what {@code /api/search?limit=10&q=Q} asks of the library for a query Q, so
   *     that the in-process side runs the same search
   * @param json whether standard output gets JSON instead of tables
   * @param markdown where to write the Markdown report, or null
   */
  public record Options(
      Path corpus,
      int generate,
      int articlesPerIncident,
      long seed,
      int threads,
      Path queryFile,
      Path scratch,
      boolean keep,
      int rounds,
      double secondsPerCase,
      int similarCount,
      int hotSample,
      String command,
      Path reuse,
      List<Path> indexes,
      double httpSeconds,
      String httpHeap,
      Function<String, SearchRequest> httpRequest,
      boolean json,
      Path markdown) {
    /** Validates. */
    public Options {
      indexes = indexes == null ? List.of() : List.copyOf(indexes);
      if (corpus == null && generate < 1 && reuse == null && indexes.isEmpty()) {
        throw new IllegalArgumentException(
            "give a corpus, a number of incidents to generate, a kept run or indexes");
      }
      if (threads < 1 || rounds < 1 || similarCount < 0 || hotSample < 1) {
        throw new IllegalArgumentException("threads, rounds and samples must be positive");
      }
    }
  }

  /** A benchmark that cannot run, with a message for the user saying why and what to do. */
  public static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message);
    }

    Failure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Runs the benchmark, prints its tables (or JSON) to {@code out} and writes the Markdown report
   * when asked.
   *
   * @param log receives progress lines
   * @throws Failure when it cannot run (bad corpus, failed build, a server that does not start)
   */
  public static void run(Options options, PrintWriter out, Consumer<String> log)
      throws IOException {
    List<BenchQuery> queries =
        options.queryFile() != null ? BenchQuery.read(options.queryFile()) : BenchQuery.defaults();
    HttpBench http =
        options.httpSeconds() > 0
            ? new HttpBench(options.httpSeconds(), options.httpHeap(), options.httpRequest())
            : null;
    BenchResult result = BenchRun.run(options, queries, http, log);
    if (options.json()) {
      Json.writePretty(out, BenchReport.json(result));
    } else {
      out.print(BenchReport.text(result));
    }
    out.flush();
    if (options.markdown() != null) {
      Files.writeString(options.markdown(), BenchReport.markdown(result), StandardCharsets.UTF_8);
      log.accept("wrote " + options.markdown());
    }
  }
}
