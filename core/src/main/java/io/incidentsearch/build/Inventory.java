package io.incidentsearch.build;

import io.incidentsearch.formats.Problem;
import io.incidentsearch.index.ArchiveSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 1 of a build: the input files under the roots, each once (with its path below the first
 * root that lists it), in path order, which is the order of the duplicate rule ({@link
 * io.incidentsearch.formats.DuplicateRule}). Hashes come later, and only where there is something
 * to compare them with ({@link ChangeSet}); a file to parse gets the hash of the bytes parsed.
 *
 * @param files the files; the table's hash column is filled by the later stages
 * @param problems what went wrong while walking the roots
 */
record Inventory(FileTable files, List<Problem> problems) {
  Inventory {
    problems = List.copyOf(problems);
  }

  /**
   * Lists the files under {@code roots}.
   *
   * @throws NoSuchFileException when a root does not exist: a mistyped root must never read as
   *     "every file gone", which would empty the index
   */
  static Inventory discover(List<Path> roots, ArchiveSource source) throws IOException {
    List<Problem> problems = new ArrayList<>();
    List<Path> absolute = new ArrayList<>();
    List<FileTable.Found> found = new ArrayList<>();
    for (Path root : roots) {
      Path r = root.toAbsolutePath().normalize();
      if (!Files.exists(r)) {
        throw new NoSuchFileException(r.toString(), null, "archive not found");
      }
      absolute.add(r);
      for (Path f : source.discover(r, problems::add)) {
        found.add(new FileTable.Found(f.toAbsolutePath().normalize(), absolute.size() - 1));
      }
    }
    return new Inventory(FileTable.of(absolute, found), problems);
  }
}
