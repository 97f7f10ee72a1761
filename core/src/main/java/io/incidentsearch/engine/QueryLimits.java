package io.incidentsearch.engine;

import static io.incidentsearch.engine.IncidentQueryParser.MAX_MULTI_TERM_COST;
import static io.incidentsearch.engine.IncidentQueryParser.MAX_NESTING;
import static io.incidentsearch.engine.IncidentQueryParser.MAX_QUERY_LENGTH;
import static io.incidentsearch.engine.IncidentQueryParser.MAX_REGEX_LENGTH;
import static io.incidentsearch.engine.IncidentQueryParser.MAX_REGEX_REPETITION_NESTING;
import static io.incidentsearch.engine.IncidentQueryParser.MAX_REGEX_STATES;
import static io.incidentsearch.engine.IncidentQueryParser.MAX_WILDCARDS;
import static io.incidentsearch.engine.IncidentQueryParser.MAX_WILDCARD_RUN_AFTER_STAR;
import static io.incidentsearch.engine.IncidentQueryParser.MAX_WILDCARD_TERM_LENGTH;
import static io.incidentsearch.engine.QueryErrors.abbreviate;
import static io.incidentsearch.engine.QueryErrors.columnOf;

import io.incidentsearch.search.QuerySyntaxException;
import java.util.regex.Pattern;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * The bounds that keep any query from taking the searcher down (the limits documented on {@link
 * IncidentQueryParser}): each check refuses with a {@link QuerySyntaxException} that says which
 * bound and what to do. Limits ({@link QuerySyntaxException#isLimit()}) are refused strict or not;
 * the wildcard and multi-term bounds are not limits, so pasted text over them is searched as words.
 */
final class QueryLimits {
  private QueryLimits() {}

  /** What each prefix, wildcard or fuzzy term costs per field searched, beside its length. */
  static final int MULTI_TERM_BASE_COST = 16;

  private static final Pattern STAR_RUN = Pattern.compile("(?<!\\\\)\\*{2,}");

  /** Refuses a query the parsers should not even try: too long, or nested too deep. */
  static void checkSize(String query) {
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

  /**
   * {@code written} with each run of {@code *} as one: it matches the same, with less automaton.
   */
  static String collapseStars(String written) {
    return STAR_RUN.matcher(written).replaceAll("*");
  }

  /**
   * Refuses a wildcard term {@code text} (stars collapsed; {@code written} as in {@code query})
   * with too many wildcards, too many characters, or a long run with a {@code ?} after a {@code *}.
   */
  static void checkWildcards(String text, String written, String query) {
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
          columnOf(query, written),
          written,
          false); // not a limit: text such as "Why??????" is searched as its words
    }
  }

  /**
   * The longest run after a {@code *} (to the next {@code *} or the end) that holds a {@code ?}; 0
   * when none does. An escaped character counts as one.
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
   * The multi-term cost of one query after adding a prefix, wildcard or fuzzy term {@code text}
   * compiled for one field to {@code cost}; refuses the query when that is over {@link
   * IncidentQueryParser#MAX_MULTI_TERM_COST}.
   */
  static int addMultiTerm(int cost, String text, String written, String query) {
    int total = cost + text.length() + MULTI_TERM_BASE_COST;
    if (total > MAX_MULTI_TERM_COST) {
      throw new QuerySyntaxException(
          "Query '"
              + abbreviate(query)
              + "' has too many prefix, wildcard or fuzzy terms to search"
              + " with (each is compiled for every field it searches); use fewer, or plain"
              + " words.",
          query,
          columnOf(query, written),
          written,
          false); // not a limit: the words are searched instead
    }
    return total;
  }

  /** The edits a fuzzy term of {@code length} characters may have (Elasticsearch's AUTO). */
  static int autoEdits(int length) {
    return length <= 2 ? 0 : length <= 5 ? 1 : 2;
  }

  /**
   * Refuses a regular expression too long, or whose automaton would be too large to build, before
   * Lucene builds it: {@link RegExp#toAutomaton()} has no work limit (only the determinization
   * after it has), and each nested repetition ({@code a++++}, {@code (a{1,9}){1,9}}) multiplies the
   * states exponentially. Parsing the expression into its tree is cheap; the states are estimated
   * from it (see {@link #regexStates}).
   */
  static void checkRegex(String text, String query) {
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
          columnOf(query, text),
          text,
          true);
    }
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
          columnOf(query, text),
          text,
          true);
    }
  }

  /** As {@link IncidentQueryParser#regexStates}. */
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

  /** As {@link IncidentQueryParser#repetitionNesting}. */
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

  /** The refusal of a query that expands to more clauses than Lucene allows. */
  static QuerySyntaxException tooManyClauses(String query) {
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

  /** The refusal of a query whose automaton would take too much work to determinize. */
  static QuerySyntaxException tooComplex(String query, TooComplexToDeterminizeException e) {
    return new QuerySyntaxException(
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
  }

  /** The refusal of a query whose parse overflowed the stack. */
  static QuerySyntaxException tooDeep(String query) {
    return new QuerySyntaxException(
        "Query is too deeply structured to parse; write it with fewer nested parts.",
        abbreviate(query),
        -1,
        null,
        true);
  }
}
