package io.incidentsearch.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.TestCorpus;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.search.FacetValue;
import io.incidentsearch.search.Hit;
import io.incidentsearch.search.SearchRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ko-dev's source lines name a publication and other names for it ({@code AP Online*Associated
 * Press Online}): one facet value per publication, and the other names still find the article.
 */
class KoDevPublicationTest {
  @TempDir static Path dir;

  /** Each story's source line split on {@code *}, by id, read without the library. */
  static final Map<String, List<String>> SOURCES = new TreeMap<>();

  @BeforeAll
  static void build() throws IOException {
    Path stories = TestCorpus.koDev().resolve("stories");
    try (Stream<Path> files = Files.list(stories)) {
      for (Path f : files.toList()) {
        String line = Files.readAllLines(f, StandardCharsets.UTF_8).get(2);
        SOURCES.put(
            f.getFileName().toString().replace(".txt", ""),
            Stream.of(line.split("\\*")).map(String::strip).toList());
      }
    }
    IncidentIndex.build(dir, List.of(stories), BuildOptions.defaults().threads(2));
  }

  @Test
  void thePublicationFacetHasOneValuePerPublication() throws IOException {
    try (IncidentIndex index = IncidentIndex.open(dir)) {
      List<FacetValue> values =
          index
              .facets(SearchRequest.builder().type(RecordType.ARTICLE).build())
              .values("publication");
      Map<String, Long> expected =
          SOURCES.values().stream()
              .collect(Collectors.groupingBy(names -> names.get(0), Collectors.counting()));
      for (FacetValue v : values) {
        assertFalse(v.value().contains("*"), v.value());
        assertEquals(expected.get(v.value()), (long) v.count(), v.value());
      }
      assertEquals(
          expected.keySet(), values.stream().map(FacetValue::value).collect(Collectors.toSet()));
    }
  }

  @Test
  void anAliasFindsTheArticle() throws IOException {
    try (IncidentIndex index = IncidentIndex.open(dir)) {
      Set<String> found =
          index
              .search(
                  SearchRequest.builder()
                      .query("publication:\"Associated Press Online\"")
                      .limit(100)
                      .build())
              .hits()
              .stream()
              .map(Hit::id)
              .collect(Collectors.toCollection(TreeSet::new));
      Set<String> expected = new TreeSet<>();
      SOURCES.forEach(
          (id, names) -> {
            if (names.stream()
                .anyMatch(n -> n.toLowerCase(Locale.ROOT).contains("associated press online"))) {
              expected.add(id);
            }
          });
      assertTrue(
          expected.stream()
              .anyMatch(id -> !SOURCES.get(id).get(0).equals("Associated Press Online")),
          "a weak test: " + expected);
      assertEquals(expected, found);
    }
  }
}
