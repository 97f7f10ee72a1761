package io.incidentsearch.index;

import java.nio.file.Path;

/** There is no index where one was expected. */
public final class IndexMissingException extends IndexException {
  private static final long serialVersionUID = 1L;

  /** No index at {@code location}. */
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
