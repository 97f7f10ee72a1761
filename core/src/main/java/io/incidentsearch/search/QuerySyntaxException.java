package io.incidentsearch.search;

/**
 * A query string that cannot be parsed, or that names a field the index does not know. The message
 * says where (column, offending token) and what to do; {@link #column()} and {@link #token()} give
 * the same for programs.
 */
public final class QuerySyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The query as given. */
  private final String query;

  /** The 1-based column of the problem, or -1. */
  private final int column;

  /** The offending token, or null. */
  private final String token;

  /** Whether a limit refused the query. */
  private final boolean limit;

  /**
   * A syntax error.
   *
   * @param message what is wrong and what to do
   * @param query the query as given
   * @param column the 1-based column of the problem, or -1 when unknown
   * @param token the offending token, or null when unknown
   */
  public QuerySyntaxException(String message, String query, int column, String token) {
    this(message, query, column, token, false);
  }

  /**
   * A syntax error, or a query refused by a limit.
   *
   * @param message what is wrong and what to do
   * @param query the query as given
   * @param column the 1-based column of the problem, or -1 when unknown
   * @param token the offending token, or null when unknown
   * @param limit whether a limit refused the query (see {@link #isLimit()})
   */
  public QuerySyntaxException(
      String message, String query, int column, String token, boolean limit) {
    super(message);
    this.query = query;
    this.column = column;
    this.token = token;
    this.limit = limit;
  }

  /**
   * Whether the query was refused by one of the limits that keep a query from taking the searcher
   * down (its length, nesting, clauses, the size or complexity of a regular expression or wildcard)
   * rather than for its syntax: reading it as plain words would not lift the refusal.
   *
   * @return true for a limit, false for a syntax error
   */
  public boolean isLimit() {
    return limit;
  }

  /**
   * The query as given.
   *
   * @return the query string, possibly null
   */
  public String query() {
    return query;
  }

  /**
   * The 1-based column of the problem, or -1 when unknown.
   *
   * @return the column in {@link #query()}, or -1
   */
  public int column() {
    return column;
  }

  /**
   * The offending token (e.g. a field name or operator), or null when unknown.
   *
   * @return the token as written in the query, or null
   */
  public String token() {
    return token;
  }
}
