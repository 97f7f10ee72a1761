package io.incidentsearch.search;

/** The order of search hits. */
public enum SortOrder {
  /** Best BM25 score first; equal scores in record key order, so pages are deterministic. */
  RELEVANCE,
  /** Latest published date first; records without a date last. */
  NEWEST,
  /** Earliest published date first; records without a date last. */
  OLDEST
}
