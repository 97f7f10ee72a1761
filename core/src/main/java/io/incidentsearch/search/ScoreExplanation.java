package io.incidentsearch.search;

import java.util.List;

/**
 * Why a record got its score for a query.
 *
 * @param key the record key
 * @param query how the query string was understood
 * @param matched whether the record matches the query at all
 * @param score the record's score
 * @param contributions every matched (field, term) clause with its part of the score, largest first
 * @param detail Lucene's full explanation tree, indented, for debugging
 */
public record ScoreExplanation(
    String key,
    String query,
    boolean matched,
    double score,
    List<ScoreContribution> contributions,
    String detail) {
  /** Copies the list. */
  public ScoreExplanation {
    contributions = List.copyOf(contributions);
  }
}
