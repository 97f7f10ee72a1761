package io.incidentsearch.tool.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything one benchmark run measured; the renderers turn it into a table, JSON or Markdown.
 *
 * @param command the command line that produced it
 * @param environment the machine and JVM
 * @param corpus the archive measured
 * @param builds full builds of both systems, with 1 and N threads
 * @param incremental incremental rebuilds of incident-search (no-op, 1% changed)
 * @param queries query latencies and throughput per system, kind, variant and thread count
 * @param hotPaths what the costly steps cost, measured one at a time
 * @param notes anything the reader should know (skipped phases, substitutions)
 * @param indexes the existing indexes a {@code --index} run compared (then {@code corpus} is null,
 *     and the query figures' systems are their {@link IndexInfo#system()} names); empty in the
 *     other modes
 * @param http searches over HTTP next to the same searches in process, one figure per number of
 *     clients; empty when not measured
 */
record BenchResult(
    String command,
    Environment environment,
    Corpus corpus,
    List<Build> builds,
    List<Incremental> incremental,
    List<QueryFigure> queries,
    List<HotPath> hotPaths,
    List<String> notes,
    List<IndexInfo> indexes,
    List<HttpFigure> http) {

  /** The system under test. */
  static final String PROJECT = "incident-search";

  /** The plain-Lucene baseline. */
  static final String BASELINE = "baseline";

  /** Copies the lists. */
  public BenchResult {
    builds = List.copyOf(builds);
    incremental = List.copyOf(incremental);
    queries = List.copyOf(queries);
    hotPaths = List.copyOf(hotPaths);
    notes = List.copyOf(notes);
    indexes = List.copyOf(indexes);
    http = List.copyOf(http);
  }

  /** This result with the HTTP loads measured. */
  BenchResult withHttp(List<HttpFigure> figures) {
    return new BenchResult(
        command,
        environment,
        corpus,
        builds,
        incremental,
        queries,
        hotPaths,
        notes,
        indexes,
        figures);
  }

  /**
   * One HTTP load: {@code clients} clients searching for {@code seconds} over HTTP (keep-alive
   * connections to a server in its own JVM), and the same queries from as many threads in process.
   *
   * @param clients concurrent clients (threads in process)
   * @param seconds how long each load ran
   * @param requests HTTP requests answered
   * @param errors HTTP requests that failed or did not answer 200
   * @param p50Ms median HTTP latency, request sent to body read
   * @param p99Ms 99th percentile HTTP latency
   * @param inProcessP50Ms median latency of the same searches in process
   * @param inProcessP99Ms 99th percentile in process
   * @param overheadP50Ms the median, over requests, of the HTTP latency minus the server's own
   *     search time for that request ({@code Server-Timing}): what HTTP, JSON and the server add
   * @param overheadP99Ms the 99th percentile of that
   * @param serverHeap the server JVM's -Xmx
   * @param serverPeakRssBytes the server process's peak resident memory, or -1 when unknown
   */
  record HttpFigure(
      int clients,
      double seconds,
      long requests,
      long errors,
      @JsonSerialize(converter = BenchReport.FiniteOrNull.class) double p50Ms,
      @JsonSerialize(converter = BenchReport.FiniteOrNull.class) double p99Ms,
      @JsonSerialize(converter = BenchReport.FiniteOrNull.class) double inProcessP50Ms,
      @JsonSerialize(converter = BenchReport.FiniteOrNull.class) double inProcessP99Ms,
      @JsonSerialize(converter = BenchReport.FiniteOrNull.class) double overheadP50Ms,
      @JsonSerialize(converter = BenchReport.FiniteOrNull.class) double overheadP99Ms,
      String serverHeap,
      long serverPeakRssBytes) {}

  /** A run of the modes that build or reuse an archive (no {@code --index} comparison). */
  public BenchResult(
      String command,
      Environment environment,
      Corpus corpus,
      List<Build> builds,
      List<Incremental> incremental,
      List<QueryFigure> queries,
      List<HotPath> hotPaths,
      List<String> notes) {
    this(
        command,
        environment,
        corpus,
        builds,
        incremental,
        queries,
        hotPaths,
        notes,
        List.of(),
        List.of());
  }

  /** The system name of the {@code number}-th (1-based) index of a {@code --index} run. */
  static String indexSystem(int number) {
    return PROJECT + " #" + number;
  }

  /**
   * One existing index of a {@code --index} run.
   *
   * @param system its name in the query figures, {@link #indexSystem(int)}
   * @param path its folder
   * @param incidents incident records (from its manifest)
   * @param articles article records
   * @param bytes size of its files on disk
   */
  record IndexInfo(String system, String path, long incidents, long articles, long bytes) {
    /** Incidents and articles. */
    public long records() {
      return incidents + articles;
    }
  }

  /**
   * The machine and JVM.
   *
   * @param cpus available processors
   * @param jvm vendor, name and version of the JVM
   * @param javaVersion the Java version
   * @param maxHeapBytes the heap limit (-Xmx)
   * @param lucene Lucene's version
   * @param os operating system and architecture
   * @param tool index-tool's version
   * @param date when the run started (ISO-8601)
   * @param loadStart the system load average (1 minute) when the run started, or -1
   * @param loadEnd the system load average when it ended, or -1; above the CPU count, other work
   *     competed for the processors and the figures are pessimistic
   */
  record Environment(
      int cpus,
      String jvm,
      String javaVersion,
      long maxHeapBytes,
      String lucene,
      String os,
      String tool,
      String date,
      @JsonProperty("loadAverageStart") @JsonSerialize(converter = BenchReport.FiniteOrNull.class)
          double loadStart,
      @JsonProperty("loadAverageEnd") @JsonSerialize(converter = BenchReport.FiniteOrNull.class)
          double loadEnd) {}

  /**
   * The archive.
   *
   * @param path where it was read from (a scratch copy when generated)
   * @param generated how it was generated ("index-tool generate --incidents N ..."), or null
   * @param files input files
   * @param bytes their total size
   * @param incidents incident records
   * @param articles article records
   */
  record Corpus(
      String path, String generated, long files, long bytes, long incidents, long articles) {}

  /**
   * One full build.
   *
   * @param system {@link #PROJECT} or {@link #BASELINE}
   * @param threads parsing threads
   * @param seconds wall time
   * @param records records indexed
   * @param inputBytes bytes of the input files
   * @param indexBytes size of the index afterwards
   * @param peakHeapBytes highest heap in use (garbage included)
   * @param peakLiveBytes highest heap still in use after a collection
   * @param gcCount collections during the build
   * @param gcMillis their time
   */
  record Build(
      String system,
      int threads,
      double seconds,
      long records,
      long inputBytes,
      long indexBytes,
      long peakHeapBytes,
      long peakLiveBytes,
      long gcCount,
      long gcMillis) {
    /** Records per second. */
    public double docsPerSecond() {
      return records / seconds;
    }

    /** Input megabytes (10^6 bytes) per second. */
    public double mbPerSecond() {
      return inputBytes / 1e6 / seconds;
    }
  }

  /**
   * One incremental build of incident-search.
   *
   * @param phase {@code no-op} or {@code 1% changed}
   * @param filesChanged files changed before it
   * @param seconds wall time
   * @param fullSeconds the full build's time with the same thread count
   * @param filesParsed files it parsed
   * @param recordsWritten records added, updated or relinked
   * @param peakHeapBytes highest heap in use
   */
  record Incremental(
      String phase,
      int filesChanged,
      double seconds,
      double fullSeconds,
      int filesParsed,
      int recordsWritten,
      long peakHeapBytes) {
    /** This build's time as a fraction of the full build's. */
    public double fractionOfFull() {
      return seconds / fullSeconds;
    }
  }

  /**
   * Latency and throughput of one kind of query.
   *
   * @param system {@link #PROJECT} or {@link #BASELINE}
   * @param kind a {@link BenchQuery#KINDS} value, {@code text} (term, multi and phrase pooled) or
   *     {@code similar}
   * @param variant {@code plain} (top 10), {@code facets} (top 10 and every facet count), {@code
   *     filtered} (two facet filters, drill-sideways counts), {@code highlight} (plain with
   *     snippets) or {@code similar}
   * @param threads how many threads ran queries at once
   * @param samples queries measured
   * @param p50Ms median latency
   * @param p90Ms 90th percentile
   * @param p99Ms 99th percentile
   * @param qps queries per second (wall time, all threads)
   * @param meanHits mean total hits per query
   */
  record QueryFigure(
      String system,
      String kind,
      String variant,
      int threads,
      int samples,
      double p50Ms,
      double p90Ms,
      double p99Ms,
      double qps,
      double meanHits) {}

  /**
   * The cost of one step, measured alone on a sample.
   *
   * @param name the step
   * @param cost its cost in words, e.g. "41 µs/file (310 MB/s)"
   * @param perItemMicros microseconds per item (file, record, query), or NaN
   * @param share the step's cost against the whole it belongs to (e.g. of a build's time), or null
   * @param how how it was measured
   */
  record HotPath(String name, String cost, double perItemMicros, String share, String how) {}

  /**
   * One target of the issue, judged on this run.
   *
   * @param name what is measured
   * @param goal the target
   * @param measured the figure
   * @param met whether it was met; empty when this run cannot tell
   */
  record Target(String name, String goal, String measured, Optional<Boolean> met) {}

  /** The build of {@code system} with {@code threads} threads, if measured. */
  public Optional<Build> build(String system, int threads) {
    return builds.stream().filter(b -> b.system.equals(system) && b.threads == threads).findFirst();
  }

  /** The figure for these keys, if measured. */
  public Optional<QueryFigure> query(String system, String kind, String variant, int threads) {
    return queries.stream()
        .filter(
            q ->
                q.system.equals(system)
                    && q.kind.equals(kind)
                    && q.variant.equals(variant)
                    && q.threads == threads)
        .findFirst();
  }

  /** The highest thread count measured. */
  public int maxThreads() {
    // Builds say it; a --reuse run has none, its queries do.
    return builds.stream()
        .mapToInt(Build::threads)
        .max()
        .orElse(queries.stream().mapToInt(QueryFigure::threads).max().orElse(1));
  }

  /** The issue's targets judged on this run (memory and scale targets need other runs). */
  public List<Target> targets() {
    List<Target> out = new ArrayList<>();
    int n = maxThreads();
    Optional<Build> p = build(PROJECT, n);
    Optional<Build> b = build(BASELINE, n);
    if (p.isPresent() && b.isPresent()) {
      double ratio = p.get().docsPerSecond() / b.get().docsPerSecond();
      out.add(
          new Target(
              "full build, " + n + " threads, docs/s vs baseline",
              ">= 0.80x",
              String.format(
                  java.util.Locale.ROOT,
                  "%.2fx (%.0f vs %.0f docs/s)",
                  ratio,
                  p.get().docsPerSecond(),
                  b.get().docsPerSecond()),
              Optional.of(ratio >= 0.8)));
    }
    for (Incremental inc : incremental) {
      double limit = inc.phase.equals("no-op") ? 0.05 : 0.10;
      out.add(
          new Target(
              "incremental (" + inc.phase + ") vs full build",
              String.format(java.util.Locale.ROOT, "<= %.0f%%", limit * 100),
              String.format(
                  java.util.Locale.ROOT,
                  "%.1f%% (%.2f s of %.2f s)",
                  inc.fractionOfFull() * 100,
                  inc.seconds,
                  inc.fullSeconds),
              Optional.of(inc.fractionOfFull() <= limit)));
    }
    latencyTargets(out, "plain", "plain", 50, "top-10 text queries");
    latencyTargets(out, "facets", "facets", 150, "text queries with all facet counts");
    for (HttpFigure h : http) {
      if (h.clients() == 1) {
        out.add(
            new Target(
                "HTTP search, 1 client: what HTTP adds to the search, p50",
                "<= 1 ms",
                String.format(
                    java.util.Locale.ROOT,
                    "%.2f ms (HTTP p50 %.2f ms; in process %.2f ms)",
                    h.overheadP50Ms(),
                    h.p50Ms(),
                    h.inProcessP50Ms()),
                Optional.of(h.overheadP50Ms() <= 1.0)));
      }
      if (h.clients() == http.stream().mapToInt(HttpFigure::clients).max().orElse(0)) {
        out.add(
            new Target(
                "HTTP errors, " + h.clients() + " clients for " + Math.round(h.seconds()) + " s",
                "0, server -Xmx" + h.serverHeap(),
                String.format(
                    java.util.Locale.ROOT,
                    "%d of %d requests (server peak RSS %s)",
                    h.errors(),
                    h.requests(),
                    h.serverPeakRssBytes() < 0
                        ? "unknown"
                        : String.format(
                            java.util.Locale.ROOT, "%.0f MB", h.serverPeakRssBytes() / 1e6)),
                Optional.of(h.errors() == 0 && h.requests() > 0)));
      }
    }
    Optional<QueryFigure> filtered = query(PROJECT, "text", "filtered", 1);
    Optional<QueryFigure> facets = query(PROJECT, "text", "facets", 1);
    if (filtered.isPresent() && facets.isPresent()) {
      double ratio = filtered.get().p50Ms / facets.get().p50Ms;
      out.add(
          new Target(
              "filtered + drill-sideways p50 vs with-facets p50",
              "< 2x",
              String.format(
                  java.util.Locale.ROOT,
                  "%.2fx (%.2f vs %.2f ms)",
                  ratio,
                  filtered.get().p50Ms,
                  facets.get().p50Ms),
              Optional.of(ratio < 2)));
    }
    return out;
  }

  private void latencyTargets(
      List<Target> out, String variant, String baselineVariant, double p99Limit, String what) {
    Optional<QueryFigure> p = query(PROJECT, "text", variant, 1);
    Optional<QueryFigure> b = query(BASELINE, "text", baselineVariant, 1);
    if (p.isEmpty()) {
      return;
    }
    if (b.isPresent()) {
      double ratio = p.get().p50Ms / b.get().p50Ms;
      out.add(
          new Target(
              what + ", p50 vs baseline",
              "<= 1.5x",
              String.format(
                  java.util.Locale.ROOT,
                  "%.2fx (%.2f vs %.2f ms)",
                  ratio,
                  p.get().p50Ms,
                  b.get().p50Ms),
              Optional.of(ratio <= 1.5)));
    }
    out.add(
        new Target(
            what + ", p99",
            String.format(java.util.Locale.ROOT, "< %.0f ms", p99Limit),
            String.format(java.util.Locale.ROOT, "%.2f ms", p.get().p99Ms),
            Optional.of(p.get().p99Ms < p99Limit)));
  }
}
