package io.incidentsearch.index;

import io.incidentsearch.formats.Problem;
import java.util.Comparator;
import java.util.List;

/**
 * What a build did. Record counts compare the records after the build with those before it.
 *
 * @param added records that did not exist before
 * @param updated records whose content changed
 * @param deleted records that no longer exist
 * @param unchanged records whose content is as before (some may have been rewritten because a
 *     record they cite or are cited by changed; see {@code relinked})
 * @param relinked unchanged records rewritten because a linked record changed
 * @param filesScanned input files found under the archive roots
 * @param filesParsed files parsed (new and changed files, unchanged files whose record had to come
 *     back because a duplicate that won before is gone, and unchanged files holding a losing copy
 *     of a record a parsed or gone file holds, whose duplicate warnings may have changed)
 * @param filesSkipped unchanged files that were not parsed
 * @param filesDeleted files indexed before that are gone
 * @param problems what was wrong with the parsed files, each file's as a scan reports it (its own
 *     problems and its differing duplicates, capped together), sorted by file and line
 * @param manifest the manifest of the resulting commit
 * @param tookMs wall-clock time of the build
 */
public record BuildReport(
    int added,
    int updated,
    int deleted,
    int unchanged,
    int relinked,
    int filesScanned,
    int filesParsed,
    int filesSkipped,
    int filesDeleted,
    List<Problem> problems,
    Manifest manifest,
    long tookMs) {

  /**
   * Orders problems by file, line, then message; a file's {@code and N more problems} line comes
   * last among its problems, as {@code parse} prints it.
   */
  public static final Comparator<Problem> PROBLEM_ORDER =
      Comparator.comparing((Problem p) -> p.file().toString())
          .thenComparing((Problem p) -> p.count() > 1)
          .thenComparingInt(Problem::line)
          .thenComparing(Problem::message);

  /** Sorts the problems. */
  public BuildReport {
    problems = problems.stream().sorted(PROBLEM_ORDER).toList();
  }

  /**
   * Whether the build changed any record.
   *
   * @return true when a record was added, updated, deleted or relinked
   */
  public boolean changedRecords() {
    return added + updated + deleted + relinked > 0;
  }
}
