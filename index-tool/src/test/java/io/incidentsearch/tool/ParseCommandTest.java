package io.incidentsearch.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code index-tool} in this process on the project's testdata. */
class ParseCommandTest {
  @TempDir Path dir;

  /** What one run printed and returned. */
  record Run(int exitCode, String out, String err) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
  }

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        IndexTool.run(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Path testdata() {
    Path p = Path.of(System.getProperty("incidentsearch.testdata", "../testdata"));
    assertTrue(Files.isDirectory(p), "testdata not found at " + p.toAbsolutePath());
    return p;
  }

  /** The top-level {@code type} and {@code id} of a JSON line. */
  static String typeAndId(String json) throws IOException {
    String type = null;
    String id = null;
    try (JsonParser p = new JsonFactory().createParser(json)) {
      assertEquals(JsonToken.START_OBJECT, p.nextToken(), json);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("type")) {
          type = p.getText();
        } else if (name.equals("id")) {
          id = p.getText();
        }
        p.skipChildren();
      }
      assertEquals(null, p.nextToken(), "one object per line: " + json);
    }
    return type + ":" + id;
  }

  @Test
  void parsesTheTestdataArchiveToStandardOutput() throws IOException {
    Run r = run("parse", testdata().resolve("archive").toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    assertEquals("parsed 42 files: 13 incidents, 29 articles; 0 problems\n", r.err());
    List<String> keys = new ArrayList<>();
    for (String line : r.lines()) {
      keys.add(typeAndId(line));
    }
    assertEquals(42, keys.size());
    assertEquals("incident:2728", keys.get(0));
    assertEquals("incident:2758", keys.get(12));
    assertEquals("article:3111", keys.get(13));
    assertEquals("article:128447", keys.get(41));
    assertTrue(keys.subList(0, 13).stream().allMatch(k -> k.startsWith("incident:")));
    assertTrue(keys.subList(13, 42).stream().allMatch(k -> k.startsWith("article:")));
  }

  /**
   * The whole testdata folder: archive/ and csv/ repeat fail-dev, seeds/ holds incident 2750 and a
   * TechCrunch page under their own names, so the records are fail-dev's, fail-extra's, ko-dev's
   * and the two seeds'. Copies that say the same are no problem, and no reader has one. What is
   * left are problems of the data itself, each with its file: FAIL's exports in fail-extra that
   * hold other analyses under the same incident ids, or another published date for the same
   * article, and two Ko stories without a headline.
   */
  @Test
  void parsesTheWholeTestdataWithOnlyTheDataProblemsOfItsInputs() throws IOException {
    Path testdata = testdata();
    Run r = run("parse", testdata.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    long incidents = r.lines().stream().filter(l -> l.startsWith("{\"type\":\"incident\"")).count();
    long articles = r.lines().size() - incidents;
    // Counted from the folders: the pages of fail-dev, fail-extra, ko-dev and the two seeds (the
    // CSV exports and archive/ hold the same ids).
    assertEquals(pages(testdata, "fail-dev/incidents", "fail-extra/incidents") + 1, incidents);
    assertEquals(
        pages(testdata, "fail-dev/articles", "fail-extra/articles", "ko-dev/stories") + 1,
        articles);

    List<String> err = List.of(r.err().split("\n"));
    String summary = err.get(err.size() - 1);
    assertTrue(
        summary.startsWith("parsed 996 files (5 skipped): 88 incidents, 854 articles; "), summary);
    assertFalse(r.err().contains(": error: "), r.err());
    for (String line : err.subList(0, err.size() - 1)) {
      boolean differingExport =
          line.startsWith(testdata.resolve("fail-extra") + "/")
              && (line.contains(" (it differs in ") || line.contains(" more problems in "));
      boolean untitledStory =
          (line.startsWith(testdata.resolve("ko-dev/stories/15868-31.txt") + ":1: ")
                  || line.startsWith(testdata.resolve("ko-dev/stories/25477-2.txt") + ":1: "))
              && line.endsWith("warning: the headline line has no title; the article has none");
      assertTrue(differingExport || untitledStory, line);
    }
  }

  private static long pages(Path testdata, String... folders) throws IOException {
    long n = 0;
    for (String f : folders) {
      try (Stream<Path> files = Files.list(testdata.resolve(f))) {
        n += files.filter(p -> p.toString().endsWith(".txt")).count();
      }
    }
    return n;
  }

  /** A page with a problem on every line (and no date line) prints five, then their count. */
  @Test
  void aFileWithManyProblemsPrintsAFewAndTheirCount() throws IOException {
    StringBuilder page = new StringBuilder("Incident: Garbage\n");
    for (int i = 0; i < 1000; i++) {
      page.append("*to List\\E]\\E]]] line ").append(i).append('\n');
    }
    Path file = Files.writeString(dir.resolve("9.txt"), page);
    Run r = run("parse", file.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    List<String> err = List.of(r.err().split("\n"));
    assertEquals(7, err.size(), r.err());
    assertTrue(err.get(0).startsWith(file + ":2: warning: unrecognised line"), err.get(0));
    assertEquals(file + ": warning: and 996 more problems in " + file, err.get(5));
    assertEquals("parsed 1 file: 1 incident, 0 articles; 1001 problems (warnings)", err.get(6));
  }

  /** A build counts the problems behind an {@code and N more} line as parse does. */
  @Test
  void aBuildCountsTheProblemsItDoesNotPrint() throws IOException {
    StringBuilder page = new StringBuilder("Incident: Garbage\n");
    for (int i = 0; i < 1000; i++) {
      page.append("*to List\\E]\\E]]] line ").append(i).append('\n');
    }
    Path file = Files.writeString(dir.resolve("9.txt"), page);
    Run r = run("build", "--index", dir.resolve("index").toString(), file.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    List<String> err = List.of(r.err().split("\n"));
    assertEquals(6, err.size(), r.err());
    assertTrue(err.get(0).startsWith(file.toAbsolutePath() + ":2: warning: "), err.get(0));
    assertTrue(err.get(5).endsWith(": warning: and 996 more problems in " + file.toAbsolutePath()));
    assertTrue(r.out().contains("problems 0 errors, 1001 warnings"), r.out());
  }

  @Test
  void writesTheOutFileAtomically() throws IOException {
    Path out = dir.resolve("records.jsonl");
    Files.writeString(out, "old content\n");
    Run r = run("parse", testdata().resolve("archive").toString(), "--out", out.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    assertEquals("", r.out());
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(42, lines.size());
    assertEquals("incident:2728", typeAndId(lines.get(0)));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(out), left.toList(), "no temporary file left behind");
    }
  }

  @Test
  void rejectedFilesGiveExitCode3AndTheRestIsStillWritten() throws IOException {
    Files.copy(testdata().resolve("archive/incidents/2750.txt"), dir.resolve("2750.txt"));
    Files.writeString(dir.resolve("2751.txt"), "");
    Files.write(dir.resolve("2752.txt"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});
    Files.writeString(dir.resolve("photo.png"), "x");
    Run r = run("parse", dir.toString());
    assertEquals(ExitCodes.INPUTS_REJECTED, r.exitCode(), r.err());
    assertEquals(1, r.lines().size());
    assertEquals("incident:2750", typeAndId(r.lines().get(0)));
    List<String> err = List.of(r.err().split("\n"));
    assertEquals(3, err.size(), r.err());
    assertEquals(dir.resolve("2751.txt") + ": error: empty file", err.get(0));
    assertTrue(err.get(1).startsWith(dir.resolve("2752.txt") + ": error: binary file"), err.get(1));
    assertEquals(
        "parsed 3 files (2 rejected, 1 skipped): 1 incident, 0 articles; 2 problems (errors)",
        err.get(2));
  }

  @Test
  void pageLimitIsConfigurable() throws IOException {
    Files.copy(testdata().resolve("archive/incidents/2750.txt"), dir.resolve("2750.txt"));
    Run r = run("parse", "--max-page-size", "1K", dir.toString());
    assertEquals(ExitCodes.INPUTS_REJECTED, r.exitCode());
    assertTrue(r.err().contains("limit for page files"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void missingOrNonexistentArchiveIsAUsageError() {
    Run none = run("parse");
    assertEquals(ExitCodes.USAGE, none.exitCode());
    assertTrue(none.err().contains("ARCHIVE"), none.err());

    Path missing = dir.resolve("no-such-archive");
    Run r = run("parse", missing.toString());
    assertEquals(ExitCodes.USAGE, r.exitCode());
    assertTrue(r.err().contains("no such file or folder: " + missing), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertEquals("", r.out());
  }

  @Test
  void otherUsageErrors() {
    String archive = testdata().resolve("archive").toString();
    assertEquals(ExitCodes.USAGE, run("parse", "--bogus", archive).exitCode());
    assertEquals(ExitCodes.USAGE, run("parse", "--max-page-size", "lots", archive).exitCode());
    assertEquals(ExitCodes.USAGE, run("parse", "--threads", "0", archive).exitCode());
    Run out = run("parse", archive, "--out", dir.resolve("missing/records.jsonl").toString());
    assertEquals(ExitCodes.USAGE, out.exitCode());
    assertTrue(out.err().contains("folder does not exist"), out.err());
    Run nothing = run();
    assertEquals(ExitCodes.USAGE, nothing.exitCode());
    assertTrue(nothing.err().contains("missing command"), nothing.err());
    assertEquals(ExitCodes.USAGE, run("frobnicate").exitCode());
  }

  @Test
  void helpShowsExamplesAndVersionTheProjectVersion() {
    Run help = run("parse", "--help");
    assertEquals(ExitCodes.OK, help.exitCode());
    assertTrue(help.out().contains("Examples:"), help.out());
    assertTrue(help.out().contains("index-tool parse testdata/archive --out"), help.out());
    Run top = run("--help");
    assertEquals(ExitCodes.OK, top.exitCode());
    assertTrue(top.out().contains("parse"), top.out());
    Run version = run("--version");
    assertEquals(ExitCodes.OK, version.exitCode());
    assertTrue(version.out().matches("index-tool \\d+\\.\\d+\\.\\d+.*\\n"), version.out());
  }
}
