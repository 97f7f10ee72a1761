package io.incidentsearch.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.TestCorpus;
import io.incidentsearch.model.Category;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Section;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fail-dev pages are rendered from the fail-dev CSV: both readers must agree on every incident.
 */
class FailDevConsistencyTest {

  private static Map<String, Incident> csvIncidents(List<Problem> problems) throws IOException {
    Path csv = TestCorpus.failDev().resolve("csv/incident_data.csv");
    Map<String, Incident> byId = new LinkedHashMap<>();
    try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      FailIncidentCsvReader.read(r, csv, i -> byId.put(i.id(), i), problems::add);
    }
    return byId;
  }

  private static Map<String, Incident> pageIncidents(List<Problem> problems) throws IOException {
    Map<String, Incident> byId = new LinkedHashMap<>();
    List<Path> pages;
    try (Stream<Path> s = Files.list(TestCorpus.failDev().resolve("incidents"))) {
      pages = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
    }
    for (Path p : pages) {
      String id = p.getFileName().toString().replaceFirst("\\.txt$", "");
      String text = Files.readString(p, StandardCharsets.UTF_8);
      PostmortemPageReader.read(text, id, p, problems::add).ifPresent(i -> byId.put(id, i));
    }
    return byId;
  }

  private static String ws(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  @Test
  void everyPageParsesWithoutProblems() throws IOException {
    List<Problem> problems = new ArrayList<>();
    Map<String, Incident> pages = pageIncidents(problems);
    assertEquals(List.of(), problems);
    assertEquals(31, pages.size());
  }

  @Test
  void csvReadsWithoutProblems() throws IOException {
    List<Problem> problems = new ArrayList<>();
    Map<String, Incident> rows = csvIncidents(problems);
    assertEquals(List.of(), problems);
    assertEquals(31, rows.size());
    Incident i = rows.get("2751");
    assertEquals(java.time.LocalDate.of(2020, 9, 18), i.published());
    assertEquals(List.of("104834"), i.articleIds());
    assertTrue(i.summary().startsWith("The software failure incident occurred on a stretch"));
  }

  @Test
  void pageAndCsvAgreeOnEveryIncident() throws IOException {
    List<Problem> problems = new ArrayList<>();
    Map<String, Incident> pages = pageIncidents(problems);
    Map<String, Incident> rows = csvIncidents(problems);
    assertEquals(rows.keySet(), pages.keySet());
    int items = 0;
    for (Incident row : rows.values()) {
      Incident page = pages.get(row.id());
      String at = "incident " + row.id();
      assertEquals(row.title(), page.title(), at);
      assertEquals(row.published(), page.published(), at);
      for (Category c : Category.values()) {
        if (c == Category.CPS) {
          assertTrue(page.taxonomy().get(c).isEmpty(), at + " cps");
          continue;
        }
        assertEquals(row.taxonomy().options(c), page.taxonomy().options(c), at + " " + c);
        assertEquals(
            ws(row.taxonomy().get(c).rationale()),
            ws(page.taxonomy().get(c).rationale()),
            at + " " + c + " rationale");
      }
      for (Section s : Section.values()) {
        List<String> expected = row.items(s).stream().map(FailDevConsistencyTest::ws).toList();
        List<String> actual = page.items(s).stream().map(FailDevConsistencyTest::ws).toList();
        assertEquals(expected, actual, at + " " + s);
        items += actual.size();
      }
      assertEquals(new HashSet<>(row.articleIds()), new HashSet<>(page.articleIds()), at);
      assertEquals(
          new HashSet<>(row.articleIds()),
          new HashSet<>(
              Citations.extract(
                  String.join(
                      "\n",
                      Stream.concat(
                              row.sections().values().stream().flatMap(List::stream),
                              row.taxonomy().categories().values().stream()
                                  .map(cl -> cl.rationale()))
                          .toList()))),
          at + ": CSV text citations vs Related Article IDs");
    }
    assertTrue(items > 31 * 10, "items compared: " + items);
  }
}
