package io.incidentsearch.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.TestCorpus;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's embedding example, compiled and run so it cannot rot. */
class EmbeddingExampleTest {
  @TempDir Path dir;

  /** The README's program, line for line (its {@code System.out} is a parameter here). */
  static void search(Path indexDir, Path archive, PrintStream out) throws Exception {
    try (IncidentIndex index = IncidentIndex.openOrCreate(indexDir)) {
      index.build(List.of(archive), BuildOptions.defaults()); // incremental: re-runs are cheap
      SearchResult result =
          index.search(
              SearchRequest.builder()
                  .query("contacts upload phone numbers")
                  .filter("objective", "malicious")
                  .countFacets(true)
                  .build());
      result.hits().forEach(h -> out.println(h.key() + "  " + h.title()));
      out.println(result.facets().asMap("phase")); // drill-sideways counts per option
    }
  }

  @Test
  void theReadmeProgramFindsTheTwitterIncident() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    search(
        dir.resolve("index"),
        TestCorpus.testdata().resolve("archive"),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(
        "incident:2750  Twitter Exposes User Phone Numbers Due to Flaw in Contacts Feature",
        lines[0]);
    assertTrue(lines[lines.length - 1].contains("design="), lines[lines.length - 1]);
  }
}
