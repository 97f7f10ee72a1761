package io.incidentsearch.index;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of verifying an index on disk ({@code IncidentIndex.check}): Lucene's {@code
 * CheckIndex} over every segment (checksums, postings, stored fields, doc values, points) and this
 * library's schema version.
 *
 * @param location the index folder
 * @param segments the number of segments in the last commit (0 when it cannot be read)
 * @param documents the documents (records and file entries) in the segments that were read
 * @param schemaVersion the schema version the commit carries ("none" when it carries none,
 *     "unknown" when the commit cannot be read)
 * @param expectedSchemaVersion the schema version this library writes
 * @param problems what is wrong, one sentence each; empty when the index is healthy
 */
public record IndexCheck(
    Path location,
    int segments,
    long documents,
    String schemaVersion,
    int expectedSchemaVersion,
    List<String> problems) {

  /** Copies the problems. */
  public IndexCheck {
    problems = List.copyOf(problems);
  }

  /**
   * Whether nothing is wrong: every segment checks out and the schema version is this one.
   *
   * @return true when {@link #problems()} is empty
   */
  public boolean healthy() {
    return problems.isEmpty();
  }

  /**
   * Whether the schema version differs (a rebuild, not a repair, is what helps).
   *
   * @return true when {@link #schemaVersion()} is not {@link #expectedSchemaVersion()}, also when
   *     the commit carries none or cannot be read
   */
  public boolean versionMismatch() {
    return !schemaVersion.equals(Integer.toString(expectedSchemaVersion));
  }
}
