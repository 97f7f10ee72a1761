package io.incidentsearch.eval;

import io.incidentsearch.model.RecordType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every query of a judgment file through a {@link Ranker} and scores the rankings with {@link
 * Metrics} at 10. One query that cannot be run (a syntax error, say) never stops the evaluation: it
 * is reported with its error, every relevant record at rank "none", and 0 in each metric. Only an
 * unreadable index (an {@link IOException}) ends it.
 */
final class Evaluator {
  /** The cut-off of every metric. */
  public static final int K = 10;

  /** How deep rankings are read, so the worst queries can say where a record came. */
  public static final int DEPTH = 100;

  private Evaluator() {}

  /**
   * Evaluates {@code ranker} on {@code queries}, ranking records of type {@code type}.
   *
   * @throws IOException when the index cannot be read
   */
  public static EvalReport evaluate(List<JudgedQuery> queries, Ranker ranker, RecordType type)
      throws IOException {
    List<QueryOutcome> outcomes = new ArrayList<>();
    double mrr = 0;
    double recall = 0;
    double ndcg = 0;
    for (JudgedQuery q : queries) {
      QueryOutcome o = outcome(q, ranker, type);
      outcomes.add(o);
      mrr += o.reciprocalRank();
      recall += o.recall();
      ndcg += o.ndcg();
    }
    int n = queries.size();
    return n == 0
        ? new EvalReport(0, 0, 0, 0, outcomes)
        : new EvalReport(n, mrr / n, recall / n, ndcg / n, outcomes);
  }

  private static QueryOutcome outcome(JudgedQuery q, Ranker ranker, RecordType type)
      throws IOException {
    List<String> ranking;
    try {
      ranking = ranker.rank(q.text(), type, DEPTH);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (RuntimeException e) {
      Map<String, Integer> none = new LinkedHashMap<>();
      q.relevance().keySet().forEach(id -> none.put(id, 0));
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      return new QueryOutcome(q.id(), q.text(), none, 0, 0, 0, List.of(), why);
    }
    Map<String, Integer> ranks = new LinkedHashMap<>();
    for (String id : q.relevance().keySet()) {
      ranks.put(id, ranking.indexOf(id) + 1);
    }
    return new QueryOutcome(
        q.id(),
        q.text(),
        ranks,
        Metrics.reciprocalRank(ranking, q.relevance(), K),
        Metrics.recall(ranking, q.relevance(), K),
        Metrics.ndcg(ranking, q.relevance(), K),
        ranking.subList(0, Math.min(K, ranking.size())),
        null);
  }
}
