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
}
