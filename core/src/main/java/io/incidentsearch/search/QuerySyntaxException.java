package io.incidentsearch.search;

/**
 * A query string that cannot be parsed, or that names a field the index does not know. The message
 * says where (column, offending token) and what to do; {@link #column()} and {@link #token()} give
 * the same for programs.
 */
public final class QuerySyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String query;
  private final int column;
  private final String token;
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
   */
  public boolean isLimit() {
    return limit;
  }

  /** The query as given. */
  public String query() {
    return query;
  }

  /** The 1-based column of the problem, or -1 when unknown. */
  public int column() {
    return column;
  }

  /** The offending token (e.g. a field name or operator), or null when unknown. */
  public String token() {
    return token;
  }
}
