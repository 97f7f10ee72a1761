package io.incidentsearch.tool;

/** The exit codes of every index-tool command, in one place. */
public final class ExitCodes {
  /** Everything worked. */
  public static final int OK = 0;

  /** Something unexpected failed (a bug, or the output could not be written). */
  public static final int UNEXPECTED = 1;

  /** The command line is wrong: unknown option, missing or nonexistent archive path. */
  public static final int USAGE = 2;

  /** Some input was rejected (a file, a CSV row, a JSON line); the rest was processed. */
  public static final int INPUTS_REJECTED = 3;

  /** The index is missing, unreadable or incompatible. */
  public static final int INDEX_PROBLEM = 4;

  private ExitCodes() {}
}
