package io.incidentsearch.formats;

import java.nio.file.Path;
import java.util.Comparator;

/**
 * Which record is kept when several records have the same key ({@code type:id}): the one from the
 * file whose absolute path sorts first ({@link #FILE_ORDER}), and within a file the first. A scan
 * ({@link ArchiveScanner#combine}) and an index build (which compares file ordinals of a table
 * sorted in this order) keep the same record, so a build's documents and a scan's records agree.
 */
public final class DuplicateRule {
  /** The order of files that decides which copy is kept: {@link Path#compareTo}. */
  public static final Comparator<Path> FILE_ORDER = Comparator.naturalOrder();

  private DuplicateRule() {}

  /**
   * Whether a copy in {@code candidate} is kept instead of one in {@code current}: only when its
   * file sorts strictly first (a later copy in the same file never replaces the first).
   *
   * @param candidate the file of the copy that might be kept instead
   * @param current the file of the copy kept so far
   * @return true when {@code candidate} sorts before {@code current} by {@link #FILE_ORDER}
   */
  public static boolean replaces(Path candidate, Path current) {
    return FILE_ORDER.compare(candidate, current) < 0;
  }
}
