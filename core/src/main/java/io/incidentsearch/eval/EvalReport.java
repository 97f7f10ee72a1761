package io.incidentsearch.eval;

import java.util.Comparator;
import java.util.List;

/**
 * The result of an evaluation: mean metrics at 10 over every judged query (a failed query counts as
 * 0 in each), and the outcome of each query.
 *
 * @param queries how many queries were evaluated
 * @param mrr10 mean reciprocal rank at 10
 * @param recall10 mean recall at 10
 * @param ndcg10 mean nDCG at 10
 * @param outcomes one per query, in the judgment file's order
 */
public record EvalReport(
    int queries, double mrr10, double recall10, double ndcg10, List<QueryOutcome> outcomes) {
  /** Copies the outcomes. */
  public EvalReport {
    outcomes = List.copyOf(outcomes);
  }

  /**
   * How many queries could not be run (each counted as 0 in every metric).
   *
   * @return the number of failed outcomes
   */
  public int errors() {
    return (int) outcomes.stream().filter(QueryOutcome::failed).count();
  }

  /**
   * The highest mean Recall@10 any ranking could reach: a query with more than 10 relevant records
   * can have only 10 of them in its top 10. Read recall against this, not against 1.
   *
   * @return the mean over the outcomes of min(10, relevant) / relevant, between 0 and 1 (0 when
   *     there is no outcome)
   */
  public double recall10Ceiling() {
    return outcomes.stream()
        .mapToDouble(
            o ->
                o.ranks().isEmpty()
                    ? 1
                    : Math.min(10, o.ranks().size()) / (double) o.ranks().size())
        .average()
        .orElse(0);
  }

  /**
   * The {@code n} worst queries: failed ones first, then by increasing nDCG, reciprocal rank and
   * recall (file order among equals); queries with every metric at 1 are never listed.
   *
   * @param n the most queries listed; 0 or less lists none
   * @return up to {@code n} outcomes, worst first
   */
  public List<QueryOutcome> worst(int n) {
    return outcomes.stream()
        .filter(o -> o.failed() || o.ndcg() < 1 || o.reciprocalRank() < 1 || o.recall() < 1)
        .sorted(
            Comparator.comparing((QueryOutcome o) -> !o.failed())
                .thenComparingDouble(QueryOutcome::ndcg)
                .thenComparingDouble(QueryOutcome::reciprocalRank)
                .thenComparingDouble(QueryOutcome::recall))
        .limit(Math.max(0, n))
        .toList();
  }
}
