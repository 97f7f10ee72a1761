package io.incidentsearch.index;

import java.nio.file.Path;

/** There is no index where one was expected. */
public final class IndexMissingException extends IndexException {
  private static final long serialVersionUID = 1L;

  /**
   * No index at {@code location}.
   *
   * @param location the folder where an index was expected
   * @param cause the underlying exception, or null
   */
  public IndexMissingException(Path location, Throwable cause) {
    super(
        location,
        "no index at "
            + location
            + "; build one with `index-tool build --index "
            + location
            + " ARCHIVE...`",
        cause);
  }
}
