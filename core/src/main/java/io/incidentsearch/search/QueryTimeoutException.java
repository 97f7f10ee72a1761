package io.incidentsearch.search;

import java.time.Duration;

/**
 * A search took longer than its {@link SearchRequest#timeout()} and was stopped: its results would
 * have been incomplete, so none are given. The message says what to do (a more specific query, or a
 * longer timeout).
 */
public final class QueryTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The query string as given. */
  private final String query;

  private final transient Duration timeout;

  /**
   * A search of {@code query} stopped after {@code timeout}.
   *
   * @param query the query string as given
   * @param timeout the time it was allowed
   */
  public QueryTimeoutException(String query, Duration timeout) {
    super(
        "Query '"
            + shown(query)
            + "' took longer than "
            + seconds(timeout)
            + " and was stopped; make it more specific (fewer wildcards, fuzzy terms or regular"
            + " expressions, a filter), or allow more time");
    this.query = query;
    this.timeout = timeout;
  }

  /**
   * The query string as given.
   *
   * @return the query, possibly null
   */
  public String query() {
    return query;
  }

  /**
   * The time the search was allowed.
   *
   * @return the request's timeout; null after deserialization, as it is not serialized
   */
  public Duration timeout() {
    return timeout;
  }

  private static String shown(String query) {
    String q = query == null ? "" : query;
    return q.length() <= 80 ? q : q.substring(0, 77) + "...";
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0
        ? (ms / 1000) + " s"
        : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
