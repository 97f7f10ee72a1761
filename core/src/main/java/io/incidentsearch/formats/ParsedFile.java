package io.incidentsearch.formats;

import io.incidentsearch.model.Record;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ArchiveScanner#parse(Path)} made of one file.
 *
 * @param path the file, as it was found (under the root it was given as)
 * @param format the detected format, or null when the file was rejected before detection
 *     (unreadable, empty, binary, too large)
 * @param contentHash the SHA-256 of the file's raw bytes as 64 lower-case hex digits, or null when
 *     the file could not be read through
 * @param records the records read, in file order (before duplicates across files are removed)
 * @param problems what is wrong with the file: the first {@link ArchiveScanner#PROBLEMS_PER_FILE}
 *     by line, then, when there were more, one problem counting the others ({@code and N more
 *     problems in FILE})
 */
public record ParsedFile(
    Path path, Format format, String contentHash, List<Record> records, List<Problem> problems) {

  /**
   * Copies the lists.
   *
   * @throws NullPointerException when {@code path} or a list is null
   */
  public ParsedFile {
    Objects.requireNonNull(path, "path");
    records = List.copyOf(records);
    problems = List.copyOf(problems);
  }

  /**
   * The detected format, if the file got that far.
   *
   * @return {@link #format()}, empty when null
   */
  public Optional<Format> detectedFormat() {
    return Optional.ofNullable(format);
  }

  /**
   * The content hash, if the whole file was read.
   *
   * @return {@link #contentHash()}, empty when null
   */
  public Optional<String> hash() {
    return Optional.ofNullable(contentHash);
  }

  /**
   * Whether the file was rejected: it has an error and gave no record.
   *
   * @return true when there is no record and at least one error
   */
  public boolean rejected() {
    return records.isEmpty() && problems.stream().anyMatch(Problem::isError);
  }
}
