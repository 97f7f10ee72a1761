package io.incidentsearch.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code index-tool bench --index DIR --index DIR}: queries measured side by side on two real
 * indexes (testdata's archive: 13 incidents + 29 articles; fail-dev: 31 + 76); no timing is
 * asserted, only what is reported and that the indexes are left alone.
 */
class BenchIndexesTest {
  @TempDir static Path shared;
  @TempDir Path tmp;

  static Path small;
  static Path devIndex;

  /** Options that keep a run short: one measured round, a tenth of a second per case. */
  private static final List<String> QUICK =
      List.of("--rounds", "1", "--seconds-per-case", "0.1", "--similar", "3");

  private static final List<String> KINDS =
      List.of("text", "term", "multi", "phrase", "field", "date");
  private static final List<String> VARIANTS =
      List.of("plain", "facets", "filtered", "highlight", "fast-total");

  @BeforeAll
  static void buildIndexes() {
    small = shared.resolve("small");
    ToolRun a = ToolRun.run("build", "--index", small.toString(), ToolRun.archive().toString());
    assertEquals(ExitCodes.OK, a.exitCode(), a.toString());
    Path failDev = failDev();
    devIndex = shared.resolve("fail-dev");
    ToolRun b =
        ToolRun.run(
            "build",
            "--index",
            devIndex.toString(),
            failDev.resolve("incidents").toString(),
            failDev.resolve("articles").toString());
    assertEquals(ExitCodes.OK, b.exitCode(), b.toString());
  }

  private static Path failDev() {
    Path p = ToolRun.testdata().resolve("fail-dev");
    assertTrue(Files.isDirectory(p.resolve("incidents")), "fail-dev not found at " + p);
    return p;
  }

  private static ToolRun bench(String... args) {
    List<String> all = new ArrayList<>(List.of("bench"));
    all.addAll(List.of(args));
    all.addAll(QUICK);
    return ToolRun.run(all.toArray(String[]::new));
  }

  @Test
  void tablesPrintEveryCaseOnEachIndexWithRatiosAndTheReportIsWritten() throws IOException {
    Map<String, String> before = fingerprints(small);
    Path report = tmp.resolve("scale.md");
    ToolRun r =
        bench(
            "--index",
            small.toString(),
            "--index",
            devIndex.toString(),
            "--threads",
            "2",
            "--out",
            report.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    String out = r.out();
    assertTrue(out.contains("Indexes"), out);
    assertTrue(out.contains(small.toAbsolutePath().toString()), out);
    assertTrue(out.contains("q/s 2t"), out);
    assertFalse(out.contains("base p50"), "no baseline in this mode: " + out);
    assertFalse(out.contains("Full builds"), out);

    // One row per case and index; the second index's rows carry both ratios.
    Pattern row =
        Pattern.compile(
            "^\\s+(\\S+)\\s+(\\S+)\\s+(#[12])\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)\\s.*$");
    Set<String> seen = new HashSet<>();
    for (String line : r.lines()) {
      Matcher m = row.matcher(line);
      if (!m.matches()) {
        continue;
      }
      seen.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
      if (m.group(3).equals("#2")) {
        // 107 records (31 + 76) over 42 (13 + 29); the p50 ratio is whatever was measured.
        assertTrue(line.matches(".*\\s[0-9.]+x\\s+2\\.55x$"), line);
      } else {
        assertFalse(line.matches(".*[0-9]x\\b.*"), "no ratio for the first index: " + line);
      }
    }
    for (String kind : KINDS) {
      for (String variant : VARIANTS) {
        for (String index : List.of("#1", "#2")) {
          assertTrue(
              seen.contains(kind + " " + variant + " " + index),
              kind + " " + variant + " " + index + " in:\n" + out);
        }
      }
    }
    assertTrue(seen.contains("similar similar #1") && seen.contains("similar similar #2"), out);
    // Interleaved: every case measured on #1, then on #2, before the next case.
    List<String> order = new ArrayList<>();
    for (String line : r.err().split("\n")) {
      if (line.contains("incident-search #") && line.contains(" 1t ")) {
        order.add(line.replaceAll(".*(incident-search #\\d).*", "$1"));
      }
    }
    assertTrue(order.size() >= 2 * KINDS.size() * VARIANTS.size(), r.err());
    for (int i = 0; i < order.size(); i++) {
      assertEquals(
          i % 2 == 0 ? "incident-search #1" : "incident-search #2",
          order.get(i),
          "progress line " + i + " of " + order);
    }

    String md = Files.readString(report);
    assertTrue(md.startsWith("## Benchmark: queries on 2 incident-search index(es)"), md);
    assertTrue(md.contains("| CPUs | "), md);
    assertTrue(md.contains("| Lucene | "), md);
    assertTrue(md.contains("### Indexes"), md);
    assertTrue(md.contains("| #2 | " + devIndex.toAbsolutePath()), md);
    assertTrue(md.contains("p50 vs #1 | records vs #1 |"), md);
    assertTrue(md.contains("| text | plain | #2 |"), md);
    assertEquals(before, fingerprints(small), "bench --index must not change the index");
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonHasTheIndexesAndTheRatiosOfTheLaterOnes() {
    // fail-dev first: it picks the similar keys, of which only some are in the small index.
    ToolRun r =
        bench(
            "--index",
            devIndex.toString(),
            "--index",
            small.toString(),
            "--threads",
            "1",
            "--json");
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    Map<String, Object> json = r.json();
    assertNull(json.get("corpus"));
    assertEquals(List.of(), json.get("builds"));
    assertTrue(json.containsKey("environment"));

    List<Map<String, Object>> indexes = (List<Map<String, Object>>) json.get("indexes");
    assertEquals(2, indexes.size(), indexes.toString());
    assertEquals("incident-search #1", indexes.get(0).get("system"));
    assertEquals(31L, indexes.get(0).get("incidents"));
    assertEquals(76L, indexes.get(0).get("articles"));
    assertEquals(13L, indexes.get(1).get("incidents"));
    assertEquals(29L, indexes.get(1).get("articles"));
    assertEquals(42.0 / 107, (Double) indexes.get(1).get("recordsVsFirst"), 1e-9);
    assertTrue((Long) indexes.get(1).get("bytes") > 0, indexes.toString());

    List<Map<String, Object>> queries = (List<Map<String, Object>>) json.get("queries");
    Set<String> seen = new HashSet<>();
    for (Map<String, Object> q : queries) {
      String system = (String) q.get("system");
      assertTrue(system.startsWith("incident-search #"), q.toString());
      seen.add(system + " " + q.get("kind") + " " + q.get("variant"));
      assertEquals(1L, q.get("threads"), q.toString());
      assertTrue((Long) q.get("samples") > 0, q.toString());
      if (system.endsWith("#2")) {
        assertTrue((Double) q.get("p50VsFirst") > 0, q.toString());
        assertEquals(42.0 / 107, (Double) q.get("recordsVsFirst"), 1e-9);
      } else {
        assertFalse(q.containsKey("p50VsFirst"), q.toString());
      }
    }
    for (String kind : KINDS) {
      for (String variant : VARIANTS) {
        assertTrue(seen.contains("incident-search #1 " + kind + " " + variant), seen.toString());
        assertTrue(seen.contains("incident-search #2 " + kind + " " + variant), seen.toString());
      }
    }
    assertEquals(2 * (KINDS.size() * VARIANTS.size() + 1), queries.size(), seen.toString());
    List<String> notes = (List<String>) json.get("notes");
    assertTrue(
        notes.stream().anyMatch(n -> n.matches("similar: [12] of the 3 incident keys .*")),
        notes.toString());
  }

  @Test
  void aFolderThatIsNoIndexGetsTheMessageOtherCommandsGive() {
    ToolRun missing = bench("--index", small.toString(), "--index", tmp.resolve("none").toString());
    assertEquals(ExitCodes.INDEX_PROBLEM, missing.exitCode(), missing.toString());
    assertTrue(missing.err().startsWith("index-tool bench: no index at "), missing.err());
    assertTrue(missing.err().contains("index-tool build --index"), missing.err());
    assertEquals("", missing.out());

    ToolRun archive = bench("--index", ToolRun.archive().toString());
    assertEquals(ExitCodes.INDEX_PROBLEM, archive.exitCode(), archive.toString());
    assertTrue(archive.err().contains("no index at"), archive.err());
    assertEquals(1, archive.err().strip().lines().count(), "one line: " + archive.err());
  }

  @Test
  void indexExcludesTheOtherSources() {
    ToolRun generate = bench("--index", small.toString(), "--generate", "5");
    assertEquals(ExitCodes.USAGE, generate.exitCode(), generate.toString());
    assertTrue(generate.err().contains("mutually exclusive"), generate.err());
    ToolRun corpus = bench("--corpus", ToolRun.archive().toString(), "--index", small.toString());
    assertEquals(ExitCodes.USAGE, corpus.exitCode(), corpus.toString());
    ToolRun reuse = bench("--index", small.toString(), "--reuse", tmp.toString());
    assertEquals(ExitCodes.USAGE, reuse.exitCode(), reuse.toString());
  }

  /** Every file under {@code dir} with the SHA-256 of its bytes. */
  private static Map<String, String> fingerprints(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(f).toString(), ToolRun.sha256(f));
      }
    }
    return out;
  }
}
