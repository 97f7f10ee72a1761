package io.incidentsearch.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.index.BuildReport;
import io.incidentsearch.index.IndexCheck;
import io.incidentsearch.index.Manifest;
import io.incidentsearch.model.Record;
import io.incidentsearch.search.Hit;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import io.incidentsearch.search.SortOrder;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: a build in a separate JVM is killed with SIGKILL ({@link
 * Process#destroyForcibly()}) in the middle of its work, on an archive written by {@code index-tool
 * generate}. Afterwards the index must open, pass {@code check}, hold exactly the records of its
 * last commit (each one whole), and a new build must end with the same statistics and search
 * results as a clean build of the same archive.
 *
 * <p>Each round first builds half the archive (the last commit), then adds the other half and
 * starts {@code index-tool build} in a child JVM, killing it at one of three moments that cycle: as
 * soon as it writes its first new index file (a segment flush), after half the time a whole build
 * takes, or as soon as it starts to commit ({@code pending_segments_N}). The size and the number of
 * rounds default to what fits CI ({@value #DEFAULT_INCIDENTS} incidents, {@value #DEFAULT_ROUNDS}
 * rounds); {@code -Dincidentsearch.crash.incidents=N -Dincidentsearch.crash.rounds=R} runs a longer
 * test (see src/docs/RELIABILITY.md).
 */
class CrashSafetyTest {
  private static final System.Logger LOG = System.getLogger(CrashSafetyTest.class.getName());
  private static final int DEFAULT_INCIDENTS = 100;
  private static final int DEFAULT_ROUNDS = 3;
  private static final List<String> QUERIES =
      List.of("", "software failure", "phone numbers", "outage OR breach", "title:hack*");

  @TempDir Path tmp;

  @Test
  void aKilledBuildLeavesTheLastCommitAndARebuildEqualsACleanBuild() throws Exception {
    int incidents = Integer.getInteger("incidentsearch.crash.incidents", DEFAULT_INCIDENTS);
    int rounds = Integer.getInteger("incidentsearch.crash.rounds", DEFAULT_ROUNDS);
    Path generated = generate(incidents);
    List<Path> all = files(generated);

    // The reference: a clean build of the whole archive.
    Path cleanArchive = archive("clean", generated, all);
    Path cleanIndex = tmp.resolve("clean-index");
    long start = System.nanoTime();
    IncidentIndex.build(cleanIndex, List.of(cleanArchive), BuildOptions.defaults().threads(2));
    long cleanMs = (System.nanoTime() - start) / 1_000_000;
    Snapshot clean = snapshot(cleanIndex);

    int killed = 0;
    for (int round = 0; round < rounds; round++) {
      Moment moment = Moment.values()[round % Moment.values().length];
      List<Path> half = new ArrayList<>();
      for (int i = 0; i < all.size(); i += 2) {
        half.add(all.get(i));
      }
      Path archive = archive("round" + round, generated, half);
      Path index = tmp.resolve("index" + round);
      IncidentIndex.build(index, List.of(archive), BuildOptions.defaults().threads(2));
      Snapshot lastCommit = snapshot(index);
      copy(generated, all, archive); // the other half arrives

      boolean wasKilled = buildAndKill(index, archive, moment, cleanMs);
      killed += wasKilled ? 1 : 0;

      // The index opens, checks out and holds exactly the records of a whole commit.
      IndexCheck check = IncidentIndex.check(index);
      assertTrue(check.healthy(), () -> moment + ": " + check.problems());
      Snapshot after = snapshot(index);
      if (wasKilled) {
        assertEquals(lastCommit, after, moment + ": the killed build must leave the last commit");
      } else {
        assertEquals(clean.withoutScores(), after.withoutScores(), "a build that finished");
      }
      ToolRun cli = ToolRun.run("check", "--index", index.toString());
      assertEquals(ExitCodes.OK, cli.exitCode(), cli.toString());

      // Building again ends where a clean build ends.
      BuildReport again =
          IncidentIndex.build(index, List.of(archive), BuildOptions.defaults().threads(2));
      assertTrue(again.problems().isEmpty(), () -> again.problems().toString());
      Snapshot rebuilt = snapshot(index);
      assertEquals(clean.withoutScores(), rebuilt.withoutScores(), moment + ": rebuilt");
      assertTrue(IncidentIndex.check(index).healthy());
      LOG.log(Level.INFO, "crash round {0} ({1}): killed={2}", round, moment, wasKilled);
    }
    assertTrue(killed > 0, "no build was killed mid-way: the archive is too small to catch one");
  }

  /** When to kill the child build. */
  private enum Moment {
    /** As soon as a file the last commit does not reference appears: a flush has begun. */
    FIRST_NEW_FILE,
    /** After half the time a clean build of the whole archive took in this JVM. */
    HALF_TIME,
    /** As soon as the commit starts ({@code pending_segments_N} is written). */
    COMMIT_STARTS
  }

  /**
   * Runs {@code index-tool build} in a child JVM and kills it at {@code moment}.
   *
   * @return true when it was killed, false when it finished first
   */
  private boolean buildAndKill(Path index, Path archive, Moment moment, long cleanMs)
      throws IOException, InterruptedException {
    Set<String> committed = listing(index);
    String java = ProcessHandle.current().info().command().orElse("java");
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path log = tmp.resolve("child-" + moment + ".log");
    Process child =
        new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                classpath,
                IndexTool.class.getName(),
                "build",
                "--threads",
                "2",
                "--index",
                index.toString(),
                archive.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    long halfTime = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(200, cleanMs / 2));
    try {
      while (child.isAlive()) {
        if (System.nanoTime() > deadline) {
          fail("the child build did not finish in 2 minutes: " + Files.readString(log));
        }
        boolean now =
            switch (moment) {
              case FIRST_NEW_FILE ->
                  listing(index).stream()
                      .anyMatch(f -> !committed.contains(f) && !f.equals("write.lock"));
              case HALF_TIME -> System.nanoTime() >= halfTime;
              case COMMIT_STARTS ->
                  listing(index).stream().anyMatch(f -> f.startsWith("pending_segments"));
            };
        if (now) {
          child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
          child.waitFor();
          return true;
        }
        Thread.sleep(1);
      }
      return false;
    } finally {
      child.destroyForcibly();
    }
  }

  /** What a user sees of an index: its commit, statistics, every record and some searches. */
  private record Snapshot(
      Manifest manifest,
      Object stats,
      Map<String, String> records,
      Map<String, List<String>> searches,
      Map<String, List<Float>> scores) {

    /** The same without the manifest's build time and the scores (deleted documents count). */
    Snapshot withoutScores() {
      Manifest m =
          new Manifest(
              manifest.schemaVersion(),
              manifest.luceneVersion(),
              manifest.inputDigest(),
              manifest.inputFiles(),
              manifest.recordCounts(),
              "");
      return new Snapshot(m, stats, records, searches, Map.of());
    }
  }

  private static Snapshot snapshot(Path dir) throws IOException {
    try (IncidentIndex index = IncidentIndex.open(dir)) {
      Map<String, String> records = new LinkedHashMap<>();
      Map<String, List<String>> searches = new LinkedHashMap<>();
      Map<String, List<Float>> scores = new LinkedHashMap<>();
      // Every record, by a cursor over all of them: each must read back whole.
      String after = null;
      do {
        SearchResult page =
            index.search(
                SearchRequest.builder()
                    .sort(SortOrder.OLDEST)
                    .limit(500)
                    .after(after)
                    .countFacets(false)
                    .highlight(false)
                    .build());
        for (Hit h : page.hits()) {
          Optional<Record> r = index.get(h.key());
          assertTrue(r.isPresent(), h.key());
          records.put(h.key(), r.get().title() + "|" + r.get().publishedDate().orElse(null));
        }
        after = page.nextCursor();
      } while (after != null);
      Manifest manifest = index.manifest();
      assertEquals(
          manifest.recordCounts().values().stream().mapToLong(Long::longValue).sum(),
          records.size(),
          "the records are those the commit's manifest counts");
      for (String q : QUERIES) {
        SearchResult r =
            index.search(
                SearchRequest.builder()
                    .query(q)
                    .sort(SortOrder.NEWEST)
                    .limit(50)
                    .countFacets(true)
                    .highlight(false)
                    .build());
        List<String> keys = new ArrayList<>();
        keys.add("total=" + r.totalHits());
        r.hits().forEach(h -> keys.add(h.key()));
        keys.add("facets=" + r.facets());
        searches.put(q, keys);
        SearchResult ranked =
            index.search(
                SearchRequest.builder()
                    .query(q)
                    .limit(10)
                    .countFacets(false)
                    .highlight(false)
                    .build());
        scores.put(q, ranked.hits().stream().map(Hit::score).toList());
      }
      return new Snapshot(manifest, index.stats(), records, searches, scores);
    }
  }

  /** A deterministic synthetic archive from the real fail-dev CSV ({@code index-tool generate}). */
  private Path generate(int incidents) {
    Path out = tmp.resolve("generated");
    ToolRun r =
        ToolRun.run(
            "generate",
            "--incidents",
            Integer.toString(incidents),
            "--articles-per-incident",
            "2",
            "--seed",
            "7",
            "--threads",
            "1",
            "--out",
            out.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    return out;
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  private Path archive(String name, Path generated, List<Path> files) throws IOException {
    Path dir = tmp.resolve(name);
    copy(generated, files, dir);
    return dir;
  }

  private static void copy(Path from, List<Path> files, Path to) throws IOException {
    for (Path f : files) {
      Path target = to.resolve(f.toString());
      if (!Files.exists(target)) {
        Files.createDirectories(target.getParent());
        Files.copy(from.resolve(f), target);
      }
    }
  }

  private static Set<String> listing(Path dir) throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(p -> names.add(p.getFileName().toString()));
    } catch (java.nio.file.NoSuchFileException e) {
      // not there yet
    }
    return names;
  }
}
