package io.incidentsearch.engine;

import io.incidentsearch.search.QuerySyntaxException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.IndexSearcher;

/**
 * The {@link QuerySyntaxException}s of a query that is not valid syntax (the bounds' own are {@link
 * QueryLimits}'): each says where (column, offending token) and what to do, with the query
 * abbreviated, since a query may be a megabyte long.
 */
final class QueryErrors {
  private QueryErrors() {}

  private static final Pattern LEXICAL_COLUMN = Pattern.compile("column (\\d+)");

  private static final String HINT =
      " Check that quotes, parentheses and brackets are closed, that AND, OR and NOT stand"
          + " between two terms, and that ranges read [from TO to]; put \\ before a special"
          + " character (+ - && || ! ( ) { } [ ] ^ \" ~ * ? : \\ /) to search for it"
          + " literally.";

  /** The start of a long query, for messages. */
  static String abbreviate(String query) {
    return abbreviate(query, 80);
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }

  /** The column (from 1) where {@code token} first stands in {@code query}; -1 if nowhere. */
  static int columnOf(String query, String token) {
    int i = query.indexOf(token);
    return i < 0 ? -1 : i + 1;
  }

  /** What the classic parser's {@code wrapper} says is wrong with {@code query}. */
  static QuerySyntaxException syntaxError(String query, ParseException wrapper) {
    Throwable cause = wrapper.getCause() != null ? wrapper.getCause() : wrapper;
    if (cause instanceof QuerySyntaxException q) {
      return q;
    }
    if (cause instanceof IndexSearcher.TooManyClauses) {
      return QueryLimits.tooManyClauses(query);
    }
    if (cause instanceof ParseException pe && pe.currentToken != null) {
      return unexpected(query, pe.currentToken);
    }
    if (cause instanceof TokenMgrError tme) {
      return unreadable(query, tme);
    }
    return new QuerySyntaxException(
        "Cannot parse query '"
            + abbreviate(query)
            + "': "
            + abbreviate(String.valueOf(cause.getMessage()), 300)
            + "."
            + HINT,
        query,
        -1,
        null);
  }

  /** A token the grammar does not allow after {@code current}, or the query's end. */
  private static QuerySyntaxException unexpected(String query, Token current) {
    Token bad = current.next;
    if (bad == null || bad.image == null || bad.image.isEmpty()) {
      int column = query.stripTrailing().length();
      return new QuerySyntaxException(
          "Cannot parse query '"
              + abbreviate(query)
              + "': it ends unexpectedly at column "
              + column
              + " after '"
              + current.image
              + "'."
              + HINT,
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
            + HINT,
        query,
        column,
        bad.image);
  }

  /** A character the tokeniser cannot read, an unclosed quote most often. */
  private static QuerySyntaxException unreadable(String query, TokenMgrError tme) {
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
            + HINT,
        query,
        column,
        null);
  }

  /** Lucene's regular expression parser reports bad syntax as {@code e}. */
  static QuerySyntaxException badRegex(String query, IllegalArgumentException e) {
    return new QuerySyntaxException(
        "Cannot parse query '"
            + abbreviate(query)
            + "': "
            + e.getMessage()
            + ". Regular expressions are written /.../ in Lucene's syntax; put \\ before a / to"
            + " search for it.",
        query,
        -1,
        null);
  }

  /** A {@code name:} in {@code query} that is none of the field {@code names}. */
  static QuerySyntaxException unknownField(String name, String query, List<String> names) {
    Matcher m = Pattern.compile("(?<![\\w\\\\])" + Pattern.quote(name) + "\\s*:").matcher(query);
    int column = m.find() ? m.start() + 1 : -1;
    return new QuerySyntaxException(
        "Unknown field '"
            + name
            + "'"
            + (column > 0 ? " at column " + column : "")
            + " in query '"
            + abbreviate(query)
            + "'. Valid fields: "
            + String.join(", ", names)
            + ". To search for a word followed by a colon, put \\ before the colon.",
        query,
        column,
        name);
  }
}
