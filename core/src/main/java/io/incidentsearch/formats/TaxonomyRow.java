package io.incidentsearch.formats;

import io.incidentsearch.model.Category;
import io.incidentsearch.model.Classification;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits the body of a postmortem page's taxonomy row (the text after the category label) into
 * option terms and rationale. The rule is documented on {@link PostmortemPageReader}.
 */
final class TaxonomyRow {
  private static final String SP = "[\\s\\p{Z}]";

  /** Older multi-word terms, longest first, each as a pattern allowing any run of spaces. */
  private static final List<Pattern> MULTI_WORD =
      Category.LEGACY_MULTI_WORD_TERMS.stream()
          .sorted(Comparator.comparingInt(String::length).reversed())
          .map(t -> Pattern.compile(Pattern.quote(t).replace(" ", "\\E" + SP + "+\\Q")))
          .toList();

  /** The vocabulary that makes a term an option even when the rest reads like prose. */
  private static final Set<String> VOCABULARY = vocabulary();

  private static final Pattern TOKEN = Pattern.compile("[a-z0-9_/-]+");

  /** A label some generated rows put before their options: {@code Option: unknown ; ...}. */
  private static final Pattern OPTION_LABEL =
      Pattern.compile("options?" + SP + "*:" + SP + "*", Pattern.CASE_INSENSITIVE);

  private TaxonomyRow() {}

  private static Set<String> vocabulary() {
    Set<String> v = new HashSet<>(Category.allKnownOptions());
    for (String t : Category.LEGACY_MULTI_WORD_TERMS) {
      v.add(Category.normalizeOption(t));
    }
    // Older vocabulary with no current equivalent ("Phase neither neither [124780]"), and the
    // booleans older exports store for the IoT layers ("Application true true [26032]").
    v.addAll(Category.LEGACY_TERMS);
    return Set.copyOf(v);
  }

  /** A candidate option term: its raw text's end and its normalised form. */
  private record Term(int end, String normalized, boolean known) {}

  /** Parses the row body into options and rationale. */
  static Classification parse(String body) {
    List<String> options = new ArrayList<>();
    int p = 0;
    Matcher label = OPTION_LABEL.matcher(body);
    boolean labelled = label.lookingAt();
    if (labelled) {
      p = label.end();
    }
    Term t = termAt(body, p);
    if (t != null && acceptable(body, t)) {
      while (true) {
        options.add(t.normalized());
        p = t.end();
        int q = skipSpace(body, p);
        if (q < body.length() && body.charAt(q) == ',') {
          int r = skipSpace(body, q + 1);
          Term next = termAt(body, r);
          if (next != null && acceptable(body, next)) {
            t = next;
            continue;
          }
        }
        break;
      }
    }
    if (labelled && !options.isEmpty()) {
      // "Option: unknown ; <rationale>": the semicolon ends the labelled options.
      int q = skipSpace(body, p);
      if (q < body.length() && body.charAt(q) == ';') {
        p = q + 1;
      }
    } else if (labelled) {
      p = 0;
    }
    return new Classification(options, trim(body.substring(p)));
  }

  /**
   * The classification a rationale cell gives on its own when it starts with labelled options
   * ({@code Option: unknown ; <rationale>}), or null when it does not.
   */
  static Classification labelled(String rationale) {
    if (!OPTION_LABEL.matcher(rationale).lookingAt()) {
      return null;
    }
    Classification c = parse(rationale);
    return c.options().isEmpty() ? null : c;
  }

  /** The option term starting at {@code p}, if the text there has the shape of one. */
  private static Term termAt(String body, int p) {
    if (p >= body.length()) {
      return null;
    }
    for (Pattern multi : MULTI_WORD) {
      Matcher m = multi.matcher(body).region(p, body.length());
      if (m.lookingAt() && boundary(body, m.end())) {
        String norm = Category.normalizeOption(m.group());
        return new Term(m.end(), norm, true);
      }
    }
    Matcher m = TOKEN.matcher(body).region(p, body.length());
    if (!m.lookingAt() || !boundary(body, m.end()) || !m.group().matches(".*[a-z].*")) {
      return null;
    }
    String norm = Category.normalizeOption(m.group());
    return new Term(m.end(), norm, VOCABULARY.contains(norm));
  }

  /**
   * A known term is always an option. An unknown one is an option only when what follows is the end
   * of the row, the start of a rationale, or a comma and another acceptable term.
   */
  private static boolean acceptable(String body, Term t) {
    if (t.known()) {
      return true;
    }
    int q = skipSpace(body, t.end());
    if (q >= body.length()) {
      return true;
    }
    char c = body.charAt(q);
    if (c == ',') {
      int r = skipSpace(body, q + 1);
      Term next = termAt(body, r);
      return next != null && acceptable(body, next);
    }
    return q > t.end() && startsRationale(c);
  }

  private static boolean startsRationale(char c) {
    return Character.isUpperCase(c)
        || Character.isDigit(c)
        || c == '('
        || c == '['
        || c == '<'
        || c == '"'
        || c == '\u201c';
  }

  private static boolean boundary(String s, int i) {
    return i >= s.length() || s.charAt(i) == ',' || NumberedItems.isSpace(s.charAt(i));
  }

  private static int skipSpace(String s, int from) {
    int i = from;
    while (i < s.length() && NumberedItems.isSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  static String trim(String s) {
    int b = skipSpace(s, 0);
    int e = s.length();
    while (e > b && NumberedItems.isSpace(s.charAt(e - 1))) {
      e--;
    }
    return s.substring(b, e);
  }
}
