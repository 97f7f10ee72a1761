package io.incidentsearch.formats;

import java.nio.file.Path;
import java.util.List;

/**
 * The files {@link ArchiveScanner#listFiles} found under the archive roots.
 *
 * @param files the candidate files, sorted by path, each once
 * @param problems what went wrong while walking (missing root, unreadable folder, link loop)
 * @param skipped how many files were passed over for their extension
 */
public record Discovery(List<Path> files, List<Problem> problems, int skipped) {

  /**
   * Copies the lists.
   *
   * @throws NullPointerException when a list is null or holds null
   */
  public Discovery {
    files = List.copyOf(files);
    problems = List.copyOf(problems);
  }
}
