package io.incidentsearch.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.TestCorpus;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.model.Category;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.search.FacetCounts;
import io.incidentsearch.search.SearchRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FAIL's older option values ({@code neither}, {@code both}) are facet values of their own, not
 * missing, on an index of the real fail-dev and fail-extra folders (pages and CSV exports).
 */
class FailTaxonomyFacetTest {
  /** A page's phase row; the group is its options when they are FAIL vocabulary. */
  private static final Pattern PHASE_ROW =
      Pattern.compile(
          "(?m)^Phase(?: \\([^)]*\\))? ((?:design|operation|system design|both|neither|unknown)"
              + "(?:, (?:design|operation|system design|both|neither|unknown))*)(?=[ ]|$)");

  @Test
  void phaseFacetCountsNeitherAndBoth(@TempDir Path dir) throws IOException {
    Path failDev = TestCorpus.failDev();
    Path failExtra = TestCorpus.failExtra();
    Map<String, List<String>> phases = phaseOptions(List.of(failDev, failExtra));
    Set<String> neither = having(phases, "neither");
    Set<String> both = having(phases, "both");
    assertTrue(neither.contains("2229") && !both.isEmpty(), "a weak test: " + phases);

    IncidentIndex.build(dir, List.of(failDev, failExtra), BuildOptions.defaults().threads(2));
    try (IncidentIndex index = IncidentIndex.open(dir)) {
      FacetCounts facets = index.facets(SearchRequest.builder().type(RecordType.INCIDENT).build());
      String shown = facets.asMap("phase").toString();
      assertEquals((long) phases.size(), index.stats().recordCounts().get("incident"), shown);
      assertEquals(neither.size(), facets.count("phase", "neither"), shown);
      assertEquals(both.size(), facets.count("phase", "both"), shown);
      for (String id : neither) {
        Incident incident = (Incident) index.get("incident:" + id).orElseThrow();
        assertTrue(incident.taxonomy().options(Category.PHASE).contains("neither"), id);
      }
      // FAIL's own older values are vocabulary, not options stats should flag as unknown.
      List<String> unknownPhases = index.stats().unknownOptions().getOrDefault("phase", List.of());
      assertFalse(
          unknownPhases.contains("neither") || unknownPhases.contains("both"),
          unknownPhases.toString());
    }
  }

  private static Set<String> having(Map<String, List<String>> phases, String option) {
    Set<String> ids = new TreeSet<>();
    phases.forEach(
        (id, options) -> {
          if (options.contains(option)) {
            ids.add(id);
          }
        });
    return ids;
  }

  /**
   * Each incident's phase options as the files say them, read without the library: incident pages
   * (the row after its label) and incident CSV exports (the {@code Phase Option} cell), the file
   * whose path sorts first winning as in the scanner. Article tables (with a {@code Body} column)
   * hold articles and are left out. A row wider than its header (a header that lost a comma before
   * the taxonomy columns) is read from its end.
   */
  private static Map<String, List<String>> phaseOptions(List<Path> roots) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path root : roots) {
      try (Stream<Path> all = Files.walk(root)) {
        all.filter(Files::isRegularFile).forEach(files::add);
      }
    }
    files.sort(null);
    Map<String, List<String>> phases = new TreeMap<>();
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (name.endsWith(".txt") && file.getParent().getFileName().toString().equals("incidents")) {
        Matcher m = PHASE_ROW.matcher(Files.readString(file, StandardCharsets.UTF_8));
        List<String> options = new ArrayList<>();
        if (m.find()) {
          for (String o : m.group(1).split(", ")) {
            options.add(o.equals("system design") ? "design" : o);
          }
        }
        phases.putIfAbsent(name.replace(".txt", ""), options);
      } else if (name.endsWith(".csv")) {
        try (CSVParser csv =
            CSVFormat.RFC4180.builder().get().parse(Files.newBufferedReader(file))) {
          List<CSVRecord> rows = csv.getRecords();
          List<String> header = rows.get(0).toList();
          int id =
              header.indexOf("Incident ID") >= 0
                  ? header.indexOf("Incident ID")
                  : header.indexOf("ID");
          int phase = header.indexOf("Phase Option");
          if (id < 0 || phase < 0 || header.contains("Body") || header.contains("Article ID")) {
            continue;
          }
          for (CSVRecord row : rows.subList(1, rows.size())) {
            String cell = row.get(row.size() - (header.size() - phase)).strip();
            List<String> options = new ArrayList<>();
            for (String o : cell.isEmpty() ? new String[0] : cell.split(",\\s*")) {
              options.add(o.equals("system design") ? "design" : o);
            }
            phases.putIfAbsent(row.get(id), options);
          }
        }
      }
    }
    return phases;
  }
}
