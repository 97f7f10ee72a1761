package io.incidentsearch.tool;

import static io.incidentsearch.tool.ToolRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.IncidentIndex;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every index command, in process, in human and JSON form, on an index built once from {@code
 * testdata/archive} (13 incidents, 29 articles).
 */
class IndexCommandsTest {
  @TempDir static Path shared;
  @TempDir Path dir;

  static Path index;

  @BeforeAll
  static void buildIndex() {
    index = shared.resolve("index");
    ToolRun r = run("build", "--index", index.toString(), ToolRun.archive().toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
  }

  private static String idx() {
    return index.toString();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object o) {
    return (List<Map<String, Object>>) o;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object o) {
    return (List<String>) o;
  }

  private static List<String> ids(Map<String, Object> result) {
    return list(result.get("hits")).stream().map(h -> (String) h.get("id")).toList();
  }

  // ---- build

  @Test
  void buildFreshThenNoOpThenFull() {
    Path i = dir.resolve("idx");
    ToolRun fresh = run("build", "--json", "--index", i.toString(), ToolRun.archive().toString());
    assertEquals(ExitCodes.OK, fresh.exitCode(), fresh.toString());
    Map<String, Object> j = fresh.json();
    assertEquals(42L, j.get("added"));
    assertEquals(0L, j.get("updated"));
    assertEquals(0L, j.get("unchanged"));
    assertEquals(List.of(), j.get("problems"));
    assertTrue(((Long) j.get("tookMs")) >= 0);
    assertEquals("", fresh.err(), "no progress bar when stderr is not a terminal");

    ToolRun again = run("build", "--index", i.toString(), ToolRun.archive().toString());
    assertEquals(ExitCodes.OK, again.exitCode(), again.toString());
    assertTrue(again.out().startsWith("index is up to date"), again.out());
    assertTrue(again.out().contains("0 added, 0 updated, 0 deleted, 42 unchanged"), again.out());
    assertTrue(again.out().contains("13 incidents, 29 articles"), again.out());

    ToolRun full =
        run("build", "--full", "--json", "--index", i.toString(), ToolRun.archive().toString());
    assertEquals(ExitCodes.OK, full.exitCode(), full.toString());
    Map<String, Object> fj = full.json();
    assertEquals(
        42L, (Long) fj.get("added") + (Long) fj.get("unchanged") + (Long) fj.get("updated"));
    assertEquals(42L, map(fj.get("files")).get("parsed"));
  }

  @Test
  void buildWithARejectedFileExitsThreeAndNamesIt() throws IOException {
    Path archive = ToolRun.copyTree(ToolRun.archive(), dir.resolve("archive"));
    Path empty = Files.writeString(archive.resolve("incidents/9999.txt"), "");
    Path i = dir.resolve("idx");
    ToolRun r = run("build", "--json", "--index", i.toString(), archive.toString());
    assertEquals(ExitCodes.INPUTS_REJECTED, r.exitCode(), r.toString());
    List<Map<String, Object>> problems = list(r.json().get("problems"));
    assertTrue(
        problems.stream()
            .anyMatch(
                p -> p.get("file").equals(empty.toString()) && p.get("severity").equals("error")),
        problems.toString());
    assertEquals(42L, r.json().get("added"), "the good files are still indexed");

    Files.writeString(archive.resolve("incidents/9998.txt"), "");
    ToolRun human = run("build", "--index", i.toString(), archive.toString());
    assertEquals(ExitCodes.INPUTS_REJECTED, human.exitCode(), human.toString());
    assertTrue(human.err().contains("9998.txt"), human.err());
    assertTrue(human.err().contains(": error: "), human.err());
    assertTrue(human.out().contains("problems"), human.out());
  }

  @Test
  void buildShowsProgressOnlyOnATerminal() {
    Environment terminal = new Environment(Map.of(), false, true, 100);
    ToolRun r =
        run(
            terminal,
            "build",
            "--index",
            dir.resolve("idx").toString(),
            ToolRun.archive().toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    assertTrue(r.err().contains("files"), r.err());
    assertTrue(r.err().contains("records/s"), r.err());
    assertTrue(r.err().endsWith("\r\u001b[K"), "the progress line is cleared at the end");
  }

  @Test
  void progressLineHasCountsRateAndEta() {
    ProgressBar bar = new ProgressBar(new java.io.PrintWriter(java.io.Writer.nullWriter()));
    bar.filesToParse(10);
    for (int k = 0; k < 4; k++) {
      bar.fileParsed(Path.of("f" + k), 3);
    }
    String line = bar.line(2_000_000_000L);
    assertTrue(line.contains("4/10 files"), line);
    assertTrue(line.contains("12 records"), line);
    assertTrue(line.contains("6 records/s"), line);
    assertTrue(line.contains("ETA 0:03"), line);
  }

  @Test
  void buildOfAMissingArchiveIsAUsageError() {
    ToolRun r =
        run("build", "--index", dir.resolve("i").toString(), dir.resolve("nope").toString());
    assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
    assertTrue(r.err().contains("no such file or folder"), r.err());
  }

  // ---- search

  @Test
  void searchFindsAndMarksTheQueryWords() {
    ToolRun r = run("search", "--index", idx(), "phone", "numbers");
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    assertTrue(r.out().contains("incident:2750"), r.out());
    assertTrue(r.out().contains("[phone]") || r.out().contains("[Phone]"), r.out());
    assertFalse(r.out().contains("\u001b["), "no ANSI escapes when not a terminal");
    assertTrue(r.lines().get(0).contains("for \"phone numbers\""), r.out());

    ToolRun j = run("search", "--json", "--index", idx(), "phone numbers");
    assertEquals(ExitCodes.OK, j.exitCode(), j.toString());
    Map<String, Object> res = j.json();
    assertEquals("phone numbers", res.get("query"));
    assertTrue((Long) res.get("total") > 0);
    assertEquals(Boolean.TRUE, res.get("totalExact"));
    assertTrue(ids(res).contains("incident:2750"), ids(res).toString());
    // Far fewer matches than Lucene's pruning threshold: --fast-total changes nothing.
    Map<String, Object> fast =
        run("search", "--json", "--fast-total", "--index", idx(), "phone numbers").json();
    assertEquals(res.get("total"), fast.get("total"));
    assertEquals(Boolean.TRUE, fast.get("totalExact"));
    assertEquals(ids(res), ids(fast));
    Map<String, Object> hit = list(res.get("hits")).get(0);
    for (String field :
        List.of("id", "type", "title", "published", "score", "taxonomy", "snippets")) {
      assertTrue(hit.containsKey(field), field + " in " + hit);
    }
    assertTrue(res.containsKey("next"));
    assertTrue(res.containsKey("tookMs"));
    assertFalse(res.containsKey("facets"), "facets only with --facets");
  }

  @Test
  void searchOnATerminalUsesBold() {
    Environment terminal = new Environment(Map.of(), true, true, 100);
    ToolRun r = run(terminal, "search", "--index", idx(), "phone");
    assertTrue(r.out().contains("\u001b[1m"), r.out());
    ToolRun noColor =
        run(
            new Environment(Map.of("NO_COLOR", "1"), true, true, 100),
            "search",
            "--index",
            idx(),
            "phone");
    assertFalse(noColor.out().contains("\u001b["), noColor.out());
  }

  @Test
  void searchWithoutQueryListsEveryRecord() {
    Map<String, Object> res = run("search", "--json", "--index", idx()).json();
    assertEquals(42L, res.get("total"));
    assertEquals(10, list(res.get("hits")).size());
  }

  @Test
  void searchFiltersByCategoryTypeAndDate() {
    Map<String, Object> res =
        run("search", "--json", "--limit", "100", "--filter", "phase=design", "--index", idx())
            .json();
    assertTrue((Long) res.get("total") > 0);
    for (Map<String, Object> h : list(res.get("hits"))) {
      assertTrue(strings(map(h.get("taxonomy")).get("phase")).contains("design"), h.toString());
    }

    Map<String, Object> articles =
        run("search", "--json", "--limit", "100", "--type", "article", "--index", idx()).json();
    assertEquals(29L, articles.get("total"));
    list(articles.get("hits")).forEach(h -> assertEquals("article", h.get("type")));

    Map<String, Object> y2020 =
        run(
                "search", "--json", "--limit", "100", "--from", "2020", "--to", "2020-12",
                "--index", idx())
            .json();
    assertTrue((Long) y2020.get("total") > 0);
    for (Map<String, Object> h : list(y2020.get("hits"))) {
      assertTrue(((String) h.get("published")).startsWith("2020-"), h.toString());
    }
    ToolRun human =
        run(
            "search",
            "--filter",
            "phase=design",
            "--type",
            "incident",
            "--index",
            idx(),
            "zzzqqxnotaword");
    assertEquals(ExitCodes.OK, human.exitCode(), human.toString());
    assertTrue(human.out().contains("no results; try fewer words or remove filters"), human.out());
  }

  @Test
  void searchSortsByDate() {
    Map<String, Object> res =
        run("search", "--json", "--sort", "newest", "--limit", "50", "--index", idx()).json();
    List<String> dates = new ArrayList<>();
    for (Map<String, Object> h : list(res.get("hits"))) {
      if (h.get("published") != null) {
        dates.add((String) h.get("published"));
      }
    }
    List<String> sorted = new ArrayList<>(dates);
    sorted.sort(Comparator.reverseOrder());
    assertEquals(sorted, dates);
    Map<String, Object> oldest =
        run("search", "--json", "--sort", "OLDEST", "--limit", "1", "--index", idx()).json();
    assertEquals(dates.get(dates.size() - 1), list(oldest.get("hits")).get(0).get("published"));
  }

  @Test
  void searchPagesWithTheCursorWithoutRepeatsOrGaps() {
    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      List<String> args =
          new ArrayList<>(List.of("search", "--json", "--limit", "5", "--index", idx()));
      if (cursor != null) {
        args.addAll(List.of("--after", cursor));
      }
      Map<String, Object> res = run(args.toArray(String[]::new)).json();
      for (String id : ids(res)) {
        assertTrue(seen.add(id), "repeated " + id);
      }
      cursor = (String) res.get("next");
      pages++;
    } while (cursor != null && pages < 20);
    assertEquals(42, seen.size());
    assertEquals(9, pages);

    Map<String, Object> offset =
        run("search", "--json", "--limit", "5", "--offset", "40", "--index", idx()).json();
    assertEquals(2, list(offset.get("hits")).size());
    assertNull(offset.get("next"));
  }

  @Test
  void searchCountsFacets() {
    Map<String, Object> res = run("search", "--json", "--facets", "--index", idx()).json();
    Map<String, Object> facets = map(res.get("facets"));
    Map<String, Long> types = new java.util.HashMap<>();
    for (Map<String, Object> v : list(facets.get("type"))) {
      types.put((String) v.get("value"), (Long) v.get("count"));
    }
    assertEquals(Map.of("incident", 13L, "article", 29L), types);
    assertTrue(facets.containsKey("phase"));

    ToolRun human = run("search", "--facets", "--index", idx(), "twitter");
    assertTrue(human.out().contains("\u2588"), human.out());
    assertTrue(human.out().contains("\nphase\n"), human.out());
  }

  @Test
  void searchExplainsScores() {
    Map<String, Object> res =
        run("search", "--json", "--explain", "--limit", "2", "--index", idx(), "phone").json();
    Map<String, Object> explain = map(list(res.get("hits")).get(0).get("explain"));
    List<Map<String, Object>> parts = list(explain.get("contributions"));
    assertFalse(parts.isEmpty(), explain.toString());
    assertTrue(
        parts.stream().anyMatch(p -> ((String) p.get("term")).startsWith("phone")),
        parts.toString());

    ToolRun human = run("search", "--explain", "--limit", "1", "--index", idx(), "phone");
    assertTrue(human.out().contains("score "), human.out());
    assertTrue(human.out().contains("title"), human.out());
  }

  @Test
  void textThatIsNotSyntaxIsSearchedAsItsWordsAndSaysSo() {
    for (String q :
        List.of(
            "\"IoT Goes Nuclear\": Researchers Hack Philips Hue Smart Bulbs",
            "Twitter leak of phone numbers [28933]",
            "Boxing's stink is computer-generated Series: XXV OLYMPICS: BARCELONA",
            "title:(phone AND")) {
      ToolRun r = run("search", "--index", idx(), q);
      assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
      ToolRun j = run("search", "--json", "--index", idx(), q);
      assertEquals(ExitCodes.OK, j.exitCode(), j.toString());
      Map<String, Object> doc = j.json();
      assertTrue(doc.containsKey("interpretedAs"), doc.toString());
      if (doc.get("interpretedAs") != null) {
        assertTrue(r.out().contains("searched as words: " + doc.get("interpretedAs")), r.out());
      } else {
        assertFalse(r.out().contains("searched as words"), r.out());
      }
    }
    ToolRun iot =
        run(
            "search",
            "--json",
            "--index",
            idx(),
            "\"IoT Goes Nuclear\": Researchers Hack Philips Hue Smart Bulbs");
    assertEquals(
        "\"IoT Goes Nuclear\" Researchers Hack Philips Hue Smart Bulbs",
        iot.json().get("interpretedAs"));
    ToolRun phone =
        run("search", "--json", "--index", idx(), "Twitter leak of phone numbers [28933]");
    assertEquals("Twitter leak of phone numbers 28933", phone.json().get("interpretedAs"));
    assertTrue(((Number) phone.json().get("total")).longValue() > 0, phone.out());
    ToolRun written = run("search", "--json", "--index", idx(), "phone numbers");
    assertTrue(written.json().containsKey("interpretedAs"));
    assertNull(written.json().get("interpretedAs"), "null when the query ran as written");

    ToolRun strict =
        run(
            "search",
            "--strict",
            "--index",
            idx(),
            "\"IoT Goes Nuclear\": Researchers Hack Philips Hue Smart Bulbs");
    assertEquals(ExitCodes.USAGE, strict.exitCode(), strict.toString());
    assertTrue(strict.err().contains("query syntax error"), strict.err());
  }

  @Test
  void limitsRefuseAQueryAlsoWhenNotStrict() {
    ToolRun r =
        run(
            "search",
            "--index",
            idx(),
            "n/////////////////////++++++++++++++++++++++//r/////r/i/d");
    assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
    assertTrue(r.err().contains("too complex"), r.err());
  }

  @Test
  void querySyntaxErrorIsAUsageErrorThatSaysWhereWhenStrict() {
    ToolRun r = run("search", "--strict", "--index", idx(), "title:(phone AND");
    assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
    assertTrue(r.err().contains("query syntax error"), r.err());
    assertTrue(r.err().contains("column"), r.err());
    assertFalse(r.err().contains("Exception"), "no stack trace: " + r.err());
    assertEquals("", r.out());

    ToolRun json = run("search", "--strict", "--json", "--index", idx(), "\"unclosed");
    assertEquals(ExitCodes.USAGE, json.exitCode(), json.toString());
    assertEquals("", json.out(), "nothing on stdout when there is no document");

    ToolRun badFilter = run("search", "--index", idx(), "--filter", "phase");
    assertEquals(ExitCodes.USAGE, badFilter.exitCode(), badFilter.toString());
    ToolRun badDate = run("search", "--index", idx(), "--from", "yesterday");
    assertEquals(ExitCodes.USAGE, badDate.exitCode(), badDate.toString());
  }

  // ---- show

  @Test
  void showAnIncidentByBareIdAndKey() {
    ToolRun bare = run("show", "--index", idx(), "2750");
    assertEquals(ExitCodes.OK, bare.exitCode(), bare.toString());
    assertTrue(bare.out().startsWith("incident:2750"), bare.out());
    assertTrue(bare.out().contains("Twitter"), bare.out());
    assertTrue(bare.out().contains("Taxonomy"), bare.out());
    assertTrue(bare.out().contains("article:96761"), bare.out());
    assertEquals(bare.out(), run("show", "--index", idx(), "incident:2750").out());

    Map<String, Object> j = run("show", "--json", "--index", idx(), "incident:2750").json();
    assertEquals("incident", j.get("type"));
    assertEquals("2750", j.get("id"));
  }

  @Test
  void showAnArticle() {
    ToolRun r = run("show", "--index", idx(), "article:96761");
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    assertTrue(r.out().contains("Cited by"), r.out());
    assertTrue(r.out().contains("incident:2750"), r.out());
    assertEquals("article", run("show", "--json", "--index", idx(), "96761").json().get("type"));
  }

  @Test
  void showUnknownAndAmbiguousIds() throws IOException {
    ToolRun unknown = run("show", "--index", idx(), "123456789");
    assertEquals(ExitCodes.USAGE, unknown.exitCode(), unknown.toString());
    assertTrue(unknown.err().contains("123456789"), unknown.err());
    ToolRun badType = run("show", "--index", idx(), "postmortem:2750");
    assertEquals(ExitCodes.USAGE, badType.exitCode(), badType.toString());

    // An article page whose id is also an incident's.
    Path archive = ToolRun.copyTree(ToolRun.archive(), dir.resolve("archive"));
    Files.createDirectories(archive.resolve("more"));
    Files.copy(archive.resolve("articles/96761.txt"), archive.resolve("more/2750.txt"));
    Path i = dir.resolve("idx");
    assertEquals(
        ExitCodes.OK, run("build", "--index", i.toString(), archive.toString()).exitCode());
    ToolRun both = run("show", "--index", i.toString(), "2750");
    assertEquals(ExitCodes.USAGE, both.exitCode(), both.toString());
    assertTrue(
        both.err().contains("incident:2750") && both.err().contains("article:2750"), both.err());
  }

  // ---- similar, facets, stats

  @Test
  void similarListsOtherIncidents() {
    ToolRun r = run("similar", "--index", idx(), "--limit", "3", "incident:2750");
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    assertTrue(r.out().startsWith("incidents like incident:2750"), r.out());
    Map<String, Object> j = run("similar", "--json", "--index", idx(), "2750").json();
    assertEquals("incident:2750", j.get("id"));
    List<Map<String, Object>> similar = list(j.get("similar"));
    assertFalse(similar.isEmpty());
    for (Map<String, Object> s : similar) {
      assertNotEquals("incident:2750", s.get("id"));
      assertEquals("incident", s.get("type"));
      assertNotNull(s.get("sharedTerms"));
    }
    assertEquals(ExitCodes.USAGE, run("similar", "--index", idx(), "article:1").exitCode());
  }

  @Test
  void facetsCountEveryCategory() {
    ToolRun r = run("facets", "--index", idx());
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    assertTrue(r.out().startsWith("42 records"), r.out());
    assertTrue(r.out().contains("\ndomain\n"), r.out());
    assertTrue(r.out().matches("(?s).*incident\\s+13 \u2588+.*"), r.out());

    Map<String, Object> j = run("facets", "--json", "--index", idx(), "twitter").json();
    assertEquals("twitter", j.get("query"));
    Map<String, Object> facets = map(j.get("facets"));
    assertEquals(IncidentIndex.facetDimensions(), new ArrayList<>(facets.keySet()));
    long typed = list(facets.get("type")).stream().mapToLong(v -> (Long) v.get("count")).sum();
    assertEquals(j.get("total"), typed);
  }

  @Test
  void statsInBothForms() {
    ToolRun r = run("stats", "--index", idx());
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    assertTrue(r.out().contains("13 incidents, 29 articles"), r.out());
    assertTrue(r.out().contains("\u2588"), r.out());
    Map<String, Object> j = run("stats", "--json", "--index", idx()).json();
    assertEquals(Map.of("incident", 13L, "article", 29L), j.get("records"));
    assertNotNull(map(j.get("published")).get("first"));
    assertEquals((long) IncidentIndex.schemaVersion(), map(j.get("manifest")).get("schemaVersion"));
    assertTrue(map(j.get("facets")).containsKey("phase"));
  }

  @Test
  void indexComesFromTheEnvironmentWhenNotGiven() {
    Environment env = Environment.plain(Map.of("INCIDENT_INDEX", idx()));
    ToolRun r = run(env, "stats", "--json");
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    assertEquals(index.toAbsolutePath().normalize().toString(), r.json().get("index"));
  }

  // ---- export

  @Test
  void exportJsonLinesRebuildsAnIdenticalIndex() throws IOException {
    Path file = dir.resolve("all.jsonl");
    ToolRun r = run("export", "--index", idx(), "--out", file.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    assertTrue(r.err().contains("exported 42 records"), r.err());
    List<String> lines = Files.readAllLines(file);
    assertEquals(42, lines.size());
    for (String line : lines) {
      Map<String, Object> rec = map(ToolRun.parseJson(line));
      assertTrue(Set.of("incident", "article").contains(rec.get("type")), line);
    }

    Path copy = dir.resolve("copy");
    ToolRun build = run("build", "--index", copy.toString(), file.toString());
    assertEquals(ExitCodes.OK, build.exitCode(), build.toString());
    Map<String, Object> before = run("stats", "--json", "--index", idx()).json();
    Map<String, Object> after = run("stats", "--json", "--index", copy.toString()).json();
    for (String key :
        List.of("records", "published", "facets", "missingArticles", "unknownOptions")) {
      assertEquals(before.get(key), after.get(key), key);
    }
  }

  @Test
  void exportStreamsFilteredRecordsToStandardOutput() {
    ToolRun r = run("export", "--index", idx(), "--type", "incident");
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    assertEquals(13, r.lines().size());
    ToolRun q = run("export", "--index", idx(), "twitter");
    long total = (Long) run("search", "--json", "--index", idx(), "twitter").json().get("total");
    assertEquals(total, q.lines().size());
  }

  @Test
  void exportCsvHasOneColumnPerCategory() throws IOException {
    ToolRun r = run("export", "--index", idx(), "--format", "csv");
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    List<CSVRecord> rows =
        CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(r.out())).getRecords();
    assertEquals(42, rows.size());
    CSVRecord incident =
        rows.stream().filter(x -> x.get("id").equals("incident:2750")).findFirst().orElseThrow();
    assertEquals("incident", incident.get("type"));
    assertFalse(incident.get("phase").isEmpty());
    assertTrue(incident.get("linked_ids").contains("96761"));
    assertTrue(rows.get(0).isMapped("consequence"));
  }

  @Test
  void exportCsvKeepsPublicationAliases(@TempDir Path tmp) throws IOException {
    // A real news-archive story whose source line names two outlets, 'Name*Other name'.
    Path story = ToolRun.testdata().resolve("ko-dev/stories/11726-2.txt");
    Path index = tmp.resolve("ko");
    ToolRun b = run("build", "--index", index.toString(), story.toString());
    assertEquals(ExitCodes.OK, b.exitCode(), b.toString());
    ToolRun r = run("export", "--index", index.toString(), "--format", "csv");
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    List<CSVRecord> rows =
        CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(r.out())).getRecords();
    assertEquals(1, rows.size());
    assertEquals("The Asian Wall Street Journal", rows.get(0).get("publication"));
    assertEquals("Asian Wall Street Journal", rows.get(0).get("publication_aliases"));
  }

  // ---- check, missing, locked, damaged

  @Test
  void checkAHealthyIndex() {
    ToolRun r = run("check", "--index", idx());
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    assertTrue(r.out().startsWith("ok: "), r.out());
    assertEquals(true, run("check", "--json", "--index", idx()).json().get("healthy"));
  }

  @Test
  void checkAndSearchADamagedIndexExitFour() throws IOException {
    Path copy = ToolRun.copyTree(index, dir.resolve("damaged"));
    Path biggest;
    try (Stream<Path> files = Files.list(copy)) {
      biggest =
          files
              .filter(p -> !p.getFileName().toString().startsWith("segments"))
              .filter(p -> !p.getFileName().toString().equals("write.lock"))
              .max(Comparator.comparingLong(p -> p.toFile().length()))
              .orElseThrow();
    }
    try (RandomAccessFile f = new RandomAccessFile(biggest.toFile(), "rw")) {
      f.seek(f.length() / 2);
      int b = f.read();
      f.seek(f.length() / 2);
      f.write(b ^ 0xff);
    }
    ToolRun r = run("check", "--index", copy.toString());
    assertEquals(ExitCodes.INDEX_PROBLEM, r.exitCode(), r.toString());
    assertTrue(r.out().startsWith("DAMAGED"), r.out());
    assertTrue(r.out().contains("build --full"), r.out());
    Map<String, Object> j = run("check", "--json", "--index", copy.toString()).json();
    assertEquals(false, j.get("healthy"));
    assertFalse(strings(j.get("problems")).isEmpty());
  }

  @Test
  void missingIndexExitsFourAndSaysHowToBuild() {
    for (String command : List.of("search", "stats", "facets", "export", "check")) {
      ToolRun r = run(command, "--index", dir.resolve("none").toString());
      assertEquals(ExitCodes.INDEX_PROBLEM, r.exitCode(), command + ": " + r);
      assertTrue(r.err().contains("index-tool build"), r.err());
    }
    ToolRun show = run("show", "--index", dir.resolve("none").toString(), "2750");
    assertEquals(ExitCodes.INDEX_PROBLEM, show.exitCode(), show.toString());
  }

  @Test
  void lockedIndexExitsFour() throws IOException {
    Path copy = ToolRun.copyTree(index, dir.resolve("locked"));
    try (FSDirectory d = FSDirectory.open(copy);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
      ToolRun r = run("build", "--index", copy.toString(), ToolRun.archive().toString());
      assertEquals(ExitCodes.INDEX_PROBLEM, r.exitCode(), r.toString());
      assertTrue(r.err().contains("locked"), r.err());
      ToolRun check = run("check", "--index", copy.toString());
      assertEquals(ExitCodes.INDEX_PROBLEM, check.exitCode(), check.toString());
      ToolRun search = run("search", "--index", copy.toString(), "phone");
      assertEquals(ExitCodes.OK, search.exitCode(), "readers do not need the lock: " + search);
      assertTrue(w.isOpen());
    }
  }

  // ---- help and version

  @Test
  void everyCommandHasHelpWithExamples() {
    for (String command :
        List.of(
            "build", "search", "show", "similar", "facets", "stats", "export", "check", "parse")) {
      ToolRun r = run(command, "--help");
      assertEquals(ExitCodes.OK, r.exitCode(), command);
      assertTrue(r.out().contains("Examples:"), command + ": " + r.out());
      assertTrue(r.out().contains("Exit codes"), command + ": " + r.out());
    }
    ToolRun v = run("--version");
    assertEquals(ExitCodes.OK, v.exitCode());
    assertTrue(v.out().startsWith("index-tool "), v.out());
  }
}
