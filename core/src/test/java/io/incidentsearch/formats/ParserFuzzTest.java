package io.incidentsearch.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.incidentsearch.engine.IncidentQueryParser;
import io.incidentsearch.model.Record;
import io.incidentsearch.search.QuerySyntaxException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of every archive reader with Jazzer.
 *
 * <p>In a normal test run ({@code mvn test}) each target runs once per file of its inputs folder
 * ({@code src/test/resources/io/incidentsearch/formats/ParserFuzzTestInputs/<target>/}): real
 * corpus pages and exports as seeds, plus every input a fuzzing run found worth keeping (crashes
 * fixed since, and inputs that reached new code). With {@code JAZZER_FUZZ=1} one target is fuzzed,
 * starting from those seeds; {@code core/src/test/fuzz/fuzz-parsers.sh} runs them all (see {@code
 * src/docs/RELIABILITY.md}).
 *
 * <p>Every target checks the contract of the readers: bad input gives a {@link Problem}, never an
 * exception; a rejected page says why; problems point into the file (line 0 or a line that exists);
 * and neither the memory allocated nor the records returned grow out of proportion to the input. A
 * hang is caught by the timeout (also libFuzzer's, in fuzzing mode).
 */
class ParserFuzzTest {
  /**
   * Bytes allocated per input byte that no reader may exceed. Measured on the real corpus: at most
   * 50 for files over 20 KB (decoding, line splitting, the record's strings, its JSON).
   */
  private static final long ALLOCATED_PER_BYTE = 200;

  /** Allowance for fixed costs: read buffers, the scanner's 8 KiB sniff, small pages. */
  private static final long ALLOCATED_BASE = 4L << 20;

  /**
   * Allowance per record: an incident is some thirty objects (sections, sixteen classifications)
   * however short its row; measured about 10 KiB for a two-cell CSV row.
   */
  private static final long ALLOCATED_PER_RECORD = 32L << 10;

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private static final Path SOURCE = Path.of("fuzz", "9999.txt");

  private static final IncidentQueryParser QUERIES = new IncidentQueryParser();

  @FuzzTest(maxDuration = "60s")
  void postmortemPage(byte[] data) {
    bounded(
        () -> {
          String text = TextDecoder.decode(data).text();
          check(data, p -> PostmortemPageReader.read(text, "9999", SOURCE, p::add), text);
        });
  }

  @FuzzTest(maxDuration = "60s")
  void articlePage(byte[] data) {
    bounded(
        () -> {
          String text = TextDecoder.decode(data).text();
          check(data, p -> ArticlePageReader.read(text, "9999", SOURCE, p::add), text);
        });
  }

  @FuzzTest(maxDuration = "60s")
  void incidentCsv(byte[] data) {
    bounded(
        () ->
            checkStream(
                data,
                (records, p) ->
                    FailIncidentCsvReader.read(reader(data), SOURCE, records::add, p::add)));
  }

  @FuzzTest(maxDuration = "60s")
  void articleCsv(byte[] data) {
    bounded(
        () ->
            checkStream(
                data,
                (records, p) ->
                    FailArticleCsvReader.read(reader(data), SOURCE, records::add, p::add)));
  }

  @FuzzTest(maxDuration = "60s")
  void jsonLines(byte[] data) {
    bounded(
        () ->
            checkStream(
                data, (records, p) -> JsonLines.read(reader(data), SOURCE, records::add, p::add)));
  }

  /** Whole-file and streaming decoding agree, and give what every reader expects. */
  @FuzzTest(maxDuration = "60s")
  void textDecoder(byte[] data) {
    bounded(() -> decodeBothWays(data));
  }

  private static void decodeBothWays(byte[] data) throws IOException {
    long before = THREADS.getCurrentThreadAllocatedBytes();
    DecodedText whole = TextDecoder.decode(data);
    StringBuilder streamed = new StringBuilder();
    try (DecodingReader r = TextDecoder.reader(new ByteArrayInputStream(data))) {
      char[] small = new char[7]; // odd size: reads end inside surrogate pairs and CRLFs
      for (int n; (n = r.read(small, 0, small.length)) >= 0; ) {
        streamed.append(small, 0, n);
      }
      assertEquals(whole.badSequences(), r.badSequences());
      assertEquals(whole.firstBadLine(), r.firstBadLine());
    }
    assertEquals(whole.text(), streamed.toString());
    assertFalse(whole.text().contains("\r"), "line ends are normalised");
    assertFalse(whole.text().startsWith("\uFEFF"), "a leading BOM is dropped");
    assertTrue(whole.text().length() <= data.length, "at most one char per byte");
    assertTrue(whole.isClean() == whole.problem(SOURCE).isEmpty());
    if (overLimit(data, before, 0)) {
      before = THREADS.getCurrentThreadAllocatedBytes();
      TextDecoder.decode(data);
      checkAllocation(data, before, 0);
    }
  }

  /**
   * The scanner's whole path for one file: sniffing, binary and UTF-16 checks, format detection,
   * decoding, the reader. Its safety net turns a reader's exception into an "internal error"
   * problem; here that counts as a failure.
   */
  @FuzzTest(maxDuration = "60s")
  void archiveFile(byte[] data) {
    bounded(() -> scanOneFile(data));
  }

  private static void scanOneFile(byte[] data) throws IOException {
    Path dir = Files.createTempDirectory("fuzz-archive");
    Path file = dir.resolve("9999.txt");
    try {
      Files.write(file, data);
      long before = THREADS.getCurrentThreadAllocatedBytes();
      ParsedFile parsed = new ArchiveScanner().parse(file);
      int n = parsed.records().size();
      if (overLimit(data, before, n)) {
        before = THREADS.getCurrentThreadAllocatedBytes();
        new ArchiveScanner().parse(file);
        checkAllocation(data, before, n);
      }
      for (Problem p : parsed.problems()) {
        assertFalse(p.message().startsWith("internal error"), p::toString);
      }
      assertTrue(
          !parsed.records().isEmpty() || !parsed.problems().isEmpty(),
          "a file that gives no record says why");
      checkRecords(data, parsed.records());
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  /**
   * The query parser, on any text: a query or a {@link QuerySyntaxException} with a short message;
   * never another exception, a stack overflow or a hang.
   */
  @FuzzTest(maxDuration = "60s")
  void queryParser(byte[] data) {
    String query = new String(data, StandardCharsets.UTF_8);
    bounded(
        () -> {
          for (boolean strict : new boolean[] {false, true}) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            parseQuery(query, strict);
            if (THREADS.getCurrentThreadAllocatedBytes() - before > QUERY_ALLOCATED) {
              // The first run of a code path loads (and instruments) classes: measure again.
              before = THREADS.getCurrentThreadAllocatedBytes();
              parseQuery(query, strict);
              long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
              assertTrue(
                  allocated <= QUERY_ALLOCATED, () -> allocated + " bytes allocated to parse");
            }
          }
        });
  }

  /**
   * The most a query may allocate to parse. Real queries need a few megabytes; this bound catches
   * costs that grow out of all proportion (an automaton exponential in its operators). Hostile
   * queries of many regular-expression or wildcard terms over every field still reach about 100 MB
   * (the regression inputs {@code crash-6490c49e...} and {@code crash-73475c93...}, and
   * src/docs/RELIABILITY.md), which a tighter bound would need the per-query budget to cover first.
   */
  private static final long QUERY_ALLOCATED = 256L << 20;

  /**
   * Parses a query: not strict, only a limit may refuse it (any text is searched as its words);
   * strict, a syntax error may too. A refusal's message stays short.
   */
  private static void parseQuery(String query, boolean strict) {
    try {
      assertNotNull(QUERIES.parse(query, strict));
    } catch (QuerySyntaxException e) {
      int length = e.getMessage().length();
      assertTrue(length < 2000, () -> "a message of " + length + " characters");
      assertTrue(strict || e.isLimit(), () -> "text not read as words: " + e.getMessage());
    }
  }

  // ---- the contract ----

  /** What every target may take: far more than any real page needs (milliseconds). */
  private static final Duration TIME_LIMIT = Duration.ofSeconds(10);

  @FunctionalInterface
  private interface Target {
    void run() throws IOException;
  }

  /**
   * Runs a target within {@link #TIME_LIMIT}. When fuzzing, libFuzzer's {@code -timeout} does this
   * per input (a JUnit timeout would cover the whole fuzzing session).
   */
  private static void bounded(Target target) {
    if (System.getenv("JAZZER_FUZZ") != null) {
      run(target);
    } else {
      assertTimeoutPreemptively(TIME_LIMIT, () -> run(target), "the reader hangs");
    }
  }

  private static void run(Target target) {
    try {
      target.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FunctionalInterface
  private interface PageRead {
    Optional<? extends Record> read(List<Problem> problems);
  }

  @FunctionalInterface
  private interface StreamRead {
    void read(List<Record> records, List<Problem> problems) throws IOException;
  }

  private static void check(byte[] data, PageRead read, String text) {
    List<Problem> problems = new ArrayList<>();
    long before = THREADS.getCurrentThreadAllocatedBytes();
    Optional<? extends Record> record = read.read(problems);
    int n = record.isPresent() ? 1 : 0;
    if (overLimit(data, before, n)) {
      // The first run of a code path loads (and, when fuzzing, instruments) classes: measure again.
      before = THREADS.getCurrentThreadAllocatedBytes();
      read.read(new ArrayList<>());
      checkAllocation(data, before, n);
    }
    assertNotNull(record);
    if (record.isEmpty()) {
      assertTrue(problems.stream().anyMatch(Problem::isError), "a rejected page says why");
    }
    checkProblems(problems, text.split("\n", -1).length);
    checkRecords(data, record.stream().map(Record.class::cast).toList());
  }

  private static void checkStream(byte[] data, StreamRead read) {
    List<Record> records = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    long before = THREADS.getCurrentThreadAllocatedBytes();
    try {
      read.read(records, problems);
      if (overLimit(data, before, records.size())) {
        // The first run of a code path loads (and instruments) classes: measure again.
        before = THREADS.getCurrentThreadAllocatedBytes();
        read.read(new ArrayList<>(), new ArrayList<>());
        checkAllocation(data, before, records.size());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a reader over bytes in memory cannot fail to read", e);
    }
    checkProblems(problems, TextDecoder.decode(data).text().split("\n", -1).length);
    checkRecords(data, records);
  }

  private static void checkProblems(List<Problem> problems, int lines) {
    for (Problem p : problems) {
      assertEquals(SOURCE, p.file(), p::toString);
      assertFalse(p.message().isBlank(), p::toString);
      assertTrue(p.line() >= 0 && p.line() <= lines + 1, () -> "line out of the file: " + p);
    }
  }

  /** The records hold no more text than the input (JSON may escape each char into six). */
  private static void checkRecords(byte[] data, List<? extends Record> records) {
    long json = 0;
    for (Record r : records) {
      json += JsonLines.toJson(r).length();
    }
    long limit = 6L * data.length + 4096L * Math.max(1, records.size());
    assertTrue(json <= limit, "records of " + json + " chars from " + data.length + " bytes");
  }

  private static boolean overLimit(byte[] data, long before, int records) {
    return THREADS.getCurrentThreadAllocatedBytes() - before > allocationLimit(data, records);
  }

  private static long allocationLimit(byte[] data, int records) {
    return ALLOCATED_PER_BYTE * data.length + ALLOCATED_BASE + ALLOCATED_PER_RECORD * records;
  }

  private static void checkAllocation(byte[] data, long before, int records) {
    long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
    assertTrue(
        allocated <= allocationLimit(data, records),
        () ->
            "allocated "
                + allocated
                + " bytes reading "
                + data.length
                + " bytes into "
                + records
                + " records");
  }

  private static DecodingReader reader(byte[] data) {
    return TextDecoder.reader(new ByteArrayInputStream(data));
  }
}
