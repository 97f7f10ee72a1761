package io.incidentsearch.search;

import io.incidentsearch.schema.Schema;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.util.BytesRef;

/**
 * "Did you mean": a corrected query built from the index's own words ({@link Schema#SPELL},
 * unstemmed) when a query finds nothing or little. Each word of the query that no record uses is
 * replaced by the most frequent indexed word within two edits (Lucene's {@link DirectSpellChecker},
 * which reads the term dictionary directly: no side index to build or keep in step). The correction
 * is offered only if it finds more records than the query did.
 *
 * <p>Only plain words are corrected: field names ({@code title:}), words right after a colon (field
 * values, e.g. taxonomy options), operators ({@code AND}), words with {@code * ? ~}, and words
 * shorter than {@value #MIN_WORD} letters are kept as written, so the suggestion stays a valid
 * query of the same shape. Stateless and thread-safe.
 */
final class Spelling {
  /** A query finding fewer records than this gets a suggestion. */
  static final int SUGGEST_BELOW = 3;

  private static final int MIN_WORD = 4;

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’_]*");
  private static final Set<String> OPERATORS = Set.of("AND", "OR", "NOT", "TO");

  private final DirectSpellChecker checker = new DirectSpellChecker();

  Spelling() {
    checker.setMaxEdits(2);
    checker.setMinQueryLength(MIN_WORD);
    checker.setAccuracy(0.5f);
  }

  /**
   * A corrected {@code query}, if any word can be corrected and the correction finds more records.
   *
   * @param hits how many records the query found
   * @param count how many records a query string finds (same filters); may throw {@link
   *     QuerySyntaxException}, which rejects the correction
   */
  Optional<String> suggest(
      IndexReader reader, String query, long hits, ToLongFunction<String> count)
      throws IOException {
    if (query == null || query.isBlank() || hits >= SUGGEST_BELOW) {
      return Optional.empty();
    }
    Matcher m = WORD.matcher(query);
    StringBuilder out = new StringBuilder();
    int last = 0;
    boolean changed = false;
    while (m.find()) {
      String word = m.group();
      String fix = correctable(query, m.start(), m.end(), word) ? correct(reader, word) : null;
      if (fix != null) {
        out.append(query, last, m.start()).append(fix);
        last = m.end();
        changed = true;
      }
    }
    if (!changed) {
      return Optional.empty();
    }
    String suggestion = out.append(query.substring(last)).toString();
    try {
      return count.applyAsLong(suggestion) > hits ? Optional.of(suggestion) : Optional.empty();
    } catch (QuerySyntaxException e) {
      return Optional.empty();
    }
  }

  private static boolean correctable(String q, int start, int end, String word) {
    if (word.length() < MIN_WORD || OPERATORS.contains(word)) {
      return false;
    }
    char before = start > 0 ? q.charAt(start - 1) : ' ';
    char after = end < q.length() ? q.charAt(end) : ' ';
    return before != ':' && before != '\\' && after != ':' && "*?~".indexOf(after) < 0;
  }

  /** The best indexed word for {@code word}, or null when it is indexed or nothing is near. */
  private String correct(IndexReader reader, String word) throws IOException {
    BytesRef normal = Schema.get().analyzer().normalize(Schema.SPELL, word);
    String term = normal.utf8ToString();
    if (reader.docFreq(new Term(Schema.SPELL, term)) > 0) {
      return null;
    }
    SuggestWord[] s =
        checker.suggestSimilar(
            new Term(Schema.SPELL, term), 1, reader, SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
    if (s.length == 0) {
      return null;
    }
    return matchCase(word, s[0].string);
  }

  /** Keeps the user's capitalisation of the first letter ({@code Twiter} gives {@code Twitter}). */
  private static String matchCase(String typed, String fix) {
    if (!typed.isEmpty() && Character.isUpperCase(typed.charAt(0)) && !fix.isEmpty()) {
      return fix.substring(0, 1).toUpperCase(Locale.ROOT) + fix.substring(1);
    }
    return fix;
  }
}
