package io.incidentsearch.tool;

import io.incidentsearch.index.BuildListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A one-line progress display for a build on a terminal: files parsed of the files to parse,
 * records per second and the estimated time left, redrawn in place at most ten times a second. Used
 * only when standard error is a terminal: a log file should not fill with redraws.
 */
final class ProgressBar implements BuildListener {
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final int BAR = 24;

  private final PrintWriter err;
  private final long start = System.nanoTime();
  private long lastDraw;
  private int total;
  private int files;
  private long records;
  private long written;
  private boolean drawn;

  ProgressBar(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void filesToParse(int count) {
    total += count;
    draw(false);
  }

  @Override
  public void fileParsed(Path file, int recordCount) {
    files++;
    records += recordCount;
    draw(false);
  }

  @Override
  public void recordWritten(String key) {
    written++;
    draw(false);
  }

  /** Clears the line, so the summary starts on a clean one. */
  void finish() {
    if (drawn) {
      err.print("\r\u001b[K");
      err.flush();
    }
  }

  private void draw(boolean force) {
    long now = System.nanoTime();
    if (!force && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    drawn = true;
    err.print("\r\u001b[K" + line(now - start));
    err.flush();
  }

  /** The text of the line after {@code elapsedNanos}. */
  String line(long elapsedNanos) {
    double seconds = Math.max(1e-3, elapsedNanos / 1e9);
    long perSecond = Math.round(records / seconds);
    StringBuilder s = new StringBuilder();
    if (total > 0) {
      int filled = (int) ((long) BAR * Math.min(files, total) / total);
      s.append('[')
          .append("#".repeat(filled))
          .append(".".repeat(BAR - filled))
          .append("] ")
          .append(files)
          .append('/')
          .append(total)
          .append(" files");
    } else {
      s.append(files).append(" files");
    }
    s.append("  ").append(records).append(" records  ").append(perSecond).append(" records/s");
    if (total > 0 && files > 0 && files < total) {
      long left = Math.round(seconds / files * (total - files));
      s.append("  ETA ").append(clock(Duration.ofSeconds(left)));
    } else if (written > 0) {
      s.append("  writing ").append(written);
    }
    return s.toString();
  }

  private static String clock(Duration d) {
    long s = d.getSeconds();
    return s >= 3600
        ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format("%d:%02d", s / 60, s % 60);
  }
}
