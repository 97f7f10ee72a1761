package io.incidentsearch.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.TestCorpus;
import io.incidentsearch.formats.ArchiveScanner;
import io.incidentsearch.formats.JsonLines;
import io.incidentsearch.formats.Problem;
import io.incidentsearch.index.ArchiveSource;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.index.BuildReport;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.search.SearchRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build over an archive full of hostile files: each gives a clear problem naming the file, and
 * everything else is indexed. The scanner's own tests ({@code ArchiveScannerTest}, {@code
 * ArchiveScanTest}, {@code TextDecoderTest}) cover each case file by file; this one puts them in
 * one archive behind one build, plus the cases that only a build has: a file that changes while it
 * is read, a pipe or device that would block hashing, duplicate ids across three formats.
 */
class HostileArchiveTest {
  private static final BuildOptions OPTIONS = BuildOptions.defaults().threads(2);

  @TempDir Path tmp;

  @Test
  void everyHostileFileIsReportedAndEverythingElseIndexed() throws Exception {
    Path archive =
        IndexFixtures.copyTree(TestCorpus.testdata().resolve("archive"), tmp.resolve("a"));
    Path incidents = archive.resolve("incidents");
    Path hostile = Files.createDirectories(archive.resolve("hostile"));
    String page2750 = Files.readString(incidents.resolve("2750.txt"));
    String page2751 = Files.readString(incidents.resolve("2751.txt"));

    // Readable, with a warning or silently: these records must be indexed.
    byte[] invalid =
        page2750.replaceFirst("Twitter's", "Twitter\u0000s").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < invalid.length; i++) {
      if (invalid[i] == 0) {
        invalid[i] = (byte) 0xFF; // an invalid UTF-8 byte where the NUL stood
      }
    }
    Files.write(hostile.resolve("9001.txt"), invalid);
    Files.write(
        hostile.resolve("9002.txt"),
        concat(
            new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
            page2751.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    Files.writeString(hostile.resolve("Twitter leak 9003.txt"), page2750);
    Files.writeString(hostile.resolve("Störung 事故 9004.txt"), page2751);

    // Rejected, each with a clear error.
    byte[] binary = new byte[4096];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 31);
    }
    Files.write(hostile.resolve("photo.txt"), binary);
    Files.write(hostile.resolve("empty.txt"), new byte[0]);
    Files.writeString(hostile.resolve("blank.txt"), "\r\n \n\t\n");
    Path huge = hostile.resolve("huge.txt");
    try (var out = Files.newBufferedWriter(huge)) {
      out.write("Incident: far too big\n\n");
      String line = "word ".repeat(200) + "\n";
      for (long written = 0; written <= ArchiveScanner.DEFAULT_MAX_PAGE_BYTES; ) {
        out.write(line);
        written += line.length();
      }
    }
    Files.createSymbolicLink(hostile.resolve("loop"), hostile);
    Files.createSymbolicLink(hostile.resolve("gone.txt"), hostile.resolve("missing.txt"));
    Files.createSymbolicLink(hostile.resolve("zero.txt"), Path.of("/dev/zero"));
    Path pipe = hostile.resolve("pipe.txt");
    assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor());

    // Duplicate ids across formats: the pages, the CSV export of the same incidents, and a
    // JSON Lines file with incident 2750 again, under another title.
    Path exports = Files.createDirectories(archive.resolve("exports"));
    Files.copy(TestCorpus.testdata().resolve("csv/incident_data.csv"), exports.resolve("i.csv"));
    Incident parsed2750 =
        new ArchiveScanner().scan(List.of(incidents.resolve("2750.txt"))).incidents().get(0);
    Files.writeString(
        exports.resolve("r.jsonl"),
        JsonLines.toJson(parsed2750).replace("\"title\":\"", "\"title\":\"Re: ") + "\n");

    try (IncidentIndex index = IncidentIndex.openOrCreate(tmp.resolve("idx"))) {
      BuildReport report =
          assertTimeoutPreemptively(
              Duration.ofSeconds(60),
              () -> index.build(List.of(archive), OPTIONS),
              "a pipe or /dev/zero must not block the build");
      Map<String, String> problems = byFile(report.problems(), archive);

      assertEquals(error("binary file"), kind(problems, "hostile/photo.txt"));
      assertEquals(error("empty file"), kind(problems, "hostile/empty.txt"));
      assertEquals(error("empty file"), kind(problems, "hostile/blank.txt"));
      assertEquals(error("file is 16.0 MiB"), kind(problems, "hostile/huge.txt"));
      assertEquals(error("broken symbolic link"), kind(problems, "hostile/gone.txt"));
      assertEquals(error("not a regular file"), kind(problems, "hostile/zero.txt"));
      assertEquals(error("not a regular file"), kind(problems, "hostile/pipe.txt"));
      assertEquals(warning("symbolic link loop"), kind(problems, "hostile/loop"));
      assertEquals(warning("invalid UTF-8"), kind(problems, "hostile/9001.txt"));
      assertTrue(problems.get("hostile/9001.txt").contains("re-save it as UTF-8"));
      assertEquals(null, problems.get("hostile/9002.txt"), "a BOM and CRLF are fine");
      assertEquals(null, problems.get("exports/i.csv"), "the CSV sorts first: its records win");
      // Three copies of 2750, kept once: the page says what the CSV says, the JSON does not.
      assertTrue(
          problems
              .get("exports/r.jsonl")
              .contains("duplicate incident id 2750 (it differs in title)"),
          problems.toString());
      assertEquals(null, problems.get("incidents/2750.txt"), problems.toString());

      // Everything else: 13 + 4 incidents (9001-9004), 29 articles, each id once.
      assertEquals(17, index.manifest().count(RecordType.INCIDENT));
      assertEquals(29, index.manifest().count(RecordType.ARTICLE));
      assertEquals(
          exports.resolve("i.csv"),
          index.get("incident:2750").orElseThrow().source(),
          "the duplicate from the file whose path sorts first wins");
      assertEquals(title(index, "incident:2751"), title(index, "incident:9002"));
      assertEquals(title(index, "incident:2750"), title(index, "incident:Twitter leak 9003"));
      assertEquals(title(index, "incident:2751"), title(index, "incident:Störung 事故 9004"));
      assertEquals(1, total(index, "id:\"Störung 事故 9004\""), "ids as their files name them");
      assertEquals(1, total(index, "key:\"incident:Twitter leak 9003\""));
      assertTrue(!index.similar("incident:Twitter leak 9003", 3).isEmpty());
      assertTrue(IncidentIndex.check(tmp.resolve("idx")).healthy());

      // A rebuild changes nothing; rejected files are tried again and reported again, and so is
      // the link loop (files read before are not parsed again: their warnings are not repeated).
      BuildReport again =
          assertTimeoutPreemptively(
              Duration.ofSeconds(60), () -> index.build(List.of(archive), OPTIONS));
      assertEquals(0, again.added() + again.updated() + again.deleted(), again.toString());
      assertEquals(
          byFile(
              report.problems().stream()
                  .filter(p -> p.isError() || p.message().contains("link loop"))
                  .toList(),
              archive),
          byFile(again.problems(), archive));
    }
  }

  @Test
  void aFileThatChangesWhileTheBuildReadsItIsIndexedAsReadThenCaughtUp() throws Exception {
    Path archive =
        IndexFixtures.copyTree(TestCorpus.testdata().resolve("archive"), tmp.resolve("a"));
    Path page = archive.resolve("incidents/2750.txt");
    String original = Files.readString(page);
    String changed = original.replaceFirst("Incident: ", "Incident: Quixotic ");
    // Changes the file once, when the build is at the point given (after hashing, before or
    // after parsing it).
    ChangingSource source = new ChangingSource(page);
    try (IncidentIndex index = IncidentIndex.openOrCreate(tmp.resolve("idx"), source)) {
      index.build(List.of(archive), OPTIONS);

      // 1. Changed after the build hashed it, before it was parsed: the parsed text is indexed,
      //    with the hash of what was parsed, so the next build has nothing to do.
      Files.writeString(page, original + "\n"); // a change, so the file is parsed at all
      source.before = (file, s) -> write(file, changed);
      BuildReport r = index.build(List.of(archive), OPTIONS);
      assertEquals(1, r.updated(), r.toString());
      assertEquals(1, total(index, "title:quixotic"));
      assertEquals(0, index.build(List.of(archive), OPTIONS).filesParsed());

      // 2. Changed after it was parsed, before the commit: the old text is indexed, and the
      //    next build sees the new one.
      source.after = (file, s) -> write(file, original);
      Files.writeString(page, changed + "\n");
      index.build(List.of(archive), OPTIONS);
      assertEquals(1, total(index, "title:quixotic"), "indexed as it was read");
      BuildReport next = index.build(List.of(archive), OPTIONS);
      assertEquals(1, next.filesParsed(), next.toString());
      assertEquals(0, total(index, "title:quixotic"), "caught up");

      // 3. Deleted after listing, before reading: an error for that file, the rest indexed.
      source.before = (file, s) -> delete(file);
      Files.writeString(page, changed);
      BuildReport gone = index.build(List.of(archive), OPTIONS);
      assertTrue(
          gone.problems().stream()
              .anyMatch(
                  p ->
                      p.file().equals(page) && p.isError() && p.message().contains("no such file")),
          gone.problems().toString());
      assertEquals(12, index.manifest().count(RecordType.INCIDENT));
      assertEquals(29, index.manifest().count(RecordType.ARTICLE));
    }
  }

  @Test
  void anUnreadableFileIsAnErrorAndTheRestIsIndexed() throws Exception {
    Path archive =
        IndexFixtures.copyTree(TestCorpus.testdata().resolve("archive"), tmp.resolve("a"));
    Path page = archive.resolve("incidents/2750.txt");
    Files.setPosixFilePermissions(page, PosixFilePermissions.fromString("---------"));
    // Root reads any file whatever its permissions: there is nothing to test then (CI may run
    // as root; the deleted-while-read case above covers the same path).
    assumeFalse(Files.isReadable(page), "running as root: permissions do not stop reading");
    try (IncidentIndex index = IncidentIndex.openOrCreate(tmp.resolve("idx"))) {
      BuildReport r = index.build(List.of(archive), OPTIONS);
      assertTrue(
          r.problems().stream()
              .anyMatch(
                  p ->
                      p.file().equals(page)
                          && p.isError()
                          && p.message().contains("cannot read file")),
          r.problems().toString());
      assertEquals(12, index.manifest().count(RecordType.INCIDENT));
    } finally {
      Files.setPosixFilePermissions(page, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  /** An archive source that runs an action on one file just before or after parsing it. */
  private static final class ChangingSource implements ArchiveSource {
    private final ScannerArchiveSource scanner = new ScannerArchiveSource();
    private final Path target;
    volatile BiConsumer<Path, String> before;
    volatile BiConsumer<Path, String> after;

    ChangingSource(Path target) {
      this.target = target;
    }

    @Override
    public List<Path> discover(Path root, java.util.function.Consumer<Problem> problems)
        throws IOException {
      return scanner.discover(root, problems);
    }

    @Override
    public Parsed parse(Path file) throws IOException {
      if (file.equals(target) && before != null) {
        before.accept(file, "before");
        before = null;
      }
      Parsed p = scanner.parse(file);
      if (file.equals(target) && after != null) {
        after.accept(file, "after");
        after = null;
      }
      return p;
    }
  }

  private static String error(String start) {
    return "ERROR " + start;
  }

  private static String warning(String start) {
    return "WARNING " + start;
  }

  /** "SEVERITY" plus the message start that names the case. */
  private static String kind(Map<String, String> problems, String file) {
    String all = problems.get(file);
    assertTrue(all != null, () -> "no problem for " + file + ": " + problems);
    for (String p : all.split(" \\| ")) {
      String severity = p.substring(0, p.indexOf(' '));
      String message = p.substring(p.indexOf(' ') + 1);
      for (String start :
          List.of(
              "binary file",
              "empty file",
              "file is 16.0 MiB",
              "broken symbolic link",
              "not a regular file",
              "symbolic link loop",
              "invalid UTF-8")) {
        if (message.startsWith(start)) {
          return severity + " " + start;
        }
      }
    }
    return all;
  }

  /** The problems by file below {@code root}: "SEVERITY message", joined by " | ". */
  private static Map<String, String> byFile(List<Problem> problems, Path root) {
    return problems.stream()
        .collect(
            Collectors.toMap(
                p -> root.toAbsolutePath().relativize(p.file().toAbsolutePath()).toString(),
                p -> p.severity() + " " + p.message(),
                (a, b) -> a + " | " + b,
                TreeMap::new));
  }

  private static String title(IncidentIndex index, String key) throws IOException {
    return index.get(key).orElseThrow(() -> new AssertionError("not indexed: " + key)).title();
  }

  private static long total(IncidentIndex index, String query) throws IOException {
    return index
        .search(SearchRequest.builder().query(query).countFacets(false).build())
        .totalHits();
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
