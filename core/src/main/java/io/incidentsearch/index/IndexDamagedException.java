package io.incidentsearch.index;

import java.nio.file.Path;

/**
 * The index files are damaged: truncated, missing or failing their checksums. Nothing in them can
 * be trusted; the index must be rebuilt from the archives.
 */
public final class IndexDamagedException extends IndexException {
  private static final long serialVersionUID = 1L;

  /**
   * The index at {@code location} is damaged.
   *
   * @param location the index folder
   * @param cause what Lucene found (its message names the file)
   */
  public IndexDamagedException(Path location, Throwable cause) {
    super(
        location,
        "the index at "
            + location
            + " is damaged ("
            + cause.getMessage()
            + "); run `index-tool check --index "
            + location
            + "` to see what is wrong, then rebuild it with `index-tool build --full --index "
            + location
            + " ARCHIVE...`",
        cause);
  }
}
