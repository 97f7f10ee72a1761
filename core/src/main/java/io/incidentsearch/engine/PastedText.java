package io.incidentsearch.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites of a query string that let pasted text (a headline, a title, a paragraph) be searched:
 * headline punctuation read as text before parsing ({@link #relaxed}, {@link
 * #unknownFieldsAsWords}), and the fallback for text that is not valid syntax, the query as plain
 * words ({@link #asWords}). String work only: what the rewritten string means is the parser's.
 */
final class PastedText {
  private PastedText() {}

  private static final Pattern HEADLINE_COLON =
      Pattern.compile("(?<![\\\\\\w])([\\p{L}\\p{N}_]+):(?=\\s|$)");
  private static final Pattern LONE_OPERATOR = Pattern.compile("(?<=^|\\s)[-+!](?=\\s|$)");

  /** Characters of the classic syntax that {@link #asWords(String)} reads as spaces. */
  private static final String SYNTAX_CHARS = "\\+-!():^[]{}~*?/&|";

  private static final Pattern OPERATOR_WORD = Pattern.compile("AND|OR|NOT");

  private static final Pattern FIELD_BEFORE_QUOTE =
      Pattern.compile("(?<![\\w\\\\])\\w+:\\s*(?=\")");

  /**
   * A word and a colon where a term starts, before a term: a field name, or a word in pasted text
   * (a word and a colon before a space is headline punctuation, {@link #relaxed}).
   */
  private static final Pattern FIELD_START =
      Pattern.compile("(?<=^|[\\s(+\\-!])([\\p{L}\\p{N}_]+):(?=\\S)");

  /** As {@link IncidentQueryParser#asWords(String)}. */
  static String asWords(String query) {
    List<Integer> quotes = new ArrayList<>();
    for (int i = 0; i < query.length(); i++) {
      if (query.charAt(i) == '"') {
        quotes.add(i);
      }
    }
    int paired = quotes.size() - quotes.size() % 2;
    List<String> pieces = new ArrayList<>();
    StringBuilder plain = new StringBuilder();
    int q = 0;
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c == '"') {
        if (q < paired) {
          int close = quotes.get(q + 1);
          String phrase =
              String.join(" ", query.substring(i + 1, close).replace('\\', ' ').split("\\s+"))
                  .strip();
          words(plain, pieces);
          if (!phrase.isEmpty()) {
            pieces.add('"' + phrase + '"');
          }
          i = close;
          q += 2;
        } else {
          plain.append(' ');
        }
      } else if (SYNTAX_CHARS.indexOf(c) >= 0) {
        plain.append(inWord(query, i) ? c : ' ');
      } else {
        plain.append(c);
      }
    }
    words(plain, pieces);
    return String.join(" ", pieces);
  }

  /** Whether the syntax character at {@code i} is a {@code -} or {@code +} inside a word. */
  private static boolean inWord(String query, int i) {
    char c = query.charAt(i);
    return (c == '-' || c == '+')
        && i > 0
        && i + 1 < query.length()
        && Character.isLetterOrDigit(query.charAt(i - 1))
        && Character.isLetterOrDigit(query.charAt(i + 1));
  }

  /** As {@link IncidentQueryParser#withoutPhrases(String)}. */
  static String withoutPhrases(String query) {
    if (query == null || query.indexOf('"') < 0) {
      return null;
    }
    String loose = FIELD_BEFORE_QUOTE.matcher(query).replaceAll("").replace('"', ' ');
    return String.join(" ", loose.strip().split("\\s+"));
  }

  /** Moves the words of {@code plain} to {@code pieces}, operators in lower case. */
  private static void words(StringBuilder plain, List<String> pieces) {
    for (String w : plain.toString().split("[\\s\u3000]+")) {
      if (!w.isEmpty()) {
        pieces.add(OPERATOR_WORD.matcher(w).matches() ? QueryFields.lower(w) : w);
      }
    }
    plain.setLength(0);
  }

  /**
   * {@code query} with the colon of each {@code word:} whose word is no field name read as a space
   * ({@code Series:XXV} searches both words), outside quotes.
   */
  static String unknownFieldsAsWords(String query, QueryFields fields) {
    if (query.indexOf(':') < 0) {
      return query;
    }
    StringBuilder out = new StringBuilder(query.length());
    int from = 0;
    for (int i = 0; i <= query.length(); i++) {
      boolean quote =
          i < query.length() && query.charAt(i) == '"' && (i == 0 || query.charAt(i - 1) != '\\');
      if (quote || i == query.length()) {
        Matcher m = FIELD_START.matcher(query.substring(from, i));
        while (m.find()) {
          String word = m.group(1);
          m.appendReplacement(
              out, Matcher.quoteReplacement(fields.isField(word) ? word + ":" : word + " "));
        }
        m.appendTail(out);
        if (quote) {
          int end = closingQuote(query, i) + 1;
          out.append(query, i, end);
          i = end - 1;
          from = end;
        }
      }
    }
    return out.toString();
  }

  /**
   * The index of the unescaped quote closing the one at {@code open}; the last index when it is not
   * closed.
   */
  private static int closingQuote(String query, int open) {
    int close = query.indexOf('"', open + 1);
    while (close > 0 && query.charAt(close - 1) == '\\') {
      close = query.indexOf('"', close + 1);
    }
    return close < 0 ? query.length() - 1 : close;
  }

  /**
   * Reads headline punctuation as text rather than syntax, so a pasted title works: a word that is
   * not a field name followed by a colon and a space ({@code Recall: Software}), and a lone {@code
   * -}, {@code +} or {@code !} between spaces ({@code Profile - InstaAgent}).
   */
  static String relaxed(String query, QueryFields fields) {
    Matcher m = HEADLINE_COLON.matcher(query);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String word = m.group(1);
      String replacement = fields.isField(word) ? word + ":" : word + "\\:";
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return LONE_OPERATOR.matcher(out).replaceAll(" ");
  }
}
