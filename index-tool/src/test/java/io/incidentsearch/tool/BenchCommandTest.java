package io.incidentsearch.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke tests of {@code index-tool bench}: tiny runs, checking what is reported and that the user's
 * archive is left alone; no timing is asserted.
 */
class BenchCommandTest {
  @TempDir Path tmp;

  /** Options that keep a run short: one measured round, few similar calls and samples. */
  private static final List<String> QUICK =
      List.of(
          "--rounds",
          "1",
          "--seconds-per-case",
          "0.1",
          "--similar",
          "3",
          "--hot-sample",
          "20",
          "--http-seconds",
          "0");

  /** {@code bench ARGS}, with the {@link #QUICK} options {@code args} does not give. */
  private ToolRun bench(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("bench"));
    all.addAll(List.of(args));
    for (int i = 0; i < QUICK.size(); i += 2) {
      if (!all.contains(QUICK.get(i))) {
        all.addAll(QUICK.subList(i, i + 2));
      }
    }
    all.addAll(List.of("--scratch", tmp.resolve("scratch").toString()));
    return ToolRun.run(all.toArray(String[]::new));
  }

  @Test
  @SuppressWarnings("unchecked")
  void searchesOverHttpBesideTheSameSearchesInProcess() {
    ToolRun r =
        bench(
            "--corpus",
            ToolRun.archive().toString(),
            "--threads",
            "1",
            "--json",
            "--http-seconds",
            "0.5",
            "--http-heap",
            "256m");
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    List<Map<String, Object>> http = (List<Map<String, Object>>) r.json().get("http");
    assertEquals(List.of(1L, 8L, 64L), http.stream().map(h -> h.get("clients")).toList());
    for (Map<String, Object> h : http) {
      assertTrue((Long) h.get("requests") > 0, h.toString());
      assertEquals(0L, h.get("errors"), h.toString());
      assertEquals("256m", h.get("serverHeap"));
      assertTrue((Double) h.get("p50Ms") > 0 && (Double) h.get("inProcessP50Ms") > 0, h.toString());
      double overhead = (Double) h.get("overheadP50Ms");
      assertTrue(overhead >= 0 && overhead < (Double) h.get("p50Ms"), h.toString());
    }
    List<Map<String, Object>> targets = (List<Map<String, Object>>) r.json().get("targets");
    assertTrue(
        targets.stream().anyMatch(t -> t.get("name").toString().startsWith("HTTP errors, 64")),
        targets.toString());
    assertTrue(r.err().contains("bench: HTTP, 64 client(s):"), r.err());
  }

  @Test
  @SuppressWarnings("unchecked")
  void reuseMeasuresQueriesOnAKeptRunAndChangesNothing() throws IOException {
    ToolRun kept =
        bench("--corpus", ToolRun.archive().toString(), "--threads", "1", "--keep", "--json");
    assertEquals(ExitCodes.OK, kept.exitCode(), kept.toString());
    Path dir;
    try (var children = Files.list(tmp.resolve("scratch"))) {
      dir = children.findFirst().orElseThrow();
    }
    Map<String, String> before = fingerprints(dir);

    ToolRun r = bench("--reuse", dir.toString(), "--threads", "1", "--json");
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    Map<String, Object> json = r.json();
    assertEquals(List.of(), json.get("builds"));
    assertEquals(List.of(), json.get("incremental"));
    assertEquals(13L, ((Map<String, Object>) json.get("corpus")).get("incidents"));
    List<Map<String, Object>> queries = (List<Map<String, Object>>) json.get("queries");
    assertTrue(queries.stream().anyMatch(q -> q.get("system").equals("baseline")));
    assertTrue(queries.stream().anyMatch(q -> q.get("variant").equals("facets")));
    assertEquals(before, fingerprints(dir), "--reuse must not change the kept run");

    // Without builds, the query threads say what N is: columns for 1 and 2 threads.
    ToolRun text = bench("--reuse", dir.toString(), "--threads", "2");
    assertEquals(ExitCodes.OK, text.exitCode(), text.toString());
    assertTrue(text.out().contains("q/s 2t"), text.out());

    ToolRun wrong = bench("--reuse", tmp.toString(), "--threads", "1");
    assertEquals(ExitCodes.UNEXPECTED, wrong.exitCode(), wrong.toString()); // as other "cannot run"

    assertTrue(wrong.err().contains("--reuse"), wrong.err());
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonReportsEveryPhaseForBothSystemsAndLeavesTheArchiveAlone() throws IOException {
    Map<String, String> before = contents(ToolRun.archive());
    Path report = tmp.resolve("report.md");
    ToolRun r =
        bench(
            "--corpus",
            ToolRun.archive().toString(),
            "--threads",
            "2",
            "--json",
            "--out",
            report.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    Map<String, Object> json = r.json();

    Map<String, Object> corpus = (Map<String, Object>) json.get("corpus");
    assertEquals(42L, corpus.get("files"));
    assertEquals(13L, corpus.get("incidents"));
    assertEquals(29L, corpus.get("articles"));
    Map<String, Object> env = (Map<String, Object>) json.get("environment");
    assertTrue((Long) env.get("cpus") >= 1);
    assertTrue(((String) env.get("lucene")).startsWith("10."), env.toString());

    List<Map<String, Object>> builds = (List<Map<String, Object>>) json.get("builds");
    assertEquals(4, builds.size(), builds.toString()); // 2 systems x (1, 2 threads)
    for (Map<String, Object> b : builds) {
      assertEquals(42L, b.get("records"), b.toString());
      assertTrue((Long) b.get("indexBytes") > 0, b.toString());
      assertTrue((Double) b.get("docsPerSecond") > 0, b.toString());
    }
    List<Map<String, Object>> inc = (List<Map<String, Object>>) json.get("incremental");
    assertEquals(List.of("no-op", "1% changed"), inc.stream().map(m -> m.get("phase")).toList());
    assertEquals(0L, inc.get(0).get("filesParsed"));
    assertEquals(1L, inc.get(1).get("filesChanged")); // 1% of 42 files, rounded up
    assertEquals(1L, inc.get(1).get("filesParsed"));

    List<Map<String, Object>> queries = (List<Map<String, Object>>) json.get("queries");
    Set<String> seen = new HashSet<>();
    for (Map<String, Object> q : queries) {
      seen.add(q.get("system") + " " + q.get("kind") + " " + q.get("variant"));
      assertTrue((Long) q.get("samples") > 0, q.toString());
    }
    for (String system : List.of("incident-search", "baseline")) {
      for (String kind : List.of("text", "term", "multi", "phrase", "field", "date")) {
        for (String variant : List.of("plain", "facets", "filtered")) {
          assertTrue(seen.contains(system + " " + kind + " " + variant), system + kind + variant);
        }
      }
      assertTrue(seen.contains(system + " similar similar"), seen.toString());
    }
    assertTrue(seen.contains("incident-search text highlight"));
    assertTrue(seen.contains("incident-search text fast-total"));
    assertFalse(seen.contains("baseline text fast-total"));
    // The built-in queries find something on the real fixtures.
    Map<String, Object> term =
        queries.stream()
            .filter(
                q ->
                    q.get("system").equals("incident-search")
                        && q.get("kind").equals("term")
                        && q.get("variant").equals("plain")
                        && q.get("threads").equals(1L))
            .findFirst()
            .orElseThrow();
    assertTrue((Double) term.get("meanHits") > 0, term.toString());

    List<Map<String, Object>> hot = (List<Map<String, Object>>) json.get("hotPaths");
    List<Object> names = hot.stream().map(h -> h.get("name")).toList();
    assertTrue(names.contains("parsing"), names.toString());
    assertTrue(names.contains("record JSON (stored copy)"), names.toString());
    assertTrue(names.contains("facet ordinal map (per opened reader)"), names.toString());
    assertTrue(names.contains("highlighting (top 10)"), names.toString());
    assertTrue(names.contains("facet counting, all 20 dims"), names.toString());
    // Articles carry their citing incidents' taxonomy here, not in the baseline.
    String ordinals =
        hot.stream()
            .filter(h -> h.get("name").equals("facet ordinals per record"))
            .map(h -> (String) h.get("cost"))
            .findFirst()
            .orElseThrow();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("([\\d.]+) \\(baseline ([\\d.]+)\\)").matcher(ordinals);
    assertTrue(m.matches(), ordinals);
    assertTrue(Double.parseDouble(m.group(1)) > Double.parseDouble(m.group(2)), ordinals);
    assertFalse(((List<Object>) json.get("targets")).isEmpty());

    String md = Files.readString(report);
    assertTrue(md.contains("### Full builds"), md);
    assertTrue(md.contains("| CPUs | "), md);
    assertEquals(before, contents(ToolRun.archive()), "the benchmark changed the archive");
    try (Stream<Path> left = Files.list(tmp.resolve("scratch"))) {
      assertEquals(List.of(), left.toList(), "the scratch folder was not deleted");
    }
  }

  @Test
  void theTextTablesPrintEveryFigureBesideTheBaseline() {
    ToolRun r = bench("--corpus", ToolRun.archive().toString(), "--threads", "1");
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    assertTrue(r.out().contains("Full builds"), r.out());
    assertTrue(r.out().contains("docs/s vs baseline"), r.out());
    assertTrue(r.out().contains("base p50"), r.out());
    assertTrue(r.out().contains("Targets"), r.out());
    assertTrue(r.err().contains("bench: full build, incident-search, 1 thread"), r.err());
  }

  @Test
  @SuppressWarnings("unchecked")
  void generatesASyntheticArchiveInProcess() {
    ToolRun r = bench("--generate", "20", "--threads", "2", "--json");
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    Map<String, Object> corpus = (Map<String, Object>) r.json().get("corpus");
    assertEquals(60L, corpus.get("files")); // 2 articles per incident by default
    assertEquals(20L, corpus.get("incidents"));
    assertEquals(40L, corpus.get("articles"));
    assertEquals(
        "index-tool generate --incidents 20 --articles-per-incident 2 --seed 1",
        corpus.get("generated"));
    assertTrue(r.err().contains("bench: generated 60 files"), r.err());
  }

  @Test
  void theGeneratorScriptOptionIsGone() {
    ToolRun r = bench("--generate", "5", "--generator", tmp.resolve("gen.py").toString());
    assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
    assertTrue(r.err().contains("Unknown option"), r.err());
  }

  @Test
  void helpFormatsWithoutPicocliWarnings() {
    // A bare % in a description ("1%-changed") made picocli warn on stderr and print the raw text.
    java.io.ByteArrayOutputStream stray = new java.io.ByteArrayOutputStream();
    java.io.PrintStream saved = System.err;
    System.setErr(new java.io.PrintStream(stray, true, java.nio.charset.StandardCharsets.UTF_8));
    ToolRun r;
    try {
      r = ToolRun.run("bench", "--help");
    } finally {
      System.setErr(saved);
    }
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    assertTrue(r.out().contains("1%-changed"), r.out());
    assertFalse(r.out().contains("1%%"), r.out());
    String warnings = stray.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertFalse(warnings.contains("picocli WARN"), warnings);
  }

  @Test
  void corpusAndGenerateExcludeEachOther() {
    ToolRun r = bench("--generate", "5", "--corpus", ToolRun.archive().toString());
    assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
    ToolRun none = ToolRun.run("bench");
    assertEquals(ExitCodes.USAGE, none.exitCode(), none.toString());
  }

  /** Every file under {@code dir} (indexes included) with the SHA-256 of its bytes. */
  private static Map<String, String> fingerprints(Path dir) throws IOException {
    Map<String, String> out = new java.util.TreeMap<>();
    try (var files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(f).toString(), ToolRun.sha256(f));
      }
    }
    return out;
  }

  private static Map<String, String> contents(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (Files.isRegularFile(p)) {
          out.put(dir.relativize(p).toString(), Files.readString(p));
        }
      }
    }
    return out;
  }
}
