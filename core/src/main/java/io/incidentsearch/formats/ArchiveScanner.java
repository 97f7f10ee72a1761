package io.incidentsearch.formats;

import io.incidentsearch.model.Article;
import io.incidentsearch.model.Record;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Walks archive folders, detects each file's format from its content, runs the matching reader and
 * gathers records and problems. One bad file never stops the others: whatever is wrong becomes a
 * {@link Problem}.
 *
 * <h2>Which files</h2>
 *
 * Roots are walked recursively in sorted order, following symbolic links; a link back to a folder
 * being walked is reported (a warning) and not followed, and a file reached twice through links is
 * read once. Candidates are files ending {@code .txt .text .csv .jsonl .ndjson .json} (any case) or
 * without extension; other files are skipped and counted. Hidden names (starting with a dot) and
 * {@code README*}, {@code NOTICE*}, {@code LICENSE*}, {@code COPYING*} are passed over silently. A
 * root that is a file is always a candidate, whatever its name.
 *
 * <h2>Formats and limits</h2>
 *
 * The format comes from {@link FormatDetector}. Pages are read whole and must not be larger than
 * {@link #maxPageBytes()} (default 16 MiB); CSV and JSON Lines exports are streamed and limited by
 * {@link #maxExportBytes()} (default 4 GiB). Text is decoded by {@link TextDecoder} (invalid UTF-8
 * is a warning). Empty, binary, oversized and unreadable files are rejected with an error naming
 * the reason. A page's id is its file name without the extension.
 *
 * <h2>Duplicates and links</h2>
 *
 * {@link #scan} keeps one record per type and id: the one from the file whose path sorts first
 * ({@link Path#compareTo}), and within a file the first one; every other copy that says something
 * different ({@link #differences}) gets a warning naming both files and the fields that differ
 * ({@link #duplicateProblem}).
 *
 * <h2>Problems</h2>
 *
 * At most {@link #PROBLEMS_PER_FILE} problems of one file are reported (its readers' and its
 * duplicates'); the others are only counted, in one last problem of that file: {@code and N more
 * problems in FILE} (an error when any of them is one). Each article's {@link
 * Article#incidentIds()} is then set to the incidents of the scan that cite it, sorted by {@link
 * #ID_ORDER}, replacing whatever its source said.
 *
 * <p>Instances are immutable and thread-safe: {@link #parse(Path)} may be called for many files at
 * once, which is what {@link #scan(List, int)} does.
 */
public final class ArchiveScanner {
  /** The default limit for a page file: 16 MiB. */
  public static final long DEFAULT_MAX_PAGE_BYTES = 16L << 20;

  /** The default limit for a CSV or JSON Lines export: 4 GiB. */
  public static final long DEFAULT_MAX_EXPORT_BYTES = 4L << 30;

  /**
   * How many problems of one file are reported; the others are counted in one last problem, {@code
   * and N more problems in FILE}.
   */
  public static final int PROBLEMS_PER_FILE = 5;

  /**
   * The order of ids: all-digit ids numerically ({@code 3710 < 96761}) and before other ids, which
   * sort as strings.
   */
  public static final Comparator<String> ID_ORDER = ScanCombiner::compareIds;

  private static final System.Logger LOG = System.getLogger(ArchiveScanner.class.getName());

  private final long maxPageBytes;
  private final long maxExportBytes;

  /** A scanner with the default limits. */
  public ArchiveScanner() {
    this(DEFAULT_MAX_PAGE_BYTES, DEFAULT_MAX_EXPORT_BYTES);
  }

  /**
   * A scanner with other size limits.
   *
   * @param maxPageBytes the largest page file read, in bytes (positive)
   * @param maxExportBytes the largest CSV or JSON Lines file read, in bytes (positive)
   */
  public ArchiveScanner(long maxPageBytes, long maxExportBytes) {
    if (maxPageBytes <= 0 || maxExportBytes <= 0) {
      throw new IllegalArgumentException(
          "size limits must be positive: " + maxPageBytes + ", " + maxExportBytes);
    }
    this.maxPageBytes = maxPageBytes;
    this.maxExportBytes = maxExportBytes;
  }

  /**
   * The largest page file read, in bytes.
   *
   * @return the limit, positive
   */
  public long maxPageBytes() {
    return maxPageBytes;
  }

  /**
   * The largest CSV or JSON Lines file read, in bytes.
   *
   * @return the limit, positive
   */
  public long maxExportBytes() {
    return maxExportBytes;
  }

  /**
   * A copy with another page limit, in bytes.
   *
   * @param bytes the largest page file read, in bytes (positive)
   * @return the new scanner; this one is unchanged
   * @throws IllegalArgumentException when {@code bytes} is not positive
   */
  public ArchiveScanner withMaxPageBytes(long bytes) {
    return new ArchiveScanner(bytes, maxExportBytes);
  }

  /**
   * A copy with another CSV / JSON Lines limit, in bytes.
   *
   * @param bytes the largest CSV or JSON Lines file read, in bytes (positive)
   * @return the new scanner; this one is unchanged
   * @throws IllegalArgumentException when {@code bytes} is not positive
   */
  public ArchiveScanner withMaxExportBytes(long bytes) {
    return new ArchiveScanner(maxPageBytes, bytes);
  }

  // ---------------------------------------------------------------- discovery

  /**
   * Finds the candidate files under {@code roots} (see the class comment for which).
   *
   * @param roots folders or files; a missing one is reported as an error
   * @return the files sorted by path, each once, and the problems met on the way
   */
  public Discovery listFiles(List<Path> roots) {
    return ArchiveWalk.listFiles(roots);
  }

  // ---------------------------------------------------------------- one file

  /**
   * Reads one file: detects its format, decodes it, runs the reader. Never throws for bad input;
   * the problems say what went wrong.
   *
   * @param file the file (a symbolic link is followed)
   * @return the records, problems, format and content hash of the file
   */
  public ParsedFile parse(Path file) {
    return FileReading.parse(file, maxPageBytes, maxExportBytes);
  }

  // ---------------------------------------------------------------- whole scans

  /**
   * Parses every candidate file under {@code roots} in this thread and combines the results.
   *
   * @param roots folders or files; a missing one is reported as an error
   * @return the records, once per type and id, the problems and the file counts
   */
  public ScanResult scan(List<Path> roots) {
    return scan(roots, 1);
  }

  /**
   * Parses every candidate file under {@code roots} with up to {@code threads} threads and combines
   * the results; the result does not depend on the number of threads.
   *
   * @param roots folders or files
   * @param threads how many files to parse at once (1 or less = in this thread)
   * @return the records, once per type and id, the problems and the file counts
   * @throws CancellationException if this thread is interrupted meanwhile
   */
  public ScanResult scan(List<Path> roots, int threads) {
    long start = System.nanoTime();
    Discovery discovery = listFiles(roots);
    List<ParsedFile> parsed = new ArrayList<>();
    int n = Math.min(Math.max(1, threads), Math.max(1, discovery.files().size()));
    if (n == 1) {
      discovery.files().forEach(f -> parsed.add(parse(f)));
    } else {
      try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
        List<Future<ParsedFile>> futures = new ArrayList<>();
        for (Path f : discovery.files()) {
          futures.add(pool.submit(() -> parse(f)));
        }
        for (Future<ParsedFile> future : futures) {
          parsed.add(future.get());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("scan interrupted");
      } catch (ExecutionException e) {
        // parse() reports bad input as problems; what arrives here is a bug or an Error.
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException("parsing failed", e.getCause());
      }
    }
    ScanResult result = combine(discovery, parsed);
    LOG.log(
        System.Logger.Level.DEBUG,
        () ->
            String.format(
                "scanned %d files in %d ms: %d incidents, %d articles, %d problems",
                result.filesRead(),
                (System.nanoTime() - start) / 1_000_000,
                result.incidents().size(),
                result.articles().size(),
                result.problems().size()));
    return result;
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Combines parsed files into a scan result: removes duplicate ids (warning), links articles to
   * the incidents citing them, sorts records and problems. {@link ArchiveScanner#scan} calls this;
   * an indexer that parses (or re-uses) files itself calls it directly.
   *
   * @param discovery the listing the files came from (its problems and skip count are kept)
   * @param parsed the parsed files, in any order
   * @return the records, once per type and id, and the problems of the listing and the files
   */
  public static ScanResult combine(Discovery discovery, List<ParsedFile> parsed) {
    return ScanCombiner.combine(discovery, parsed);
  }

  /**
   * The warning {@link #combine} gives a copy of a record that it drops for the one kept, or empty
   * when the two say the same ({@link #differences}): a duplicate is only reported when it differs.
   * Public so that an index build, which finds its duplicates itself, reports exactly the ones a
   * scan reports, with the same words.
   *
   * @param kept the record kept (from the file whose path sorts first, or earlier in the file)
   * @param keptFile the file of {@code kept}
   * @param copy the record dropped, of the same type and id
   * @param copyFile the file of {@code copy}; the warning is about this file
   * @return the warning naming both files and the fields that differ, or empty when none does
   */
  public static Optional<Problem> duplicateProblem(
      Record kept, Path keptFile, Record copy, Path copyFile) {
    return ScanCombiner.duplicateProblem(kept, keptFile, copy, copyFile);
  }

  /**
   * The problems {@link #combine} reports for one file: its own, as {@link ArchiveScanner#parse}
   * gave them (which may end with a count of left-out problems), then its duplicate warnings
   * ({@link #duplicateProblem}, in record order), sharing one cap: at most {@link
   * ArchiveScanner#PROBLEMS_PER_FILE} kept, by line, and the others counted in one last problem,
   * {@code and N more problems in FILE}. Public for an index build, so that its problems of a file
   * are the scan's.
   *
   * @param file the file
   * @param own the problems parsing the file gave
   * @param duplicates the file's duplicate warnings, in the order of its records
   * @return the problems to report for the file, at most {@link #PROBLEMS_PER_FILE} plus one count
   */
  public static List<Problem> fileProblems(Path file, List<Problem> own, List<Problem> duplicates) {
    return ScanCombiner.fileProblems(file, own, duplicates);
  }

  /** The fields in which two records of the same key differ ({@link ScanCombiner#differences}). */
  static List<String> differences(Record kept, Record other) {
    return ScanCombiner.differences(kept, other);
  }

  /** The operating system's reason for an I/O failure, in words. */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "not a folder";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
