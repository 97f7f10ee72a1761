package io.incidentsearch.formats;

import io.incidentsearch.common.Sha256;
import io.incidentsearch.model.Article;
import io.incidentsearch.model.Record;
import java.io.BufferedInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

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
    Objects.requireNonNull(file, "file");
    ProblemCap problems = new ProblemCap(file, PROBLEMS_PER_FILE);
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      String message =
          Files.isSymbolicLink(file)
              ? "broken symbolic link: its target "
                  + ArchiveWalk.linkTarget(file)
                  + " does not exist"
              : "no such file";
      return rejected(file, null, message);
    } catch (IOException e) {
      return rejected(file, null, "cannot read file: " + reason(e));
    }
    if (attributes.isDirectory()) {
      return rejected(file, null, "is a folder, not a file");
    }
    if (!attributes.isRegularFile()) {
      return rejected(file, null, "not a regular file (a device, pipe or socket)");
    }
    long size = attributes.size();
    if (size == 0) {
      return rejected(file, null, "empty file");
    }

    byte[] head = new byte[FormatDetector.SNIFF_BYTES];
    int headLength;
    try (InputStream in = Files.newInputStream(file)) {
      headLength = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      return rejected(file, null, "cannot read file: " + reason(e));
    }
    if (headLength >= 2
        && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
            || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF))) {
      return rejected(
          file, null, "UTF-16 text is not supported; save the file as UTF-8 and scan again");
    }
    if (FormatDetector.looksBinary(head, headLength)) {
      return rejected(
          file,
          null,
          "binary file (NUL bytes or control characters near the start); not an archive page");
    }
    Optional<Format> headFormat =
        FormatDetector.detect(new String(head, 0, headLength, StandardCharsets.UTF_8));
    if (headFormat.isEmpty() && headLength == size) {
      return rejected(file, null, "empty file (only blank lines and spaces)");
    }
    boolean streamed = headFormat.isPresent() && isExport(headFormat.get());
    if (streamed) {
      if (size > maxExportBytes) {
        return rejected(
            file,
            headFormat.get(),
            "file is "
                + bytes(size)
                + ", over the "
                + bytes(maxExportBytes)
                + " limit for CSV and JSON Lines exports; raise the limit if it is right"
                + " (index-tool parse --max-export-size)");
      }
      return parseExport(file, headFormat.get(), problems);
    }
    if (size > maxPageBytes) {
      return rejected(
          file,
          headFormat.orElse(null),
          "file is "
              + bytes(size)
              + ", over the "
              + bytes(maxPageBytes)
              + " limit for page files; if it really is one page, raise the limit"
              + " (index-tool parse --max-page-size)");
    }
    return parsePage(file, problems);
  }

  private ParsedFile parseExport(Path file, Format format, ProblemCap problems) {
    MessageDigest sha = Sha256.digest();
    List<Record> records = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(file);
        DigestInputStream digested =
            new DigestInputStream(new BufferedInputStream(raw, 1 << 16), sha);
        DecodingReader reader = TextDecoder.reader(digested)) {
      readRecords(file, format, new KeepOpen(reader), records, problems);
      // The hash covers the whole file even when a reader stopped early.
      digested.transferTo(OutputStream.nullOutputStream());
      reader.problem(file).ifPresent(problems);
    } catch (IOException e) {
      problems.accept(Problem.error(file, "cannot read file: " + reason(e)));
      return new ParsedFile(file, format, null, records, problems.problems());
    }
    if (records.isEmpty() && problems.isEmpty()) {
      problems.accept(Problem.warning(file, "no records in this file (only a header?)"));
    }
    return new ParsedFile(file, format, Sha256.hex(sha), records, problems.problems());
  }

  private ParsedFile parsePage(Path file, ProblemCap problems) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      return rejected(file, null, "cannot read file: " + reason(e));
    }
    String hash = Sha256.of(content);
    DecodedText decoded = TextDecoder.decode(content);
    Optional<Format> detected = FormatDetector.detect(decoded.text());
    if (detected.isEmpty()) {
      return new ParsedFile(
          file,
          null,
          hash,
          List.of(),
          List.of(Problem.error(file, "empty file (only blank lines and spaces)")));
    }
    Format format = detected.get();
    Optional<String> mismatch = nameMismatch(file, format, decoded.text());
    if (mismatch.isPresent()) {
      return new ParsedFile(
          file, format, hash, List.of(), List.of(Problem.error(file, mismatch.get())));
    }
    decoded.problem(file).ifPresent(problems);
    List<Record> records = new ArrayList<>();
    try {
      if (format == Format.POSTMORTEM_PAGE || format == Format.ARTICLE_PAGE) {
        readPage(file, format, decoded.text(), records, problems);
      } else {
        readRecords(file, format, new StringReader(decoded.text()), records, problems);
      }
    } catch (IOException e) {
      problems.accept(Problem.error(file, "cannot read file: " + reason(e))); // not from a String
    }
    return new ParsedFile(file, format, hash, records, problems.problems());
  }

  /**
   * Runs the reader of {@code format}; a reader's runtime exception becomes an error for this file
   * (records delivered before it are kept).
   */
  private static void readRecords(
      Path file, Format format, Reader text, List<Record> records, ProblemCap problems)
      throws IOException {
    Consumer<Problem> report = problems;
    try {
      switch (format) {
        case FAIL_INCIDENT_CSV -> FailIncidentCsvReader.read(text, file, records::add, report);
        case FAIL_ARTICLE_CSV -> FailArticleCsvReader.read(text, file, records::add, report);
        case JSON_LINES -> JsonLines.read(text, file, records::add, report);
        case POSTMORTEM_PAGE, ARTICLE_PAGE ->
            readPage(file, format, readAll(text), records, problems);
        default -> throw new IllegalStateException("unknown format " + format);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (RuntimeException e) {
      internalError(file, e, problems);
    }
  }

  /**
   * Runs the page reader of {@code format} on the decoded page; a reader's runtime exception
   * becomes an error for this file.
   */
  private static void readPage(
      Path file, Format format, String page, List<Record> records, ProblemCap problems) {
    try {
      String id = stem(file);
      long errorsBefore = problems.errors();
      Optional<? extends Record> record =
          format == Format.POSTMORTEM_PAGE
              ? PostmortemPageReader.read(page, id, file, problems)
              : ArticlePageReader.read(page, id, file, problems);
      record.ifPresent(records::add);
      if (record.isEmpty() && problems.errors() == errorsBefore) {
        problems.accept(Problem.error(file, "no record could be read from this page"));
      }
    } catch (RuntimeException e) {
      internalError(file, e, problems);
    }
  }

  private static void internalError(Path file, RuntimeException e, ProblemCap problems) {
    // The stack trace is for developers; the user sees the problem.
    LOG.log(System.Logger.Level.DEBUG, "reader failed on " + file, e);
    problems.accept(
        Problem.error(
            file,
            "internal error while reading "
                + file.getFileName()
                + ": "
                + e
                + "; please report it, with this file, to the incident-search developers"));
  }

  /** Where a file's name promises a format its content does not have. */
  private static Optional<String> nameMismatch(Path file, Format format, String text) {
    if (format != Format.ARTICLE_PAGE) {
      return Optional.empty();
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String first = text.strip().lines().findFirst().orElse("");
    String shown = first.length() > 80 ? first.substring(0, 80) + "..." : first;
    if (name.endsWith(".csv")) {
      return Optional.of(
          "not a FAIL CSV export: the header needs an 'Incident ID' column (with 'Title',"
              + " 'Related Article IDs' or '... Option') or an 'Article ID' column (with"
              + " 'Headline' or 'Body'); first line: "
              + shown);
    }
    if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return Optional.of(
          "not JSON Lines: expected one JSON object per line, starting with '{'; first line: "
              + shown);
    }
    return Optional.empty();
  }

  private static boolean isExport(Format format) {
    return format == Format.FAIL_INCIDENT_CSV
        || format == Format.FAIL_ARTICLE_CSV
        || format == Format.JSON_LINES;
  }

  private static ParsedFile rejected(Path file, Format format, String message) {
    return new ParsedFile(file, format, null, List.of(), List.of(Problem.error(file, message)));
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

  /** The file name without its last extension: the id of a page. */
  static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static String readAll(Reader reader) throws IOException {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[8192];
    int n;
    while ((n = reader.read(buffer, 0, buffer.length)) >= 0) {
      text.append(buffer, 0, n);
    }
    return text.toString();
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

  private static String bytes(long n) {
    if (n >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
    }
    if (n >= 1L << 20) {
      return String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
    }
    if (n >= 1L << 10) {
      return String.format(Locale.ROOT, "%.1f KiB", n / (double) (1L << 10));
    }
    return n + " bytes";
  }

  /** Keeps a reader from closing the stream: the hash still needs the rest of the bytes. */
  private static final class KeepOpen extends FilterReader {
    KeepOpen(Reader in) {
      super(in);
    }

    @Override
    public void close() {}
  }
}
