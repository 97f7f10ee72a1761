package io.incidentsearch.tool.bench;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.build.IndexBuilder;
import io.incidentsearch.engine.OpenIndexes;
import io.incidentsearch.formats.ArchiveScanner;
import io.incidentsearch.formats.JsonLines;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.index.BuildReport;
import io.incidentsearch.model.Article;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.schema.RecordDocuments;
import io.incidentsearch.schema.Schema;
import io.incidentsearch.search.FacetValue;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.tool.bench.BenchResult.Build;
import io.incidentsearch.tool.bench.BenchResult.HotPath;
import io.incidentsearch.tool.bench.BenchResult.Incremental;
import io.incidentsearch.tool.bench.BenchResult.QueryFigure;
import io.incidentsearch.tool.generate.GeneratorException;
import io.incidentsearch.tool.generate.GeneratorOptions;
import io.incidentsearch.tool.generate.SyntheticArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * The end-to-end benchmark: generates or mirrors an archive into a scratch folder, then, in this
 * JVM, builds incident-search and the {@link BaselineIndex} with 1 and N threads, measures the hot
 * paths one at a time, runs the query set in every variant with 1 and N threads, and finally times
 * a no-op and a 1%-changed incremental rebuild. The scratch folder is deleted at the end unless
 * asked to keep it.
 *
 * <p>Latency is {@link System#nanoTime()} around each call after warm-up rounds; throughput with N
 * threads is the number of calls over the wall time of a fixed pool working through the same
 * rounds.
 */
public final class Benchmark {
  /** Facet dimensions whose most frequent value the filtered variant filters on. */
  static final List<String> FILTER_DIMS = List.of("phase", "objective");

  private static final String PLAIN = "plain";
  private static final String FACETS = "facets";
  private static final String FILTERED = "filtered";
  private static final String HIGHLIGHT = "highlight";

  /** Plain, but with a lower-bound total as the baseline reports (no exact count). */
  private static final String FAST_TOTAL = "fast-total";

  private static final String SIMILAR = "similar";

  private final Config config;
  private final Consumer<String> log;
  private final List<String> notes = new ArrayList<>();

  /**
   * What to run.
   *
   * @param corpus an existing archive folder, or null to generate one
   * @param generate incidents to generate (when {@code corpus} is null)
   * @param articlesPerIncident articles per generated incident
   * @param seed the generator's seed
   * @param threads the N of "1 and N threads"
   * @param queries the query set
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
   */
  public record Config(
      Path corpus,
      int generate,
      int articlesPerIncident,
      long seed,
      int threads,
      List<BenchQuery> queries,
      Path scratch,
      boolean keep,
      int rounds,
      double secondsPerCase,
      int similarCount,
      int hotSample,
      String command,
      Path reuse,
      List<Path> indexes,
      HttpProbe http) {
    /** Validates. */
    public Config {
      indexes = indexes == null ? List.of() : List.copyOf(indexes);
      if (corpus == null && generate < 1 && reuse == null && indexes.isEmpty()) {
        throw new IllegalArgumentException(
            "give a corpus, a number of incidents to generate, a kept run or indexes");
      }
      if (threads < 1 || rounds < 1 || similarCount < 0 || hotSample < 1) {
        throw new IllegalArgumentException("threads, rounds and samples must be positive");
      }
      queries = List.copyOf(queries);
    }
  }

  private Benchmark(Config config, Consumer<String> log) {
    this.config = config;
    this.log = log;
  }

  /**
   * Runs the benchmark.
   *
   * @param log receives progress lines
   * @throws BenchException when it cannot run (bad corpus, failed build)
   */
  public static BenchResult run(Config config, Consumer<String> log) throws IOException {
    return new Benchmark(config, log).run();
  }

  private BenchResult run() throws IOException {
    String started = Instant.now().toString();
    double loadStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    if (config.reuse() != null) {
      return runReused(config.reuse(), started, loadStart);
    }
    if (!config.indexes().isEmpty()) {
      return runIndexes(config.indexes(), started, loadStart);
    }
    // A new folder even inside a given one: only what this run made is deleted afterwards.
    Path scratch =
        config.scratch() != null
            ? Files.createTempDirectory(
                Files.createDirectories(config.scratch()), "index-tool-bench-")
            : Files.createTempDirectory("index-tool-bench-");
    log.accept("scratch folder: " + scratch);
    try {
      return runIn(scratch, started, loadStart);
    } finally {
      if (config.keep()) {
        log.accept("kept the scratch folder " + scratch);
      } else {
        deleteTree(scratch);
      }
    }
  }

  private BenchResult runIn(Path scratch, String started, double loadStart) throws IOException {
    // 0. The archive, always in the scratch folder: the 1% change must not touch user files.
    Path archive = scratch.resolve("corpus");
    String generated = null;
    if (config.corpus() == null) {
      generated =
          String.format(
              Locale.ROOT,
              "index-tool generate --incidents %d --articles-per-incident %d --seed %d",
              config.generate(),
              config.articlesPerIncident(),
              config.seed());
      log.accept("generating " + config.generate() + " incidents ...");
      SyntheticArchive.Summary made;
      try {
        made =
            SyntheticArchive.generate(
                new GeneratorOptions(
                    config.generate(),
                    config.articlesPerIncident(),
                    config.seed(),
                    GeneratorOptions.Format.TEXT,
                    null,
                    config.threads(),
                    3000,
                    200000,
                    archive));
      } catch (GeneratorException e) {
        throw new BenchException(e.getMessage(), e);
      }
      log.accept(
          String.format(
              Locale.ROOT,
              "generated %d files, %.1f MB in %.1f s",
              made.files(),
              made.bytes() / 1e6,
              made.seconds()));
    } else {
      if (!Files.isDirectory(config.corpus())) {
        throw new BenchException("--corpus: no such folder: " + config.corpus());
      }
      log.accept("mirroring " + config.corpus() + " (hard links where possible) ...");
      mirror(config.corpus(), archive);
    }
    List<Path> files = new ArchiveScanner().listFiles(List.of(archive)).files();
    if (files.isEmpty()) {
      throw new BenchException("the archive holds no input file: " + config.corpus());
    }
    long bytes = totalBytes(files);
    log.accept(String.format(Locale.ROOT, "archive: %d files, %.1f MB", files.size(), bytes / 1e6));

    // 1. Full builds, after a small one of each system so that neither pays for JIT warm-up.
    warmUp(files, archive, scratch.resolve("warm-up"));
    List<Build> builds = new ArrayList<>();
    List<Integer> threadCounts = threadCounts();
    Path projectIndex = null;
    Path baselineIndex = null;
    for (int t : threadCounts) {
      Path dir = scratch.resolve("index-t" + t);
      builds.add(buildProject(archive, dir, t, bytes));
      projectIndex = keepLast(projectIndex, dir);
    }
    for (int t : threadCounts) {
      Path dir = scratch.resolve("baseline-t" + t);
      builds.add(buildBaseline(files, dir, t, bytes));
      baselineIndex = keepLast(baselineIndex, dir);
    }
    BenchResult.Corpus corpus =
        corpus(
            config.corpus() != null ? config.corpus().toString() : archive.toString(),
            generated,
            files,
            bytes,
            projectIndex);

    // 2. Hot paths, one at a time.
    List<HotPath> hot = hotPaths(files, projectIndex, baselineIndex, builds);

    // 3. Queries, in process and over HTTP.
    List<QueryFigure> queries = measureQueries(projectIndex, baselineIndex, threadCounts);
    hot.addAll(queryHotPaths(queries));
    List<BenchResult.HttpFigure> http = measureHttp(projectIndex);

    // 4. Incremental rebuilds (last: the 1% change alters the archive).
    int n = threadCounts.get(threadCounts.size() - 1);
    double fullSeconds = builds.get(threadCounts.size() - 1).seconds();
    List<Incremental> incremental = incrementals(archive, files, projectIndex, n, fullSeconds);

    BenchResult.Environment env = environment(started, loadStart);
    return new BenchResult(config.command(), env, corpus, builds, incremental, queries, hot, notes)
        .withHttp(http);
  }

  /**
   * Queries only, on what a {@code --keep} run left in {@code dir} (its archive, the index and
   * baseline of its largest thread count): for measuring a search change without building again.
   * Nothing in {@code dir} is changed.
   */
  private BenchResult runReused(Path dir, String started, double loadStart) throws IOException {
    Path archive = dir.resolve("corpus");
    Path projectIndex = lastIndex(dir, "index-t");
    Path baselineIndex = lastIndex(dir, "baseline-t");
    if (!Files.isDirectory(archive) || projectIndex == null || baselineIndex == null) {
      throw new BenchException(
          "--reuse: "
              + dir
              + " is not a folder a `bench --keep` run left (it needs corpus/,"
              + " index-tN/ and baseline-tN/)");
    }
    List<Path> files = new ArchiveScanner().listFiles(List.of(archive)).files();
    BenchResult.Corpus corpus =
        corpus(archive.toString(), null, files, totalBytes(files), projectIndex);
    notes.add("queries only (--reuse " + dir + "): no build was measured in this run");
    List<HotPath> hot = hotPaths(files, projectIndex, baselineIndex, List.of());
    List<QueryFigure> queries = measureQueries(projectIndex, baselineIndex, threadCounts());
    hot.addAll(queryHotPaths(queries));
    List<BenchResult.HttpFigure> http = measureHttp(projectIndex);
    return new BenchResult(
            config.command(),
            environment(started, loadStart),
            corpus,
            List.of(),
            List.of(),
            queries,
            hot,
            notes)
        .withHttp(http);
  }

  /**
   * Queries only, on existing incident-search indexes (no archive, no baseline), side by side in
   * this one run: every index runs the same cases, and each case runs on all indexes before the
   * next, so that machine noise hits them alike. Nothing in the folders is changed.
   */
  private BenchResult runIndexes(List<Path> dirs, String started, double loadStart)
      throws IOException {
    List<IncidentIndex> open = new ArrayList<>();
    try {
      // All opened first: a wrong folder is reported before any measuring.
      for (Path dir : dirs) {
        open.add(IncidentIndex.open(dir));
      }
      List<BenchResult.IndexInfo> infos = new ArrayList<>();
      for (int i = 0; i < open.size(); i++) {
        IncidentIndex index = open.get(i);
        var manifest = index.manifest();
        BenchResult.IndexInfo info =
            new BenchResult.IndexInfo(
                BenchResult.indexSystem(i + 1),
                index.location().toString(),
                manifest.count(RecordType.INCIDENT),
                manifest.count(RecordType.ARTICLE),
                sizeOf(index.location()));
        infos.add(info);
        log.accept(
            String.format(
                Locale.ROOT,
                "#%d %s: %d incidents, %d articles, %.1f MB",
                i + 1,
                info.path(),
                info.incidents(),
                info.articles(),
                info.bytes() / 1e6));
      }
      notes.add(
          "queries only (--index) on "
              + open.size()
              + " existing index(es): no build and no"
              + " baseline in this run");
      List<QueryFigure> queries = compareQueries(open, threadCounts());
      return new BenchResult(
          config.command(),
          environment(started, loadStart),
          null,
          List.of(),
          List.of(),
          queries,
          List.of(),
          notes,
          infos,
          List.of());
    } finally {
      closeAll(open);
    }
  }

  /** The HTTP loads on the project index, when asked for. */
  private List<BenchResult.HttpFigure> measureHttp(Path projectIndex) throws IOException {
    if (config.http() == null) {
      return List.of();
    }
    log.accept("searching over HTTP (index-tool serve in its own JVM) ...");
    return config.http().measure(projectIndex, config.queries(), log);
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

  /** The thread counts builds and queries are measured with: 1 and N. */
  private List<Integer> threadCounts() {
    return config.threads() == 1 ? List.of(1) : List.of(1, config.threads());
  }

  private static long totalBytes(List<Path> files) throws IOException {
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    return bytes;
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

  /** Every query case on both systems' indexes. */
  private List<QueryFigure> measureQueries(
      Path projectIndex, Path baselineIndex, List<Integer> threadCounts) throws IOException {
    try (IncidentIndex index = IncidentIndex.open(projectIndex);
        BaselineIndex base = BaselineIndex.open(baselineIndex)) {
      return new ArrayList<>(queries(index, base, threadCounts));
    }
  }

  /** The {@code prefix}N folder of {@code dir} with the largest N, or null. */
  private static Path lastIndex(Path dir, String prefix) throws IOException {
    Path best = null;
    int bestN = -1;
    try (var children = Files.list(dir)) {
      for (Path p : children.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(prefix) && Files.isDirectory(p)) {
          try {
            int n = Integer.parseInt(name.substring(prefix.length()));
            if (n > bestN) {
              bestN = n;
              best = p;
            }
          } catch (NumberFormatException e) {
            // not one of ours
          }
        }
      }
    }
    return best;
  }

  /** Keeps only the index of the largest thread count: the others were measured and go. */
  private static Path keepLast(Path previous, Path dir) throws IOException {
    if (previous != null) {
      deleteTree(previous);
    }
    return dir;
  }

  // ---------------------------------------------------------------------------- builds

  private void warmUp(List<Path> files, Path archive, Path dir) throws IOException {
    List<Path> some = evenly(files, 300);
    log.accept("warm-up builds of " + some.size() + " files ...");
    Path part = dir.resolve("files");
    for (Path f : some) {
      Path target = part.resolve(archive.relativize(f).toString());
      Files.createDirectories(target.getParent());
      Files.copy(f, target);
    }
    IncidentIndex.build(
        dir.resolve("index"),
        List.of(part),
        BuildOptions.defaults().full(true).threads(config.threads()));
    Files.createDirectories(dir.resolve("baseline"));
    BaselineIndex.build(
        new ArchiveScanner().listFiles(List.of(part)).files(),
        dir.resolve("baseline"),
        config.threads());
    deleteTree(dir);
  }

  private Build buildProject(Path archive, Path dir, int threads, long bytes) throws IOException {
    log.accept("full build, incident-search, " + threads + " thread(s) ...");
    HeapMonitor heap = HeapMonitor.start();
    long t0 = System.nanoTime();
    BuildReport r;
    try {
      r =
          IncidentIndex.build(
              dir, List.of(archive), BuildOptions.defaults().full(true).threads(threads));
    } catch (OutOfMemoryError e) {
      heap.stop();
      throw new BenchException(
          "incident-search's full build ran out of memory with -Xmx"
              + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / (1 << 20)
              + "m; give the JVM more heap or generate fewer incidents",
          e);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    HeapMonitor.Usage u = heap.stop();
    long records = r.manifest().recordCounts().values().stream().mapToLong(Long::longValue).sum();
    Build b =
        new Build(
            BenchResult.PROJECT,
            threads,
            seconds,
            records,
            bytes,
            sizeOf(dir),
            u.peakUsedBytes(),
            u.peakLiveBytes(),
            u.gcCount(),
            u.gcMillis());
    log.accept(describe(b));
    return b;
  }

  private Build buildBaseline(List<Path> files, Path dir, int threads, long bytes)
      throws IOException {
    log.accept("full build, baseline, " + threads + " thread(s) ...");
    Files.createDirectories(dir);
    HeapMonitor heap = HeapMonitor.start();
    long t0 = System.nanoTime();
    BaselineIndex.Built r = BaselineIndex.build(files, dir, threads);
    double seconds = (System.nanoTime() - t0) / 1e9;
    HeapMonitor.Usage u = heap.stop();
    Build b =
        new Build(
            BenchResult.BASELINE,
            threads,
            seconds,
            r.records(),
            bytes,
            sizeOf(dir),
            u.peakUsedBytes(),
            u.peakLiveBytes(),
            u.gcCount(),
            u.gcMillis());
    log.accept(describe(b));
    return b;
  }

  private static String describe(Build b) {
    return String.format(
        Locale.ROOT,
        "  %.2f s, %.0f docs/s, %.1f MB/s, index %.1f MB, peak heap %.0f MB (live %.0f MB)",
        b.seconds(),
        b.docsPerSecond(),
        b.mbPerSecond(),
        b.indexBytes() / 1e6,
        b.peakHeapBytes() / 1e6,
        b.peakLiveBytes() / 1e6);
  }

  private List<Incremental> incrementals(
      Path archive, List<Path> files, Path index, int threads, double fullSeconds)
      throws IOException {
    List<Incremental> out = new ArrayList<>();
    BuildOptions options = BuildOptions.defaults().full(false).threads(threads);

    log.accept("no-op incremental build ...");
    out.add(incremental("no-op", 0, archive, index, options, fullSeconds));

    List<Path> pages = files.stream().filter(f -> lower(f).endsWith(".txt")).toList();
    int change = (int) Math.ceil(files.size() / 100.0);
    if (pages.size() < change) {
      notes.add("1% incremental build skipped: the archive has too few page files to change");
      return out;
    }
    // Evenly spaced over the sorted files: incidents and articles alike.
    double step = (double) pages.size() / change;
    for (int i = 0; i < change; i++) {
      touch(pages.get((int) (i * step)), i);
    }
    log.accept("incremental build after changing " + change + " files (1%) ...");
    out.add(incremental("1% changed", change, archive, index, options, fullSeconds));
    return out;
  }

  private Incremental incremental(
      String phase, int changed, Path archive, Path index, BuildOptions options, double fullSeconds)
      throws IOException {
    HeapMonitor heap = HeapMonitor.start();
    long t0 = System.nanoTime();
    BuildReport r = IncidentIndex.build(index, List.of(archive), options);
    double seconds = (System.nanoTime() - t0) / 1e9;
    HeapMonitor.Usage u = heap.stop();
    log.accept(
        String.format(
            Locale.ROOT,
            "  %.2f s (%.1f%% of the full build), %d files parsed, +%d ~%d -%d," + " %d relinked",
            seconds,
            100 * seconds / fullSeconds,
            r.filesParsed(),
            r.added(),
            r.updated(),
            r.deleted(),
            r.relinked()));
    return new Incremental(
        phase,
        changed,
        seconds,
        fullSeconds,
        r.filesParsed(),
        r.added() + r.updated() + r.deleted() + r.relinked(),
        u.peakUsedBytes());
  }

  /**
   * Changes a page as an editor would: a word added to an incident's title, or a paragraph to an
   * article. The file is replaced (new file, then rename), so a hard-linked mirror never changes
   * the user's original.
   */
  private static void touch(Path page, int n) throws IOException {
    String text = Files.readString(page, StandardCharsets.UTF_8);
    String changed =
        text.startsWith("Incident: ")
            ? "Incident: Revised " + text.substring("Incident: ".length())
            : text.stripTrailing() + "\n\nUpdated by the benchmark, revision " + n + ".\n";
    Path tmp = page.resolveSibling(page.getFileName() + ".bench-tmp");
    Files.writeString(tmp, changed, StandardCharsets.UTF_8);
    Files.move(tmp, page, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  // ---------------------------------------------------------------------------- hot paths

  private List<HotPath> hotPaths(
      List<Path> files, Path projectIndex, Path baselineIndex, List<Build> builds)
      throws IOException {
    log.accept("hot paths ...");
    List<HotPath> out = new ArrayList<>();
    List<Path> sample = evenly(files, config.hotSample());
    long sampleBytes = 0;
    for (Path f : sample) {
      sampleBytes += Files.size(f);
    }
    double buildPerFileMicros = // the 1-thread build of incident-search; none with --reuse
        builds.isEmpty() ? Double.NaN : builds.get(0).seconds() * 1e6 / files.size();

    // Hashing, alone.
    long t0 = System.nanoTime();
    for (Path f : sample) {
      IndexBuilder.sha256(f);
    }
    double hashMicros = (System.nanoTime() - t0) / 1e3 / sample.size();
    out.add(
        new HotPath(
            "hashing (SHA-256)",
            perFile(hashMicros, sampleBytes, sample.size()),
            hashMicros,
            share(hashMicros, buildPerFileMicros, "1-thread build"),
            "IndexBuilder.sha256 over " + sample.size() + " files, 1 thread"));

    // Parsing (reading, decoding, format detection, reader; includes the reader's own hash).
    ArchiveScanner scanner = new ArchiveScanner();
    List<Record> records = new ArrayList<>();
    t0 = System.nanoTime();
    for (Path f : sample) {
      records.addAll(scanner.parse(f).records());
    }
    double parseMicros = (System.nanoTime() - t0) / 1e3 / sample.size();
    out.add(
        new HotPath(
            "parsing",
            perFile(parseMicros, sampleBytes, sample.size()),
            parseMicros,
            share(parseMicros, buildPerFileMicros, "1-thread build"),
            "ArchiveScanner.parse over the same files (it hashes the bytes too)"));

    // The stored JSON of every record.
    t0 = System.nanoTime();
    for (Record r : records) {
      JsonLines.toJson(r);
    }
    double jsonMicros = (System.nanoTime() - t0) / 1e3 / Math.max(1, records.size());
    out.add(
        new HotPath(
            "record JSON (stored copy)",
            String.format(Locale.ROOT, "%.0f µs/record", jsonMicros),
            jsonMicros,
            null,
            "JsonLines.toJson over the sample's " + records.size() + " records"));

    // Cited-article text copy: index the sample's incidents with and without it.
    out.addAll(citedTextCost(files, records));

    // The "did you mean" field: every record's words, gathered during their analysis.
    out.addAll(spellingCost(records));

    // Facet state: built once per opened reader; the first facet query pays it.
    out.add(facetState(projectIndex, baselineIndex));
    // What facet counting reads per matching record, on each side.
    out.add(facetOrdinals(projectIndex, baselineIndex));
    return out;
  }

  private List<HotPath> citedTextCost(List<Path> files, List<Record> sampleRecords)
      throws IOException {
    Map<String, Path> byStem = new HashMap<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      int dot = name.lastIndexOf('.');
      byStem.putIfAbsent(dot > 0 ? name.substring(0, dot) : name, f);
    }
    ArchiveScanner scanner = new ArchiveScanner();
    List<Incident> incidents = new ArrayList<>();
    Map<Incident, List<Article>> cited = new LinkedHashMap<>();
    for (Record r : sampleRecords) {
      if (r instanceof Incident i) {
        List<Article> arts = new ArrayList<>();
        for (String id : i.articleIds()) {
          Path f = byStem.get(id);
          if (f != null) {
            for (Record a : scanner.parse(f).records()) {
              if (a instanceof Article art && art.id().equals(id)) {
                arts.add(art);
              }
            }
          }
        }
        incidents.add(i);
        cited.put(i, arts);
      }
    }
    if (incidents.isEmpty()) {
      notes.add("cited-article text cost not measured: the sample holds no incident");
      return List.of();
    }
    RecordDocuments docs = new RecordDocuments(Schema.get());
    // Twice each, the first round as warm-up.
    double without = 0;
    double with = 0;
    for (int round = 0; round < 2; round++) {
      without = indexMicros(incidents, i -> docs.incident(i, "", List.of()));
      with = indexMicros(incidents, i -> docs.incident(i, "", cited.get(i)));
    }
    double copy = with - without;
    return List.of(
        new HotPath(
            "incident document, analysis and indexing",
            String.format(Locale.ROOT, "%.0f µs/incident without cited text", without),
            without,
            null,
            "RecordDocuments.incident + IndexWriter.addDocument (in memory) over "
                + incidents.size()
                + " sampled incidents"),
        new HotPath(
            "cited-article text copy",
            String.format(Locale.ROOT, "+%.0f µs/incident", copy),
            copy,
            String.format(Locale.ROOT, "%.0f%% of an incident's indexing", 100 * copy / with),
            "the same incidents with their cited articles' title and body in cited_text"));
  }

  /**
   * What the spelling field adds: the sample's records indexed as built, and with plain copies of
   * their text fields (whose analysis gathers no words for it) and without the field.
   */
  private List<HotPath> spellingCost(List<Record> sampleRecords) throws IOException {
    if (sampleRecords.isEmpty()) {
      return List.of();
    }
    RecordDocuments docs = new RecordDocuments(Schema.get());
    DocFactory<Record> built =
        r ->
            switch (r) {
              case Incident i -> docs.incident(i, "", List.of());
              case Article a -> docs.article(a, "", List.of());
            };
    DocFactory<Record> plain =
        r -> {
          org.apache.lucene.document.Document d = new org.apache.lucene.document.Document();
          for (org.apache.lucene.index.IndexableField f : built.make(r)) {
            if (f.name().equals(Schema.SPELL)) {
              continue;
            }
            // The own-text fields that gather spelling words are anonymous Field subclasses.
            boolean collecting = f.getClass().isAnonymousClass();
            d.add(
                collecting
                    ? new org.apache.lucene.document.Field(f.name(), f.stringValue(), f.fieldType())
                    : f);
          }
          return d;
        };
    double withMicros = 0;
    double withoutMicros = 0;
    for (int round = 0; round < 2; round++) { // the first round warms up
      withoutMicros = indexMicros(sampleRecords, plain);
      withMicros = indexMicros(sampleRecords, built);
    }
    double spell = withMicros - withoutMicros;
    return List.of(
        new HotPath(
            "spelling field (did you mean)",
            String.format(Locale.ROOT, "+%.0f µs/record", spell),
            spell,
            String.format(Locale.ROOT, "%.0f%% of a record's indexing", 100 * spell / withMicros),
            "the sample's "
                + sampleRecords.size()
                + " records indexed as built and without"
                + " their spell field (text fields copied plainly; no cited text)"));
  }

  /** Makes the document of one item, inside the timed loop. */
  private interface DocFactory<T> {
    org.apache.lucene.document.Document make(T item) throws IOException;
  }

  /** Microseconds per item to make its document and add it to an in-memory index. */
  private static <T> double indexMicros(List<T> items, DocFactory<T> factory) throws IOException {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriter w =
            new IndexWriter(
                dir, new IndexWriterConfig(Schema.get().analyzer()).setRAMBufferSizeMB(64))) {
      long t0 = System.nanoTime();
      for (T item : items) {
        w.addDocument(factory.make(item));
      }
      w.commit();
      return (System.nanoTime() - t0) / 1e3 / items.size();
    }
  }

  private HotPath facetState(Path projectIndex, Path baselineIndex) throws IOException {
    double project;
    try (var dir = FSDirectory.open(projectIndex);
        DirectoryReader reader = DirectoryReader.open(dir)) {
      new DefaultSortedSetDocValuesReaderState(reader, Schema.get().facetsConfig()); // warm
      long t0 = System.nanoTime();
      new DefaultSortedSetDocValuesReaderState(reader, Schema.get().facetsConfig());
      project = (System.nanoTime() - t0) / 1e3;
    }
    double baseline;
    try (BaselineIndex b = BaselineIndex.open(baselineIndex)) {
      long t0 = System.nanoTime();
      b.warmFacets();
      baseline = (System.nanoTime() - t0) / 1e3;
    }
    return new HotPath(
        "facet ordinal map (per opened reader)",
        String.format(Locale.ROOT, "%.1f ms (baseline %.1f ms)", project / 1e3, baseline / 1e3),
        project,
        null,
        "DefaultSortedSetDocValuesReaderState over the whole index: the first facet query after"
            + " a (re)open pays it");
  }

  /**
   * Facet ordinals per record with facets, on both sides: what counting reads for each match
   * (incident-search gives articles their citing incidents' taxonomy, the baseline does not).
   */
  private static HotPath facetOrdinals(Path projectIndex, Path baselineIndex) throws IOException {
    double project = ordinalsPerRecord(projectIndex);
    double baseline = ordinalsPerRecord(baselineIndex);
    return new HotPath(
        "facet ordinals per record",
        String.format(Locale.ROOT, "%.1f (baseline %.1f)", project, baseline),
        Double.NaN, // a count, not a time
        String.format(Locale.ROOT, "%.1fx the baseline's", project / baseline),
        "sorted-set doc values of the facet field, averaged over the live records having any:"
            + " what facet counting reads per match");
  }

  private static double ordinalsPerRecord(Path index) throws IOException {
    long records = 0;
    long ordinals = 0;
    try (var dir = FSDirectory.open(index);
        DirectoryReader reader = DirectoryReader.open(dir)) {
      for (LeafReaderContext leaf : reader.leaves()) {
        SortedSetDocValues dv =
            leaf.reader().getSortedSetDocValues(FacetsConfig.DEFAULT_INDEX_FIELD_NAME);
        Bits live = leaf.reader().getLiveDocs();
        if (dv == null) {
          continue;
        }
        for (int d = dv.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = dv.nextDoc()) {
          if (live == null || live.get(d)) {
            records++;
            ordinals += dv.docValueCount();
          }
        }
      }
    }
    return records == 0 ? 0 : (double) ordinals / records;
  }

  private static List<HotPath> queryHotPaths(List<QueryFigure> queries) {
    List<HotPath> out = new ArrayList<>();
    QueryFigure plain = find(queries, BenchResult.PROJECT, "text", PLAIN);
    QueryFigure hl = find(queries, BenchResult.PROJECT, "text", HIGHLIGHT);
    QueryFigure facets = find(queries, BenchResult.PROJECT, "text", FACETS);
    QueryFigure bPlain = find(queries, BenchResult.BASELINE, "text", PLAIN);
    QueryFigure bFacets = find(queries, BenchResult.BASELINE, "text", FACETS);
    if (plain != null && hl != null) {
      double d = hl.p50Ms() - plain.p50Ms();
      out.add(
          new HotPath(
              "highlighting (top 10)",
              String.format(Locale.ROOT, "+%.2f ms p50 per query", d),
              d * 1e3,
              String.format(Locale.ROOT, "%.0f%% of a highlighted query", 100 * d / hl.p50Ms()),
              "text queries with snippets minus without (UnifiedHighlighter, stored fields)"));
    }
    if (plain != null && facets != null) {
      double d = facets.p50Ms() - plain.p50Ms();
      String base =
          bPlain != null && bFacets != null
              ? String.format(Locale.ROOT, " (baseline +%.2f ms)", bFacets.p50Ms() - bPlain.p50Ms())
              : "";
      out.add(
          new HotPath(
              "facet counting, all " + Schema.facetDimensions().size() + " dims",
              String.format(Locale.ROOT, "+%.2f ms p50 per query%s", d, base),
              d * 1e3,
              String.format(Locale.ROOT, "%.0f%% of a query with facets", 100 * d / facets.p50Ms()),
              "text queries with every facet count minus without"));
    }
    return out;
  }

  private static QueryFigure find(
      List<QueryFigure> queries, String system, String kind, String variant) {
    return queries.stream()
        .filter(
            q ->
                q.system().equals(system)
                    && q.kind().equals(kind)
                    && q.variant().equals(variant)
                    && q.threads() == 1)
        .findFirst()
        .orElse(null);
  }

  private static String perFile(double micros, long bytes, int files) {
    double mbs = bytes / 1e6 / (micros * files / 1e6);
    return String.format(Locale.ROOT, "%.0f µs/file (%.0f MB/s)", micros, mbs);
  }

  private static String share(double part, double whole, String of) {
    if (Double.isNaN(whole)) {
      return null;
    }
    return String.format(Locale.ROOT, "%.0f%% of a %s", 100 * part / whole, of);
  }

  // ---------------------------------------------------------------------------- queries

  /** One way of asking a query, on one of the two systems. */
  private interface Call {
    /** Runs it; returns the total hits. */
    long run() throws IOException;
  }

  /** A named list of calls measured together. */
  private record Case(String system, String kind, String variant, List<Call> calls) {}

  private List<QueryFigure> queries(IncidentIndex index, BaselineIndex base, List<Integer> threads)
      throws IOException {
    Map<String, String> filters = filters(index);
    if (filters.size() < FILTER_DIMS.size()) {
      notes.add("filtered queries skipped: no value for facet dimensions " + FILTER_DIMS);
    }
    List<Case> cases = new ArrayList<>();
    for (Map.Entry<String, List<BenchQuery>> e : queriesByKind().entrySet()) {
      String kind = e.getKey();
      List<BenchQuery> qs = e.getValue();
      for (String variant : variants(filters)) {
        cases.add(
            new Case(
                BenchResult.PROJECT, kind, variant, projectCalls(index, qs, variant, filters)));
        if (!variant.equals(HIGHLIGHT) && !variant.equals(FAST_TOTAL)) {
          cases.add(
              new Case(
                  BenchResult.BASELINE, kind, variant, baselineCalls(base, qs, variant, filters)));
        }
      }
    }
    List<String> keys = similarKeys(index);
    if (!keys.isEmpty()) {
      List<Call> p = new ArrayList<>();
      List<Call> b = new ArrayList<>();
      for (String k : keys) {
        p.add(() -> index.similar(k, 10).size());
        b.add(() -> base.similar(k));
      }
      cases.add(new Case(BenchResult.PROJECT, SIMILAR, SIMILAR, p));
      cases.add(new Case(BenchResult.BASELINE, SIMILAR, SIMILAR, b));
    }

    log.accept("warming up " + cases.size() + " query cases ...");
    // Each case is its own group: measured with 1, then N threads, before the next.
    return warmUpAndMeasure(cases.stream().map(List::of).toList(), threads);
  }

  /**
   * Runs every call of every case three times, then measures the groups in order: each case of a
   * group with one thread, then each with N threads, before the next group. ("text" pools the term,
   * multi and phrase queries, measured as one case.)
   */
  private List<QueryFigure> warmUpAndMeasure(List<List<Case>> groups, List<Integer> threads)
      throws IOException {
    for (int round = 0; round < 3; round++) {
      for (List<Case> group : groups) {
        for (Case c : group) {
          for (Call call : c.calls()) {
            call.run();
          }
        }
      }
    }
    List<QueryFigure> out = new ArrayList<>();
    for (List<Case> group : groups) {
      List<QueryFigure> single = new ArrayList<>();
      for (Case c : group) {
        QueryFigure one = measureSingle(c);
        single.add(one);
        out.add(one);
        log.accept(describe(one));
      }
      for (int t : threads) {
        if (t > 1) {
          for (int i = 0; i < group.size(); i++) {
            Case c = group.get(i);
            int rounds = Math.max(3, single.get(i).samples() / c.calls().size());
            QueryFigure many = measureParallel(c, t, rounds);
            out.add(many);
            log.accept(describe(many));
          }
        }
      }
    }
    return out;
  }

  /**
   * The query set by measured kind, in report order: {@code text} (term, multi and phrase pooled),
   * then every {@link BenchQuery#KINDS} kind; kinds without queries are left out.
   */
  private Map<String, List<BenchQuery>> queriesByKind() {
    Map<String, List<BenchQuery>> out = new LinkedHashMap<>();
    List<String> kinds = new ArrayList<>();
    kinds.add("text");
    kinds.addAll(BenchQuery.KINDS);
    for (String kind : kinds) {
      List<BenchQuery> qs =
          config.queries().stream()
              .filter(
                  q ->
                      kind.equals("text")
                          ? BenchQuery.TEXT_KINDS.contains(q.kind())
                          : q.kind().equals(kind))
              .toList();
      if (!qs.isEmpty()) {
        out.put(kind, qs);
      }
    }
    return out;
  }

  /** The variants incident-search is measured in; filtered only with a value per dimension. */
  private static List<String> variants(Map<String, String> filters) {
    List<String> variants = new ArrayList<>(List.of(PLAIN, FACETS));
    if (filters.size() == FILTER_DIMS.size()) {
      variants.add(FILTERED);
    }
    variants.add(HIGHLIGHT);
    variants.add(FAST_TOTAL);
    return variants;
  }

  /**
   * The incident-search cases of {@link #queries} on every index, without baseline cases. The
   * filter values and similar keys come from the first index, so that every index runs the same
   * queries.
   */
  private List<QueryFigure> compareQueries(List<IncidentIndex> indexes, List<Integer> threads)
      throws IOException {
    IncidentIndex first = indexes.get(0);
    Map<String, String> filters = filters(first);
    if (filters.size() < FILTER_DIMS.size()) {
      notes.add(
          "filtered queries skipped: the first index has no value for facet dimensions "
              + FILTER_DIMS);
    } else {
      for (int i = 1; i < indexes.size(); i++) {
        List<String> missing = missingFilters(indexes.get(i), filters);
        if (!missing.isEmpty()) {
          notes.add(
              "filtered queries: "
                  + BenchResult.indexSystem(i + 1)
                  + " has no record with "
                  + String.join(", ", missing)
                  + " (the filter values come from #1), so its"
                  + " filtered queries match less");
        }
      }
    }
    // One group per case: the same case on each index, measured one after the other.
    List<List<Case>> groups = new ArrayList<>();
    for (Map.Entry<String, List<BenchQuery>> e : queriesByKind().entrySet()) {
      for (String variant : variants(filters)) {
        List<Case> group = new ArrayList<>();
        for (int i = 0; i < indexes.size(); i++) {
          group.add(
              new Case(
                  BenchResult.indexSystem(i + 1),
                  e.getKey(),
                  variant,
                  projectCalls(indexes.get(i), e.getValue(), variant, filters)));
        }
        groups.add(group);
      }
    }
    List<String> picked = similarKeys(first);
    List<String> keys = new ArrayList<>();
    for (String key : picked) {
      if (inAll(indexes, key)) {
        keys.add(key);
      }
    }
    if (indexes.size() > 1 && !picked.isEmpty()) {
      notes.add(
          "similar: "
              + keys.size()
              + " of the "
              + picked.size()
              + " incident keys picked from"
              + " #1 are in every index and were asked");
    }
    if (!keys.isEmpty()) {
      List<Case> group = new ArrayList<>();
      for (int i = 0; i < indexes.size(); i++) {
        IncidentIndex index = indexes.get(i);
        List<Call> calls = new ArrayList<>();
        for (String k : keys) {
          calls.add(() -> index.similar(k, 10).size());
        }
        group.add(new Case(BenchResult.indexSystem(i + 1), SIMILAR, SIMILAR, calls));
      }
      groups.add(group);
    }

    int cases = groups.stream().mapToInt(List::size).sum();
    log.accept("warming up " + cases + " query cases on " + indexes.size() + " index(es) ...");
    return warmUpAndMeasure(groups, threads);
  }

  /** The {@code dim=value} filters of which {@code index} has no record. */
  private static List<String> missingFilters(IncidentIndex index, Map<String, String> filters)
      throws IOException {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> f : filters.entrySet()) {
      SearchRequest request =
          SearchRequest.builder()
              .query("")
              .filter(f.getKey(), f.getValue())
              .limit(1)
              .highlight(false)
              .countFacets(false)
              .build();
      if (index.search(request).totalHits() == 0) {
        missing.add(f.getKey() + "=" + f.getValue());
      }
    }
    return missing;
  }

  private static boolean inAll(List<IncidentIndex> indexes, String key) throws IOException {
    for (IncidentIndex index : indexes) {
      if (index.get(key).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private static String describe(QueryFigure f) {
    return String.format(
        Locale.ROOT,
        "  %-15s %-7s %-9s %dt  p50 %7.2f  p90 %7.2f  p99 %7.2f ms  %8.1f q/s",
        f.system(),
        f.kind(),
        f.variant(),
        f.threads(),
        f.p50Ms(),
        f.p90Ms(),
        f.p99Ms(),
        f.qps());
  }

  private QueryFigure measureSingle(Case c) throws IOException {
    Latencies lat = new Latencies();
    long hits = 0;
    long budget = (long) (config.secondsPerCase() * 1e9);
    long start = System.nanoTime();
    int rounds = 0;
    while (rounds < config.rounds() && (rounds < 3 || System.nanoTime() - start < budget)) {
      for (Call call : c.calls()) {
        long t0 = System.nanoTime();
        long h = call.run();
        lat.add(System.nanoTime() - t0);
        if (rounds == 0) {
          hits += h;
        }
      }
      rounds++;
    }
    return new QueryFigure(
        c.system(),
        c.kind(),
        c.variant(),
        1,
        lat.size(),
        lat.percentileMs(50),
        lat.percentileMs(90),
        lat.percentileMs(99),
        lat.size() / lat.totalSeconds(),
        (double) hits / c.calls().size());
  }

  private QueryFigure measureParallel(Case c, int threads, int rounds) throws IOException {
    Latencies lat = new Latencies();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      long start = System.nanoTime();
      for (int r = 0; r < rounds; r++) {
        for (Call call : c.calls()) {
          futures.add(
              pool.submit(
                  () -> {
                    long t0 = System.nanoTime();
                    call.run();
                    lat.add(System.nanoTime() - t0);
                    return null;
                  }));
        }
      }
      for (Future<?> f : futures) {
        f.get();
      }
      double wall = (System.nanoTime() - start) / 1e9;
      return new QueryFigure(
          c.system(),
          c.kind(),
          c.variant(),
          threads,
          lat.size(),
          lat.percentileMs(50),
          lat.percentileMs(90),
          lat.percentileMs(99),
          lat.size() / wall,
          Double.NaN);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(cause);
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Call> projectCalls(
      IncidentIndex index, List<BenchQuery> qs, String variant, Map<String, String> filters) {
    List<Call> calls = new ArrayList<>();
    for (BenchQuery q : qs) {
      SearchRequest.Builder b =
          SearchRequest.builder().query(q.query()).limit(10).highlight(false).countFacets(false);
      switch (variant) {
        case FACETS -> b.countFacets(true);
        case FILTERED -> {
          b.countFacets(true);
          filters.forEach(b::filter);
        }
        case HIGHLIGHT -> b.highlight(true);
        case FAST_TOTAL -> b.exactTotal(false);
        default -> {}
      }
      SearchRequest request = b.build();
      calls.add(() -> index.search(request).totalHits());
    }
    return calls;
  }

  private static List<Call> baselineCalls(
      BaselineIndex base, List<BenchQuery> qs, String variant, Map<String, String> filters) {
    List<Call> calls = new ArrayList<>();
    for (BenchQuery q : qs) {
      Query query = base.parse(q.baseline());
      calls.add(
          switch (variant) {
            case FACETS -> () -> base.searchWithFacets(query);
            case FILTERED -> () -> base.searchFiltered(query, filters);
            default -> () -> base.search(query);
          });
    }
    return calls;
  }

  /** The most frequent value of each {@link #FILTER_DIMS} dimension ("missing" aside). */
  private static Map<String, String> filters(IncidentIndex index) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    var counts = index.facets(SearchRequest.builder().query("").build());
    for (String dim : FILTER_DIMS) {
      for (FacetValue v : counts.values(dim)) {
        if (!v.value().equals(Schema.MISSING)) {
          out.put(dim, v.value());
          break;
        }
      }
    }
    return out;
  }

  /** {@code similarCount} incident keys spread evenly over the sorted keys of the index. */
  private List<String> similarKeys(IncidentIndex index) throws IOException {
    List<String> all = new ArrayList<>();
    String prefix = RecordType.INCIDENT.key() + ":";
    var searcher = OpenIndexes.searcherManager(index).acquire();
    try {
      Terms terms = MultiTerms.getTerms(searcher.getIndexReader(), Schema.KEY);
      if (terms != null) {
        TermsEnum te = terms.iterator();
        if (te.seekCeil(new BytesRef(prefix)) != TermsEnum.SeekStatus.END) {
          for (BytesRef t = te.term(); t != null; t = te.next()) {
            String key = t.utf8ToString();
            if (!key.startsWith(prefix)) {
              break;
            }
            all.add(key);
          }
        }
      }
    } finally {
      OpenIndexes.searcherManager(index).release(searcher);
    }
    return evenly(all, config.similarCount());
  }

  // ---------------------------------------------------------------------------- helpers

  /** At most {@code n} items spread evenly over {@code items}, in order. */
  static <T> List<T> evenly(List<T> items, int n) {
    if (items.size() <= n) {
      return List.copyOf(items);
    }
    List<T> out = new ArrayList<>(n);
    double step = (double) items.size() / n;
    for (int i = 0; i < n; i++) {
      out.add(items.get((int) (i * step)));
    }
    return out;
  }

  private static String lower(Path p) {
    return p.getFileName().toString().toLowerCase(Locale.ROOT);
  }

  private BenchResult.Environment environment(String started, double loadStart) {
    Runtime rt = Runtime.getRuntime();
    String tool =
        Objects.requireNonNullElse(
            Benchmark.class.getPackage().getImplementationVersion(), "(development build)");
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

  /** The total size of the files under {@code dir}. */
  static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    }
  }

  /** Mirrors {@code from} into {@code to} with hard links, copying where links fail. */
  private static void mirror(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Path target = to.resolve(from.relativize(file).toString());
            try {
              Files.createLink(target, file);
            } catch (IOException | UnsupportedOperationException e) {
              Files.copy(file, target);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Deletes {@code dir} and everything under it. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
