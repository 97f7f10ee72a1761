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

  /**
   * A syntax error.
   *
   * @param message what is wrong and what to do
   * @param query the query as given
   * @param column the 1-based column of the problem, or -1 when unknown
   * @param token the offending token, or null when unknown
   */
  public QuerySyntaxException(String message, String query, int column, String token) {
    super(message);
    this.query = query;
    this.column = column;
    this.token = token;
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
