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
   *
   * @param files the number of files in the coming batch
   */
  default void filesToParse(int files) {}

  /**
   * {@code file} was parsed and held {@code records} records. Called once per parsed file, in path
   * order.
   *
   * @param file the input file, absolute
   * @param records how many records it held, duplicates included (0 for a rejected file)
   */
  default void fileParsed(Path file, int records) {}

  /**
   * The document of the record with {@code key} was written (added, replaced or relinked).
   *
   * @param key the record's key, {@code type:id}
   */
  default void recordWritten(String key) {}
}
