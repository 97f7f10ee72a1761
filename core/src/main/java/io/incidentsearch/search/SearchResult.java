package io.incidentsearch.search;

import java.util.List;

/**
 * One page of hits with the exact total and the facet counts.
 *
 * @param totalHits the exact number of matching records
 * @param hits the page
 * @param facets the counts ({@link FacetCounts#EMPTY} when not asked for)
 * @param nextCursor a cursor for the next page ({@link SearchRequest#after()}), or null when
 *     this page is the last
 * @param query how the query string was understood (Lucene's rendering), for debugging
 */
public record SearchResult(
    long totalHits, List<Hit> hits, FacetCounts facets, String nextCursor, String query) {
  /** Copies the hits. */
  public SearchResult {
    hits = List.copyOf(hits);
  }
}
