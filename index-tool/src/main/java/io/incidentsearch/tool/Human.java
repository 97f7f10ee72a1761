package io.incidentsearch.tool;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The renderer for people: aligned columns, horizontal bar charts, wrapped text, and matched words
 * marked in bold on a terminal or as {@code [word]} elsewhere.
 */
final class Human {
  private static final String BOLD = "\u001b[1m";
  private static final String DIM = "\u001b[2m";
  private static final String RESET = "\u001b[0m";

  private final PrintWriter out;
  private final Environment env;

  Human(PrintWriter out, Environment env) {
    this.out = out;
    this.env = env;
  }

  /** The writer. */
  PrintWriter out() {
    return out;
  }

  /** The columns to fill. */
  int width() {
    return env.width();
  }

  /** {@code text} in bold on a terminal, as is elsewhere. */
  String bold(String text) {
    return env.ansiOut() ? BOLD + text + RESET : text;
  }

  /** {@code text} dimmed on a terminal, as is elsewhere. */
  String dim(String text) {
    return env.ansiOut() ? DIM + text + RESET : text;
  }

  /** A matched word: bold on a terminal, {@code [word]} elsewhere. */
  String match(String word) {
    return env.ansiOut() ? BOLD + word + RESET : "[" + word + "]";
  }

  /**
   * One bar chart: a line per value, label left, count right, bar scaled to the largest count.
   * Labels longer than 32 characters are cut.
   */
  void bars(Map<String, ? extends Number> counts, String indent) {
    if (counts.isEmpty()) {
      out.println(indent + dim("(none)"));
      return;
    }
    int labelWidth = 0;
    long max = 1;
    int countWidth = 1;
    for (Map.Entry<String, ? extends Number> e : counts.entrySet()) {
      labelWidth = Math.max(labelWidth, Math.min(32, e.getKey().length()));
      max = Math.max(max, e.getValue().longValue());
      countWidth = Math.max(countWidth, Long.toString(e.getValue().longValue()).length());
    }
    int barWidth = Math.max(10, width() - indent.length() - labelWidth - countWidth - 4);
    barWidth = Math.min(barWidth, 50);
    for (Map.Entry<String, ? extends Number> e : counts.entrySet()) {
      long n = e.getValue().longValue();
      int len = n == 0 ? 0 : (int) Math.max(1, Math.round((double) n * barWidth / max));
      out.println(
          indent
              + pad(cut(e.getKey(), 32), labelWidth)
              + "  "
              + padLeft(Long.toString(n), countWidth)
              + " "
              + "\u2588".repeat(len));
    }
  }

  /** Prints {@code text} wrapped to the width, each line starting with {@code indent}. */
  void wrapped(String text, String indent) {
    for (String line : wrap(text, Math.max(20, width() - indent.length()))) {
      out.println(indent + line);
    }
  }

  /** Splits {@code text} into lines of at most {@code width} characters, at spaces. */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    for (String paragraph : text.split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.strip().split("\\s+")) {
        if (word.isEmpty()) {
          continue;
        }
        if (line.length() > 0 && line.length() + 1 + visibleLength(word) > width) {
          lines.add(line.toString());
          line.setLength(0);
        }
        if (line.length() > 0) {
          line.append(' ');
        }
        line.append(word);
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /** The length without ANSI escapes. */
  static int visibleLength(String s) {
    return s.replaceAll("\u001b\\[[0-9;]*m", "").length();
  }

  /** {@code s} cut to {@code max} characters, with an ellipsis when cut. */
  static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "\u2026";
  }

  /** {@code s} padded with spaces on the right to {@code width}. */
  static String pad(String s, int width) {
    int n = width - visibleLength(s);
    return n > 0 ? s + " ".repeat(n) : s;
  }

  /** {@code s} padded with spaces on the left to {@code width}. */
  static String padLeft(String s, int width) {
    int n = width - visibleLength(s);
    return n > 0 ? " ".repeat(n) + s : s;
  }

  /** {@code 1 incident}, {@code 2 incidents}. */
  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
