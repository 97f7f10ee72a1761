package io.incidentsearch.tool.bench;

import java.util.Arrays;

/** Query latencies in nanoseconds, and their percentiles (nearest rank). */
final class Latencies {
  private long[] nanos = new long[64];
  private int size;

  /** Adds one measurement. */
  synchronized void add(long n) {
    if (size == nanos.length) {
      nanos = Arrays.copyOf(nanos, size * 2);
    }
    nanos[size++] = n;
  }

  /** Adds every measurement of {@code other}. */
  synchronized void addAll(Latencies other) {
    long[] theirs;
    int n;
    synchronized (other) {
      theirs = other.nanos;
      n = other.size;
    }
    for (int i = 0; i < n; i++) {
      add(theirs[i]);
    }
  }

  synchronized int size() {
    return size;
  }

  /** The {@code p}-th percentile in milliseconds (nearest rank), or NaN when empty. */
  synchronized double percentileMs(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * size);
    return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
  }

  /** The sum of all measurements in seconds. */
  synchronized double totalSeconds() {
    long sum = 0;
    for (int i = 0; i < size; i++) {
      sum += nanos[i];
    }
    return sum / 1e9;
  }
}
