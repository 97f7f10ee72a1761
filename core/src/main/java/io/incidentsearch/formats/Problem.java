package io.incidentsearch.formats;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Something wrong with an input file, reported to the user instead of stopping the run.
 *
 * @param file the file concerned
 * @param line the 1-based line where the problem is, or 0 when it concerns the whole file
 * @param severity {@link Severity#ERROR} when a file or record was rejected, {@link
 *     Severity#WARNING} when everything was still read (e.g. invalid UTF-8 replaced)
 * @param message what is wrong and, where useful, what to do about it
 */
public record Problem(Path file, int line, Severity severity, String message) {

  /** How bad a problem is. */
  public enum Severity {
    /** A file or record was rejected: its data is not in the result. */
    ERROR,
    /** The data was read, but something about it deserves the user's attention. */
    WARNING
  }

  /**
   * Checks the components.
   *
   * @throws NullPointerException when {@code file}, {@code severity} or {@code message} is null
   * @throws IllegalArgumentException when {@code line} is negative
   */
  public Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0: " + line);
    }
  }

  /**
   * An error for the whole file.
   *
   * @param file the file concerned
   * @param message what is wrong and, where useful, what to do
   * @return the problem, with line 0
   */
  public static Problem error(Path file, String message) {
    return new Problem(file, 0, Severity.ERROR, message);
  }

  /**
   * An error at {@code line}.
   *
   * @param file the file concerned
   * @param line the 1-based line, or 0 for the whole file
   * @param message what is wrong and, where useful, what to do
   * @return the problem
   * @throws IllegalArgumentException when {@code line} is negative
   */
  public static Problem error(Path file, int line, String message) {
    return new Problem(file, line, Severity.ERROR, message);
  }

  /**
   * A warning for the whole file.
   *
   * @param file the file concerned
   * @param message what deserves attention
   * @return the problem, with line 0
   */
  public static Problem warning(Path file, String message) {
    return new Problem(file, 0, Severity.WARNING, message);
  }

  /**
   * A warning at {@code line}.
   *
   * @param file the file concerned
   * @param line the 1-based line, or 0 for the whole file
   * @param message what deserves attention
   * @return the problem
   * @throws IllegalArgumentException when {@code line} is negative
   */
  public static Problem warning(Path file, int line, String message) {
    return new Problem(file, line, Severity.WARNING, message);
  }

  /**
   * How many problems this one stands for: {@code N} for the {@code and N more problems in FILE}
   * line that ends a file's capped problems, else 1.
   *
   * @return 1, or the number of left-out problems this one counts
   */
  public long count() {
    return ProblemCap.isLeftOutCount(this) ? ProblemCap.leftOutCount(this) : 1;
  }

  /**
   * How many problems {@code problems} stand for, counted by {@link #count()}.
   *
   * @param problems problems as a scan or build reports them
   * @return the sum of their counts
   */
  public static long total(java.util.Collection<Problem> problems) {
    long n = 0;
    for (Problem p : problems) {
      n += p.count();
    }
    return n;
  }

  /**
   * Whether a file or record was rejected.
   *
   * @return true for {@link Severity#ERROR}
   */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code file:line: severity: message}, as compilers print it (no line part when 0). */
  @Override
  public String toString() {
    return file
        + (line > 0 ? ":" + line : "")
        + ": "
        + severity.name().toLowerCase()
        + ": "
        + message;
  }
}
