package io.incidentsearch.engine;

import io.incidentsearch.schema.Schema;
import io.incidentsearch.search.QuerySyntaxException;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Turns a user's query string into a Lucene query. The syntax is Lucene's classic query syntax
 * (phrases {@code "contacts upload"}, {@code AND}/{@code OR}/{@code NOT}/{@code +}/{@code -},
 * prefix {@code outag*}, fuzzy {@code twiter~}, proximity {@code "phone numbers"~3}, boosts {@code
 * ^2}, groups) over this index:
 *
 * <ul>
 *   <li>Bare words are scored as the {@link Ranking} says: each word by BM25 over the record's own
 *       text as one field ({@link Schema#TEXT}: title, summary, sections, rationales and article
 *       body) plus, weakly, over the text of linked records; a bare phrase, prefix, wildcard or
 *       fuzzy word searches the same fields with their weights. Records whose title equals or holds
 *       the whole query rank first ({@link Ranking#knownItem()}).
 *   <li>The default operator is <b>OR</b>: every word may match and BM25 ranks records matching
 *       more (and rarer) words first. AND would be more precise for two-word queries, but it finds
 *       nothing for a long natural-language query such as a news headline, where some words never
 *       occur in the postmortem; write {@code +word} or {@code AND} to require one.
 *   <li>Field names (case-insensitive) are the aliases of {@link Schema#queryAliases()} (e.g.
 *       {@code cause:} searches software and non-software causes), every taxonomy category ({@code
 *       phase:design}; values are matched as whole normalised options, so {@code nature:"human
 *       actions"} and {@code PHASE:Design} work), {@code type:}, {@code id:}, {@code key:}, {@code
 *       publication:} and {@code published:}.
 *   <li>{@code published:} takes a day ({@code 2020-02-03}), a month ({@code 2020-02}) or a year
 *       ({@code 2020}), and ranges of these: {@code [2019-01-01 TO 2020-12-31]} inclusive, {@code
 *       {2019 TO 2021}} exclusive (a whole excluded period: that one is 2020), {@code *} for an
 *       open end.
 *   <li>Headline punctuation is read as text, so a pasted title works: a word that is not a field
 *       name followed by a colon and a space ({@code Toyota Hybrid Recall: Software Failure}), and
 *       a lone {@code -}, {@code +} or {@code !} between spaces.
 * </ul>
 *
 * <p><b>Text.</b> A query that is not valid syntax is searched as its words ({@link
 * #asWords(String)}: quotes kept where they pair, other syntax characters read as spaces, {@code
 * AND OR NOT} as words), and a {@code word:} whose word is no field name is a word, so pasted text
 * never fails; {@link SearchResult#interpretedAs()} gives the query string searched. Only when
 * strict ({@link #parse(String, boolean)}, {@link SearchRequest#strictSyntax()}) are these {@link
 * QuerySyntaxException}s saying where and what to do. Leading wildcards stay disallowed (they scan
 * the whole term dictionary): strict, an error; else the word is searched. Instances are cheap and
 * not thread-safe; {@link #parse(String)} creates its Lucene parser per call, so one instance may
 * be shared.
 *
 * <p><b>Limits.</b> So that no query can take the searcher down, a query is refused (with a {@link
 * QuerySyntaxException} that says which limit and what to do, {@link
 * QuerySyntaxException#isLimit()}, strict or not) when it is longer than {@value #MAX_QUERY_LENGTH}
 * characters, nests parentheses deeper than {@value #MAX_NESTING}, has a regular expression longer
 * than {@value #MAX_REGEX_LENGTH} characters or one too complex to turn into an automaton
 * (repetitions nested deeper than {@value #MAX_REGEX_REPETITION_NESTING} or more than {@value
 * #MAX_REGEX_STATES} states, both read from the parsed expression before Lucene builds the
 * automaton, whose construction has no work limit; then Lucene's determinize work limit), or
 * expands to more clauses than {@link IndexSearcher#getMaxClauseCount()}. Fuzzy terms get at most
 * the edits their length supports, as Elasticsearch's {@code AUTO} fuzziness does: none for one or
 * two characters (only the word itself matches), one for three to five, two from six on; a two-edit
 * fuzzy term of two letters would match almost every short word of the index.
 */
public final class IncidentQueryParser {
  /** The longest query accepted, in characters: a pasted headline or paragraph is far shorter. */
  public static final int MAX_QUERY_LENGTH = 4096;

  /** The deepest nesting of parentheses accepted (the parsers recurse per level). */
  public static final int MAX_NESTING = 32;

  /** The longest regular expression ({@code /.../}) accepted, in characters. */
  public static final int MAX_REGEX_LENGTH = 256;

  /**
   * The most states a regular expression's automaton may have (estimated from the expression before
   * it is built, {@link #regexStates}): {@code a{1,1000}} has 1001.
   */
  public static final int MAX_REGEX_STATES = 2000;

  /**
   * The most wildcards ({@code *} and {@code ?}, a run of {@code *} counting once) in one term:
   * each {@code ?} or {@code *} of a term becomes states of its automaton for every field searched.
   * More is a syntax error: refused under strict syntax, else the query is searched as its words
   * (pasted text such as {@code Why?????}).
   */
  public static final int MAX_WILDCARDS = 16;

  /**
   * The longest term with wildcards, in characters: a long literal between wildcards makes a large
   * automaton to determinize, once for every field searched.
   */
  public static final int MAX_WILDCARD_TERM_LENGTH = 32;

  /**
   * The longest run of characters after a {@code *} (up to the next {@code *}) that holds a {@code
   * ?}: after a {@code *} the automaton must track every place the rest could start, so a run
   * mixing {@code ?} and letters costs states exponential in its length ({@code *a?????b???????k?}
   * took 380 MB to compile).
   */
  public static final int MAX_WILDCARD_RUN_AFTER_STAR = 8;

  /**
   * The most one query may spend compiling prefix, wildcard and fuzzy terms and term ranges
   * (regular expressions have their own bounds, per expression): each term costs its length plus
   * {@value QueryLimits#MULTI_TERM_BASE_COST} for every field it searches (a bare word searches
   * 13), since each is compiled once per field. More is a syntax error: refused under strict
   * syntax, else the query is searched as its words.
   */
  public static final int MAX_MULTI_TERM_COST = 4096;

  /**
   * The deepest nesting of repetitions in a regular expression: {@code (a+)+} nests two. Each level
   * multiplies the automaton's transitions, so the cost is exponential in the nesting.
   */
  public static final int MAX_REGEX_REPETITION_NESTING = 3;

  private final QueryFields fields;
  private final Ranking ranking;
  private final ProximityBonus proximity;

  /** A parser for the shared {@link Schema} with the {@link Ranking#DEFAULT} ranking. */
  public IncidentQueryParser() {
    this(Ranking.DEFAULT);
  }

  /** A parser whose bare words are scored by {@code ranking}. */
  public IncidentQueryParser(Ranking ranking) {
    this.ranking = ranking;
    this.fields = new QueryFields();
    this.proximity = new ProximityBonus(ranking);
  }

  /** The field names a query may use, sorted. */
  public List<String> fieldNames() {
    return fields.names();
  }

  /**
   * Parses {@code query}, reading text that is not valid syntax as words ({@link #parse(String,
   * boolean)} not strict); a null or blank query matches every document.
   *
   * @throws QuerySyntaxException when the query is over a limit ({@link
   *     QuerySyntaxException#isLimit()})
   */
  public Query parse(String query) {
    return parse(query, false);
  }

  /**
   * Parses {@code query}; a null or blank query matches every document.
   *
   * <p>When not {@code strict}, a query that is not valid syntax is searched as its words, as
   * {@link #asWords(String)} reads it, and a {@code word:} whose word is no field name is a word:
   * pasted text (a headline, a title) never fails. Strict, both are errors.
   *
   * @throws QuerySyntaxException when the query is over a limit ({@link
   *     QuerySyntaxException#isLimit()}), or, {@code strict}, malformed or naming an unknown field
   */
  public Query parse(String query, boolean strict) {
    return parseRanked(query, strict).scoring();
  }

  /**
   * A parsed query in two forms that match the same records: {@code scoring} ranks them (the
   * proximity bonus included, {@link #parse(String)}); {@code matching} has no bonus, so counting
   * matches with it reads no positions for the bonus's phrases. {@code interpretedAs} is the query
   * string actually searched when it is not the one given (read as words), else null. {@code
   * bareWords} are the analysed words of a query that names no field (what relevance feedback
   * weighs against), else empty.
   */
  record Parsed(Query matching, Query scoring, String interpretedAs, List<String> bareWords) {
    Parsed(Query matching, Query scoring) {
      this(matching, scoring, null, List.of());
    }

    Parsed as(String interpreted) {
      return new Parsed(matching, scoring, interpreted, bareWords);
    }
  }

  /** Parses {@code query} into its {@link Parsed} forms, not strict. */
  Parsed parseRanked(String query) {
    return parseRanked(query, false);
  }

  /**
   * Parses {@code query} into its {@link Parsed} forms.
   *
   * @throws QuerySyntaxException as {@link #parse(String, boolean)}
   */
  Parsed parseRanked(String query, boolean strict) {
    if (strict || query == null || query.isBlank()) {
      return parseAsWritten(query, true);
    }
    QueryLimits.checkSize(query);
    String written = PastedText.unknownFieldsAsWords(query, fields);
    try {
      Parsed p = parseAsWritten(written, false);
      return written.equals(query) ? p : p.as(written);
    } catch (QuerySyntaxException e) {
      if (e.isLimit()) {
        throw e;
      }
      String words = asWords(query);
      if (words.isEmpty()) {
        Query none = new MatchNoDocsQuery("no words");
        return new Parsed(none, none, words, List.of());
      }
      try {
        return parseAsWritten(words, false).as(words);
      } catch (QuerySyntaxException f) {
        throw f.isLimit() ? f : e;
      }
    }
  }

  /**
   * A query string as plain words: quotes are kept where they pair (the phrases, their backslashes
   * read as spaces), an unpaired quote, brackets, parentheses, colons, slashes, carets, tildes,
   * wildcards, {@code & |} and {@code + - !} are read as spaces ({@code + -} stay inside a word:
   * {@code Wi-Fi}), and the operators {@code AND OR NOT} are words (in lower case). It always
   * parses; empty when nothing is left.
   */
  public static String asWords(String query) {
    return PastedText.asWords(query);
  }

  /**
   * {@code query} with its quotes taken away, and the field names right before them: {@code
   * title:"banking app" -sony} gives {@code banking app -sony}. What a phrase search that matched
   * nothing is searched as; null when the query has no quotes.
   */
  public static String withoutPhrases(String query) {
    return PastedText.withoutPhrases(query);
  }

  /**
   * Parses {@code query} as written (headline punctuation read as text, {@link
   * PastedText#relaxed}), then adds the proximity and known-item tiers of the ranking.
   */
  private Parsed parseAsWritten(String query, boolean check) {
    if (query == null || query.isBlank()) {
      return new Parsed(MatchAllDocsQuery.INSTANCE, MatchAllDocsQuery.INSTANCE);
    }
    if (check) {
      QueryLimits.checkSize(query);
    }
    ClassicSyntaxParser parser = new ClassicSyntaxParser(fields, ranking, query);
    try {
      String relaxed = PastedText.relaxed(query, fields);
      Query q = parser.parse(relaxed);
      if (q == null) {
        // A query of stop words only ("the") parses to nothing: it matches nothing.
        Query none = new MatchNoDocsQuery("only stop words");
        return new Parsed(none, none);
      }
      List<String> bareWords = BareWords.ofQuery(relaxed);
      Query scoring = KnownItems.apply(proximity.apply(q, bareWords), query, relaxed, ranking);
      return new Parsed(q, scoring, null, bareWords);
    } catch (ParseException e) {
      throw QueryErrors.syntaxError(query, e);
    } catch (IndexSearcher.TooManyClauses e) {
      throw QueryLimits.tooManyClauses(query);
    } catch (TooComplexToDeterminizeException e) {
      throw QueryLimits.tooComplex(query, e);
    } catch (QuerySyntaxException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // Lucene's regular expression parser reports bad syntax this way.
      throw QueryErrors.badRegex(query, e);
    } catch (StackOverflowError e) {
      // A last resort: checkSize() keeps nesting shallow, but a parser may recurse otherwise.
      throw QueryLimits.tooDeep(query);
    }
  }

  /**
   * {@code parsed} where each word no record uses ({@link Spelling.Correction#unknown()}) also
   * matches its indexed neighbours, each scored as a bare word weighted by its similarity to the
   * typed word: {@code Transmisison failure} finds and ranks what {@code transmission failure}
   * does, a little lower. Only for queries of bare words that any word may match (no field named,
   * no quotes, nothing required); others are returned as they are.
   *
   * @param searched the query string {@code parsed} was parsed from
   */
  Parsed withNeighbours(Parsed parsed, String searched, List<Spelling.Correction> corrections) {
    return TypoNeighbours.apply(parsed, searched, corrections, ranking);
  }

  /**
   * One analysed term as {@code ranking} scores a bare word: BM25 over its own-text field (BM25F
   * when there are several) plus, weighted, BM25 over each linked-text field.
   */
  static Query bareWord(String term, Ranking ranking) {
    return BareWords.bareWord(term, ranking);
  }

  /** The start of a long query, for messages (a query may be a megabyte long). */
  static String abbreviate(String query) {
    return QueryErrors.abbreviate(query);
  }

  /**
   * An upper estimate of the states of the automaton Lucene builds for {@code r} (before
   * determinizing), saturating above {@link #MAX_REGEX_STATES}: a union or concatenation adds its
   * parts, an intersection multiplies them, {@code x{n,}} and {@code +} make n + 1 copies, {@code
   * x{n,m}} m copies.
   */
  static long regexStates(RegExp r) {
    return QueryLimits.regexStates(r);
  }

  /** How deep repetitions ({@code * + {n,} {n,m}}) stand inside each other in {@code r}. */
  static int repetitionNesting(RegExp r) {
    return QueryLimits.repetitionNesting(r);
  }

  /** Package-private: the queries of a list, for tests of alias expansion. */
  static List<String> fieldsOf(Query q) {
    List<String> fields = new ArrayList<>();
    q.visit(
        new QueryVisitor() {
          @Override
          public boolean acceptField(String field) {
            if (!fields.contains(field)) {
              fields.add(field);
            }
            return true;
          }
        });
    return fields;
  }
}
