package io.incidentsearch.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.TestCorpus;
import io.incidentsearch.index.BuildListener;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.index.BuildReport;
import io.incidentsearch.index.IndexLockedException;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import io.incidentsearch.search.SortOrder;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent use of one index: searches (with facets, snippets, paging, similar, get and
 * statistics) from several threads run without error while builds add, change and delete records,
 * and each sees one whole commit; a second build of the same index is refused at once while the
 * first goes on unharmed.
 *
 * <p>{@code -Dincidentsearch.concurrency.rounds=N} runs more build rounds (default {@value
 * #DEFAULT_ROUNDS}; see src/docs/RELIABILITY.md for a longer run).
 */
class ConcurrentUseTest {
  private static final System.Logger LOG = System.getLogger(ConcurrentUseTest.class.getName());
  private static final int DEFAULT_ROUNDS = 6;
  private static final int SEARCH_THREADS = 3;
  private static final BuildOptions OPTIONS = BuildOptions.defaults().threads(2);

  /** testdata/archive: 13 incidents and 29 articles. */
  private static final int BASE_RECORDS = 42;

  @TempDir Path tmp;

  @Test
  void searchesRunWithoutErrorWhileBuildsAddChangeAndDelete() throws Exception {
    int rounds = Integer.getInteger("incidentsearch.concurrency.rounds", DEFAULT_ROUNDS);
    Path archive =
        IndexFixtures.copyTree(TestCorpus.testdata().resolve("archive"), tmp.resolve("a"));
    List<Path> extra = extraArticles(3);
    Path incident = archive.resolve("incidents/2750.txt");
    String original = Files.readString(incident);
    // Whatever commit a search sees, it is one of these: the base archive or three more articles.
    Set<Long> wholeCommits = Set.of((long) BASE_RECORDS, (long) BASE_RECORDS + extra.size());

    try (IncidentIndex index = IncidentIndex.openOrCreate(tmp.resolve("idx"))) {
      index.build(List.of(archive), OPTIONS);
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong searches = new AtomicLong();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      ExecutorService pool = Executors.newFixedThreadPool(SEARCH_THREADS);
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < SEARCH_THREADS; t++) {
        int thread = t;
        running.add(
            pool.submit(
                () -> {
                  int i = thread;
                  while (!stop.get()) {
                    try {
                      searchOnce(index, i++, wholeCommits);
                      searches.incrementAndGet();
                    } catch (Throwable e) {
                      failures.add(e);
                      return;
                    }
                  }
                }));
      }
      try {
        for (int round = 0; round < rounds; round++) {
          switch (round % 3) {
            case 0 -> { // add three articles
              for (Path a : extra) {
                Files.copy(a, archive.resolve("articles").resolve(a.getFileName()));
              }
              BuildReport r = index.build(List.of(archive), OPTIONS);
              assertEquals(extra.size(), r.added(), r.toString());
            }
            case 1 -> { // change an incident's title
              Files.writeString(
                  incident, original.replaceFirst("Incident: ", "Incident: Zanzibarian "));
              BuildReport r = index.build(List.of(archive), OPTIONS);
              assertEquals(1, r.updated(), r.toString());
              assertEquals(1, total(index, "title:zanzibarian"), "visible at once");
            }
            default -> { // delete them again, restore the title
              for (Path a : extra) {
                Files.delete(archive.resolve("articles").resolve(a.getFileName()));
              }
              Files.writeString(incident, original);
              BuildReport r = index.build(List.of(archive), OPTIONS);
              assertEquals(extra.size(), r.deleted(), r.toString());
              assertEquals(0, total(index, "title:zanzibarian"));
            }
          }
          if (!failures.isEmpty()) {
            throw new AssertionError("a search failed during build " + round, failures.peek());
          }
        }
      } finally {
        stop.set(true);
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
      }
      for (Future<?> f : running) {
        f.get();
      }
      if (!failures.isEmpty()) {
        throw new AssertionError("a search failed during a build", failures.peek());
      }
      assertTrue(searches.get() > rounds, "searches ran: " + searches.get());
      LOG.log(
          Level.INFO,
          "{0} searches from {1} threads during {2} builds",
          searches.get(),
          SEARCH_THREADS,
          rounds);
    }
  }

  /** One search of a mix that covers the read API; checks it saw a whole commit. */
  private static void searchOnce(IncidentIndex index, int i, Set<Long> wholeCommits)
      throws IOException {
    switch (i % 6) {
      case 0 -> {
        SearchResult all =
            index.search(SearchRequest.builder().countFacets(true).highlight(false).build());
        assertTrue(wholeCommits.contains(all.totalHits()), "total " + all.totalHits());
        long byType =
            all.facets().dimensions().get("type").stream().mapToLong(v -> v.count()).sum();
        assertEquals(all.totalHits(), byType, "facets count the same commit as the hits");
      }
      case 1 -> {
        SearchResult r =
            index.search(
                SearchRequest.builder()
                    .query("phone numbers")
                    .filter("phase", "design")
                    .countFacets(true)
                    .build());
        assertFalse(r.hits().isEmpty());
      }
      case 2 -> {
        // Two pages through a cursor: the second may come from a newer commit, never fails.
        SearchResult first =
            index.search(
                SearchRequest.builder()
                    .sort(SortOrder.NEWEST)
                    .limit(20)
                    .countFacets(false)
                    .highlight(false)
                    .build());
        index.search(
            SearchRequest.builder()
                .sort(SortOrder.NEWEST)
                .limit(20)
                .after(first.nextCursor())
                .countFacets(false)
                .highlight(false)
                .build());
      }
      case 3 -> assertFalse(index.similar("incident:2750", 5).isEmpty());
      case 4 -> assertTrue(index.get("incident:2750").isPresent());
      default -> {
        long records = index.stats().recordCounts().values().stream().mapToLong(l -> l).sum();
        assertTrue(wholeCommits.contains(records), "stats of " + records);
      }
    }
  }

  @Test
  void aSecondBuildIsRefusedAtOnceAndTheFirstGoesOn() throws Exception {
    Path archive = TestCorpus.testdata().resolve("archive");
    Path dir = tmp.resolve("idx");
    CountDownLatch firstIsBuilding = new CountDownLatch(1);
    CountDownLatch mayGoOn = new CountDownLatch(1);
    BuildListener holdOn =
        new BuildListener() {
          @Override
          public void fileParsed(Path file, int records) {
            firstIsBuilding.countDown();
            try {
              mayGoOn.await(); // the writer, and so the lock, is held meanwhile
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    ExecutorService one = Executors.newSingleThreadExecutor();
    try (IncidentIndex index = IncidentIndex.openOrCreate(dir)) {
      Future<BuildReport> first =
          one.submit(() -> index.build(List.of(archive), OPTIONS.listener(holdOn)));
      assertTrue(firstIsBuilding.await(30, TimeUnit.SECONDS));

      long start = System.nanoTime();
      IndexLockedException e =
          assertThrows(
              IndexLockedException.class,
              () -> IncidentIndex.build(dir, List.of(archive), OPTIONS));
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(ms < 2000, "refused at once, not after waiting: " + ms + " ms");
      assertTrue(e.getMessage().contains("locked by another build"), e.getMessage());
      assertTrue(e.getMessage().contains("wait for it to finish"), e.getMessage());

      mayGoOn.countDown();
      BuildReport report = first.get(60, TimeUnit.SECONDS);
      assertEquals(BASE_RECORDS, report.added());
      assertEquals(BASE_RECORDS, index.search(SearchRequest.of("")).totalHits());
      assertTrue(IncidentIndex.check(dir).healthy());
    } finally {
      mayGoOn.countDown();
      one.shutdownNow();
    }
  }

  private static long total(IncidentIndex index, String query) throws IOException {
    return index
        .search(SearchRequest.builder().query(query).countFacets(false).build())
        .totalHits();
  }

  /** Real fail-dev article pages that testdata/archive does not have. */
  private static List<Path> extraArticles(int n) throws IOException {
    Path have = TestCorpus.testdata().resolve("archive/articles");
    try (Stream<Path> s = Files.list(TestCorpus.failDev().resolve("articles"))) {
      return s.filter(p -> !Files.exists(have.resolve(p.getFileName()))).sorted().limit(n).toList();
    }
  }
}
