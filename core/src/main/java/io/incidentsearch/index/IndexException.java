package io.incidentsearch.index;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An index cannot be used as asked: it is missing, was built by another schema version, or is
 * locked by a running build. Subclasses say which; the message says what to do. The command line
 * maps every subclass to one exit code.
 */
public abstract class IndexException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path location;

  /**
   * An exception about the index at {@code location}.
   *
   * @param location the index folder concerned
   * @param message what is wrong and what to do
   * @param cause the underlying exception, or null
   */
  protected IndexException(Path location, String message, Throwable cause) {
    super(message, cause);
    this.location = location;
  }

  /**
   * The index directory concerned.
   *
   * @return the folder as the failing call resolved it (absolute and normalised for the methods of
   *     {@code IncidentIndex}); null after deserialization, as it is not serialized
   */
  public Path location() {
    return location;
  }
}
