package io.incidentsearch.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.TestCorpus;
import io.incidentsearch.model.Article;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole scans through the real readers: decoding, duplicates, links, the testdata archive. */
class ArchiveScanTest {
  @TempDir Path dir;

  private final ArchiveScanner scanner = new ArchiveScanner();

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  private static List<String> ids(List<? extends Record> records) {
    return records.stream().map(Record::id).toList();
  }

  @Test
  void theTestdataArchiveScansCleanly() {
    ScanResult result = scanner.scan(List.of(TestCorpus.testdata().resolve("archive")));
    assertEquals(List.of(), result.problems());
    assertEquals(13, result.incidents().size());
    assertEquals(29, result.articles().size());
    assertEquals(42, result.filesRead());
    assertEquals(0, result.filesRejected());
    assertEquals(0, result.filesSkipped());
    assertEquals("2728", result.incidents().get(0).id());
    assertEquals("2758", result.incidents().get(12).id());
    // Sorted numerically: 3111 < 3663 < ... < 128447.
    assertEquals("3111", result.articles().get(0).id());
    assertEquals("128447", result.articles().get(28).id());

    Map<String, Article> articles =
        result.articles().stream().collect(Collectors.toMap(Article::id, Function.identity()));
    assertEquals(List.of("2750"), articles.get("96761").incidentIds());
    // Links are exactly the incidents citing an article.
    for (Article a : result.articles()) {
      for (String incidentId : a.incidentIds()) {
        Incident citing =
            result.incidents().stream().filter(i -> i.id().equals(incidentId)).findFirst().get();
        assertTrue(citing.articleIds().contains(a.id()), a.id() + " <- " + incidentId);
      }
    }
    Incident twitter =
        result.incidents().stream().filter(i -> i.id().equals("2750")).findFirst().get();
    for (String cited : twitter.articleIds()) {
      if (articles.containsKey(cited)) {
        assertTrue(articles.get(cited).incidentIds().contains("2750"), cited);
      }
    }
  }

  @Test
  void parallelScanGivesTheSameResult() {
    List<Path> roots = List.of(TestCorpus.testdata().resolve("archive"));
    ScanResult one = scanner.scan(roots, 1);
    ScanResult many = scanner.scan(roots, 6);
    assertEquals(one, many);
  }

  @Test
  void theCsvExportsLinkLikeThePages() {
    ScanResult pages = scanner.scan(List.of(TestCorpus.testdata().resolve("archive")));
    ScanResult csv = scanner.scan(List.of(TestCorpus.testdata().resolve("csv")));
    assertEquals(List.of(), csv.problems());
    assertEquals(ids(pages.incidents()), ids(csv.incidents()));
    assertEquals(ids(pages.articles()), ids(csv.articles()));
    Map<String, List<String>> csvLinks =
        csv.articles().stream().collect(Collectors.toMap(Article::id, Article::incidentIds));
    for (Article a : pages.articles()) {
      assertEquals(a.incidentIds(), csvLinks.get(a.id()), "article " + a.id());
    }
  }

  @Test
  void theSameIdTwiceKeepsTheFileThatSortsFirstAndWarnsWhenTheCopiesDiffer() throws IOException {
    byte[] page = Files.readAllBytes(TestCorpus.seedPostmortem());
    Path first = write("a/2750.txt", page);
    Path second = write("b/2750.txt", page);
    // Created in the other order on purpose: the choice must not depend on it.
    Files.setLastModifiedTime(first, Files.getLastModifiedTime(second));
    ScanResult same = scanner.scan(List.of(dir.resolve("b"), dir.resolve("a")));
    assertEquals(1, same.incidents().size());
    assertEquals(first, same.incidents().get(0).source());
    assertEquals(List.of(), same.problems(), "the same record twice loses nothing");

    String other =
        new String(page, StandardCharsets.UTF_8)
            .replace("Incident: Twitter", "Incident: X")
            .replace(
                "Phase (Design/Operation) design, operation", "Phase (Design/Operation) design");
    write("b/2750.txt", other.getBytes(StandardCharsets.UTF_8));
    ScanResult result = scanner.scan(List.of(dir.resolve("b"), dir.resolve("a")));
    assertEquals(first, result.incidents().get(0).source());
    assertEquals(1, result.problems().size(), result.problems().toString());
    Problem p = result.problems().get(0);
    assertEquals(Problem.Severity.WARNING, p.severity());
    assertEquals(second, p.file());
    assertTrue(p.message().contains("duplicate incident id 2750"), p.message());
    assertTrue(p.message().contains("differs in title, taxonomy"), p.message());
    assertTrue(p.message().contains(first.toString()), p.message());
    assertEquals(0, result.filesRejected());
  }

  /**
   * Records compare as what they say: white space (a page collapses its CSV row's line breaks),
   * FAIL's stored "Published on" sentence, and fields one copy leaves empty are no difference.
   */
  @Test
  void copiesThatSayTheSameInOtherFormsAreNoDifference() {
    Article page = new Article("1", "T", "Reuters", null, null, "Body one.\nTwo", List.of(), null);
    Article row =
        new Article(
            "1",
            "T",
            "Reuters",
            "https://reuters.com/1",
            java.time.LocalDate.of(2020, 1, 2),
            "Published on 2020-01-02 08:00:00+00:00. Body  one. Two",
            List.of("5"),
            Path.of("x.csv"));
    assertEquals(List.of(), ArchiveScanner.differences(page, row));
    Article other =
        new Article(
            "1", "T", "Reuters", null, java.time.LocalDate.of(2020, 1, 3), "B", List.of(), null);
    assertEquals(List.of("published", "body"), ArchiveScanner.differences(row, other));
  }

  @Test
  void pagesAndExportsOfTheSameDataAreTheSameRecords() {
    Path t = TestCorpus.testdata();
    ScanResult result = scanner.scan(List.of(t.resolve("csv"), t.resolve("archive")));
    assertEquals(13, result.incidents().size());
    assertEquals(29, result.articles().size());
    assertEquals(List.of(), result.problems());
    // archive/... sorts before csv/...: the pages win.
    for (Incident i : result.incidents()) {
      assertTrue(i.source().startsWith(t.resolve("archive")), i.source().toString());
    }
  }

  @Test
  void bomAndCrlfPagesReadLikeTheOriginal() throws IOException {
    String original = Files.readString(TestCorpus.seedPostmortem());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    bytes.writeBytes(original.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    Path crlf = write("crlf/2750.txt", bytes.toByteArray());
    ParsedFile parsed = scanner.parse(crlf);
    ParsedFile reference = scanner.parse(TestCorpus.seedPostmortem());
    assertEquals(List.of(), parsed.problems());
    Incident a = (Incident) parsed.records().get(0);
    Incident b = ((Incident) reference.records().get(0)).withSource(crlf);
    // The seed's file stem differs from the incident id; compare everything else.
    assertEquals(b.title(), a.title());
    assertEquals(b.sections(), a.sections());
    assertEquals(b.taxonomy(), a.taxonomy());
    assertEquals(b.articleIds(), a.articleIds());
    assertEquals("2750", a.id());
  }

  @Test
  void invalidUtf8IsAWarningNamingTheLineAndTheRecordIsStillRead() throws IOException {
    String article = Files.readString(TestCorpus.seedArticle());
    // Line 5 is the second paragraph: prefix it with a Windows-1252 apostrophe.
    int endOfLine4 = -1;
    for (int i = 0; i < 4; i++) {
      endOfLine4 = article.indexOf('\n', endOfLine4 + 1);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(article.substring(0, endOfLine4 + 1).getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(new byte[] {'I', 't', (byte) 0x92, 's', ' '});
    bytes.writeBytes(article.substring(endOfLine4 + 1).getBytes(StandardCharsets.UTF_8));
    Path file = write("pages/555.txt", bytes.toByteArray());
    ParsedFile parsed = scanner.parse(file);
    assertEquals(1, parsed.records().size(), parsed.problems().toString());
    assertFalse(parsed.rejected());
    Problem warning =
        parsed.problems().stream()
            .filter(p -> p.message().startsWith("invalid UTF-8"))
            .findFirst()
            .orElseThrow();
    assertEquals(Problem.Severity.WARNING, warning.severity());
    assertEquals(5, warning.line());
    assertTrue(((Article) parsed.records().get(0)).body().contains("It\uFFFDs "));
  }

  @Test
  void jsonLinesWrittenFromAScanReadBackToTheSameRecords() throws IOException {
    ScanResult pages = scanner.scan(List.of(TestCorpus.testdata().resolve("archive")));
    StringBuilder jsonl = new StringBuilder();
    pages.incidents().forEach(r -> jsonl.append(JsonLines.toJson(r)).append('\n'));
    pages.articles().forEach(r -> jsonl.append(JsonLines.toJson(r)).append('\n'));
    Path file = write("export/records", jsonl.toString().getBytes(StandardCharsets.UTF_8));
    ScanResult back = scanner.scan(List.of(file));
    assertEquals(List.of(), back.problems());
    assertEquals(ids(pages.incidents()), ids(back.incidents()));
    assertEquals(ids(pages.articles()), ids(back.articles()));
    for (int i = 0; i < pages.articles().size(); i++) {
      assertEquals(pages.articles().get(i).incidentIds(), back.articles().get(i).incidentIds());
    }
  }
}
