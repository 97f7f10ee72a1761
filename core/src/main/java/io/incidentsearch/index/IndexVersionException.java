package io.incidentsearch.index;

import java.nio.file.Path;

/**
 * The index was built with another schema version (or an incompatible Lucene version): its fields
 * may mean something else, so it is refused rather than searched wrongly.
 */
public final class IndexVersionException extends IndexException {
  private static final long serialVersionUID = 1L;

  /**
   * An index built with schema version {@code found} ("none" when it carries none).
   *
   * @param location the index directory
   * @param found the version found, as text
   * @param expected the version this library writes
   * @param cause the underlying Lucene exception, or null
   */
  public IndexVersionException(Path location, String found, int expected, Throwable cause) {
    super(
        location,
        "index at "
            + location
            + " was built with schema version "
            + found
            + "; this incident-search uses "
            + expected
            + "; rebuild it with `index-tool build --full --index "
            + location
            + " ARCHIVE...`",
        cause);
  }
}
