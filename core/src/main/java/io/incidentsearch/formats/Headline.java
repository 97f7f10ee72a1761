package io.incidentsearch.formats;

/**
 * A news headline as FAIL stores it, {@code <title> – <publication>}, split at the last
 * separator ({@code  – }, {@code  — }, {@code  - } or {@code  | }, with a space on each side) so
 * that a title which itself contains a dash stays whole.
 *
 * @param title the title, never null
 * @param publication the publication, or null when the line has no separator
 */
public record Headline(String title, String publication) {
  private static final String[] SEPARATORS = {" – ", " — ", " - ", " | "};

  /** Splits a headline line; a line without separator is all title. */
  public static Headline parse(String line) {
    String s = PageText.strip(line.replace('\u00a0', ' '));
    int at = -1;
    int length = 0;
    for (String sep : SEPARATORS) {
      int i = s.lastIndexOf(sep);
      if (i > at) {
        at = i;
        length = sep.length();
      }
    }
    if (at > 0) {
      String title = PageText.strip(s.substring(0, at));
      String publication = PageText.strip(s.substring(at + length));
      if (!title.isEmpty() && !publication.isEmpty()) {
        return new Headline(title, publication);
      }
    }
    return new Headline(s, null);
  }
}
