package io.incidentsearch.formats;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A news headline split into the article title and the publication suffix, as FAIL stores it
 * ({@code Twitter says ... phone numbers - Reuters}) and as article pages print it.
 *
 * <p>The split is at the <em>last</em> separator, so a title that itself contains a separator stays
 * whole: {@code This gun makes everyone a sharpshooter – even hackers - The Washington Post} gives
 * the title {@code This gun makes everyone a sharpshooter – even hackers}. A separator is a hyphen,
 * an en dash or a vertical bar with white space on both sides, the forms sites use in their page
 * titles. A spaced em dash is <em>not</em> a separator: headlines use it as punctuation far more
 * often than sites use it before their name, and splitting there would cut titles in two.
 *
 * <p>A suffix repeated ({@code Title - The Washington Post - The Washington Post}, as some FAIL
 * exports store it) is removed once more.
 *
 * <p>A suffix longer than {@value #MAX_PUBLICATION_WORDS} words is taken to be part of the title,
 * not a publication name ({@code PlayStation 3 hack – how it happened and what it means} stays
 * whole), since publication names are short.
 *
 * @param title the title, stripped; empty when the line has none
 * @param publication the publication name, stripped, or null when the line has no suffix
 */
record Headline(String title, String publication) {
  /** The longest suffix, in words, still taken for a publication name. */
  public static final int MAX_PUBLICATION_WORDS = 6;

  /** White space around a separator: also no-break and other Unicode spaces. */
  private static final String SPACE = "[\\s\\p{Zs}]";

  private static final Pattern SEPARATOR = Pattern.compile(SPACE + "+[-\u2013|]" + SPACE + "+");
  private static final Pattern DANGLING_SEPARATOR = Pattern.compile(SPACE + "+[-\u2013|]$");

  /** Normalises null to the empty title. */
  public Headline {
    title = title == null ? "" : title;
  }

  /**
   * Splits a headline line at its last separator.
   *
   * @param line the headline, e.g. {@code Twitter’s support form leaked ... – TechCrunch}; null is
   *     read as empty
   * @return the title and publication; the publication is null when the line has no separator, the
   *     suffix is empty, or the suffix is too long to be a publication name
   */
  public static Headline parse(String line) {
    String s = strip(line == null ? "" : line);
    Matcher dangling = DANGLING_SEPARATOR.matcher(s);
    if (dangling.find()) {
      // "Title -": the source was cut off after the separator; there is no publication.
      return new Headline(strip(s.substring(0, dangling.start())), null);
    }
    Matcher m = SEPARATOR.matcher(s);
    int start = -1;
    int end = -1;
    while (m.find()) {
      start = m.start();
      end = m.end();
    }
    if (start <= 0) {
      return new Headline(s, null);
    }
    String suffix = strip(s.substring(end));
    if (suffix.isEmpty() || suffix.split(SPACE + "+").length > MAX_PUBLICATION_WORDS) {
      return new Headline(s, null);
    }
    String title = strip(s.substring(0, start));
    // "Title - The Washington Post - The Washington Post": a repeated suffix is the same name.
    Matcher again = SEPARATOR.matcher(title);
    int last = -1;
    int lastEnd = -1;
    while (again.find()) {
      last = again.start();
      lastEnd = again.end();
    }
    if (last > 0 && strip(title.substring(lastEnd)).equals(suffix)) {
      title = strip(title.substring(0, last));
    }
    return new Headline(title, suffix);
  }

  /**
   * Whether two publication names denote the same publication: equal when reduced to lower-case
   * letters and digits, or one such form starting with the other ({@code WIRED} and {@code Wired
   * UK}, {@code BBC} and {@code BBC.com}).
   */
  public static boolean samePublication(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    String x = a.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    String y = b.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    if (x.isEmpty() || y.isEmpty()) {
      return false;
    }
    return x.startsWith(y) || y.startsWith(x);
  }

  /** Strips white space including no-break spaces, which {@link String#strip()} keeps. */
  static String strip(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && isSpace(s.charAt(from))) {
      from++;
    }
    while (to > from && isSpace(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }

  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
  }
}
