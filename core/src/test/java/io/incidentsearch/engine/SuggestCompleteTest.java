package io.incidentsearch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.TestCorpus;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.search.Completion;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Did you mean" and autocomplete on the real pages of {@code testdata/archive}. */
class SuggestCompleteTest {
  @TempDir static Path dir;
  private static IncidentIndex index;

  @BeforeAll
  static void build() throws IOException {
    index = IncidentIndex.openOrCreate(dir.resolve("index"));
    index.build(List.of(TestCorpus.testdata().resolve("archive")), BuildOptions.defaults());
  }

  @AfterAll
  static void close() throws IOException {
    index.close();
  }

  private static SearchResult search(String q) throws IOException {
    return index.search(SearchRequest.builder().query(q).countFacets(false).build());
  }

  @Test
  void misspeltWordIsCorrectedFromTheIndex() throws IOException {
    SearchResult r = search("twiter");
    assertEquals(Optional.of("twitter"), r.suggestion());
    // A word no record uses also matches its neighbours: the records "twitter" finds.
    SearchResult meant = search("twitter");
    assertTrue(meant.totalHits() > 0);
    assertEquals(meant.totalHits(), r.totalHits());
    assertEquals(meant.hits().get(0).key(), r.hits().get(0).key());
    assertTrue(r.hits().get(0).score() < meant.hits().get(0).score(), "a neighbour weighs less");
  }

  @Test
  void onlyTheWrongWordsChangeAndSyntaxAndCaseAreKept() throws IOException {
    assertEquals(Optional.of("Twitter numbers"), search("Twiter numbrs").suggestion());
    assertEquals(
        Optional.of("title:hybrid AND Toyota"), search("title:hybrid AND Toyta").suggestion());
  }

  @Test
  void noSuggestionWhenTheQueryFindsEnoughOrNothingIsNear() throws IOException {
    assertTrue(search("twitter").suggestion().isEmpty());
    assertTrue(search("qqqqzzzzxxxx").suggestion().isEmpty());
    // Field names and field values are kept as written: no rewriting of syntax.
    assertTrue(search("phase:desing").suggestion().isEmpty());
    assertTrue(search("").suggestion().isEmpty());
  }

  @Test
  void completesATitlePrefixAndAWordInsideATitle() throws IOException {
    List<Completion> c = index.complete("twit", 5);
    assertFalse(c.isEmpty());
    assertEquals(
        "Twitter Exposes User Phone Numbers Due to Flaw in Contacts Feature", c.get(0).text());
    assertEquals(Completion.Kind.INCIDENT_TITLE, c.get(0).kind());
    assertEquals("incident:2750", c.get(0).key());
    // A later word, any case, accents ignored: "PHONE NUM" is inside the Twitter title.
    assertTrue(
        index.complete("PHONE NUM", 10).stream()
            .anyMatch(x -> x.key() != null && x.key().equals("incident:2750")));
    // Prefix-of-whole-title matches come before word-inside matches.
    List<Completion> tesla = index.complete("tesla", 20);
    assertTrue(tesla.get(0).text().toLowerCase().startsWith("tesla"), tesla.toString());
    assertTrue(index.complete("  ", 5).isEmpty());
    assertEquals(1, index.complete("t", 1).size());
  }

  @Test
  void completesTaxonomyOptionsWithTheirCounts() throws IOException {
    List<Completion> c = index.complete("malic", 5);
    Completion malicious = c.get(0);
    assertEquals(Completion.Kind.OPTION, malicious.kind());
    assertEquals("malicious", malicious.text());
    assertEquals("objective", malicious.dimension());
    long records =
        index
            .search(
                SearchRequest.builder()
                    .filter("objective", "malicious")
                    .countFacets(false)
                    .limit(0)
                    .build())
            .totalHits();
    assertEquals(records, malicious.count());
    // Underscores read as spaces: "human act" finds human_actions (category nature).
    assertTrue(
        index.complete("human act", 5).stream()
            .anyMatch(x -> x.text().equals("human_actions") && x.dimension().equals("nature")));
  }

  @Test
  void completionsFollowBuildsAndServeManyThreads() throws Exception {
    Path archive = dir.resolve("archive");
    Files.createDirectories(archive);
    Path page = TestCorpus.testdata().resolve("archive/incidents");
    try (IncidentIndex own = IncidentIndex.openOrCreate(dir.resolve("own"))) {
      assertTrue(own.complete("twit", 5).isEmpty());
      own.build(List.of(page), BuildOptions.defaults());
      assertFalse(own.complete("twit", 5).isEmpty());
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<List<Completion>>> all = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
          all.add(pool.submit(() -> own.complete("smart", 5)));
        }
        for (Future<List<Completion>> f : all) {
          assertEquals(own.complete("smart", 5), f.get());
        }
      } finally {
        pool.shutdown();
      }
    }
  }
}
