package io.incidentsearch.formats;

import io.incidentsearch.model.Article;
import io.incidentsearch.model.Incident;
import java.util.List;

/**
 * The outcome of {@link ArchiveScanner#scan}: every record of the archive, once per id and type,
 * articles linked to the incidents that cite them, plus what went wrong.
 *
 * @param incidents the incidents, sorted by id ({@link ArchiveScanner#ID_ORDER})
 * @param articles the articles, sorted by id, each with {@link Article#incidentIds()} set to the
 *     incidents of this scan that cite it
 * @param problems the problems, sorted by file, then by line; at most {@link
 *     ArchiveScanner#PROBLEMS_PER_FILE} per file, then one counting the others of that file
 * @param filesRead how many candidate files were parsed (rejected ones included)
 * @param filesRejected how many of them were rejected (an error and no record)
 * @param filesSkipped how many files were passed over for their extension
 */
public record ScanResult(
    List<Incident> incidents,
    List<Article> articles,
    List<Problem> problems,
    int filesRead,
    int filesRejected,
    int filesSkipped) {

  /**
   * Copies the lists.
   *
   * @throws NullPointerException when a list is null or holds null
   */
  public ScanResult {
    incidents = List.copyOf(incidents);
    articles = List.copyOf(articles);
    problems = List.copyOf(problems);
  }

  /**
   * How many problems there were, those counted in an {@code and N more problems in FILE} problem
   * included.
   *
   * @return the number of problems found, reported or only counted
   */
  public long problemCount() {
    return Problem.total(problems);
  }

  /**
   * How many problems are errors (something was rejected).
   *
   * @return the number of errors reported (an {@code and N more problems} error counts as one)
   */
  public long errorCount() {
    return problems.stream().filter(Problem::isError).count();
  }

  /**
   * Whether anything was rejected: a file, a CSV row, a JSON line.
   *
   * @return true when {@link #errorCount()} is not 0
   */
  public boolean hasErrors() {
    return errorCount() > 0;
  }
}
