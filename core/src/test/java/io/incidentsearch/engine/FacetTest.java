package io.incidentsearch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.model.Category;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.schema.Schema;
import io.incidentsearch.search.FacetCounts;
import io.incidentsearch.search.FacetValue;
import io.incidentsearch.search.Hit;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Facet counts, drill-sideways and filters over the hand-made archive. */
class FacetTest {
  @TempDir static Path dir;
  static SearchFixtures.TestIndex index;
  static IncidentSearcher searcher;
  static final List<Incident> INCIDENTS = SearchFixtures.incidents();

  @BeforeAll
  static void build() throws IOException {
    index = SearchFixtures.index(dir);
    searcher = index.searcher();
  }

  @AfterAll
  static void close() throws IOException {
    index.close();
  }

  static SearchRequest.Builder incidents() {
    return SearchRequest.builder().type(RecordType.INCIDENT).limit(100);
  }

  static Set<String> keys(SearchResult r) {
    return r.hits().stream().map(Hit::key).collect(Collectors.toCollection(TreeSet::new));
  }

  static Set<String> keysOf(List<Incident> incidents) {
    return incidents.stream()
        .map(SearchFixtures::key)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static boolean has(Incident i, Category c, String option) {
    List<String> options = i.taxonomy().options(c);
    return option.equals(Schema.MISSING) ? options.isEmpty() : options.contains(option);
  }

  /**
   * An index of news articles alone has no IoT path: its facets are counted, the IoT ones empty.
   */
  @Test
  void anIndexWithoutIotValuesCountsFacets(@TempDir Path articlesOnly) throws IOException {
    List<io.incidentsearch.model.Article> articles = SearchFixtures.articles();
    try (SearchFixtures.TestIndex only = SearchFixtures.index(articlesOnly, List.of(), articles)) {
      FacetCounts counts = only.searcher().facets(SearchRequest.of(null));
      assertEquals(List.of(), counts.values("iot"));
      assertEquals(articles.size(), counts.count("type", "article"));
    }
  }

  @Test
  void countsEveryValueOfEveryDimension() {
    FacetCounts counts = searcher.search(incidents().build()).facets();
    assertEquals(Schema.facetDimensions(), List.copyOf(counts.dimensions().keySet()));
    Map<String, Map<String, Integer>> expected = SearchFixtures.countOptions(INCIDENTS);
    for (Category c : Category.values()) {
      assertEquals(expected.get(c.key()), counts.asMap(c.key()), c.key());
      List<FacetValue> values = counts.values(c.key());
      assertEquals(
          values.stream()
              .sorted(
                  Comparator.comparingInt(FacetValue::count)
                      .reversed()
                      .thenComparing(FacetValue::value))
              .toList(),
          values,
          "sorted by count then value: " + c.key());
    }
    assertEquals(Map.of("incident", INCIDENTS.size()), counts.asMap(Schema.DIM_TYPE));
    assertEquals(Map.of("2020", 2, "2012", 2, "2019", 1, "2018", 1), counts.asMap(Schema.DIM_YEAR));
    // Over all records, the type and publication dimensions count articles too.
    FacetCounts all = searcher.facets(SearchRequest.of(null));
    assertEquals(Map.of("incident", INCIDENTS.size(), "article", 4), all.asMap(Schema.DIM_TYPE));
    assertEquals(
        Map.of("BBC News", 1, "CNN", 1, "Reuters", 1, "The Verge", 1),
        all.asMap(Schema.DIM_PUBLICATION));
  }

  @Test
  void drillSidewaysKeepsOwnDimensionAndNarrowsOthers() {
    FacetCounts unfiltered = searcher.search(incidents().build()).facets();
    SearchResult filtered = searcher.search(incidents().filter("phase", "design").build());
    List<Incident> design =
        INCIDENTS.stream().filter(i -> has(i, Category.PHASE, "design")).toList();
    assertEquals(keysOf(design), keys(filtered));
    assertEquals(design.size(), filtered.totalHits());
    // The filtered dimension counts as if unfiltered: what choosing another phase would give.
    assertEquals(unfiltered.values("phase"), filtered.facets().values("phase"));
    // Every other dimension counts only the design incidents.
    Map<String, Map<String, Integer>> expected = SearchFixtures.countOptions(design);
    for (Category c : Category.values()) {
      if (c != Category.PHASE) {
        assertEquals(expected.get(c.key()), filtered.facets().asMap(c.key()), c.key());
      }
    }
    assertTrue(filtered.facets().count("domain", "finance") == 0);
    assertTrue(unfiltered.count("domain", "finance") == 1);
  }

  @Test
  void andAcrossDimensionsOrWithin() {
    SearchResult r =
        searcher.search(
            incidents()
                .filter("domain", "health", "information")
                .filter("objective", "malicious")
                .build());
    List<Incident> expected =
        INCIDENTS.stream()
            .filter(
                i -> has(i, Category.DOMAIN, "health") || has(i, Category.DOMAIN, "information"))
            .filter(i -> has(i, Category.OBJECTIVE, "malicious"))
            .toList();
    assertEquals(keysOf(expected), keys(r));
    assertEquals(Set.of("incident:2750", "incident:2752", "incident:2760"), keys(r));
    // Sideways counts of "domain": the objective filter applies, the domain filter does not.
    Map<String, Integer> domain =
        SearchFixtures.countOptions(
                INCIDENTS.stream().filter(i -> has(i, Category.OBJECTIVE, "malicious")).toList())
            .get("domain");
    assertEquals(domain, r.facets().asMap("domain"));
    // Options given with other spelling or case are normalised like the index's.
    assertEquals(
        keys(r),
        keys(
            searcher.search(
                incidents()
                    .filter("Domain", "Health", "INFORMATION")
                    .filter("objective", "Malicious")
                    .build())));
  }

  @Test
  void missingAndUnknownAreSeparateValues() {
    FacetCounts counts = searcher.search(incidents().build()).facets();
    long missingCps = INCIDENTS.stream().filter(i -> has(i, Category.CPS, Schema.MISSING)).count();
    assertEquals(missingCps, counts.count("cps", "missing"));
    assertEquals(1, counts.count("cps", "unknown"));
    assertEquals(
        Set.of("incident:2733"),
        keys(searcher.search(incidents().filter("cps", "unknown").build())));
    assertEquals(
        keysOf(INCIDENTS.stream().filter(i -> has(i, Category.CPS, Schema.MISSING)).toList()),
        keys(searcher.search(incidents().filter("cps", "missing").build())));
    assertEquals(
        Set.of("incident:2760"),
        keys(searcher.search(incidents().filter("phase", "unknown").build())));
  }

  @Test
  void iotHierarchyCountsAndFiltersAtBothLevels() {
    FacetCounts counts = searcher.search(incidents().build()).facets();
    // Layers: perception in 2745 and 2752; communication 2745 (unknown), 2752; application both.
    assertEquals(2, counts.count("iot", "perception"));
    assertEquals(1, counts.count("iot", "perception", "sensor"));
    assertEquals(2, counts.count("iot", "perception", "embedded_software"));
    assertEquals(1, counts.count("iot", "communication", "unknown"));
    assertEquals(1, counts.count("iot", "communication", "connectivity_level"));
    assertEquals(2, counts.count("iot", "application"));
    assertEquals(
        Set.of("incident:2745", "incident:2752"),
        keys(searcher.search(incidents().filter("iot", "perception").build())));
    SearchResult sensor = searcher.search(incidents().filter("iot", "perception/sensor").build());
    assertEquals(Set.of("incident:2745"), keys(sensor));
    // Sideways: the iot counts ignore the iot filter.
    assertEquals(counts.values("iot"), sensor.facets().values("iot"));
    assertEquals(1, sensor.facets().count("domain", "transportation"));
    assertEquals(0, sensor.facets().count("domain", "health"));
  }

  @Test
  void facetsCombineWithQueryAndDates() {
    SearchResult r =
        searcher.search(
            SearchRequest.builder()
                .query("software OR global OR device")
                .dateRange(java.time.LocalDate.of(2019, 1, 1), null)
                .type(RecordType.INCIDENT)
                .filter("objective", "non-malicious")
                .build());
    // 2745 matches the words but is from 2018; 2750 is malicious only.
    assertEquals(Set.of("incident:2733", "incident:2752"), keys(r));
    assertEquals(Map.of("2019", 1, "2020", 1), r.facets().asMap("year"));
    assertEquals(Map.of("non-malicious", 2, "malicious", 2), r.facets().asMap("objective"));
  }

  @Test
  void unknownDimensionIsAClearError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> searcher.search(incidents().filter("colour", "red").build()));
    assertTrue(e.getMessage().contains("Unknown facet dimension 'colour'"), e.getMessage());
    assertTrue(e.getMessage().contains("phase"), e.getMessage());
  }
}
