package io.incidentsearch.search;

/**
 * What one matched clause added to a score.
 *
 * @param field the index field
 * @param term the matched term as indexed (stemmed: {@code numbers} is {@code number}), a phrase in
 *     quotes, or a pattern/range for multi-term and date clauses
 * @param contribution the part of the score it gave, boosts included
 */
public record ScoreContribution(String field, String term, double contribution) {}
