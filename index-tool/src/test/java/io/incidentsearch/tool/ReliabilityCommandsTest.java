package io.incidentsearch.tool;

import static io.incidentsearch.tool.ToolRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.index.BuildListener;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.index.BuildReport;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the command does when it is used against itself: hostile queries are refused with exit 2 and
 * one message (no stack trace), a second build is refused at once with exit 4 while the first goes
 * on, and a damaged index makes every command say so with exit 4 until a full rebuild.
 */
class ReliabilityCommandsTest {
  @TempDir static Path dir;
  static Path index;

  @BeforeAll
  static void buildIndex() {
    index = dir.resolve("index");
    ToolRun r = run("build", "--index", index.toString(), ToolRun.archive().toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/.{0,1000}x.{0,1000}/",
        "((((((((((((((((((((((((((((((((((phone))))))))))))))))))))))))))))))))))",
        "n/////////////////////++++++++++++++++++++++//r/////r/i/d"
      })
  void aHostileQueryIsAUsageErrorWithOneMessage(String query) {
    ToolRun r = run("search", "--index", index.toString(), query);
    assertRefused(r, "search");
    ToolRun json = run("search", "--json", "--index", index.toString(), query);
    assertRefused(json, "search");
    assertRefused(run("facets", "--index", index.toString(), query), "facets");
    assertRefused(run("export", "--index", index.toString(), query), "export");
  }

  @ParameterizedTest
  @ValueSource(strings = {"*phone", "\"unclosed quote", "phone)", "nosuchfield:x"})
  void aSyntaxErrorIsAUsageErrorWithOneMessageWhenStrict(String query) {
    String idx = index.toString();
    assertRefused(run("search", "--strict", "--index", idx, query), "search");
    assertRefused(run("search", "--strict", "--json", "--index", idx, query), "search");
    assertRefused(run("facets", "--strict", "--index", idx, query), "facets");
    assertRefused(run("export", "--strict", "--index", idx, query), "export");
    // Not strict, the same text is searched as its words.
    for (String command : List.of("search", "facets", "export")) {
      ToolRun r = run(command, "--index", idx, query);
      assertEquals(ExitCodes.OK, r.exitCode(), command + ": " + r);
    }
  }

  @Test
  void aFullHeapIsOneLineSayingHowToGiveMoreNotAStackTrace() {
    // The JVM's own message, wrapped as a pool thread's failure reaches the command.
    Failure f =
        Failure.of(
            new java.util.concurrent.ExecutionException(new OutOfMemoryError("Java heap space")));
    assertEquals(ExitCodes.UNEXPECTED, f.exitCode());
    assertTrue(f.message().startsWith("out of memory (this JVM may use at most "), f.message());
    assertTrue(f.message().contains("keeps its last commit"), f.message());
    assertTrue(f.message().contains("INDEX_TOOL_JAVA_OPTS=-Xmx"), f.message());
    assertFalse(f.message().contains("\n"), f.message());
  }

  @Test
  void aFullDiskIsOneLineSayingSoNotAnUnexpectedError() {
    // As Lucene reports it: the writer closed itself on the flush that found the disk full.
    Failure f =
        Failure.of(
            new org.apache.lucene.store.AlreadyClosedException(
                "this IndexWriter is closed", new java.io.IOException("No space left on device")));
    assertEquals(ExitCodes.INDEX_PROBLEM, f.exitCode());
    assertTrue(f.message().startsWith("no space left on the disk"), f.message());
    assertTrue(f.message().contains("keeps its last commit"), f.message());
    assertFalse(f.message().contains("\n"), f.message());
  }

  @Test
  void anIndexFileDeletedUnderABuildIsNamedNotAnUnexpectedError() {
    Failure f =
        Failure.of(
            new org.apache.lucene.store.AlreadyClosedException(
                "this IndexWriter is closed",
                new java.nio.file.NoSuchFileException("/data/idx/_3.fdt")));
    assertEquals(ExitCodes.INDEX_PROBLEM, f.exitCode());
    assertTrue(f.message().contains("/data/idx/_3.fdt"), f.message());
    assertTrue(f.message().contains("deleted or moved"), f.message());
  }

  @Test
  void aMegabyteQueryIsRefusedWithAShortMessage() {
    ToolRun r = run("search", "--index", index.toString(), "x".repeat(1 << 20));
    assertRefused(r);
    assertTrue(r.err().length() < 1000, () -> "message of " + r.err().length() + " chars");
    assertTrue(r.err().contains("too long"), r.err());
  }

  @Test
  void aSearchOverItsTimeoutIsRefused() {
    ToolRun r = run("search", "--index", index.toString(), "--timeout", "0.000001", "a* OR s*");
    assertRefused(r);
    assertTrue(r.err().contains("took longer than"), r.err());
    ToolRun ok = run("search", "--index", index.toString(), "--timeout", "30", "a* OR s*");
    assertEquals(ExitCodes.OK, ok.exitCode(), ok.toString());
    ToolRun bad = run("search", "--index", index.toString(), "--timeout", "-1", "x");
    assertEquals(ExitCodes.USAGE, bad.exitCode(), bad.toString());
  }

  private static void assertRefused(ToolRun r) {
    assertRefused(r, "search");
  }

  private static void assertRefused(ToolRun r, String command) {
    assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
    assertEquals("", r.out(), "nothing on standard output");
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertTrue(r.err().startsWith("index-tool " + command + ": "), r.err());
  }

  @Test
  void aSecondBuildIsRefusedAtOnceWithExitFourAndTheFirstGoesOn() throws Exception {
    Path target = dir.resolve("busy");
    CountDownLatch building = new CountDownLatch(1);
    CountDownLatch goOn = new CountDownLatch(1);
    BuildListener holdOn =
        new BuildListener() {
          @Override
          public void fileParsed(Path file, int records) {
            building.countDown();
            try {
              goOn.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    ExecutorService one = Executors.newSingleThreadExecutor();
    try {
      Future<BuildReport> first =
          one.submit(
              () ->
                  IncidentIndex.build(
                      target,
                      List.of(ToolRun.archive()),
                      BuildOptions.defaults().threads(2).listener(holdOn)));
      assertTrue(building.await(30, TimeUnit.SECONDS));
      long start = System.nanoTime();
      ToolRun second = run("build", "--index", target.toString(), ToolRun.archive().toString());
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertEquals(ExitCodes.INDEX_PROBLEM, second.exitCode(), second.toString());
      assertTrue(second.err().contains("locked by another build"), second.err());
      assertTrue(ms < 5000, "refused at once: " + ms + " ms");
      goOn.countDown();
      assertEquals(42, first.get(60, TimeUnit.SECONDS).added());
      ToolRun check = run("check", "--index", target.toString());
      assertEquals(ExitCodes.OK, check.exitCode(), check.toString());
      ToolRun search = run("search", "--json", "--index", target.toString(), "phone numbers");
      assertEquals(ExitCodes.OK, search.exitCode(), search.toString());
      assertTrue(search.out().contains("incident:2750"), search.out());
    } finally {
      goOn.countDown();
      one.shutdownNow();
    }
  }

  @Test
  void aTruncatedIndexMakesEveryCommandSaySoUntilAFullRebuild() throws IOException {
    Path copy = ToolRun.copyTree(index, dir.resolve("truncated"));
    Path largest;
    try (Stream<Path> files = Files.list(copy)) {
      largest =
          files
              .filter(p -> !p.getFileName().toString().startsWith("segments"))
              .filter(p -> !p.getFileName().toString().equals("write.lock"))
              .max(Comparator.comparingLong(p -> p.toFile().length()))
              .orElseThrow();
    }
    try (RandomAccessFile f = new RandomAccessFile(largest.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    String idx = copy.toString();
    ToolRun check = run("check", "--index", idx);
    assertEquals(ExitCodes.INDEX_PROBLEM, check.exitCode(), check.toString());
    assertTrue(check.out().startsWith("DAMAGED"), check.out());
    assertTrue(check.out().contains("build --full"), check.out());
    for (List<String> command :
        List.of(
            List.of("search", "phone"),
            List.of("stats"),
            List.of("show", "2750"),
            List.of("build", ToolRun.archive().toString()))) {
      String[] args =
          Stream.concat(command.stream(), Stream.of("--index", idx)).toArray(String[]::new);
      ToolRun r = run(args);
      assertEquals(ExitCodes.INDEX_PROBLEM, r.exitCode(), command + ": " + r);
      assertTrue(r.err().contains("is damaged"), r.err());
      assertTrue(r.err().contains("build --full"), r.err());
      assertFalse(r.err().contains("\tat "), r.err());
    }
    ToolRun rebuild = run("build", "--full", "--index", idx, ToolRun.archive().toString());
    assertEquals(ExitCodes.OK, rebuild.exitCode(), rebuild.toString());
    assertEquals(ExitCodes.OK, run("check", "--index", idx).exitCode());
  }
}
