package io.incidentsearch.formats;

import io.incidentsearch.model.Incident;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads a FAIL postmortem page. STUB: to be implemented. */
public final class PostmortemPageReader {
  private PostmortemPageReader() {}

  /**
   * Parses one postmortem page.
   *
   * @param text the page, decoded, line ends normalised to {@code \n}, no BOM
   * @param id the incident id (the file stem)
   * @param source the file, for problems and the record's source
   * @param problems receives what is wrong, with 1-based line numbers
   * @return the incident, or empty when the page was rejected (an error was reported)
   */
  public static Optional<Incident> read(
      String text, String id, Path source, Consumer<Problem> problems) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
