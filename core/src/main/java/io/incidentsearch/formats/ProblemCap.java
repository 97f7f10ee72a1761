package io.incidentsearch.formats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The problems of one file, at most {@code limit} of them kept: the rest are only counted and given
 * as one last problem, {@code and N more problems in FILE}. A file of garbage would otherwise keep
 * (and print) one problem per line: memory and output in proportion to the damage, not to what a
 * user can act on.
 */
final class ProblemCap implements Consumer<Problem> {
  private final Path file;
  private final int limit;
  private final List<Problem> kept = new ArrayList<>();
  private long errors;
  private long leftOut;
  private boolean errorLeftOut;

  ProblemCap(Path file, int limit) {
    this.file = file;
    this.limit = limit;
  }

  @Override
  public void accept(Problem p) {
    if (p.isError()) {
      errors++;
    }
    if (kept.size() < limit) {
      kept.add(p);
    } else {
      leftOut(1, p.isError());
    }
  }

  /** Counts {@code n} problems that were left out elsewhere ({@code error}: any is an error). */
  void leftOut(long n, boolean error) {
    leftOut += n;
    errorLeftOut |= error;
  }

  /** How many errors were given, kept or not. */
  long errors() {
    return errors;
  }

  /** Whether no problem was given. */
  boolean isEmpty() {
    return kept.isEmpty() && leftOut == 0;
  }

  /** Whether a problem given now would only be counted. */
  boolean full() {
    return kept.size() >= limit;
  }

  /** The kept problems by line, then the count of the others if any. */
  List<Problem> problems() {
    List<Problem> out = new ArrayList<>(kept);
    out.sort(Comparator.comparingInt(Problem::line));
    if (leftOut > 0) {
      out.add(
          new Problem(
              file,
              0,
              errorLeftOut ? Problem.Severity.ERROR : Problem.Severity.WARNING,
              String.format(Locale.ROOT, "and %,d more problems in %s", leftOut, file)));
    }
    return out;
  }

  /**
   * Gives {@code sink} a warning at {@code line}, its message made only when it will be kept: a
   * page of garbage has a warning on every line, and building each message cost more than the rest
   * of reading the line.
   */
  static void warning(Consumer<Problem> sink, Path file, int line, Supplier<String> message) {
    if (sink instanceof ProblemCap cap && cap.full()) {
      cap.leftOut(1, false);
    } else {
      sink.accept(Problem.warning(file, line, message.get()));
    }
  }

  /** Whether {@code p} is the count {@link #problems()} ends with. */
  static boolean isLeftOutCount(Problem p) {
    return p.line() == 0
        && p.message().startsWith("and ")
        && p.message().endsWith(" more problems in " + p.file());
  }

  /** The number a {@link #isLeftOutCount} problem gives. */
  static long leftOutCount(Problem p) {
    String n = p.message().substring(4, p.message().indexOf(' ', 4)).replace(",", "");
    return Long.parseLong(n);
  }
}
