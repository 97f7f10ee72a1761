package io.incidentsearch.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page of garbage costs memory in proportion to its size and a few problems, not one problem per
 * line: the fuzz finding {@code postmortemPage-allocation-eea1c444} repeated to 5.7 MB.
 */
class GarbagePageTest {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** The finding's bytes without control characters (which make the scanner reject a file). */
  static byte[] finding() throws IOException {
    try (InputStream in =
        GarbagePageTest.class.getResourceAsStream(
            "ParserFuzzTestInputs/postmortemPage/postmortemPage-allocation-eea1c444")) {
      byte[] raw = in.readAllBytes();
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      for (byte b : raw) {
        if ((b & 0xff) >= 0x20 || b == '\n' || b == '\t') {
          out.write(b);
        }
      }
      return out.toByteArray();
    }
  }

  /** {@code head}, then the finding's lines repeated to at least {@code size} bytes. */
  static Path repeated(Path dir, String head, int size) throws IOException {
    byte[] unit = finding();
    byte[] start = head.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] page = new byte[start.length + (size / unit.length + 1) * unit.length];
    System.arraycopy(start, 0, page, 0, start.length);
    for (int at = start.length; at < page.length; at += unit.length) {
      System.arraycopy(unit, 0, page, at, unit.length);
    }
    return Files.write(dir.resolve("garbage.txt"), page);
  }

  /**
   * Parses {@code page} twice (the second run is measured) and checks that at most {@code
   * bytesPerByte} bytes were allocated per byte of the page, and that a few problems are reported.
   */
  private static ParsedFile parseMeasured(Path page, long bytesPerByte) throws IOException {
    long size = Files.size(page);
    ArchiveScanner scanner = new ArchiveScanner();
    scanner.parse(page); // warm-up: the measured run is the steady state
    long before = THREADS.getCurrentThreadAllocatedBytes();
    long start = System.nanoTime();
    ParsedFile parsed = scanner.parse(page);
    long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "%s: %,d bytes, %,d allocated (%.1f per byte), %d ms, %d problems%n",
        parsed.format(),
        size,
        allocated,
        allocated / (double) size,
        millis,
        parsed.problems().size());
    assertTrue(
        parsed.problems().size() <= ArchiveScanner.PROBLEMS_PER_FILE + 1,
        parsed.problems().toString());
    assertTrue(
        allocated < bytesPerByte * size,
        allocated + " bytes allocated for " + size + " (" + parsed.format() + ")");
    return parsed;
  }

  /**
   * As a postmortem page (an {@code Incident:} line first) every garbage line is an unrecognised
   * line: a few are reported, then their count.
   */
  @Test
  void aLargeGarbagePostmortemPageCostsInProportionAndReportsAFewProblems(@TempDir Path dir)
      throws IOException {
    Path page = repeated(dir, "Incident: Garbage\n", 5_700_000);
    // Reading the bytes, decoding them, the page string, its lines: a small multiple of the page.
    ParsedFile parsed = parseMeasured(page, 20);
    assertEquals(1, parsed.records().size());
    List<Problem> problems = parsed.problems();
    assertEquals(ArchiveScanner.PROBLEMS_PER_FILE + 1, problems.size(), problems.toString());
    Problem last = problems.get(problems.size() - 1);
    assertTrue(
        last.message()
            .matches(
                "and [0-9,]+ more problems in " + java.util.regex.Pattern.quote(page.toString())),
        last.message());
    assertTrue(ProblemCap.leftOutCount(last) > 100_000, last.message());
  }

  /** Without the title line the same text is an article page: one article, bounded cost. */
  @Test
  void theSameTextAsAnArticlePage(@TempDir Path dir) throws IOException {
    // The article keeps the whole text as its body: decoded, split in paragraphs, normalised.
    ParsedFile parsed = parseMeasured(repeated(dir, "", 5_700_000), 50);
    assertEquals(Format.ARTICLE_PAGE, parsed.format());
    assertEquals(1, parsed.records().size());
  }

  /** The fuzz target's path: the reader on the text, problems capped as the scanner caps them. */
  @Test
  void theReaderOnTheRepeatedFindingAllocatesInProportion(@TempDir Path dir) throws IOException {
    String text = TextDecoder.decode(Files.readAllBytes(repeated(dir, "", 5_700_000))).text();
    Path file = Path.of("garbage.txt");
    PostmortemPageReader.read(text, "1", file, new ProblemCap(file, 5));
    ProblemCap cap = new ProblemCap(file, ArchiveScanner.PROBLEMS_PER_FILE);
    long before = THREADS.getCurrentThreadAllocatedBytes();
    assertTrue(PostmortemPageReader.read(text, "1", file, cap).isEmpty());
    long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
    System.out.printf("reader: %,d chars, %,d allocated%n", text.length(), allocated);
    // The lines of the page (a compact copy of each) and one pass of matching over each.
    assertTrue(allocated < 15L * text.length(), allocated + " bytes for " + text.length());
    assertEquals(ArchiveScanner.PROBLEMS_PER_FILE + 1, cap.problems().size());
  }

  @Test
  void theFindingItselfIsRejectedWithAFewProblems() throws IOException {
    String text = TextDecoder.decode(finding()).text();
    ProblemCap cap = new ProblemCap(Path.of("finding.txt"), ArchiveScanner.PROBLEMS_PER_FILE);
    assertTrue(PostmortemPageReader.read(text, "1", Path.of("finding.txt"), cap).isEmpty());
    List<Problem> problems = cap.problems();
    assertEquals(ArchiveScanner.PROBLEMS_PER_FILE + 1, problems.size(), problems.toString());
  }
}
