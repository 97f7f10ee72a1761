package io.incidentsearch.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one judged query fared.
 *
 * @param id the query id
 * @param query the query text
 * @param ranks every relevant id to the 1-based rank it came at in the evaluated depth, or 0 when
 *     it was not found there (or the query failed)
 * @param reciprocalRank 1 / rank of the first relevant record in the top 10, else 0
 * @param recall the share of relevant records in the top 10
 * @param ndcg nDCG at 10
 * @param top the ids of the first 10 results
 * @param error why the query could not be run, or null when it ran
 */
public record QueryOutcome(
    String id,
    String query,
    Map<String, Integer> ranks,
    double reciprocalRank,
    double recall,
    double ndcg,
    List<String> top,
    String error) {
  /** Copies the collections. */
  public QueryOutcome {
    ranks = Collections.unmodifiableMap(new LinkedHashMap<>(ranks));
    top = List.copyOf(top);
  }

  /**
   * Whether the query could not be run.
   *
   * @return true when {@link #error()} is set
   */
  public boolean failed() {
    return error != null;
  }
}
