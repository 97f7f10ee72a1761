package io.incidentsearch.formats;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a postmortem section into its numbered items ({@code 1. … 2. … 3. …}).
 *
 * <p>FAIL writes each section as a numbered list. On a postmortem page the list is flattened onto
 * one line; in the CSV export each item usually starts its own line, with continuation lines and
 * blank lines inside items. Numbers also occur inside the prose ({@code published on February 3,
 * 2020. Step 3}, {@code iOS 13.2. }, {@code version 2.0}), so a split happens only on the real
 * sequence:
 *
 * <ul>
 *   <li>the text (leading whitespace ignored) must start with the marker {@code 1.} followed by
 *       whitespace, otherwise the whole text is one item;
 *   <li>the marker of item n+1 is a {@code <n+1>.} after item n's marker that is preceded by
 *       whitespace or a line start and followed by whitespace; a number that is not the next one in
 *       the sequence is text. When several come before the first {@code <n+2>.}, the first that
 *       follows a sentence end or citation ({@code .}, {@code ]}, {@code )}, ...) wins, else the
 *       first;
 *   <li>when the text has a {@code 2.} marker at a line start (CSV cells), only markers at line
 *       starts count, so a {@code 3.} ending a sentence in the middle of a line stays text.
 * </ul>
 *
 * <p>Item text is the text between markers with the marker removed and surrounding whitespace
 * trimmed; citations and inner line breaks are kept as they are.
 */
final class NumberedItems {
  private NumberedItems() {}

  /**
   * The items of a section's text.
   *
   * @param sectionText a section's text from a page (one line) or a CSV cell (lines); null or blank
   *     gives no items
   * @return the items in order; a single item when the text is not a numbered list
   */
  public static List<String> split(String sectionText) {
    if (sectionText == null) {
      return List.of();
    }
    String text = sectionText;
    int start = skipSpace(text, 0);
    int end = trimEnd(text, text.length());
    if (start >= end) {
      return List.of();
    }
    if (!isMarkerAt(text, start, 1, false)) {
      return List.of(text.substring(start, end));
    }
    boolean lineStartsOnly = hasLineStartMarker(text, start + 2, 2);
    List<String> items = new ArrayList<>();
    int n = 1;
    int contentStart = start + 2;
    while (true) {
      int next = findNext(text, contentStart, n + 1, lineStartsOnly);
      int contentEnd = next < 0 ? text.length() : next;
      items.add(trimmed(text, contentStart, contentEnd));
      if (next < 0) {
        break;
      }
      n++;
      contentStart = next + Integer.toString(n).length() + 1;
    }
    return List.copyOf(items);
  }

  /**
   * The marker of item {@code n}, or -1. On a flattened line several {@code n.} may come before the
   * first {@code n+1.}; one that follows the end of a sentence or a citation ({@code [96761]. 2. })
   * is then preferred to one inside a sentence ({@code moved to phase 2. Users}).
   */
  private static int findNext(String text, int from, int n, boolean lineStartsOnly) {
    int first = findMarker(text, from, n, lineStartsOnly);
    if (first < 0 || lineStartsOnly) {
      return first;
    }
    int limit = findMarker(text, first + 1, n + 1, false);
    if (limit < 0) {
      limit = text.length();
    }
    for (int c = first; c >= 0 && c < limit; c = findMarker(text, c + 1, n, false)) {
      if (afterSentenceEnd(text, c)) {
        return c;
      }
    }
    return first;
  }

  private static boolean afterSentenceEnd(String text, int i) {
    int j = i - 1;
    while (j >= 0 && isSpace(text.charAt(j))) {
      j--;
    }
    return j < 0 || ".!?])\"'\u201d\u2019".indexOf(text.charAt(j)) >= 0;
  }

  /** The first marker {@code n.} at or after {@code from}, or -1. */
  private static int findMarker(String text, int from, int n, boolean lineStartsOnly) {
    String marker = n + ".";
    for (int i = text.indexOf(marker, from); i >= 0; i = text.indexOf(marker, i + 1)) {
      if (isMarkerAt(text, i, n, lineStartsOnly)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean hasLineStartMarker(String text, int from, int n) {
    return findMarker(text, from, n, true) >= 0;
  }

  /**
   * Whether {@code n.} at {@code i} is a marker: preceded by the text start, a line start or
   * whitespace (with {@code lineStart}, only spaces back to a line start or the text start), and
   * followed by whitespace.
   */
  private static boolean isMarkerAt(String text, int i, int n, boolean lineStart) {
    String marker = n + ".";
    if (!text.startsWith(marker, i)) {
      return false;
    }
    int after = i + marker.length();
    if (after >= text.length() || !isSpace(text.charAt(after))) {
      return false;
    }
    if (i == 0) {
      return true;
    }
    if (!lineStart) {
      return isSpace(text.charAt(i - 1));
    }
    for (int j = i - 1; j >= 0; j--) {
      char c = text.charAt(j);
      if (c == '\n') {
        return true;
      }
      if (!isSpace(c)) {
        return false;
      }
    }
    return true;
  }

  private static String trimmed(String text, int from, int to) {
    int s = skipSpace(text, from);
    int e = trimEnd(text, to);
    return s >= e ? "" : text.substring(s, e);
  }

  private static int skipSpace(String text, int from) {
    int i = from;
    while (i < text.length() && isSpace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int trimEnd(String text, int to) {
    int e = to;
    while (e > 0 && isSpace(text.charAt(e - 1))) {
      e--;
    }
    return e;
  }

  /** Whitespace including NBSP and other Unicode spaces (not zero-width joiners). */
  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
