package io.incidentsearch.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.TestCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner's file handling: discovery, limits, detection, hashing. No real reader needed. */
class ArchiveScannerTest {
  @TempDir Path dir;

  private final ArchiveScanner scanner = new ArchiveScanner();

  private Path write(String name, String text) throws IOException {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static Problem onlyProblem(ParsedFile parsed) {
    assertEquals(1, parsed.problems().size(), parsed.problems().toString());
    return parsed.problems().get(0);
  }

  @Test
  void emptyAndBlankFilesAreRejected() throws IOException {
    ParsedFile empty = scanner.parse(write("1.txt", ""));
    assertTrue(empty.rejected());
    assertEquals("empty file", onlyProblem(empty).message());
    assertTrue(onlyProblem(empty).isError());

    ParsedFile blank = scanner.parse(write("2.txt", " \r\n\t\n  \n"));
    assertTrue(blank.rejected());
    assertTrue(onlyProblem(blank).message().startsWith("empty file"), blank.toString());
    assertNull(blank.format());
  }

  @Test
  void binaryFilesAreRejected() throws IOException {
    byte[] bytes = new byte[600];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i % 7 == 0 ? 0 : 'a' + i % 26);
    }
    ParsedFile parsed = scanner.parse(write("photo", bytes));
    assertTrue(parsed.rejected());
    Problem p = onlyProblem(parsed);
    assertTrue(p.isError());
    assertTrue(p.message().startsWith("binary file"), p.message());
    assertTrue(p.message().contains("not an archive page"), p.message());
  }

  @Test
  void utf16IsRejectedWithAHint() throws IOException {
    byte[] bytes = "\uFEFFIncident: X".getBytes(StandardCharsets.UTF_16LE);
    ParsedFile parsed = scanner.parse(write("2750.txt", bytes));
    assertTrue(parsed.rejected());
    assertTrue(onlyProblem(parsed).message().contains("save the file as UTF-8"));
  }

  @Test
  void pagesOverTheLimitAreRejectedWithTheSizesAndHowToRaiseIt() throws IOException {
    ArchiveScanner small = scanner.withMaxPageBytes(1024);
    Path page = write("big.txt", "Incident: huge\n\n" + "word ".repeat(2000));
    ParsedFile parsed = small.parse(page);
    assertTrue(parsed.rejected());
    String message = onlyProblem(parsed).message();
    assertTrue(message.contains("9.8 KiB"), message);
    assertTrue(message.contains("1.0 KiB limit for page files"), message);
    assertTrue(message.contains("--max-page-size"), message);
    assertEquals(Format.POSTMORTEM_PAGE, parsed.format());

    // Exports have their own, larger limit: the page limit does not apply to them.
    Path csv = write("incidents.csv", "Incident ID,Title\n" + "1,t\n".repeat(1000));
    ParsedFile export = small.withMaxExportBytes(1000).parse(csv);
    assertTrue(export.rejected());
    assertTrue(onlyProblem(export).message().contains("limit for CSV and JSON Lines"));
  }

  @Test
  void brokenSymlinkIsListedAndRejectedNamingTheTarget() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("gone.txt"), dir.resolve("missing.txt"));
    Discovery found = scanner.listFiles(List.of(dir));
    assertEquals(List.of(link), found.files());
    ParsedFile parsed = scanner.parse(link);
    assertTrue(parsed.rejected());
    Problem p = onlyProblem(parsed);
    assertEquals(link, p.file());
    assertTrue(p.message().contains("broken symbolic link"), p.message());
    assertTrue(p.message().contains("missing.txt"), p.message());
  }

  @Test
  void symlinkLoopIsReportedAndTheWalkGoesOn() throws IOException {
    write("a/1.txt", "one");
    write("a/sub/2.txt", "two");
    write("b/3.txt", "three");
    Path loop = Files.createSymbolicLink(dir.resolve("a/sub/up"), dir.resolve("a"));
    Discovery found = scanner.listFiles(List.of(dir));
    assertEquals(
        List.of(dir.resolve("a/1.txt"), dir.resolve("a/sub/2.txt"), dir.resolve("b/3.txt")),
        found.files());
    assertEquals(1, found.problems().size(), found.problems().toString());
    Problem p = found.problems().get(0);
    assertEquals(loop, p.file());
    assertTrue(p.message().contains("symbolic link loop"), p.message());
  }

  @Test
  void aFolderReachedTwiceThroughLinksIsReadOnce() throws IOException {
    write("pages/1.txt", "one");
    Files.createSymbolicLink(dir.resolve("alias"), dir.resolve("pages"));
    Discovery found = scanner.listFiles(List.of(dir, dir.resolve("pages/1.txt")));
    assertEquals(1, found.files().size(), found.files().toString());
    assertTrue(found.problems().isEmpty());
  }

  @Test
  void extensionsHiddenNamesAndNoticesDecideWhatIsRead() throws IOException {
    write("z/2750.txt", "x");
    write("z/UPPER.TXT", "x");
    write("z/notes.text", "x");
    write("z/incidents.csv", "x");
    write("z/r.jsonl", "x");
    write("z/r.ndjson", "x");
    write("z/r.json", "x");
    write("z/96761", "x");
    write("z/picture.png", "x");
    write("z/paper.pdf", "x");
    write("z/backup.txt~", "x");
    write("z/.hidden.txt", "x");
    write("z/.git/config.txt", "x");
    write("z/README.md", "x");
    write("z/README", "x");
    write("z/NOTICE", "x");
    write("z/LICENSE.txt", "x");
    write("z/COPYING", "x");
    Discovery found = scanner.listFiles(List.of(dir));
    List<String> names = found.files().stream().map(p -> p.getFileName().toString()).toList();
    assertEquals(
        List.of(
            "2750.txt",
            "96761",
            "UPPER.TXT",
            "incidents.csv",
            "notes.text",
            "r.json",
            "r.jsonl",
            "r.ndjson"),
        names);
    assertEquals(3, found.skipped());
    assertTrue(found.problems().isEmpty());
  }

  @Test
  void aFileGivenAsRootIsReadWhateverItsName() throws IOException {
    Path file = write("export.dat", "x");
    assertEquals(List.of(file), scanner.listFiles(List.of(file)).files());
  }

  @Test
  void aMissingRootIsAnError() {
    Path missing = dir.resolve("no-such-archive");
    Discovery found = scanner.listFiles(List.of(missing));
    assertTrue(found.files().isEmpty());
    assertEquals(1, found.problems().size());
    assertEquals(missing, found.problems().get(0).file());
    assertTrue(found.problems().get(0).isError());
  }

  @Test
  void listingIsSortedWhateverTheCreationOrder() throws IOException {
    write("b/2.txt", "x");
    write("a/9.txt", "x");
    write("a/10.txt", "x");
    write("c.txt", "x");
    List<Path> files = scanner.listFiles(List.of(dir)).files();
    assertEquals(
        List.of(
            dir.resolve("a/10.txt"),
            dir.resolve("a/9.txt"),
            dir.resolve("b/2.txt"),
            dir.resolve("c.txt")),
        files);
  }

  @Test
  void formatIsDetectedFromContentNotName() throws IOException {
    String postmortem = Files.readString(TestCorpus.seedPostmortem());
    assertEquals(Format.POSTMORTEM_PAGE, scanner.parse(write("2750.csv", postmortem)).format());
    assertEquals(
        Format.FAIL_INCIDENT_CSV,
        scanner.parse(write("export", "Incident ID,Title\n1,Outage\n")).format());
    assertEquals(
        Format.FAIL_ARTICLE_CSV,
        scanner.parse(write("articles.txt", "Article ID,Headline,Body\n1,h,b\n")).format());
    assertEquals(
        Format.JSON_LINES,
        scanner.parse(write("records.txt", "{\"type\":\"incident\",\"id\":\"1\"}\n")).format());
    String article = Files.readString(TestCorpus.seedArticle());
    assertEquals(Format.ARTICLE_PAGE, scanner.parse(write("123.text", article)).format());
  }

  @Test
  void anExportNameOverATextPageIsAnError() throws IOException {
    ParsedFile csv = scanner.parse(write("incidents.csv", "id;title\n1;x\n"));
    assertTrue(csv.rejected());
    assertTrue(onlyProblem(csv).message().startsWith("not a FAIL CSV export"));
    ParsedFile json = scanner.parse(write("records.json", "[{\"id\":\"1\"}]"));
    assertTrue(json.rejected());
    assertTrue(onlyProblem(json).message().startsWith("not JSON Lines"));
  }

  @Test
  void contentHashIsTheSha256OfTheRawBytes() throws Exception {
    byte[] page = Files.readAllBytes(TestCorpus.seedPostmortem());
    ParsedFile parsed = scanner.parse(write("2750.txt", page));
    assertEquals(sha256(page), parsed.contentHash());

    // Streamed exports are hashed while read, over every byte (BOM and CRLF included).
    StringBuilder csv = new StringBuilder("\uFEFFIncident ID,Title\r\n");
    for (int i = 0; i < 20_000; i++) {
      csv.append(i).append(",Outage number ").append(i).append("\r\n");
    }
    byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
    ParsedFile export = scanner.parse(write("big.csv", bytes));
    assertEquals(Format.FAIL_INCIDENT_CSV, export.format());
    assertEquals(sha256(bytes), export.contentHash());
  }

  @Test
  void idsSortNumericallyFirst() {
    List<String> ids = new java.util.ArrayList<>(List.of("b", "96761", "3710", "a1", "0042", "42"));
    ids.sort(ArchiveScanner.ID_ORDER);
    assertEquals(List.of("0042", "42", "3710", "96761", "a1", "b"), ids);
  }

  @Test
  void limitsMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new ArchiveScanner(0, 1));
    assertNotNull(new ArchiveScanner(1, 1));
    assertFalse(new ArchiveScanner().maxExportBytes() < ArchiveScanner.DEFAULT_MAX_PAGE_BYTES);
  }
}
