package io.incidentsearch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.TestCorpus;
import io.incidentsearch.formats.ArchiveScanner;
import io.incidentsearch.formats.FormatReaders;
import io.incidentsearch.formats.Problem;
import io.incidentsearch.formats.ScanResult;
import io.incidentsearch.model.Category;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.model.Section;
import io.incidentsearch.schema.Schema;
import io.incidentsearch.search.FacetCounts;
import io.incidentsearch.search.Hit;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import io.incidentsearch.search.SimilarIncident;
import io.incidentsearch.search.Snippet;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search over the real fail-dev pages, checked against FAIL's own CSV export. */
class FailDevSearchTest {
  @TempDir static Path pagesDir;
  @TempDir static Path csvDir;
  static ScanResult pages;
  static SearchFixtures.TestIndex pagesIndex;
  static SearchFixtures.TestIndex csvIndex;
  static List<Incident> csvIncidents;

  @BeforeAll
  static void build() throws IOException {
    Path failDev = TestCorpus.failDev();
    pages =
        new ArchiveScanner()
            .scan(List.of(failDev.resolve("incidents"), failDev.resolve("articles")));
    assertFalse(pages.hasErrors(), () -> pages.problems().subList(0, 3).toString());
    pagesIndex = SearchFixtures.index(pagesDir, pages.incidents(), pages.articles());

    ScanResult csv = new ArchiveScanner().scan(List.of(failDev.resolve("csv")));
    assertFalse(csv.hasErrors(), () -> csv.problems().subList(0, 1).toString());
    csvIndex = SearchFixtures.index(csvDir, csv.incidents(), csv.articles());

    // Independently of the scanner: the incident CSV read directly with the CSV reader.
    csvIncidents = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Path file = failDev.resolve("csv/incident_data.csv");
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      FormatReaders.readIncidentCsv(in, file, csvIncidents::add, problems::add);
    }
    assertTrue(problems.stream().noneMatch(Problem::isError), problems.toString());
  }

  @AfterAll
  static void close() throws IOException {
    pagesIndex.close();
    csvIndex.close();
  }

  static SearchRequest.Builder incidents() {
    return SearchRequest.builder().type(RecordType.INCIDENT);
  }

  @Test
  void pageFacetCountsEqualCountsFromTheCsv() {
    assertEquals(31, csvIncidents.size());
    Map<String, Map<String, Integer>> expected = SearchFixtures.countOptions(csvIncidents);
    FacetCounts fromPages = pagesIndex.searcher().facets(incidents().build());
    FacetCounts fromCsv = csvIndex.searcher().facets(incidents().build());
    for (Category c : Category.values()) {
      Map<String, Integer> want = new TreeMap<>(expected.get(c.key()));
      if (c != Category.CPS) { // pages do not print the CPS classification
        assertEquals(want, new TreeMap<>(fromPages.asMap(c.key())), "pages: " + c.key());
      }
      assertEquals(want, new TreeMap<>(fromCsv.asMap(c.key())), "csv: " + c.key());
    }
    assertEquals(Map.of("missing", 31), fromPages.asMap("cps"));
    assertFalse(fromCsv.asMap("cps").containsKey("missing") && fromCsv.asMap("cps").size() == 1);
    assertEquals(fromPages.values("iot"), fromCsv.values("iot"));
    assertEquals(fromPages.values("year"), fromCsv.values("year"));
  }

  @Test
  void twitterIncidentIsFoundByItsFeature() {
    Hit first =
        pagesIndex
            .searcher()
            .search(SearchRequest.of("contacts upload phone numbers"))
            .hits()
            .get(0);
    assertEquals("incident:2750", first.key());
    assertTrue(first.snippets().stream().anyMatch(s -> s.text().contains("<em>")));
  }

  @Test
  void everyIncidentTitleFindsThatIncidentFirst() {
    Map<String, String> wrong = new LinkedHashMap<>();
    for (Incident i : pages.incidents()) {
      SearchResult r =
          pagesIndex
              .searcher()
              .search(
                  incidents()
                      .query(i.title())
                      .limit(3)
                      .highlight(false)
                      .countFacets(false)
                      .build());
      String top = r.hits().isEmpty() ? "nothing" : r.hits().get(0).key();
      if (!top.equals("incident:" + i.id())) {
        wrong.put(i.title(), top);
      }
    }
    assertEquals(Map.of(), wrong);
  }

  @Test
  void similarIncidentsShareTermsOrTaxonomy() {
    List<SimilarIncident> similar = pagesIndex.searcher().similar("incident:2750", 5);
    assertEquals(5, similar.size());
    assertTrue(similar.stream().noneMatch(s -> s.hit().key().equals("incident:2750")));
    assertTrue(similar.stream().anyMatch(s -> !s.sharedTerms().isEmpty()), similar.toString());
    assertTrue(
        similar.stream()
            .allMatch(s -> !s.sharedTaxonomy().isEmpty() || !s.sharedTerms().isEmpty()));
  }

  /**
   * Snippets are cut from the stored record, not stored fields: the marked words must be the words
   * the postings point at, also in the last item of a many-item section and in the last rationale,
   * where offsets depend on how the values before were joined.
   */
  @Test
  void snippetsMarkTheMatchedWordsInLaterItemsAndRationales() throws IOException {
    int checked = 0;
    for (Incident in : pages.incidents()) {
      for (Section s : Section.values()) {
        List<String> items = in.items(s);
        if (items.size() >= 3) {
          checked += checkSnippet(in, Schema.sectionField(s), items.get(items.size() - 1));
        }
      }
      List<String> rationales = new ArrayList<>();
      for (Category c : Category.values()) {
        if (!in.taxonomy().get(c).rationale().isBlank()) {
          rationales.add(in.taxonomy().get(c).rationale());
        }
      }
      if (rationales.size() >= 3) {
        checked += checkSnippet(in, Schema.RATIONALE, rationales.get(rationales.size() - 1));
      }
    }
    assertTrue(checked >= 20, "a weak test: " + checked + " snippets checked");
  }

  /** Searches the longest word of {@code text} in {@code field} of {@code in}; 1 if checked. */
  private static int checkSnippet(Incident in, String field, String text) throws IOException {
    String word =
        java.util.Arrays.stream(text.split("[^A-Za-z]+"))
            .filter(w -> w.length() >= 6)
            .max(java.util.Comparator.comparingInt(String::length).thenComparing(w -> w))
            .orElse(null);
    if (word == null) {
      return 0;
    }
    SearchResult r =
        pagesIndex
            .searcher()
            .search(
                SearchRequest.builder()
                    .query("id:" + in.id() + " AND " + word)
                    .maxSnippets(20)
                    .build());
    assertEquals(1, r.totalHits(), in.id() + " " + word);
    List<Snippet> fromField =
        r.hits().get(0).snippets().stream().filter(sn -> sn.field().equals(field)).toList();
    assertFalse(fromField.isEmpty(), in.id() + " " + field + " " + word);
    String stem = stem(word);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("<em>(.*?)</em>").matcher(fromField.get(0).text());
    int marks = 0;
    while (m.find()) {
      assertEquals(stem, stem(m.group(1)), in.id() + " " + field + ": " + fromField.get(0).text());
      marks++;
    }
    assertTrue(marks > 0, fromField.get(0).text());
    return 1;
  }

  private static String stem(String word) throws IOException {
    try (var ts = Schema.get().textAnalyzer().tokenStream(Schema.TITLE, word)) {
      var term =
          ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
      ts.reset();
      StringBuilder out = new StringBuilder();
      while (ts.incrementToken()) {
        out.append(term).append(' ');
      }
      ts.end();
      return out.toString().strip();
    }
  }
}
