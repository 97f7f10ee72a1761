package io.incidentsearch.index;

import java.nio.file.Path;

/** Another build (in this or another process) holds the index's write lock. */
public final class IndexLockedException extends IndexException {
  private static final long serialVersionUID = 1L;

  /**
   * The index at {@code location} is being written by someone else.
   *
   * @param location the index folder
   * @param cause Lucene's exception for the lock that could not be obtained, or null
   */
  public IndexLockedException(Path location, Throwable cause) {
    super(
        location,
        "index at "
            + location
            + " is locked by another build; wait for it to finish, then try again",
        cause);
  }
}
