package io.incidentsearch.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.TestCorpus;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.index.BuildReport;
import io.incidentsearch.index.IndexCheck;
import io.incidentsearch.index.IndexDamagedException;
import io.incidentsearch.index.IndexException;
import io.incidentsearch.search.SearchRequest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.index.CorruptIndexException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A damaged index is never silently wrong: {@code check} finds every kind of damage (Lucene's
 * CheckIndex reads every byte against the checksums), opening finds what Lucene verifies when it
 * opens a file (structure, length, footer), a search that reads a damaged part says so, and a full
 * rebuild repairs it. Every message says to rebuild.
 */
class IndexDamageTest {
  @TempDir static Path tmp;
  static Path built;

  @BeforeAll
  static void build() throws IOException {
    built = tmp.resolve("built");
    IncidentIndex.build(
        built,
        List.of(TestCorpus.testdata().resolve("archive")),
        BuildOptions.defaults().threads(2));
  }

  /** Ways an index file gets damaged. */
  enum Damage {
    /** The largest segment file cut to half its length (a full disk, a copy cut short). */
    TRUNCATED_SEGMENT_FILE(true),
    /** The commit point ({@code segments_N}) cut to half. */
    TRUNCATED_COMMIT_POINT(true),
    /** The largest segment file deleted. */
    MISSING_SEGMENT_FILE(true),
    /** One byte flipped in the middle of the largest segment file (bit rot). */
    FLIPPED_BYTE_IN_SEGMENT_FILE(false),
    /** One byte flipped in the middle of the commit point. */
    FLIPPED_BYTE_IN_COMMIT_POINT(true);

    /** Whether opening the index finds it (otherwise only check, and reads of that part). */
    final boolean foundWhenOpening;

    Damage(boolean foundWhenOpening) {
      this.foundWhenOpening = foundWhenOpening;
    }
  }

  @ParameterizedTest
  @EnumSource(Damage.class)
  void damageIsFoundAndSaysToRebuild(Damage damage) throws IOException {
    Path copy = IndexFixtures.copyTree(built, tmp.resolve(damage.name()));
    damage(copy, damage);

    IndexCheck check = IncidentIndex.check(copy);
    assertFalse(check.healthy(), damage + ": check must find it");
    assertFalse(check.problems().isEmpty());

    if (damage.foundWhenOpening) {
      IndexDamagedException e =
          assertThrows(IndexDamagedException.class, () -> IncidentIndex.open(copy), damage.name());
      assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
      assertTrue(e.getMessage().contains("build --full"), e.getMessage());
      // An incremental build cannot go on from a damaged commit either, and says so.
      IndexDamagedException b =
          assertThrows(
              IndexDamagedException.class,
              () ->
                  IncidentIndex.build(
                      copy,
                      List.of(TestCorpus.testdata().resolve("archive")),
                      BuildOptions.defaults().threads(2)));
      assertTrue(b.getMessage().contains("build --full"), b.getMessage());
    } else {
      // Opening checks structure only; reading every stored record must either give back the
      // records or fail with Lucene's checksum error; it must not throw anything else.
      try (IncidentIndex index = IncidentIndex.open(copy)) {
        index.search(SearchRequest.builder().limit(100).countFacets(true).build());
        index.stats();
      } catch (UncheckedIOException | IOException e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        assertTrue(
            cause instanceof CorruptIndexException || cause instanceof IndexException,
            () -> damage + ": " + cause);
      }
    }

    // A full rebuild over the damaged files gives a healthy index with every record.
    BuildReport rebuilt =
        IncidentIndex.build(
            copy,
            List.of(TestCorpus.testdata().resolve("archive")),
            BuildOptions.defaults().threads(2).full(true));
    assertEquals(42, rebuilt.added() + rebuilt.unchanged(), rebuilt.toString());
    assertTrue(IncidentIndex.check(copy).healthy(), damage + ": rebuilt");
    try (IncidentIndex index = IncidentIndex.open(copy)) {
      assertEquals(42, index.search(SearchRequest.of("")).totalHits());
    }
  }

  /**
   * Bit rot anywhere in a segment: wherever the flipped byte lands (a file header, postings, doc
   * values, a stored-fields block header, compressed record data, a field's type bits), opening
   * says the index is damaged, or a search that reads it fails with Lucene's checksum error, or the
   * search answers; it never fails with a decoder's own exception or assertion. Flips one byte at a
   * time at evenly spaced positions of the largest segment file, and flips it back.
   */
  @Test
  void flippedByteAnywhereInASegmentIsReportedAsDamage() throws IOException {
    Path copy = IndexFixtures.copyTree(built, tmp.resolve("flipped"));
    Path segment = largestSegmentFile(copy);
    long length = Files.size(segment);
    List<String> wrong = new ArrayList<>();
    for (int step = 1; step < FLIP_STEPS; step++) {
      long at = length * step / FLIP_STEPS;
      flip(segment, at);
      try {
        String failure = searchFailure(copy);
        if (failure != null) {
          wrong.add("byte " + at + " of " + segment.getFileName() + ": " + failure);
        }
      } finally {
        flip(segment, at);
      }
    }
    assertEquals(List.of(), wrong);
  }

  /** Enough positions that every kind of block in a small segment gets hit. */
  private static final int FLIP_STEPS = 256;

  /** What went wrong with reading the index at {@code copy}, or null when nothing did. */
  private static String searchFailure(Path copy) {
    IncidentIndex index;
    try {
      index = IncidentIndex.open(copy);
    } catch (IndexDamagedException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      return "opening: " + e;
    }
    try (index) {
      index.search(SearchRequest.builder().limit(100).countFacets(true).build());
      index.search(SearchRequest.builder().query("software failure").limit(100).build());
      index.stats();
      return null;
    } catch (UncheckedIOException e) {
      return e.getCause() instanceof CorruptIndexException ? null : e.toString();
    } catch (CorruptIndexException e) {
      return null;
    } catch (IOException | RuntimeException | AssertionError e) {
      return e.toString();
    }
  }

  private static void flip(Path file, long at) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0xff);
    }
  }

  private static void damage(Path index, Damage damage) throws IOException {
    Path segments = commitPoint(index);
    Path largest = largestSegmentFile(index);
    switch (damage) {
      case TRUNCATED_SEGMENT_FILE -> truncate(largest);
      case TRUNCATED_COMMIT_POINT -> truncate(segments);
      case MISSING_SEGMENT_FILE -> Files.delete(largest);
      case FLIPPED_BYTE_IN_SEGMENT_FILE -> flip(largest);
      case FLIPPED_BYTE_IN_COMMIT_POINT -> flip(segments);
    }
  }

  private static Path commitPoint(Path index) throws IOException {
    try (Stream<Path> files = Files.list(index)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("segments_"))
          .max(Comparator.comparing(p -> p.getFileName().toString()))
          .orElseThrow();
    }
  }

  private static Path largestSegmentFile(Path index) throws IOException {
    try (Stream<Path> files = Files.list(index)) {
      return files
          .filter(p -> !p.getFileName().toString().startsWith("segments"))
          .filter(p -> !p.getFileName().toString().equals("write.lock"))
          .max(Comparator.comparingLong(p -> p.toFile().length()))
          .orElseThrow();
    }
  }

  private static void truncate(Path file) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
  }

  private static void flip(Path file) throws IOException {
    flip(file, Files.size(file) / 2);
  }
}
