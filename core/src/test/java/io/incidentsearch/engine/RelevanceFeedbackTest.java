package io.incidentsearch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.formats.ScanResult;
import io.incidentsearch.search.Hit;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import io.incidentsearch.search.SortOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Relevance feedback and the phrase fallback on the fail-dev pages: feedback reorders and never
 * changes what matches; a quoted query that matches nothing is searched as its words.
 */
class RelevanceFeedbackTest {
  @TempDir static Path dir;
  static SearchFixtures.TestIndex index;
  static IncidentSearcher withFeedback;

  private static final List<String> QUERIES =
      List.of(
          "Hackers Can Slip Invisible Malware into Some Cloud Computers",
          "Toyota Hybrid Recall: Software Failure Leads to Loss of Power",
          "Twitter phone numbers",
          "software update failure",
          "hackers -sony playstation",
          "outage");

  @BeforeAll
  static void build() throws IOException {
    ScanResult pages = SearchFixtures.failDevPages();
    index = SearchFixtures.index(dir, pages.incidents(), pages.articles());
    withFeedback = new IncidentSearcher(index.manager(), Ranking.FEEDBACK);
  }

  @AfterAll
  static void close() throws IOException {
    index.close();
  }

  private static SearchRequest all(String q) {
    return SearchRequest.builder().query(q).limit(500).highlight(false).countFacets(true).build();
  }

  private static Set<String> keys(SearchResult r) {
    TreeSet<String> keys = new TreeSet<>();
    r.hits().forEach(h -> keys.add(h.key()));
    return keys;
  }

  @Test
  void feedbackReordersAndMatchesWhatTheWordsMatch() {
    int reordered = 0;
    for (String q : QUERIES) {
      SearchResult with = withFeedback.search(all(q));
      SearchResult without = index.searcher().search(all(q));
      // The request option and the ranking stage are the same thing.
      assertEquals(
          with.hits(), index.searcher().search(all(q).toBuilder().feedback(true).build()).hits());
      assertTrue(with.totalHits() > 0, q);
      assertEquals(without.totalHits(), with.totalHits(), q);
      assertEquals(keys(without), keys(with), q);
      assertEquals(without.facets(), with.facets(), q);
      if (!with.hits().stream()
          .map(Hit::key)
          .toList()
          .equals(without.hits().stream().map(Hit::key).toList())) {
        reordered++;
      }
    }
    assertTrue(reordered >= 3, "feedback reordered only " + reordered + " queries");
  }

  @Test
  void fieldedQueriesAndDateSortsGetNoFeedback() {
    for (String q : List.of("title:twitter", "phase:design", "cause:password")) {
      assertEquals(
          index.searcher().search(all(q)).hits().stream().map(Hit::score).toList(),
          withFeedback.search(all(q)).hits().stream().map(Hit::score).toList(),
          q);
    }
    for (SortOrder sort : List.of(SortOrder.NEWEST, SortOrder.OLDEST)) {
      SearchRequest byDate = all("Twitter phone numbers").toBuilder().sort(sort).build();
      assertEquals(
          index.searcher().search(byDate).hits(), withFeedback.search(byDate).hits(), "" + sort);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          '"upload contacts"'                       | 'upload contacts'
          'title:"phone numbers twitter" -sony'     | 'phone numbers twitter -sony'
          'Title: "Phone Twitter Exposes"'          | 'Phone Twitter Exposes'
          """)
  void aPhraseThatMatchesNothingIsSearchedAsItsWords(String query, String words) {
    SearchResult r = index.searcher().search(all(query));
    assertEquals(Optional.of(words), r.interpretedAs(), query);
    assertTrue(r.totalHits() > 0, query);
    assertEquals(
        0,
        index.searcher().search(all(query).toBuilder().strictSyntax(true).build()).totalHits(),
        "strict: as written");
  }

  @Test
  void aPhraseThatMatchesIsSearchedAsWritten() {
    SearchResult r = index.searcher().search(all("\"contacts upload\""));
    assertEquals(Optional.empty(), r.interpretedAs());
    assertEquals(Set.of("incident:2750", "article:96761"), keys(r));
  }
}
