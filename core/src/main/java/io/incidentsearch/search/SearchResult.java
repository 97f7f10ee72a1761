package io.incidentsearch.search;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of hits with the total and the facet counts.
 *
 * @param totalHits the number of matching records: exact when {@link #totalIsExact()}, else a lower
 *     bound ("at least")
 * @param totalIsExact whether {@code totalHits} is exact; always true unless the request allowed a
 *     lower bound ({@link SearchRequest#exactTotal()} false) and counted no facets
 * @param hits the page
 * @param facets the counts ({@link FacetCounts#EMPTY} when not asked for)
 * @param nextCursor a cursor for the next page ({@link SearchRequest#after()}), or null when this
 *     page is the last
 * @param query how the query string was understood (Lucene's rendering), for debugging
 * @param suggestion "did you mean": the query with every word the index does not know (or knows in
 *     a couple of records beside a far more common neighbour) replaced by the nearest indexed word;
 *     empty when there is none
 * @param interpretedAs the query string actually searched when it is not the one given ({@link
 *     SearchRequest#strictSyntax()} false): a query that is not valid syntax is searched as its
 *     words, e.g. {@code "IoT Goes Nuclear" Researchers Hack} for {@code "IoT Goes Nuclear":
 *     Researchers Hack}; a query with quoted phrases that matches nothing is searched again without
 *     its quotes, e.g. {@code Banking App Hacked} for {@code title:"Banking App Hacked"}; empty
 *     when the query ran as written
 */
public record SearchResult(
    long totalHits,
    boolean totalIsExact,
    List<Hit> hits,
    FacetCounts facets,
    String nextCursor,
    String query,
    Optional<String> suggestion,
    Optional<String> interpretedAs) {
  /** Copies the hits. */
  public SearchResult {
    hits = List.copyOf(hits);
    suggestion = Objects.requireNonNullElse(suggestion, Optional.empty());
    interpretedAs = Objects.requireNonNullElse(interpretedAs, Optional.empty());
  }

  /**
   * A result of a query that ran as written.
   *
   * @param totalHits the number of matching records, exact or a lower bound
   * @param totalIsExact whether {@code totalHits} is exact
   * @param hits the page
   * @param facets the counts, {@link FacetCounts#EMPTY} when not counted
   * @param nextCursor the cursor of the next page, or null when this page is the last
   * @param query how the query string was understood
   * @param suggestion "did you mean", or empty; null means empty
   */
  public SearchResult(
      long totalHits,
      boolean totalIsExact,
      List<Hit> hits,
      FacetCounts facets,
      String nextCursor,
      String query,
      Optional<String> suggestion) {
    this(totalHits, totalIsExact, hits, facets, nextCursor, query, suggestion, Optional.empty());
  }

  /**
   * A result with an exact total.
   *
   * @param totalHits the number of matching records
   * @param hits the page
   * @param facets the counts, {@link FacetCounts#EMPTY} when not counted
   * @param nextCursor the cursor of the next page, or null when this page is the last
   * @param query how the query string was understood
   * @param suggestion "did you mean", or empty; null means empty
   */
  public SearchResult(
      long totalHits,
      List<Hit> hits,
      FacetCounts facets,
      String nextCursor,
      String query,
      Optional<String> suggestion) {
    this(totalHits, true, hits, facets, nextCursor, query, suggestion);
  }

  /**
   * A result with an exact total and without a suggestion.
   *
   * @param totalHits the number of matching records
   * @param hits the page
   * @param facets the counts, {@link FacetCounts#EMPTY} when not counted
   * @param nextCursor the cursor of the next page, or null when this page is the last
   * @param query how the query string was understood
   */
  public SearchResult(
      long totalHits, List<Hit> hits, FacetCounts facets, String nextCursor, String query) {
    this(totalHits, true, hits, facets, nextCursor, query, Optional.empty());
  }
}
