package io.incidentsearch.tool.bench;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.formats.ArchiveScanner;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.tool.bench.BenchResult.Build;
import io.incidentsearch.tool.bench.BenchResult.HotPath;
import io.incidentsearch.tool.bench.BenchResult.Incremental;
import io.incidentsearch.tool.bench.BenchResult.QueryFigure;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One benchmark run: generates or mirrors an archive into a scratch folder, then, in this JVM,
 * builds incident-search and the {@link BaselineIndex} with 1 and N threads, measures the hot paths
 * one at a time, runs the query set in every variant with 1 and N threads, and finally times a
 * no-op and a 1%-changed incremental rebuild. The scratch folder is deleted at the end unless asked
 * to keep it. Two other modes measure queries only: on a kept run, or on existing indexes.
 */
final class BenchRun {
  private final RunContext run;
  private final HttpBench http;
  private final String started = Instant.now().toString();
  private final double loadStart =
      ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

  private BenchRun(RunContext run, HttpBench http) {
    this.run = run;
    this.http = http;
  }

  /**
   * Runs the benchmark the options ask for.
   *
   * @param http the HTTP loads, or null to skip them
   * @param log receives progress lines
   */
  static BenchResult run(
      Bench.Options options, List<BenchQuery> queries, HttpBench http, Consumer<String> log)
      throws IOException {
    BenchRun r = new BenchRun(new RunContext(options, queries, log), http);
    if (options.reuse() != null) {
      return r.reused(options.reuse());
    }
    if (!options.indexes().isEmpty()) {
      return r.onIndexes(options.indexes());
    }
    return r.inScratch();
  }

  private BenchResult inScratch() throws IOException {
    Path given = run.options().scratch();
    // A new folder even inside a given one: only what this run made is deleted afterwards.
    Path scratch =
        given != null
            ? Files.createTempDirectory(Files.createDirectories(given), "index-tool-bench-")
            : Files.createTempDirectory("index-tool-bench-");
    run.log().accept("scratch folder: " + scratch);
    try {
      return full(scratch);
    } finally {
      if (run.options().keep()) {
        run.log().accept("kept the scratch folder " + scratch);
      } else {
        BenchFiles.deleteTree(scratch);
      }
    }
  }

  private BenchResult full(Path scratch) throws IOException {
    ScratchArchive a = ScratchArchive.prepare(run, scratch);

    // 1. Full builds, after a small one of each system so that neither pays for JIT warm-up.
    BuildTimings timings = new BuildTimings(run);
    timings.warmUp(a.files(), a.archive(), scratch.resolve("warm-up"));
    List<Build> builds = new ArrayList<>();
    List<Integer> threadCounts = run.threadCounts();
    Path projectIndex = null;
    Path baselineIndex = null;
    for (int t : threadCounts) {
      Path dir = scratch.resolve("index-t" + t);
      builds.add(timings.project(a.archive(), dir, t, a.bytes()));
      projectIndex = keepLast(projectIndex, dir);
    }
    for (int t : threadCounts) {
      Path dir = scratch.resolve("baseline-t" + t);
      builds.add(timings.baseline(a.files(), dir, t, a.bytes()));
      baselineIndex = keepLast(baselineIndex, dir);
    }
    Path corpusPath = run.options().corpus() != null ? run.options().corpus() : a.archive();
    BenchResult.Corpus corpus =
        corpus(corpusPath.toString(), a.generated(), a.files(), a.bytes(), projectIndex);

    // 2. Hot paths, one at a time; 3. queries, in process and over HTTP.
    List<HotPath> hot = new HotPaths(run).measure(a.files(), projectIndex, baselineIndex, builds);
    List<QueryFigure> queries = measureQueries(projectIndex, baselineIndex);
    hot.addAll(HotPaths.fromQueries(queries));
    List<BenchResult.HttpFigure> httpFigures = measureHttp(projectIndex);

    // 4. Incremental rebuilds (last: the 1% change alters the archive).
    int n = threadCounts.get(threadCounts.size() - 1);
    double fullSeconds = builds.get(threadCounts.size() - 1).seconds();
    List<Incremental> incremental =
        new Incrementals(run).measure(a.archive(), a.files(), projectIndex, n, fullSeconds);
    return new BenchResult(
            run.options().command(),
            environment(),
            corpus,
            builds,
            incremental,
            queries,
            hot,
            run.notes())
        .withHttp(httpFigures);
  }

  /**
   * Queries only, on what a {@code --keep} run left in {@code dir} (its archive, the index and
   * baseline of its largest thread count): for measuring a search change without building again.
   * Nothing in {@code dir} is changed.
   */
  private BenchResult reused(Path dir) throws IOException {
    Path archive = dir.resolve("corpus");
    Path projectIndex = BenchFiles.lastIndex(dir, "index-t");
    Path baselineIndex = BenchFiles.lastIndex(dir, "baseline-t");
    if (!Files.isDirectory(archive) || projectIndex == null || baselineIndex == null) {
      throw new Bench.Failure(
          "--reuse: "
              + dir
              + " is not a folder a `bench --keep` run left (it needs corpus/,"
              + " index-tN/ and baseline-tN/)");
    }
    List<Path> files = new ArchiveScanner().listFiles(List.of(archive)).files();
    BenchResult.Corpus corpus =
        corpus(archive.toString(), null, files, BenchFiles.totalBytes(files), projectIndex);
    run.notes().add("queries only (--reuse " + dir + "): no build was measured in this run");
    List<HotPath> hot = new HotPaths(run).measure(files, projectIndex, baselineIndex, List.of());
    List<QueryFigure> queries = measureQueries(projectIndex, baselineIndex);
    hot.addAll(HotPaths.fromQueries(queries));
    List<BenchResult.HttpFigure> httpFigures = measureHttp(projectIndex);
    return new BenchResult(
            run.options().command(),
            environment(),
            corpus,
            List.of(),
            List.of(),
            queries,
            hot,
            run.notes())
        .withHttp(httpFigures);
  }

  /**
   * Queries only, on existing incident-search indexes (no archive, no baseline), side by side in
   * this one run: every index runs the same cases, and each case runs on all indexes before the
   * next, so that machine noise hits them alike. Nothing in the folders is changed.
   */
  private BenchResult onIndexes(List<Path> dirs) throws IOException {
    List<IncidentIndex> open = new ArrayList<>();
    try {
      // All opened first: a wrong folder is reported before any measuring.
      for (Path dir : dirs) {
        open.add(IncidentIndex.open(dir));
      }
      List<BenchResult.IndexInfo> infos = new ArrayList<>();
      for (int i = 0; i < open.size(); i++) {
        infos.add(indexInfo(i + 1, open.get(i)));
      }
      run.notes()
          .add(
              "queries only (--index) on "
                  + open.size()
                  + " existing index(es): no build and no baseline in this run");
      List<List<QueryHarness.Case>> groups = new QueryCases(run).sideBySide(open);
      int cases = groups.stream().mapToInt(List::size).sum();
      run.log().accept("warming up " + cases + " query cases on " + open.size() + " index(es) ...");
      List<QueryFigure> queries =
          new QueryHarness(run).warmUpAndMeasure(groups, run.threadCounts());
      return new BenchResult(
          run.options().command(),
          environment(),
          null,
          List.of(),
          List.of(),
          queries,
          List.of(),
          run.notes(),
          infos,
          List.of());
    } finally {
      closeAll(open);
    }
  }

  private BenchResult.IndexInfo indexInfo(int number, IncidentIndex index) throws IOException {
    var manifest = index.manifest();
    BenchResult.IndexInfo info =
        new BenchResult.IndexInfo(
            BenchResult.indexSystem(number),
            index.location().toString(),
            manifest.count(RecordType.INCIDENT),
            manifest.count(RecordType.ARTICLE),
            BenchFiles.sizeOf(index.location()));
    run.log()
        .accept(
            String.format(
                Locale.ROOT,
                "#%d %s: %d incidents, %d articles, %.1f MB",
                number,
                info.path(),
                info.incidents(),
                info.articles(),
                info.bytes() / 1e6));
    return info;
  }

  /** Every query case on both systems' indexes. */
  private List<QueryFigure> measureQueries(Path projectIndex, Path baselineIndex)
      throws IOException {
    try (IncidentIndex index = IncidentIndex.open(projectIndex);
        BaselineIndex base = BaselineIndex.open(baselineIndex)) {
      List<List<QueryHarness.Case>> groups = new QueryCases(run).projectAndBaseline(index, base);
      run.log().accept("warming up " + groups.size() + " query cases ...");
      // Each case is its own group: measured with 1, then N threads, before the next.
      return new ArrayList<>(new QueryHarness(run).warmUpAndMeasure(groups, run.threadCounts()));
    }
  }

  /** The HTTP loads on the project index, when asked for. */
  private List<BenchResult.HttpFigure> measureHttp(Path projectIndex) throws IOException {
    if (http == null) {
      return List.of();
    }
    run.log().accept("searching over HTTP (index-tool serve in its own JVM) ...");
    return http.measure(projectIndex, run.queries(), run.log());
  }

  /** The corpus as reported, its record counts from the manifest of {@code projectIndex}. */
  private static BenchResult.Corpus corpus(
      String path, String generated, List<Path> files, long bytes, Path projectIndex)
      throws IOException {
    try (IncidentIndex index = IncidentIndex.open(projectIndex)) {
      return new BenchResult.Corpus(
          path,
          generated,
          files.size(),
          bytes,
          index.manifest().count(RecordType.INCIDENT),
          index.manifest().count(RecordType.ARTICLE));
    }
  }

  /** Keeps only the index of the largest thread count: the others were measured and go. */
  private static Path keepLast(Path previous, Path dir) throws IOException {
    if (previous != null) {
      BenchFiles.deleteTree(previous);
    }
    return dir;
  }

  private static void closeAll(List<IncidentIndex> indexes) throws IOException {
    IOException first = null;
    for (IncidentIndex index : indexes) {
      try {
        index.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private BenchResult.Environment environment() {
    Runtime rt = Runtime.getRuntime();
    String tool =
        Objects.requireNonNullElse(
            BenchRun.class.getPackage().getImplementationVersion(), "(development build)");
    return new BenchResult.Environment(
        rt.availableProcessors(),
        System.getProperty("java.vm.vendor")
            + " "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.vm.version"),
        System.getProperty("java.version"),
        rt.maxMemory(),
        org.apache.lucene.util.Version.LATEST.toString(),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        tool,
        started,
        loadStart,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
