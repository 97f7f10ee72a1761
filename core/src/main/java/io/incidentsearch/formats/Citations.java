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
 * <p>An id is a run of digits of any length: FAIL's article ids start at 1, so {@code [51, 37789]}
 * cites articles 51 and 37789. Whether a number is an id depends on where it stands:
 *
 * <ul>
 *   <li>Inside a square-bracket group the content is split on {@code ,}, {@code ;}, {@code &} and
 *       the word {@code and}; an element is an id when it is <em>exactly</em> an id with an
 *       optional {@code Article}/{@code Articles}, {@code #} or {@code a} prefix. Other elements
 *       are ignored, so a group mixing a headline and ids, as in {@code [Cyberpunk 2077: How to get
 *       a refund, #110171, #108649]} (real FAIL data), gives only the ids and never the {@code
 *       2077}. A bracket holding only a number is a citation whatever its length or look ({@code
 *       [2]}, {@code [2019]}): brackets are FAIL's citation syntax, and in FAIL's exports every
 *       bracket holding only a number is one (a wrong link to an article that does not exist is
 *       visible when links are resolved; a dropped one is not).
 *   <li>An angle-bracket group counts only when every element is an id ({@code <Article 96761>},
 *       {@code <5, 6>}): in prose {@code <} and {@code >} are comparisons ({@code x < 5 and y >
 *       3}).
 *   <li>Outside brackets only numbers right after the word {@code Article(s)} count, so numbers in
 *       prose ({@code in 2019}, {@code 17 million}, {@code version 13.2}) are never ids. A number
 *       of one to three digits right after {@code Article} is not an id when it reads as a legal
 *       article: followed by {@code (} ({@code Article 83(4)}) or by {@code of} ({@code Article 5
 *       of the GDPR}). A number with a decimal part ({@code Article 5.3}) is never an id. Further
 *       ids joined by {@code ,}, {@code and} or {@code &} continue the mention when they carry
 *       {@code Article} or {@code #}, or when the mention is plural ({@code Articles 1, 2 and 3});
 *       after a singular {@code Article}, a bare number continues it only with three or more
 *       digits, so {@code Article 26032, 17 banks} cites only 26032.
 * </ul>
 */
final class Citations {
  /** A bracket or angle-bracket group (one line, bounded so a stray bracket cannot swallow). */
  static final Pattern GROUP =
      Pattern.compile("\\[([^\\[\\]\\n]{0,500})\\]|<([^<>\\[\\]\\n]{0,500})>");

  /** An id after the word Article: not a legal article's number, not a decimal number. */
  private static final String MENTIONED_ID =
      "(?:\\d{4,}|\\d{1,3}(?!\\d|\\(|\\s+of\\b))(?!\\d|\\.\\d)";

  /** A list separator inside a bare mention. */
  private static final String JOIN = "\\s*(?:,|&|\\band\\b)\\s*";

  /** An id that carries its own prefix. */
  private static final String PREFIXED_ID = "(?:articles?\\s*#?|#)\\s*" + MENTIONED_ID;

  /**
   * A bare mention: Articles (plural) then ids of any length, or Article (singular) then an id and
   * further ids that carry a prefix or have three or more digits.
   */
  static final Pattern BARE =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}])(?:articles\\s*#?\\s*"
              + MENTIONED_ID
              + "(?:"
              + JOIN
              + "(?:"
              + PREFIXED_ID
              + "|"
              + MENTIONED_ID
              + "))*"
              + "|article\\s*#?\\s*"
              + MENTIONED_ID
              + "(?:"
              + JOIN
              + "(?:"
              + PREFIXED_ID
              + "|\\d{3,}(?!\\d|\\.\\d))"
              + ")*)",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private static final Pattern ELEMENT_SPLIT =
      Pattern.compile("[,;&]|\\band\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern ELEMENT =
      Pattern.compile("(?:articles?\\s*#?\\s*|#\\s*|a\\s*)?(\\d+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern DIGITS = Pattern.compile("\\d+");

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
    // Each pattern is scanned once (long pages cite often).
    return collect(
        scan(GROUP, text, (t, i) -> t.charAt(i) == '[' || t.charAt(i) == '<'),
        scan(BARE, text, Citations::startsArticle));
  }

  /**
   * The ids of the matches of {@link #GROUP} and {@link #BARE}, each list in text order: merged by
   * position, a bare mention inside a bracket group left to the group.
   */
  static List<String> collect(List<MatchResult> groups, List<MatchResult> bares) {
    Set<String> ids = new LinkedHashSet<>();
    int gi = 0;
    int bi = 0;
    int covered = 0;
    List<String> elementIds = new ArrayList<>();
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
        boolean angle = m.group(1) == null;
        String content = angle ? m.group(2) : m.group(1);
        elementIds.clear();
        boolean allIds = true;
        for (String element : ELEMENT_SPLIT.split(content)) {
          Matcher e = ELEMENT.matcher(element.strip());
          if (e.matches()) {
            elementIds.add(e.group(1));
          } else if (!element.isBlank()) {
            allIds = false;
          }
        }
        if (!angle || allIds) {
          ids.addAll(elementIds);
        }
      } else {
        Matcher d = DIGITS.matcher(m.group());
        while (d.find()) {
          ids.add(d.group());
        }
      }
    }
    return List.copyOf(ids);
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
