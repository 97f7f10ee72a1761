package io.incidentsearch.engine;

import io.incidentsearch.schema.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;

/**
 * "Did you mean", and the close neighbours of misspelt words. Each plain word of a query that no
 * record uses is corrected to the most frequent indexed word within two edits (a swapped pair of
 * letters is one edit) from the index's own words ({@link Schema#SPELL}, unstemmed), read by
 * Lucene's {@link DirectSpellChecker} straight from the term dictionary: no side index to build or
 * keep in step. A word some record uses is corrected only when it is rare ({@value #RARE} records
 * or fewer) and a neighbour one edit away is used at least {@value #MORE_COMMON} times as often
 * ({@code softwrae} in one page's typo beside {@code software} in hundreds).
 *
 * <p>Every such word is corrected, whatever the other words of the query match, so a misspelling
 * inside a long query is caught. The neighbours of a word no record uses also match, each weighted
 * by its similarity to the typed word ({@link Correction#neighbours()}, {@link
 * IncidentQueryParser#withNeighbours}), so the record the user meant still ranks first.
 *
 * <p>Only plain words are corrected: field names ({@code title:}), words right after a colon (field
 * values, e.g. taxonomy options), operators ({@code AND}), words with {@code * ? ~}, and words
 * shorter than {@value #MIN_WORD} letters are kept as written, so the suggestion stays a valid
 * query of the same shape. Stateless and thread-safe.
 */
final class Spelling {
  private static final int MIN_WORD = 4;

  /** A word used by this many records or fewer may be a typo of a far more common neighbour. */
  static final int RARE = 2;

  /** How many times as many records a neighbour of a rare word must have to replace it. */
  static final int MORE_COMMON = 20;

  /**
   * The most words of one query looked up in the spelling dictionary's neighbourhood: each lookup
   * walks part of the term dictionary, and a pasted page of unknown words must stay cheap.
   */
  static final int MAX_LOOKUPS = 24;

  /** How many neighbours of a word no record uses also match. */
  static final int NEIGHBOURS = 2;

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’_]*");
  private static final Set<String> OPERATORS = Set.of("AND", "OR", "NOT", "TO");

  private final DirectSpellChecker checker = new DirectSpellChecker();
  private final DirectSpellChecker rareChecker = new DirectSpellChecker();

  Spelling() {
    checker.setMaxEdits(2);
    checker.setMinQueryLength(MIN_WORD);
    checker.setAccuracy(0.5f);
    rareChecker.setMaxEdits(1);
    rareChecker.setMinQueryLength(MIN_WORD);
    rareChecker.setAccuracy(0.5f);
  }

  /**
   * A word of the query to correct.
   *
   * @param start where it starts in the query string
   * @param end where it ends
   * @param unknown whether no record uses it (then its neighbours also match); else it is rare
   * @param neighbours indexed words near it, best first (the first is the correction), each with
   *     its similarity to the typed word in (0, 1]
   */
  record Correction(int start, int end, boolean unknown, List<SuggestWord> neighbours) {}

  /**
   * The words of {@code query} to correct, in query order; empty for a blank query. Only the first
   * {@value #MAX_LOOKUPS} unknown or rare words are looked up.
   */
  List<Correction> corrections(IndexReader reader, String query) throws IOException {
    if (query == null || query.isBlank()) {
      return List.of();
    }
    List<Correction> out = new ArrayList<>();
    Matcher m = WORD.matcher(query);
    int lookups = 0;
    while (m.find() && lookups < MAX_LOOKUPS) {
      if (!correctable(query, m.start(), m.end(), m.group())) {
        continue;
      }
      Term term =
          new Term(Schema.SPELL, Schema.get().analyzer().normalize(Schema.SPELL, m.group()));
      int df = reader.docFreq(term);
      if (df == 0) {
        lookups++;
        SuggestWord[] near =
            checker.suggestSimilar(term, NEIGHBOURS, reader, SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
        if (near.length > 0) {
          out.add(new Correction(m.start(), m.end(), true, List.of(near)));
        }
      } else if (df <= RARE) {
        lookups++;
        SuggestWord[] near =
            rareChecker.suggestSimilar(term, 1, reader, SuggestMode.SUGGEST_MORE_POPULAR);
        if (near.length > 0 && near[0].freq >= (long) MORE_COMMON * df) {
          out.add(new Correction(m.start(), m.end(), false, List.of(near[0])));
        }
      }
    }
    return out;
  }

  /** {@code query} with every correction's first neighbour in place; empty when none. */
  static Optional<String> suggestion(String query, List<Correction> corrections) {
    if (corrections.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder();
    int last = 0;
    for (Correction c : corrections) {
      out.append(query, last, c.start())
          .append(matchCase(query.substring(c.start(), c.end()), c.neighbours().get(0).string));
      last = c.end();
    }
    return Optional.of(out.append(query.substring(last)).toString());
  }

  private static boolean correctable(String q, int start, int end, String word) {
    if (word.length() < MIN_WORD || OPERATORS.contains(word)) {
      return false;
    }
    char before = start > 0 ? q.charAt(start - 1) : ' ';
    char after = end < q.length() ? q.charAt(end) : ' ';
    return before != ':' && before != '\\' && after != ':' && "*?~".indexOf(after) < 0;
  }

  /** Keeps the user's capitalisation of the first letter ({@code Twiter} gives {@code Twitter}). */
  private static String matchCase(String typed, String fix) {
    if (!typed.isEmpty() && Character.isUpperCase(typed.charAt(0)) && !fix.isEmpty()) {
      return fix.substring(0, 1).toUpperCase(Locale.ROOT) + fix.substring(1);
    }
    return fix;
  }
}
