package io.incidentsearch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.model.RecordType;
import io.incidentsearch.model.Section;
import io.incidentsearch.schema.Schema;
import io.incidentsearch.search.Hit;
import io.incidentsearch.search.ScoreContribution;
import io.incidentsearch.search.ScoreExplanation;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import io.incidentsearch.search.SimilarIncident;
import io.incidentsearch.search.Snippet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hit contents, snippets, similar incidents and explanations. */
class SnippetSimilarExplainTest {
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

  static Hit first(SearchRequest r) {
    return searcher.search(r).hits().get(0);
  }

  @Test
  void hitsCarryIdentityDateAndTaxonomy() {
    Hit h = first(SearchRequest.of("contacts upload phone numbers"));
    assertEquals("incident:2750", h.key());
    assertEquals("2750", h.id());
    assertEquals("incident", h.type());
    assertEquals("Twitter Exposes User Phone Numbers Due to Flaw in Contacts Feature", h.title());
    assertEquals(java.time.LocalDate.of(2020, 2, 3), h.published());
    assertTrue(h.score() > 0);
    assertEquals(List.of("design", "operation"), h.taxonomy().get("phase"));
    assertEquals(List.of("malicious"), h.taxonomy().get("objective"));
    assertEquals(List.of("missing"), h.taxonomy().get("cps"));
    // An article carries its citing incident's taxonomy.
    Hit a = first(SearchRequest.builder().query("unearthed").type(RecordType.ARTICLE).build());
    assertEquals("article:96761", a.key());
    assertEquals(List.of("design", "operation"), a.taxonomy().get("phase"));
  }

  @Test
  void snippetsMarkMatchedWordsInTheMatchedField() {
    Hit h = first(SearchRequest.of("ransomware"));
    assertEquals("incident:2760", h.key());
    List<String> fields = h.snippets().stream().map(Snippet::field).toList();
    // Title first, then summary, then sections: the order of Schema.textFields().
    assertEquals(
        List.of(Schema.TITLE, Schema.SUMMARY, Schema.sectionField(Section.SOFTWARE_CAUSES)),
        fields);
    assertEquals(
        "Hospital <em>Ransomware</em> Attack Disrupts Patient Records", h.snippets().get(0).text());
    assertTrue(
        h.snippets().stream().allMatch(s -> s.text().contains("<em>") && !s.fromCitedArticle()));

    // A field-restricted query gives snippets from that field only.
    Hit fix = first(SearchRequest.of("fix:rollback"));
    assertEquals(
        List.of(Schema.sectionField(Section.FIXES)),
        fix.snippets().stream().map(Snippet::field).toList());
    assertTrue(fix.snippets().get(0).text().contains("<em>rollback</em>"));

    // Configurable tags and snippet count.
    Hit tagged =
        first(SearchRequest.builder().query("ransomware").tags("[", "]").maxSnippets(1).build());
    assertEquals(
        List.of("Hospital [Ransomware] Attack Disrupts Patient Records"),
        tagged.snippets().stream().map(Snippet::text).toList());
    assertTrue(
        first(SearchRequest.builder().query("ransomware").highlight(false).build())
            .snippets()
            .isEmpty());
  }

  @Test
  void citedTextOnlyMatchShowsTheArticlePassage() {
    SearchResult r =
        searcher.search(SearchRequest.builder().query("wages").type(RecordType.INCIDENT).build());
    assertEquals(1, r.totalHits());
    Hit h = r.hits().get(0);
    assertEquals("incident:2761", h.key());
    assertEquals(1, h.snippets().size());
    Snippet s = h.snippets().get(0);
    assertEquals(Schema.CITED_TEXT, s.field());
    assertEquals("article:55501", s.articleKey());
    assertTrue(s.text().contains("<em>wages</em>"), s.text());
  }

  @Test
  void similarExcludesItselfAndGivesReasons() {
    List<SimilarIncident> similar = searcher.similar("incident:2745", 5);
    assertFalse(similar.isEmpty());
    assertTrue(similar.stream().noneMatch(s -> s.hit().key().equals("incident:2745")));
    assertTrue(similar.stream().allMatch(s -> s.hit().type().equals("incident")));
    // The Toyota recall is most like the other embedded CPS device (2752) or the outages.
    SimilarIncident best = similar.get(0);
    assertFalse(best.sharedTaxonomy().isEmpty() && best.sharedTerms().isEmpty());
    for (SimilarIncident s : similar) {
      for (Map.Entry<String, List<String>> e : s.sharedTaxonomy().entrySet()) {
        assertTrue(s.hit().taxonomy().get(e.getKey()).containsAll(e.getValue()));
        assertFalse(e.getValue().contains("missing") || e.getValue().contains("unknown"));
      }
    }
    SimilarIncident device =
        similar.stream()
            .filter(s -> s.hit().key().equals("incident:2752"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        Map.of(
            "phase",
            List.of("design"),
            "objective",
            List.of("non-malicious"),
            "cps",
            List.of("cps"),
            "perception",
            List.of("embedded_software"),
            "application",
            List.of("application")),
        device.sharedTaxonomy());

    List<SimilarIncident> fromTwitter = searcher.similar("2750", 10);
    assertTrue(fromTwitter.stream().noneMatch(s -> s.hit().key().equals("incident:2750")));

    NoSuchElementException e =
        assertThrows(NoSuchElementException.class, () -> searcher.similar("incident:9999", 5));
    assertTrue(e.getMessage().contains("incident:9999"), e.getMessage());
  }

  @Test
  void explainNamesFieldsAndTerms() {
    ScoreExplanation x = searcher.explain("twitter phone phase:design", "incident:2750");
    assertTrue(x.matched());
    assertTrue(x.score() > 0);
    List<String> fieldTerms =
        x.contributions().stream().map(c -> c.field() + ":" + c.term()).toList();
    // A bare word is scored on the record's own text as one field, and on linked text.
    assertTrue(fieldTerms.contains(Schema.TEXT + ":twitter"), fieldTerms.toString());
    assertTrue(fieldTerms.contains(Schema.TEXT + ":phone"), fieldTerms.toString());
    assertTrue(fieldTerms.contains(Schema.CITED_TEXT + ":twitter"), fieldTerms.toString());
    assertTrue(fieldTerms.contains("phase:design"), fieldTerms.toString());
    double sum = x.contributions().stream().mapToDouble(ScoreContribution::contribution).sum();
    assertEquals(x.score(), sum, 1e-4);
    // Largest first; the title (boost 4) outweighs one section.
    assertEquals(
        x.contributions().stream()
            .map(ScoreContribution::contribution)
            .sorted(java.util.Comparator.reverseOrder())
            .toList(),
        x.contributions().stream().map(ScoreContribution::contribution).toList());

    ScoreExplanation phrase = searcher.explain("\"contacts upload\"", "2750");
    assertTrue(
        phrase.contributions().stream().anyMatch(c -> c.term().equals("\"contact upload\"")),
        phrase.contributions().toString());

    ScoreExplanation dated = searcher.explain("twitter AND published:2020", "2750");
    assertTrue(
        dated
            .contributions()
            .contains(new ScoreContribution("published", "[2020-01-01 TO 2020-12-31]", 1.0)),
        dated.contributions().toString());

    ScoreExplanation none = searcher.explain("ransomware", "incident:2750");
    assertFalse(none.matched());
    assertTrue(none.contributions().isEmpty());
    assertThrows(NoSuchElementException.class, () -> searcher.explain("x", "article:1"));
  }
}
