package io.incidentsearch.index;

import java.nio.file.Path;

/**
 * Follows a build's progress (e.g. to print it). Called from the building thread; an exception
 * thrown here aborts the build, which then leaves the index as its last commit had it.
 */
public interface BuildListener {
  /** A listener that does nothing. */
  BuildListener NONE = new BuildListener() {};

  /**
   * {@code files} more files are about to be parsed (called before each batch; a build may have
   * more than one), so a progress display knows its total and can estimate the time left.
   */
  default void filesToParse(int files) {}

  /** {@code file} was parsed and held {@code records} records. */
  default void fileParsed(Path file, int records) {}

  /** The document of the record with {@code key} was written (added, replaced or relinked). */
  default void recordWritten(String key) {}
}
