package io.incidentsearch.tool.bench;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Latencies recorded in nanoseconds in HdrHistogram, read back in milliseconds. */
final class Percentiles {
  private Percentiles() {}

  /** An empty histogram: resizes itself, values kept to 3 significant digits (0.1%). */
  static Histogram histogram() {
    return new Histogram(3);
  }

  /** The same, for recording from many threads at once. */
  static Histogram concurrentHistogram() {
    return new ConcurrentHistogram(3);
  }

  /** The {@code p}-th percentile of {@code h} in milliseconds, or NaN when it is empty. */
  static double ms(AbstractHistogram h, double p) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(p) / 1e6;
  }
}
