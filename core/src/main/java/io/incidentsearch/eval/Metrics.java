package io.incidentsearch.eval;

import java.util.List;
import java.util.Map;

/**
 * The ranking metrics of an evaluation, computed over the first {@code k} ids of a ranking (ids are
 * bare record ids; an id appearing twice counts at its first rank only).
 *
 * <ul>
 *   <li><b>Reciprocal rank</b>: 1 / the rank of the first relevant id, 0 when none is in the top
 *       {@code k}.
 *   <li><b>Recall</b>: the share of relevant ids found in the top {@code k}.
 *   <li><b>nDCG</b>: discounted cumulative gain with the grade as gain (as trec_eval does) and
 *       discount log2(rank + 1), divided by the gain of the ideal ranking (grades sorted in
 *       decreasing order, cut at {@code k}).
 * </ul>
 */
final class Metrics {
  private Metrics() {}

  /** 1 / rank of the first relevant id in the top {@code k}, else 0. */
  public static double reciprocalRank(List<String> ranking, Map<String, Integer> relevance, int k) {
    for (int i = 0; i < Math.min(k, ranking.size()); i++) {
      if (relevance.getOrDefault(ranking.get(i), 0) > 0 && firstAt(ranking, i)) {
        return 1.0 / (i + 1);
      }
    }
    return 0;
  }

  /** The share of relevant ids in the top {@code k}; 0 when nothing is relevant. */
  public static double recall(List<String> ranking, Map<String, Integer> relevance, int k) {
    long relevant = relevance.values().stream().filter(g -> g > 0).count();
    if (relevant == 0) {
      return 0;
    }
    int found = 0;
    for (int i = 0; i < Math.min(k, ranking.size()); i++) {
      if (relevance.getOrDefault(ranking.get(i), 0) > 0 && firstAt(ranking, i)) {
        found++;
      }
    }
    return (double) found / relevant;
  }

  /** Normalised discounted cumulative gain at {@code k}; 0 when nothing is relevant. */
  public static double ndcg(List<String> ranking, Map<String, Integer> relevance, int k) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranking.size()); i++) {
      int grade = relevance.getOrDefault(ranking.get(i), 0);
      if (grade > 0 && firstAt(ranking, i)) {
        dcg += grade / log2(i + 2);
      }
    }
    List<Integer> ideal =
        relevance.values().stream().filter(g -> g > 0).sorted((a, b) -> b - a).toList();
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.size()); i++) {
      idcg += ideal.get(i) / log2(i + 2);
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  private static boolean firstAt(List<String> ranking, int i) {
    return ranking.indexOf(ranking.get(i)) == i;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
