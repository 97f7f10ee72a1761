package io.incidentsearch.index;

import java.util.Objects;

/**
 * How to build.
 *
 * @param full true to rebuild everything from scratch (the index is replaced at commit); false (the
 *     default) to update only what changed since the last build
 * @param threads the number of threads that hash and parse files (at least 1)
 * @param listener told of progress
 */
public record BuildOptions(boolean full, int threads, BuildListener listener) {

  /** Validates. */
  public BuildOptions {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    Objects.requireNonNull(listener, "listener");
  }

  /**
   * Incremental, one thread per available processor, no listener.
   *
   * @return the default options
   */
  public static BuildOptions defaults() {
    return new BuildOptions(false, Runtime.getRuntime().availableProcessors(), BuildListener.NONE);
  }

  /**
   * A copy that rebuilds everything ({@code true}) or only what changed.
   *
   * @param newFull true for a full rebuild, false for an incremental build
   * @return the new options; this one is unchanged
   */
  public BuildOptions full(boolean newFull) {
    return new BuildOptions(newFull, threads, listener);
  }

  /**
   * A copy with {@code n} parsing threads.
   *
   * @param n the number of threads that hash and parse files, at least 1
   * @return the new options; this one is unchanged
   * @throws IllegalArgumentException when {@code n} is less than 1
   */
  public BuildOptions threads(int n) {
    return new BuildOptions(full, n, listener);
  }

  /**
   * A copy with another listener.
   *
   * @param newListener told of the build's progress; not null ({@link BuildListener#NONE} for none)
   * @return the new options; this one is unchanged
   * @throws NullPointerException when {@code newListener} is null
   */
  public BuildOptions listener(BuildListener newListener) {
    return new BuildOptions(full, threads, newListener);
  }
}
