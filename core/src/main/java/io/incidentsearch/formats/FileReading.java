package io.incidentsearch.formats;

import io.incidentsearch.common.Sha256;
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
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The reading of one file for {@link ArchiveScanner#parse(Path)}: the checks before reading, the
 * format detection, then the streamed export or the whole page through its reader. Stateless.
 */
final class FileReading {
  // The scanner's logger: reading one file is part of its work, and logging is set up for it.
  private static final System.Logger LOG = System.getLogger(ArchiveScanner.class.getName());

  private FileReading() {}

  /** What {@link ArchiveScanner#parse(Path)} returns, with the scanner's limits. */
  static ParsedFile parse(Path file, long maxPageBytes, long maxExportBytes) {
    Objects.requireNonNull(file, "file");
    ProblemCap problems = new ProblemCap(file, ArchiveScanner.PROBLEMS_PER_FILE);
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
      return rejected(file, null, "cannot read file: " + ArchiveScanner.reason(e));
    }
    Optional<String> notAFile = notAFile(attributes);
    if (notAFile.isPresent()) {
      return rejected(file, null, notAFile.get());
    }
    long size = attributes.size();

    byte[] head = new byte[FormatDetector.SNIFF_BYTES];
    int headLength;
    try (InputStream in = Files.newInputStream(file)) {
      headLength = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      return rejected(file, null, "cannot read file: " + ArchiveScanner.reason(e));
    }
    Optional<String> notText = notText(head, headLength);
    if (notText.isPresent()) {
      return rejected(file, null, notText.get());
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
            tooLarge(
                size,
                maxExportBytes,
                "CSV and JSON Lines exports; raise the limit if it is right"
                    + " (index-tool parse --max-export-size)"));
      }
      return parseExport(file, headFormat.get(), problems);
    }
    if (size > maxPageBytes) {
      return rejected(
          file,
          headFormat.orElse(null),
          tooLarge(
              size,
              maxPageBytes,
              "page files; if it really is one page, raise the limit"
                  + " (index-tool parse --max-page-size)"));
    }
    return parsePage(file, problems);
  }

  /** Why what {@code attributes} describe is no file to read, if it is not. */
  private static Optional<String> notAFile(BasicFileAttributes attributes) {
    if (attributes.isDirectory()) {
      return Optional.of("is a folder, not a file");
    }
    if (!attributes.isRegularFile()) {
      return Optional.of("not a regular file (a device, pipe or socket)");
    }
    if (attributes.size() == 0) {
      return Optional.of("empty file");
    }
    return Optional.empty();
  }

  /** Why a file starting with {@code head} is no text to read (UTF-16 or binary), if it is not. */
  private static Optional<String> notText(byte[] head, int headLength) {
    if (headLength >= 2
        && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
            || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF))) {
      return Optional.of("UTF-16 text is not supported; save the file as UTF-8 and scan again");
    }
    if (FormatDetector.looksBinary(head, headLength)) {
      return Optional.of(
          "binary file (NUL bytes or control characters near the start); not an archive page");
    }
    return Optional.empty();
  }

  /**
   * Why a file of {@code size} bytes is not read: over {@code limit}, the limit for {@code what}.
   */
  private static String tooLarge(long size, long limit, String what) {
    return "file is " + bytes(size) + ", over the " + bytes(limit) + " limit for " + what;
  }

  private static ParsedFile parseExport(Path file, Format format, ProblemCap problems) {
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
      problems.accept(Problem.error(file, "cannot read file: " + ArchiveScanner.reason(e)));
      return new ParsedFile(file, format, null, records, problems.problems());
    }
    if (records.isEmpty() && problems.isEmpty()) {
      problems.accept(Problem.warning(file, "no records in this file (only a header?)"));
    }
    return new ParsedFile(file, format, Sha256.hex(sha), records, problems.problems());
  }

  private static ParsedFile parsePage(Path file, ProblemCap problems) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      return rejected(file, null, "cannot read file: " + ArchiveScanner.reason(e));
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
      problems.accept(
          Problem.error(
              file, "cannot read file: " + ArchiveScanner.reason(e))); // not from a String
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
