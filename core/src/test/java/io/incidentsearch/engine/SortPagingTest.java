package io.incidentsearch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.model.Article;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import io.incidentsearch.search.Hit;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import io.incidentsearch.search.SortOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sorting, offset paging and cursor paging. */
class SortPagingTest {
  @TempDir static Path dir;
  static SearchFixtures.TestIndex index;
  static IncidentSearcher searcher;

  @BeforeAll
  static void build() throws IOException {
    index = SearchFixtures.index(dir);
    searcher = index.searcher();
  }

  @AfterAll
  static void close() throws IOException {
    index.close();
  }

  static List<Record> allRecords() {
    return Stream.concat(
            SearchFixtures.incidents().stream(),
            SearchFixtures.articles().stream().map(a -> (Record) a))
        .toList();
  }

  static List<String> keys(SearchRequest r) {
    return searcher.search(r).hits().stream().map(Hit::key).toList();
  }

  /** Expected order computed from the records: by date, ties by key, undated last. */
  static List<String> byDate(boolean newestFirst) {
    Comparator<Record> date = Comparator.comparing(r -> r.publishedDate().orElseThrow());
    if (newestFirst) {
      date = date.reversed();
    }
    List<Record> dated =
        new ArrayList<>(allRecords().stream().filter(r -> r.publishedDate().isPresent()).toList());
    dated.sort(date.thenComparing(SearchFixtures::key));
    List<String> out = new ArrayList<>(dated.stream().map(SearchFixtures::key).toList());
    allRecords().stream()
        .filter(r -> r.publishedDate().isEmpty())
        .map(SearchFixtures::key)
        .sorted()
        .forEach(out::add);
    return out;
  }

  @Test
  void newestAndOldestPutUndatedRecordsLast() {
    List<String> newest = keys(SearchRequest.builder().sort(SortOrder.NEWEST).limit(50).build());
    List<String> oldest = keys(SearchRequest.builder().sort(SortOrder.OLDEST).limit(50).build());
    assertEquals(byDate(true), newest);
    assertEquals(byDate(false), oldest);
    assertEquals(
        Set.of("article:80000", "incident:2760"),
        Set.copyOf(newest.subList(newest.size() - 2, newest.size())));
    assertEquals(
        Set.copyOf(oldest.subList(oldest.size() - 2, oldest.size())),
        Set.copyOf(newest.subList(newest.size() - 2, newest.size())));
    // Date-sorted hits still carry their relevance score.
    SearchResult r =
        searcher.search(SearchRequest.builder().query("twitter").sort(SortOrder.NEWEST).build());
    assertTrue(r.hits().stream().allMatch(h -> h.score() > 0), r.hits().toString());
    assertEquals(LocalDate.of(2020, 2, 3), r.hits().get(0).published());
  }

  @Test
  void relevanceTiesAreBrokenByKey() {
    List<String> browse = keys(SearchRequest.builder().limit(50).build());
    assertEquals(browse.stream().sorted().toList(), browse);
    assertEquals(
        SearchFixtures.incidents().size() + SearchFixtures.articles().size(),
        browse.size(),
        "file entries are not records");
  }

  @Test
  void cursorPagingVisitsEveryHitOnceInOffsetOrder() {
    for (SortOrder sort : SortOrder.values()) {
      for (String query : List.of("", "software OR twitter OR outage OR payroll OR device")) {
        SearchRequest base =
            SearchRequest.builder()
                .query(query)
                .sort(sort)
                .limit(3)
                .countFacets(false)
                .highlight(false)
                .build();
        List<String> all = keys(base.toBuilder().limit(100).build());
        long total = searcher.search(base).totalHits();
        assertEquals(total, all.size());

        List<String> byOffset = new ArrayList<>();
        for (int offset = 0; offset < total; offset += 3) {
          byOffset.addAll(keys(base.toBuilder().offset(offset).build()));
        }
        List<String> byCursor = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
          SearchResult page = searcher.search(base.toBuilder().after(cursor).build());
          byCursor.addAll(page.hits().stream().map(Hit::key).toList());
          assertEquals(total, page.totalHits());
          cursor = page.nextCursor();
          assertTrue(++pages <= total / 3 + 1, "cursor paging does not end");
        } while (cursor != null);

        assertEquals(all, byOffset, sort + " " + query);
        assertEquals(all, byCursor, sort + " " + query);
        assertEquals(byCursor.size(), new HashSet<>(byCursor).size());
      }
    }
  }

  @Test
  void lastPageHasNoCursorAndBadCursorsAreClearErrors() {
    SearchResult everything = searcher.search(SearchRequest.builder().limit(100).build());
    assertNull(everything.nextCursor());
    SearchResult first = searcher.search(SearchRequest.builder().limit(2).build());
    assertNotNull(first.nextCursor());
    assertTrue(first.nextCursor().matches("[A-Za-z0-9_-]+"), "URL-safe");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                searcher.search(
                    SearchRequest.builder()
                        .sort(SortOrder.NEWEST)
                        .after(first.nextCursor())
                        .build()));
    assertTrue(e.getMessage().contains("made for sort RELEVANCE"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> searcher.search(SearchRequest.builder().after("not a cursor!").build()));
    assertTrue(e.getMessage().contains("Cannot continue from cursor"), e.getMessage());
  }

  @Test
  void concurrentSearchesAgree() throws Exception {
    SearchRequest r =
        SearchRequest.builder().query("software OR twitter").filter("phase", "design").build();
    SearchResult expected = searcher.search(r);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<SearchResult>> futures = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        futures.add(pool.submit(() -> searcher.search(r)));
      }
      for (Future<SearchResult> f : futures) {
        assertEquals(expected, f.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void emptyIndexGivesNoHitsAndEmptyCounts(@TempDir Path empty) throws IOException {
    try (SearchFixtures.TestIndex idx =
        SearchFixtures.index(empty, List.<Incident>of(), List.<Article>of())) {
      SearchResult r = idx.searcher().search(SearchRequest.of("twitter"));
      assertEquals(0, r.totalHits());
      assertTrue(r.facets().values("phase").isEmpty());
    }
  }

  @Test
  void anOffsetFarBeyondTheRecordsGivesAnEmptyPage() {
    // A page's hits are collected from the first record on: the collector must not size itself
    // by the offset (2 billion slots) when the index holds a few records.
    for (SortOrder order : SortOrder.values()) {
      SearchResult r =
          searcher.search(
              SearchRequest.builder()
                  .query("software")
                  .sort(order)
                  .offset(Integer.MAX_VALUE - 1)
                  .limit(10)
                  .build());
      assertTrue(r.hits().isEmpty(), order.toString());
      assertTrue(r.totalHits() > 0, order.toString());
      assertNull(r.nextCursor(), order.toString());
    }
  }
}
