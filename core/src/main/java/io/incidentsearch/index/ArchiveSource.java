package io.incidentsearch.index;

import io.incidentsearch.formats.Problem;
import io.incidentsearch.model.Record;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the builder needs from the archive scanner: the input files under a root, and the records
 * and problems of one file. Implementations must be thread-safe: files are parsed by several
 * threads at once.
 */
public interface ArchiveSource {

  /**
   * The input files under {@code root} (or {@code root} itself when it is a file), in any order.
   *
   * @param root an existing folder or file, absolute and normalised
   * @param problems receives what went wrong while walking
   * @return the files to parse; each is later passed to {@link #parse}
   * @throws IOException when the walk fails as a whole, which fails the build (a folder or file it
   *     cannot read should be reported to {@code problems} instead)
   */
  List<Path> discover(Path root, Consumer<Problem> problems) throws IOException;

  /**
   * Parses one file. Bad content is reported as problems, never thrown.
   *
   * @param file a path returned by {@link #discover}
   * @return the file's records and problems, and the hash of the bytes parsed
   * @throws IOException only when the failure should fail the whole build; a file that cannot be
   *     read is better returned with an error problem and a null hash
   */
  Parsed parse(Path file) throws IOException;

  /**
   * One parsed file.
   *
   * @param file the file
   * @param contentHash the SHA-256 of the bytes parsed (lower-case hex), or null when the file
   *     could not be read through
   * @param records its records, in file order (duplicates included)
   * @param problems what was wrong with it
   */
  record Parsed(Path file, String contentHash, List<Record> records, List<Problem> problems) {
    /** Copies the lists. */
    public Parsed {
      records = List.copyOf(records);
      problems = List.copyOf(problems);
    }
  }
}
