package io.incidentsearch.engine;

import io.incidentsearch.model.Category;
import io.incidentsearch.schema.Schema;
import io.incidentsearch.search.QuerySyntaxException;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CombinedFieldQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.util.QueryBuilder;
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
  /** The query field that takes dates; the index field is {@link Schema#PUBLISHED}. */
  private static final String DATE_FIELD = Schema.PUBLISHED;

  private static final Pattern HEADLINE_COLON =
      Pattern.compile("(?<![\\\\\\w])([\\p{L}\\p{N}_]+):(?=\\s|$)");
  private static final Pattern LONE_OPERATOR = Pattern.compile("(?<=^|\\s)[-+!](?=\\s|$)");
  private static final Pattern LEXICAL_COLUMN = Pattern.compile("column (\\d+)");

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
   * {@value #MULTI_TERM_BASE_COST} for every field it searches (a bare word searches 13), since
   * each is compiled once per field. More is a syntax error: refused under strict syntax, else the
   * query is searched as its words.
   */
  public static final int MAX_MULTI_TERM_COST = 4096;

  private static final int MULTI_TERM_BASE_COST = 16;

  private static final Pattern STAR_RUN = Pattern.compile("(?<!\\\\)\\*{2,}");

  /**
   * The deepest nesting of repetitions in a regular expression: {@code (a+)+} nests two. Each level
   * multiplies the automaton's transitions, so the cost is exponential in the nesting.
   */
  public static final int MAX_REGEX_REPETITION_NESTING = 3;

  private final Map<String, List<String>> fieldsByName;
  private final Map<String, Category> categories;
  private final Ranking ranking;

  /** A parser for the shared {@link Schema} with the {@link Ranking#DEFAULT} ranking. */
  public IncidentQueryParser() {
    this(Ranking.DEFAULT);
  }

  /** A parser whose bare words are scored by {@code ranking}. */
  public IncidentQueryParser(Ranking ranking) {
    this.ranking = ranking;
    Map<String, List<String>> fields = new LinkedHashMap<>();
    Schema.get().queryAliases().forEach((name, targets) -> fields.put(lower(name), targets));
    for (String f : Schema.textFields()) {
      fields.putIfAbsent(lower(f), List.of(f));
    }
    fields.putIfAbsent(lower(Schema.PUBLICATION), List.of(Schema.PUBLICATION));
    for (String keyword : List.of(Schema.TYPE, Schema.ID, Schema.KEY)) {
      fields.putIfAbsent(lower(keyword), List.of(keyword));
    }
    categories = new LinkedHashMap<>();
    for (Category c : Category.values()) {
      String f = Schema.categoryField(c);
      fields.putIfAbsent(lower(f), List.of(f));
      categories.put(f, c);
    }
    fields.putIfAbsent(lower(DATE_FIELD), List.of(DATE_FIELD));
    this.fieldsByName = fields;
  }

  /** The field names a query may use, sorted. */
  public List<String> fieldNames() {
    return List.copyOf(new TreeSet<>(fieldsByName.keySet()));
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
    checkSize(query);
    String written = unknownFieldsAsWords(query);
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

  /** Characters of the classic syntax that {@link #asWords(String)} reads as spaces. */
  private static final String SYNTAX_CHARS = "\\+-!():^[]{}~*?/&|";

  private static final Pattern OPERATOR_WORD = Pattern.compile("AND|OR|NOT");

  /**
   * A query string as plain words: quotes are kept where they pair (the phrases, their backslashes
   * read as spaces), an unpaired quote, brackets, parentheses, colons, slashes, carets, tildes,
   * wildcards, {@code & |} and {@code + - !} are read as spaces ({@code + -} stay inside a word:
   * {@code Wi-Fi}), and the operators {@code AND OR NOT} are words (in lower case). It always
   * parses; empty when nothing is left.
   */
  public static String asWords(String query) {
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
        boolean inWord =
            (c == '-' || c == '+')
                && i > 0
                && i + 1 < query.length()
                && Character.isLetterOrDigit(query.charAt(i - 1))
                && Character.isLetterOrDigit(query.charAt(i + 1));
        plain.append(inWord ? c : ' ');
      } else {
        plain.append(c);
      }
    }
    words(plain, pieces);
    return String.join(" ", pieces);
  }

  private static final Pattern FIELD_BEFORE_QUOTE =
      Pattern.compile("(?<![\\w\\\\])\\w+:\\s*(?=\")");

  /**
   * {@code query} with its quotes taken away, and the field names right before them: {@code
   * title:"banking app" -sony} gives {@code banking app -sony}. What a phrase search that matched
   * nothing is searched as; null when the query has no quotes.
   */
  public static String withoutPhrases(String query) {
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
        pieces.add(OPERATOR_WORD.matcher(w).matches() ? lower(w) : w);
      }
    }
    plain.setLength(0);
  }

  /**
   * A word and a colon where a term starts, before a term: a field name, or a word in pasted text
   * (a word and a colon before a space is headline punctuation, {@link #relaxed}).
   */
  private static final Pattern FIELD_START =
      Pattern.compile("(?<=^|[\\s(+\\-!])([\\p{L}\\p{N}_]+):(?=\\S)");

  /**
   * {@code query} with the colon of each {@code word:} whose word is no field name read as a space
   * ({@code Series:XXV} searches both words), outside quotes.
   */
  private String unknownFieldsAsWords(String query) {
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
              out,
              Matcher.quoteReplacement(
                  fieldsByName.containsKey(lower(word)) ? word + ":" : word + " "));
        }
        m.appendTail(out);
        if (quote) {
          int close = query.indexOf('"', i + 1);
          while (close > 0 && query.charAt(close - 1) == '\\') {
            close = query.indexOf('"', close + 1);
          }
          int end = close < 0 ? query.length() : close + 1;
          out.append(query, i, end);
          i = end - 1;
          from = end;
        }
      }
    }
    return out.toString();
  }

  /** Parses {@code query} as written (headline punctuation read as text, {@link #relaxed}). */
  private Parsed parseAsWritten(String query, boolean check) {
    if (query == null || query.isBlank()) {
      return new Parsed(MatchAllDocsQuery.INSTANCE, MatchAllDocsQuery.INSTANCE);
    }
    if (check) {
      checkSize(query);
    }
    Parser parser = new Parser(query);
    try {
      String relaxed = relaxed(query);
      Query q = parser.parse(relaxed);
      if (q == null) {
        // A query of stop words only ("the") parses to nothing: it matches nothing.
        Query none = new MatchNoDocsQuery("only stop words");
        return new Parsed(none, none);
      }
      List<String> bareWords =
          FIELD_COLON.matcher(relaxed).find()
              ? List.of()
              : analyzedWords(SYNTAX.matcher(relaxed).replaceAll(" "));
      return new Parsed(
          q, withKnownItem(withProximity(q, relaxed), query, relaxed), null, bareWords);
    } catch (ParseException e) {
      throw syntaxError(query, e);
    } catch (IndexSearcher.TooManyClauses e) {
      throw tooManyClauses(query);
    } catch (TooComplexToDeterminizeException e) {
      throw new QuerySyntaxException(
          "Query '"
              + abbreviate(query)
              + "' has a regular expression or wildcard too complex to"
              + " search with (it would need more than "
              + e.getDeterminizeWorkLimit()
              + " steps to"
              + " prepare); make it simpler, e.g. fewer repetitions like {1,1000} or .*",
          query,
          -1,
          null,
          true);
    } catch (QuerySyntaxException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // Lucene's regular expression parser reports bad syntax this way.
      throw new QuerySyntaxException(
          "Cannot parse query '"
              + abbreviate(query)
              + "': "
              + e.getMessage()
              + ". Regular expressions are written /.../ in Lucene's syntax; put \\ before a / to"
              + " search for it.",
          query,
          -1,
          null);
    } catch (StackOverflowError e) {
      // A last resort: checkSize() keeps nesting shallow, but a parser may recurse otherwise.
      throw new QuerySyntaxException(
          "Query is too deeply structured to parse; write it with fewer nested parts.",
          abbreviate(query),
          -1,
          null,
          true);
    }
  }

  /**
   * The score of a record whose title equals the query ({@link Schema#foldTitle}): far above what
   * words alone score, so that record ranks first.
   */
  static final float EXACT_TITLE_SCORE = 10_000f;

  /**
   * The score of a record whose title contains the whole query (two words or more) as a phrase:
   * above what words alone score, below an exact title.
   */
  static final float TITLE_PHRASE_SCORE = 1_000f;

  /**
   * Adds known-item search to a query of bare words ({@link Ranking#knownItem()}): a record whose
   * title equals the query, case, accents and punctuation aside, scores {@link #EXACT_TITLE_SCORE}
   * more, and one whose title holds all the query's words in order scores {@link
   * #TITLE_PHRASE_SCORE} more. Both only reorder: such a record matches the query's words anyway
   * (the title is searched by every bare word). Queries naming a field get neither.
   */
  private Query withKnownItem(Query q, String query, String relaxed) {
    if (!ranking.knownItem() || FIELD_COLON.matcher(relaxed).find()) {
      return q;
    }
    List<Query> bonuses = knownItemBonuses(query);
    if (bonuses.isEmpty()) {
      return q;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    if (q instanceof BooleanQuery bq && pureDisjunction(bq, true)) {
      bq.clauses().forEach(b::add);
    } else {
      b.add(q, BooleanClause.Occur.MUST);
    }
    bonuses.forEach(bonus -> b.add(bonus, BooleanClause.Occur.SHOULD));
    return b.build();
  }

  /** The known-item clauses of a query of bare words: exact title, and title phrase. */
  private static List<Query> knownItemBonuses(String query) {
    String folded = Schema.get().foldTitle(query);
    if (folded.isEmpty()) {
      return List.of();
    }
    List<Query> bonuses = new ArrayList<>();
    bonuses.add(
        new BoostQuery(
            new ConstantScoreQuery(new TermQuery(new Term(Schema.TITLE_FOLDED, folded))),
            EXACT_TITLE_SCORE));
    Query phrase =
        new QueryBuilder(Schema.get().textAnalyzer())
            .createPhraseQuery(Schema.TITLE, SYNTAX.matcher(query).replaceAll(" "));
    if (phrase instanceof PhraseQuery p && p.getTerms().length >= 2) {
      bonuses.add(new BoostQuery(new ConstantScoreQuery(p), TITLE_PHRASE_SCORE));
    }
    return bonuses;
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
    if (parsed.bareWords().isEmpty() || searched.indexOf('"') >= 0) {
      return parsed;
    }
    List<Query> alternatives = new ArrayList<>();
    for (Spelling.Correction c : corrections) {
      if (!c.unknown()) {
        continue;
      }
      for (SuggestWord near : c.neighbours()) {
        for (String term : analyzedWords(near.string)) {
          alternatives.add(new BoostQuery(bareWord(term, ranking), near.score));
        }
      }
    }
    if (alternatives.isEmpty()) {
      return parsed;
    }
    List<Query> scored = new ArrayList<>(alternatives);
    if (ranking.knownItem()) {
      // The query as corrected may be a title: it is what the user meant to type.
      Spelling.suggestion(
              searched, corrections.stream().filter(Spelling.Correction::unknown).toList())
          .ifPresent(corrected -> scored.addAll(knownItemBonuses(corrected)));
    }
    Query matching = orElse(parsed.matching(), alternatives);
    Query scoring = orElse(parsed.scoring(), scored);
    if (matching == null || scoring == null) {
      return parsed;
    }
    return new Parsed(matching, scoring, parsed.interpretedAs(), parsed.bareWords());
  }

  /** {@code q} or any of {@code alternatives}, kept flat; null when {@code q} requires a clause. */
  private static Query orElse(Query q, List<Query> alternatives) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    if (q instanceof BooleanQuery bq) {
      if (!pureDisjunction(bq, true)) {
        return null;
      }
      bq.clauses().forEach(b::add);
    } else {
      b.add(q, BooleanClause.Occur.SHOULD);
    }
    alternatives.forEach(a -> b.add(a, BooleanClause.Occur.SHOULD));
    return b.build();
  }

  /** The most word pairs a proximity bonus looks at (a pasted page must stay cheap). */
  private static final int MAX_PROXIMITY_PAIRS = 24;

  private static final Pattern FIELD_COLON = Pattern.compile("(?<!\\\\):");

  private static final Pattern SYNTAX =
      Pattern.compile("[\\\\\"()\\[\\]{}+\\-!^~*?:/]|\\b(AND|OR|NOT)\\b");

  /**
   * Adds the proximity bonus of the ranking to a query of bare words: for every two consecutive
   * words of the query (stop words skipped), records where they stand within {@link
   * Ranking#proximitySlop()} positions of each other in a proximity field score more. It never
   * changes what matches, only the order. Queries naming a field, range or keyword get no bonus
   * (their author said precisely what to match).
   *
   * <p><b>Shape, for speed.</b> The bonus of a word pair in a field is a sloppy {@link PhraseQuery}
   * (a BM25 score of how often the two words stand close), weighted by the field's proximity boost
   * times {@link Ranking#proximityBoost()}. When the query is a pure disjunction (bare words, the
   * usual case), each such phrase is added as one more optional clause of that disjunction, next to
   * the term clauses of its words. This is safe because the phrase only matches records where its
   * words are in that field, which the query's own term clause for that word and field already
   * matches. One flat disjunction lets Lucene's block-max WAND / MaxScore skip records that cannot
   * reach the page, the phrase clauses included; an optional clause beside the required words lets
   * it skip nothing, so every match of any word would pay for the positions of every pair. The
   * scores are the same sums as with that clause beside (up to float rounding). A pair the user
   * quoted is scored by the quoted {@link PhraseQuery} itself in each proximity field, its boost
   * raised by the bonus weight (an exact phrase is as close as two words stand; a sloppy copy would
   * match records the quoted phrase does not). Only what cannot be placed this way (a query with
   * required clauses, {@code +word} or {@code AND}, or a pair whose words the query has in no
   * clause of that field) keeps the other shape: the query required, the remaining bonus beside it
   * as one optional clause.
   */
  private Query withProximity(Query q, String relaxed) {
    if (ranking.proximityBoost() == 0 || ranking.proximityFields().isEmpty()) {
      return q;
    }
    if (FIELD_COLON.matcher(relaxed).find()) {
      return q; // a field named: the author said where to look
    }
    List<String> words = analyzedWords(SYNTAX.matcher(relaxed).replaceAll(" "));
    if (words.size() < 2) {
      return q;
    }
    int pairs = Math.min(MAX_PROXIMITY_PAIRS, words.size() - 1);
    Clauses leaves =
        q instanceof BooleanQuery bq && pureDisjunction(bq, true) ? Clauses.of(bq) : null;
    BooleanQuery.Builder flat = new BooleanQuery.Builder();
    if (leaves != null) {
      for (BooleanClause c : ((BooleanQuery) q).clauses()) {
        flat.add(c);
      }
    }
    Set<PhraseQuery> raised = new HashSet<>();
    BooleanQuery.Builder rest = new BooleanQuery.Builder();
    int restClauses = 0;
    for (Map.Entry<String, Float> f : ranking.proximityFields().entrySet()) {
      String field = f.getKey();
      float weight = f.getValue() * ranking.proximityBoost();
      BooleanQuery.Builder near = new BooleanQuery.Builder();
      int nearClauses = 0;
      for (int i = 0; i < pairs; i++) {
        String a = words.get(i);
        String b = words.get(i + 1);
        PhraseQuery sloppy = new PhraseQuery(ranking.proximitySlop(), field, a, b);
        if (leaves != null && (leaves.covers(field, a) || leaves.covers(field, b))) {
          flat.add(new BoostQuery(sloppy, weight), BooleanClause.Occur.SHOULD);
          continue;
        }
        PhraseQuery quoted = leaves == null ? null : leaves.coveringPhraseWith(field, a, b);
        if (quoted != null) {
          if (raised.add(quoted)) {
            // Lucene's rewrite merges this with the query's own clause, summing the boosts.
            flat.add(new BoostQuery(quoted, weight), BooleanClause.Occur.SHOULD);
          }
          continue;
        }
        near.add(sloppy, BooleanClause.Occur.SHOULD);
        nearClauses++;
      }
      if (nearClauses > 0) {
        rest.add(new BoostQuery(near.build(), f.getValue()), BooleanClause.Occur.SHOULD);
        restClauses++;
      }
    }
    Query base = leaves != null ? flat.build() : q;
    if (restClauses == 0) {
      return base;
    }
    return new BooleanQuery.Builder()
        .add(base, BooleanClause.Occur.MUST)
        .add(new BoostQuery(rest.build(), ranking.proximityBoost()), BooleanClause.Occur.SHOULD)
        .build();
  }

  /**
   * Whether {@code q} matches the union of its optional clauses: no required or filter clause, no
   * minimum to match ({@code MUST_NOT} clauses only remove records, so they are allowed at the top
   * when {@code top}).
   */
  private static boolean pureDisjunction(BooleanQuery q, boolean top) {
    if (q.getMinimumNumberShouldMatch() > 0) {
      return false;
    }
    boolean should = false;
    for (BooleanClause c : q.clauses()) {
      switch (c.occur()) {
        case SHOULD -> should = true;
        case MUST_NOT -> {
          if (!top) {
            return false;
          }
        }
        default -> {
          return false;
        }
      }
    }
    return should;
  }

  /**
   * The term and phrase queries a pure disjunction matches through (its optional clauses, boosts
   * and nested pure disjunctions): a record matching any of them matches the disjunction.
   */
  private record Clauses(Set<Term> terms, List<PhraseQuery> phrases) {
    static Clauses of(BooleanQuery q) {
      Clauses c = new Clauses(new HashSet<>(), new ArrayList<>());
      c.collect(q);
      return c;
    }

    private void collect(Query q) {
      Query inner = q;
      while (inner instanceof BoostQuery b) {
        inner = b.getQuery();
      }
      if (inner instanceof TermQuery t) {
        terms.add(t.getTerm());
      } else if (inner instanceof CombinedFieldQuery c) {
        c.visit(
            new QueryVisitor() {
              @Override
              public void consumeTerms(Query query, Term... fieldTerms) {
                terms.addAll(List.of(fieldTerms));
              }
            });
      } else if (inner instanceof PhraseQuery p) {
        phrases.add(p);
      } else if (inner instanceof BooleanQuery b && pureDisjunction(b, false)) {
        for (BooleanClause c : b.clauses()) {
          collect(c.query());
        }
      }
    }

    boolean hasTerm(String field, String text) {
      return terms.contains(new Term(field, text));
    }

    /**
     * Whether every record with {@code text} in {@code field} matches a clause here: one of that
     * field, or of a field holding a copy of it (the page {@link Schema#TEXT} holds every own-text
     * field; the cited text holds the cited headlines).
     */
    boolean covers(String field, String text) {
      return hasTerm(field, text)
          || (Schema.ownTextFields().contains(field) && hasTerm(Schema.TEXT, text))
          || (field.equals(Schema.CITED_TITLE) && hasTerm(Schema.CITED_TEXT, text));
    }

    /**
     * A phrase with {@code a} right before {@code b} in {@code field} or in a field holding a copy
     * of it ({@link #covers}); null if none.
     */
    PhraseQuery coveringPhraseWith(String field, String a, String b) {
      PhraseQuery p = phraseWith(field, a, b);
      if (p == null && Schema.ownTextFields().contains(field)) {
        p = phraseWith(Schema.TEXT, a, b);
      }
      if (p == null && field.equals(Schema.CITED_TITLE)) {
        p = phraseWith(Schema.CITED_TEXT, a, b);
      }
      return p;
    }

    /** A phrase of {@code field} with {@code a} right before {@code b}; null if none. */
    PhraseQuery phraseWith(String field, String a, String b) {
      for (PhraseQuery p : phrases) {
        Term[] t = p.getTerms();
        int[] pos = p.getPositions();
        if (!p.getField().equals(field)) {
          continue;
        }
        for (int i = 0; i + 1 < t.length; i++) {
          if (t[i].text().equals(a) && t[i + 1].text().equals(b) && pos[i + 1] == pos[i] + 1) {
            return p;
          }
        }
      }
      return null;
    }
  }

  /**
   * One analysed term as {@code ranking} scores a bare word: BM25 over its own-text field (BM25F
   * when there are several) plus, weighted, BM25 over each linked-text field.
   */
  static Query bareWord(String term, Ranking ranking) {
    Query own =
        ranking.ownFields().size() == 1
            ? new TermQuery(new Term(ranking.ownFields().keySet().iterator().next(), term))
            : combined(term, ranking.ownFields());
    if (ranking.linkedWeight() == 0 || ranking.linkedFields().isEmpty()) {
      return own;
    }
    BooleanQuery.Builder linked = new BooleanQuery.Builder();
    ranking
        .linkedFields()
        .forEach(
            (field, boost) ->
                linked.add(
                    new BoostQuery(new TermQuery(new Term(field, term)), boost),
                    BooleanClause.Occur.SHOULD));
    return new BooleanQuery.Builder()
        .add(own, BooleanClause.Occur.SHOULD)
        .add(new BoostQuery(linked.build(), ranking.linkedWeight()), BooleanClause.Occur.SHOULD)
        .build();
  }

  /** One term searched over {@code fields} as one BM25F field. */
  static CombinedFieldQuery combined(String term, Map<String, Float> fields) {
    CombinedFieldQuery.Builder b = new CombinedFieldQuery.Builder(term);
    fields.forEach(b::addField);
    return b.build();
  }

  /** The terms English analysis makes of {@code text}, in order. */
  private static List<String> analyzedWords(String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = Schema.get().textAnalyzer().tokenStream(Schema.TITLE, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // analysing a String does no I/O
    }
    return out;
  }

  private static QuerySyntaxException tooManyClauses(String query) {
    return new QuerySyntaxException(
        "Query '"
            + abbreviate(query)
            + "' has too many clauses (more than "
            + IndexSearcher.getMaxClauseCount()
            + " words times fields); use fewer words or a"
            + " longer prefix.",
        query,
        -1,
        null,
        true);
  }

  /** Refuses a query the parsers should not even try: too long, or nested too deep. */
  private static void checkSize(String query) {
    if (query.length() > MAX_QUERY_LENGTH) {
      throw new QuerySyntaxException(
          "Query is too long: "
              + query.length()
              + " characters, at most "
              + MAX_QUERY_LENGTH
              + " are accepted ('"
              + abbreviate(query)
              + "'). Search for the few words that"
              + " matter.",
          abbreviate(query),
          -1,
          null,
          true);
    }
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c == '\\') {
        i++; // an escaped character is text
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(' && ++depth > MAX_NESTING) {
        throw new QuerySyntaxException(
            "Query '"
                + abbreviate(query)
                + "' nests parentheses more than "
                + MAX_NESTING
                + " deep (column "
                + (i + 1)
                + "); write it with fewer nested groups.",
            query,
            i + 1,
            "(",
            true);
      } else if (!quoted && c == ')') {
        depth = Math.max(0, depth - 1);
      }
    }
  }

  /** The start of a long query, for messages (a query may be a megabyte long). */
  static String abbreviate(String query) {
    return abbreviate(query, 80);
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }

  /**
   * Reads headline punctuation as text rather than syntax, so a pasted title works: a word that is
   * not a field name followed by a colon and a space ({@code Recall: Software}), and a lone {@code
   * -}, {@code +} or {@code !} between spaces ({@code Profile - InstaAgent}).
   */
  private String relaxed(String query) {
    Matcher m = HEADLINE_COLON.matcher(query);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String word = m.group(1);
      String replacement = fieldsByName.containsKey(lower(word)) ? word + ":" : word + "\\:";
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return LONE_OPERATOR.matcher(out).replaceAll(" ");
  }

  private static QuerySyntaxException syntaxError(String query, ParseException wrapper) {
    Throwable cause = wrapper.getCause() != null ? wrapper.getCause() : wrapper;
    if (cause instanceof QuerySyntaxException q) {
      return q;
    }
    if (cause instanceof IndexSearcher.TooManyClauses) {
      return tooManyClauses(query);
    }
    String hint =
        " Check that quotes, parentheses and brackets are closed, that AND, OR and NOT stand"
            + " between two terms, and that ranges read [from TO to]; put \\ before a special"
            + " character (+ - && || ! ( ) { } [ ] ^ \" ~ * ? : \\ /) to search for it"
            + " literally.";
    if (cause instanceof ParseException pe && pe.currentToken != null) {
      Token bad = pe.currentToken.next;
      if (bad == null || bad.image == null || bad.image.isEmpty()) {
        int column = query.stripTrailing().length();
        return new QuerySyntaxException(
            "Cannot parse query '"
                + abbreviate(query)
                + "': it ends unexpectedly at column "
                + column
                + " after '"
                + pe.currentToken.image
                + "'."
                + hint,
            query,
            column,
            null);
      }
      int column = bad.beginColumn + 1; // the parser counts from 0
      return new QuerySyntaxException(
          "Cannot parse query '"
              + abbreviate(query)
              + "': unexpected '"
              + bad.image
              + "' at column "
              + column
              + "."
              + hint,
          query,
          column,
          bad.image);
    }
    if (cause instanceof TokenMgrError tme) {
      Matcher m = LEXICAL_COLUMN.matcher(String.valueOf(tme.getMessage()));
      int column = m.find() ? Integer.parseInt(m.group(1)) : -1;
      String what =
          query.chars().filter(c -> c == '"').count() % 2 == 1
              ? "a quote is not closed"
              : "a character cannot be read here";
      return new QuerySyntaxException(
          "Cannot parse query '"
              + abbreviate(query)
              + "': "
              + what
              + (column > 0 ? " (column " + column + ")" : "")
              + "."
              + hint,
          query,
          column,
          null);
    }
    return new QuerySyntaxException(
        "Cannot parse query '"
            + abbreviate(query)
            + "': "
            + abbreviate(String.valueOf(cause.getMessage()), 300)
            + "."
            + hint,
        query,
        -1,
        null);
  }

  /** The edits a fuzzy term of {@code length} characters may have (Elasticsearch's AUTO). */
  private static int autoEdits(int length) {
    return length <= 2 ? 0 : length <= 5 ? 1 : 2;
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** One parse: the classic parser with field resolution. */
  private final class Parser extends MultiFieldQueryParser {
    private final String query;

    /** The cost of the prefix, wildcard and fuzzy terms compiled so far. */
    private int multiTermCost;

    Parser(String query) {
      super(
          ranking.fieldBoosts().keySet().toArray(String[]::new),
          Schema.get().analyzer(),
          ranking.fieldBoosts());
      this.query = query;
      setDefaultOperator(QueryParser.OR_OPERATOR);
      setAllowLeadingWildcard(false);
    }

    /** The index fields a query field name stands for; throws for an unknown name. */
    private List<String> resolve(String name) {
      List<String> targets = fieldsByName.get(lower(name));
      if (targets == null) {
        Matcher m =
            Pattern.compile("(?<![\\w\\\\])" + Pattern.quote(name) + "\\s*:").matcher(query);
        int column = m.find() ? m.start() + 1 : -1;
        throw new QuerySyntaxException(
            "Unknown field '"
                + name
                + "'"
                + (column > 0 ? " at column " + column : "")
                + " in query '"
                + abbreviate(query)
                + "'. Valid fields: "
                + String.join(", ", fieldNames())
                + ". To search for a word followed by a colon, put \\ before the colon.",
            query,
            column,
            name);
      }
      return targets;
    }

    /**
     * Bare words (the parser passes a run of them at once), each analysed term scored as {@link
     * #bareWord} says, any of them matching; null when the text analyses to no term, or when the
     * query requires every word ({@code AND} as default operator: the per-field form handles that).
     */
    private Query bareWords(String text) {
      if (getDefaultOperator() != QueryParser.OR_OPERATOR) {
        return null;
      }
      List<String> terms = analyzedWords(text);
      if (terms.isEmpty()) {
        return null;
      }
      if (terms.size() == 1) {
        return bareWord(terms.get(0), ranking);
      }
      BooleanQuery.Builder any = new BooleanQuery.Builder();
      for (String term : terms) {
        any.add(bareWord(term, ranking), BooleanClause.Occur.SHOULD);
      }
      return any.build();
    }

    /** Applies {@code per} to each index field of {@code name}, ORing the results. */
    private Query expand(String name, FieldQuery per) throws ParseException {
      List<String> targets = resolve(name);
      if (targets.size() == 1) {
        return per.apply(targets.get(0));
      }
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      int clauses = 0;
      for (String t : targets) {
        Query q = per.apply(t);
        if (q != null) {
          b.add(q, BooleanClause.Occur.SHOULD);
          clauses++;
        }
      }
      return clauses == 0 ? null : b.build();
    }

    @Override
    protected Query getFieldQuery(String field, String text, boolean quoted) throws ParseException {
      if (field == null) {
        Query word = quoted ? null : bareWords(text);
        return word != null ? word : super.getFieldQuery(null, text, quoted);
      }
      return expand(
          field,
          f -> {
            if (f.equals(DATE_FIELD)) {
              LocalDate[] p = period(text);
              return LongField.newRangeQuery(DATE_FIELD, p[0].toEpochDay(), p[1].toEpochDay());
            }
            Category c = categories.get(f);
            if (c != null) {
              String option = Category.normalizeOption(text);
              return option.isEmpty() ? null : new TermQuery(new Term(f, option));
            }
            if (f.equals(Schema.ID) || f.equals(Schema.KEY)) {
              return idQuery(f, text);
            }
            return super.getFieldQuery(f, text, quoted);
          });
    }

    /**
     * An id or key as written, or in lower case: ids are indexed as their files name them ({@code
     * Twitter leak 9003}), and the lower-case form keeps {@code key:Incident:2750} working.
     */
    private Query idQuery(String f, String text) {
      String lower = lower(text);
      if (lower.equals(text)) {
        return new TermQuery(new Term(f, text));
      }
      return new BooleanQuery.Builder()
          .add(new TermQuery(new Term(f, text)), BooleanClause.Occur.SHOULD)
          .add(new TermQuery(new Term(f, lower)), BooleanClause.Occur.SHOULD)
          .build();
    }

    @Override
    protected Query getFieldQuery(String field, String text, int slop) throws ParseException {
      if (field == null) {
        return super.getFieldQuery(null, text, slop);
      }
      List<String> targets = resolve(field);
      if (targets.contains(DATE_FIELD)
          || categories.containsKey(targets.get(0))
          || targets.contains(Schema.ID)
          || targets.contains(Schema.KEY)) {
        return getFieldQuery(field, text, true);
      }
      return expand(field, f -> super.getFieldQuery(f, text, slop));
    }

    @Override
    protected Query getRangeQuery(
        String field, String part1, String part2, boolean startInclusive, boolean endInclusive)
        throws ParseException {
      if (field == null) {
        return super.getRangeQuery(null, part1, part2, startInclusive, endInclusive);
      }
      return expand(
          field,
          f -> {
            if (!f.equals(DATE_FIELD)) {
              // A term range is compiled to an automaton too.
              String bounds = String.valueOf(part1) + String.valueOf(part2);
              countMultiTerm(bounds, bounds);
              return super.getRangeQuery(f, part1, part2, startInclusive, endInclusive);
            }
            long lo = Long.MIN_VALUE;
            long hi = Long.MAX_VALUE;
            if (part1 != null && !part1.equals("*")) {
              LocalDate[] p = period(part1);
              lo = startInclusive ? p[0].toEpochDay() : p[1].toEpochDay() + 1;
            }
            if (part2 != null && !part2.equals("*")) {
              LocalDate[] p = period(part2);
              hi = endInclusive ? p[1].toEpochDay() : p[0].toEpochDay() - 1;
            }
            return LongField.newRangeQuery(DATE_FIELD, lo, hi);
          });
    }

    @Override
    protected Query getPrefixQuery(String field, String text) throws ParseException {
      if (field == null) {
        return super.getPrefixQuery(null, text);
      }
      return expand(
          field,
          f -> {
            countMultiTerm(text, text);
            return notDate(f, text, () -> super.getPrefixQuery(f, text));
          });
    }

    @Override
    protected Query getWildcardQuery(String field, String written) throws ParseException {
      // ** matches what * matches; a run of them would only make the automaton larger.
      String text = STAR_RUN.matcher(written).replaceAll("*");
      int wildcards = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '*' || c == '?') {
          wildcards++;
        }
      }
      if (wildcards > MAX_WILDCARDS
          || text.length() > MAX_WILDCARD_TERM_LENGTH
          || longestRunAfterStar(text) > MAX_WILDCARD_RUN_AFTER_STAR) {
        throw new QuerySyntaxException(
            "Wildcard term '"
                + abbreviate(text)
                + "' in query '"
                + abbreviate(query)
                + "' is too complex to search with ("
                + wildcards
                + " wildcards in "
                + text.length()
                + " characters, at most "
                + MAX_WILDCARDS
                + " in "
                + MAX_WILDCARD_TERM_LENGTH
                + ", and at most "
                + MAX_WILDCARD_RUN_AFTER_STAR
                + " characters with a ? after a *); use fewer * and ?, or plain words.",
            query,
            columnOf(written),
            written,
            false); // not a limit: text such as "Why??????" is searched as its words
      }
      if (field == null) {
        return super.getWildcardQuery(null, text);
      }
      return expand(
          field,
          f -> {
            countMultiTerm(text, written);
            return notDate(f, text, () -> super.getWildcardQuery(f, text));
          });
    }

    /**
     * The longest run after a {@code *} (to the next {@code *} or the end) that holds a {@code ?};
     * 0 when none does. An escaped character counts as one.
     */
    private static int longestRunAfterStar(String text) {
      int longest = 0;
      int run = -1; // -1: no * seen yet
      boolean question = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '*') {
          if (question) {
            longest = Math.max(longest, run);
          }
          run = 0;
          question = false;
          continue;
        }
        if (c == '\\') {
          i++;
        }
        if (run >= 0) {
          run++;
          question |= c == '?';
        }
      }
      return question ? Math.max(longest, run) : longest;
    }

    /**
     * Counts a prefix, wildcard or fuzzy term compiled for one field against {@link
     * #MAX_MULTI_TERM_COST}.
     */
    private void countMultiTerm(String text, String written) {
      multiTermCost += text.length() + MULTI_TERM_BASE_COST;
      if (multiTermCost > MAX_MULTI_TERM_COST) {
        throw new QuerySyntaxException(
            "Query '"
                + abbreviate(query)
                + "' has too many prefix, wildcard or fuzzy terms to search"
                + " with (each is compiled for every field it searches); use fewer, or plain"
                + " words.",
            query,
            columnOf(written),
            written,
            false); // not a limit: the words are searched instead
      }
    }

    @Override
    protected Query getFuzzyQuery(String field, String text, float minSimilarity)
        throws ParseException {
      if (field == null) {
        return super.getFuzzyQuery(null, text, minSimilarity);
      }
      int length = text.codePointCount(0, text.length());
      int edits = Math.min(FuzzyQuery.floatToEdits(minSimilarity, length), autoEdits(length));
      return expand(
          field,
          f -> {
            countMultiTerm(text, text);
            return notDate(f, text, () -> super.getFuzzyQuery(f, text, edits));
          });
    }

    @Override
    protected Query getRegexpQuery(String field, String text) throws ParseException {
      if (text.length() > MAX_REGEX_LENGTH) {
        throw new QuerySyntaxException(
            "Regular expression '/"
                + abbreviate(text)
                + "/' in query '"
                + abbreviate(query)
                + "' is "
                + text.length()
                + " characters long, at most "
                + MAX_REGEX_LENGTH
                + " are accepted; use a shorter one or plain words.",
            query,
            columnOf(text),
            text,
            true);
      }
      checkRegexSize(text);
      if (field == null) {
        return super.getRegexpQuery(null, text);
      }
      return expand(field, f -> notDate(f, text, () -> super.getRegexpQuery(f, text)));
    }

    /**
     * Refuses a regular expression whose automaton would be too large to build, before Lucene
     * builds it: {@link RegExp#toAutomaton()} has no work limit (only the determinization after it
     * has), and each nested repetition ({@code a++++}, {@code (a{1,9}){1,9}}) multiplies the states
     * exponentially. Parsing the expression into its tree is cheap; the states are estimated from
     * it (see {@link #regexStates}).
     */
    private void checkRegexSize(String text) {
      // A syntax error is thrown here as Lucene would throw it (IllegalArgumentException).
      RegExp tree = new RegExp(text, RegExp.ALL);
      if (regexStates(tree) > MAX_REGEX_STATES
          || repetitionNesting(tree) > MAX_REGEX_REPETITION_NESTING) {
        throw new QuerySyntaxException(
            "Regular expression '/"
                + abbreviate(text)
                + "/' in query '"
                + abbreviate(query)
                + "' is too complex to search with (more than "
                + MAX_REGEX_REPETITION_NESTING
                + " repetitions inside each other, or an automaton of more than "
                + MAX_REGEX_STATES
                + " states); make it simpler, e.g. fewer nested repetitions like (a+)+ or"
                + " {1,1000}.",
            query,
            columnOf(text),
            text,
            true);
      }
    }

    private Query notDate(String f, String text, QuerySupplier q) throws ParseException {
      if (f.equals(DATE_FIELD)) {
        throw new QuerySyntaxException(
            "'"
                + DATE_FIELD
                + ":"
                + text
                + "' in query '"
                + abbreviate(query)
                + "': dates take a day"
                + " (2020-02-03), a month (2020-02), a year (2020) or a range such as ["
                + "2019-01-01 TO 2020-12-31], not wildcards or fuzzy terms.",
            query,
            -1,
            text);
      }
      return q.get();
    }

    /** The first and last day of a day, month or year written in a query. */
    private LocalDate[] period(String text) {
      String t = text.strip();
      try {
        if (t.matches("\\d{4}")) {
          int year = Integer.parseInt(t);
          return new LocalDate[] {LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)};
        }
        if (t.matches("\\d{4}-\\d{2}")) {
          YearMonth ym = YearMonth.parse(t);
          return new LocalDate[] {ym.atDay(1), ym.atEndOfMonth()};
        }
        LocalDate day = LocalDate.parse(t);
        return new LocalDate[] {day, day};
      } catch (DateTimeParseException e) {
        throw new QuerySyntaxException(
            "Cannot read date '"
                + text
                + "' in query '"
                + abbreviate(query)
                + "': write a day (2020-02-03),"
                + " a month (2020-02) or a year (2020); ranges read [2019-01-01 TO 2020-12-31],"
                + " with * for an open end.",
            query,
            columnOf(text),
            text);
      }
    }

    private int columnOf(String token) {
      int i = query.indexOf(token);
      return i < 0 ? -1 : i + 1;
    }
  }

  /**
   * An upper estimate of the states of the automaton Lucene builds for {@code r} (before
   * determinizing), saturating above {@link #MAX_REGEX_STATES}: a union or concatenation adds its
   * parts, an intersection multiplies them, {@code x{n,}} and {@code +} make n + 1 copies, {@code
   * x{n,m}} m copies.
   */
  static long regexStates(RegExp r) {
    long cap = MAX_REGEX_STATES + 1L;
    long n =
        switch (r.kind) {
          case REGEXP_UNION, REGEXP_CONCATENATION -> regexStates(r.exp1) + regexStates(r.exp2);
          case REGEXP_INTERSECTION -> regexStates(r.exp1) * regexStates(r.exp2);
          case REGEXP_OPTIONAL, REGEXP_REPEAT -> regexStates(r.exp1) + 1;
          case REGEXP_REPEAT_MIN -> regexStates(r.exp1) * (Math.max(0, r.min) + 1L) + 1;
          case REGEXP_REPEAT_MINMAX ->
              regexStates(r.exp1) * Math.max(1L, Math.max(r.min, r.max)) + 1;
          case REGEXP_COMPLEMENT, REGEXP_DEPRECATED_COMPLEMENT -> 2 * regexStates(r.exp1) + 2;
          case REGEXP_STRING -> r.s.length();
          case REGEXP_INTERVAL ->
              10L * (Math.max(r.digits, String.valueOf(Math.max(r.min, r.max)).length()) + 1);
          default -> 1; // a character, range or class, any character, the empty string
        };
    return Math.min(n, cap);
  }

  /** How deep repetitions ({@code * + {n,} {n,m}}) stand inside each other in {@code r}. */
  static int repetitionNesting(RegExp r) {
    if (r == null) {
      return 0;
    }
    int inner = Math.max(repetitionNesting(r.exp1), repetitionNesting(r.exp2));
    return switch (r.kind) {
      case REGEXP_REPEAT, REGEXP_REPEAT_MIN, REGEXP_REPEAT_MINMAX -> inner + 1;
      default -> inner;
    };
  }

  @FunctionalInterface
  private interface FieldQuery {
    Query apply(String indexField) throws ParseException;
  }

  @FunctionalInterface
  private interface QuerySupplier {
    Query get() throws ParseException;
  }

  /** Package-private: the queries of a list, for tests of alias expansion. */
  static List<String> fieldsOf(Query q) {
    List<String> fields = new ArrayList<>();
    q.visit(
        new org.apache.lucene.search.QueryVisitor() {
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
