package io.incidentsearch.formats;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the FAIL article ids a postmortem text cites.
 *
 * <p>FAIL's generated postmortems cite news articles by their numeric article id. The forms seen in
 * FAIL data are:
 *
 * <ul>
 *   <li>a bracket group: {@code [96761]}, {@code [Article 96761]}, {@code [108649, 115853]}, {@code
 *       [Article 115929, Article 116081]}, {@code [#37995]}, {@code [#37995, #38012]}, {@code
 *       [a68976]}, and the same inside angle brackets, {@code <Article 96761>};
 *   <li>a bare mention: {@code Article 26032}, {@code Article #53309}, {@code Articles 1234, 5678
 *       and 9012} (the word {@code Article}, any case, then the id).
 * </ul>
 *
 * <p>The rule: an id is a run of 3 or more digits. Inside a bracket group the content is split on
 * {@code ,}, {@code ;}, {@code &} and the word {@code and}; an element is an id only when it is
 * <em>exactly</em> an id with an optional {@code Article}/{@code Articles}, {@code #} or {@code a}
 * prefix. Other elements are ignored, so a group mixing a headline and ids, as in {@code [Cyberpunk
 * 2077: How to get a refund, #110171, #108649]} (real FAIL data), gives only the ids and never the
 * {@code 2077}. Outside brackets only numbers right after the word {@code Article(s)} count:
 * numbers in prose ({@code in 2019}, {@code 17 million}, {@code version 13.2}) are never ids.
 *
 * <p>A bracketed four-digit number that looks like a year ({@code [2019]}) <em>is</em> taken as an
 * id. Brackets are FAIL's citation syntax: in the FAIL exports (the fail-dev corpus and the three
 * incident CSVs of the FAIL repository) every bracket holding only a number is a citation, never a
 * year, and real article ids are as small as 4 digits (3663, 3710, 3740, 3825, 6486), so ids from
 * 1900 to 2099 are legitimate. Dropping them would silently lose real links; a wrong link to an
 * article that does not exist is visible when links are resolved.
 */
public final class Citations {
  /** A bracket or angle-bracket group (one line, bounded so a stray bracket cannot swallow). */
  private static final Pattern GROUP =
      Pattern.compile("\\[([^\\[\\]\\n]{0,500})\\]|<([^<>\\[\\]\\n]{0,500})>");

  /** A bare mention: Article(s), then ids joined by commas, "and" or "&". */
  private static final Pattern BARE =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])articles?\\s*#?\\s*\\d{3,}(?!\\d)"
              + "(?:\\s*(?:,|&|\\band\\b)\\s*(?:articles?\\s*)?#?\\s*\\d{3,}(?!\\d))*",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private static final Pattern ELEMENT_SPLIT =
      Pattern.compile("[,;&]|\\band\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern ELEMENT =
      Pattern.compile("(?:articles?\\s*#?\\s*|#\\s*|a\\s*)?(\\d{3,})", Pattern.CASE_INSENSITIVE);
  private static final Pattern DIGITS = Pattern.compile("\\d{3,}");

  private Citations() {}

  /**
   * The article ids cited in {@code text}, in order of first appearance, each once.
   *
   * @param text any postmortem text (a section, a rationale, a whole page); null gives none
   * @return the ids, as digit strings without leading prefixes
   */
  public static List<String> extract(CharSequence text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    // Each pattern is scanned once (long pages cite often); the two match lists are merged by
    // position, and a bare mention inside a bracket group is left to the group.
    List<MatchResult> groups =
        scan(GROUP, text, (t, i) -> t.charAt(i) == '[' || t.charAt(i) == '<');
    List<MatchResult> bares = scan(BARE, text, Citations::startsArticle);
    Set<String> ids = new LinkedHashSet<>();
    int gi = 0;
    int bi = 0;
    int covered = 0;
    while (gi < groups.size() || bi < bares.size()) {
      boolean takeGroup =
          bi >= bares.size()
              || (gi < groups.size() && groups.get(gi).start() <= bares.get(bi).start());
      MatchResult m = takeGroup ? groups.get(gi++) : bares.get(bi++);
      if (m.start() < covered) {
        continue;
      }
      covered = m.end();
      if (takeGroup) {
        String content = m.group(1) != null ? m.group(1) : m.group(2);
        for (String element : ELEMENT_SPLIT.split(content)) {
          Matcher e = ELEMENT.matcher(element.strip());
          if (e.matches()) {
            ids.add(e.group(1));
          }
        }
      } else {
        Matcher d = DIGITS.matcher(m.group());
        while (d.find()) {
          ids.add(d.group());
        }
      }
    }
    return List.copyOf(new ArrayList<>(ids));
  }

  /**
   * The matches {@code pattern.matcher(text).results()} gives, found faster: the pattern is tried
   * only where its start can be ({@code canStart}), not at every position. A case-insensitive
   * pattern with a look-behind tried at every character was most of the time spent parsing a
   * postmortem page. Matches are the same: leftmost first, never overlapping, the look-behind still
   * sees the text before the position (transparent bounds).
   */
  private static List<MatchResult> scan(Pattern pattern, CharSequence text, StartTest canStart) {
    Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    List<MatchResult> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (canStart.test(text, i)) {
        m.region(i, n);
        if (m.lookingAt() && m.end() > i) {
          out.add(m.toMatchResult());
          i = m.end();
          continue;
        }
      }
      i++;
    }
    return out;
  }

  /**
   * Whether the word {@code article} starts at {@code i}, compared case-insensitively as Java's
   * UNICODE_CASE compares ({@code ARTİCLE} matches): where {@link #BARE} can match. Trying the
   * pattern at every {@code a} cost most of citation scanning.
   */
  private static boolean startsArticle(CharSequence text, int i) {
    if (text.length() - i < ARTICLE.length()) {
      return false;
    }
    for (int k = 0; k < ARTICLE.length(); k++) {
      char c = text.charAt(i + k);
      char want = ARTICLE.charAt(k);
      if (c != want && Character.toLowerCase(Character.toUpperCase(c)) != want) {
        return false;
      }
    }
    return true;
  }

  private static final String ARTICLE = "article";

  private interface StartTest {
    boolean test(CharSequence text, int i);
  }
}
