package io.incidentsearch.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.formats.Problem;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.search.QuerySyntaxException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The judgment reader and the metrics, on a hand-made judgment file with known answers. */
class EvalArithmeticTest {
  private static final Path FILE = Path.of("hand.tsv");

  // Graded relevance, a duplicated row, a non-relevant row, a malformed row, a bad grade,
  // a query whose only relevant record comes at 12, a query that cannot be run, a tie of
  // equal grades, an extra column.
  private static final String QRELS =
      """
      query_id\tquery\trelevant_id\trelevance\tnote
      q1\talpha\tA\t2\tgraded
      q1\talpha\tB\t1
      q1\talpha\tB\t1
      q2\tbeta\tC\t1
      q3\tgamma\tD\t1
      q3\tgamma\tE\t0
      just one column
      q4\tdelta\tF\tmany
      q5\tepsilon\tG\t1
      q5\tepsilon\tH\t1
      """;

  private static List<String> ranking(String query) {
    return switch (query) {
      case "alpha" -> List.of("X", "B", "A");
      case "beta" -> List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "C");
      case "gamma" ->
          throw new QuerySyntaxException("Cannot parse query 'gamma'", "gamma", 1, null);
      case "epsilon" -> List.of("H", "Z", "G");
      default -> List.of();
    };
  }

  private static final Ranker RANKER = (q, type, depth) -> ranking(q);

  @Test
  void readsJudgmentsAndReportsBadRows() {
    Qrels q = Qrels.parse(FILE, QRELS);
    assertEquals(
        List.of("q1", "q2", "q3", "q5"), q.queries().stream().map(JudgedQuery::id).toList());
    assertEquals(Map.of("A", 2, "B", 1), q.queries().get(0).relevance()); // duplicate once
    assertEquals(Map.of("D", 1), q.queries().get(2).relevance()); // grade 0 dropped
    assertEquals(2, q.problems().size(), q.problems().toString());
    Problem columns = q.problems().get(0);
    assertEquals(8, columns.line());
    assertTrue(columns.isError() && columns.message().contains("4 tab-separated columns"));
    Problem grade = q.problems().get(1);
    assertEquals(9, grade.line());
    assertTrue(grade.message().contains("'many' is not a whole number"), grade.message());
  }

  @Test
  void emptyFileIsAProblemNotAnException() {
    Qrels q = Qrels.parse(FILE, "");
    assertTrue(q.queries().isEmpty());
    assertEquals(1, q.problems().size());
  }

  @Test
  void metricsPerQuery() throws IOException {
    EvalReport r =
        Evaluator.evaluate(Qrels.parse(FILE, QRELS).queries(), RANKER, RecordType.INCIDENT);
    QueryOutcome alpha = r.outcomes().get(0);
    assertEquals(0.5, alpha.reciprocalRank(), 1e-9);
    assertEquals(1.0, alpha.recall(), 1e-9);
    // DCG = 1/log2(3) + 2/log2(4); ideal = 2/log2(2) + 1/log2(3)
    double dcg = 1 / log2(3) + 2 / log2(4);
    double ideal = 2 + 1 / log2(3);
    assertEquals(dcg / ideal, alpha.ndcg(), 1e-9);
    assertEquals(Map.of("A", 3, "B", 2), alpha.ranks());

    QueryOutcome beta = r.outcomes().get(1); // found, but below the cut-off
    assertEquals(0, beta.reciprocalRank());
    assertEquals(0, beta.recall());
    assertEquals(0, beta.ndcg());
    assertEquals(Map.of("C", 12), beta.ranks());
    assertEquals(10, beta.top().size());

    QueryOutcome gamma = r.outcomes().get(2); // the query fails: a miss, not an abort
    assertTrue(gamma.failed());
    assertTrue(gamma.error().contains("Cannot parse"), gamma.error());
    assertEquals(Map.of("D", 0), gamma.ranks());

    QueryOutcome epsilon = r.outcomes().get(3); // two equal grades: ideal order is either
    assertEquals(1.0, epsilon.reciprocalRank());
    assertEquals((1 + 1 / log2(4)) / (1 + 1 / log2(3)), epsilon.ndcg(), 1e-9);
    assertNull(epsilon.error());
  }

  @Test
  void meansOverEveryQueryWithFailuresAsZero() throws IOException {
    EvalReport r =
        Evaluator.evaluate(Qrels.parse(FILE, QRELS).queries(), RANKER, RecordType.INCIDENT);
    assertEquals(4, r.queries());
    assertEquals((0.5 + 0 + 0 + 1) / 4, r.mrr10(), 1e-9);
    assertEquals((1 + 0 + 0 + 1) / 4.0, r.recall10(), 1e-9);
    double alpha = (1 / log2(3) + 2 / log2(4)) / (2 + 1 / log2(3));
    double epsilon = (1 + 1 / log2(4)) / (1 + 1 / log2(3));
    assertEquals((alpha + epsilon) / 4, r.ndcg10(), 1e-9);
    // Failed first, then by nDCG: gamma, beta, alpha, epsilon.
    assertEquals(
        List.of("q3", "q2", "q1", "q5"), r.worst(10).stream().map(QueryOutcome::id).toList());
    assertEquals(List.of("q3"), r.worst(1).stream().map(QueryOutcome::id).toList());
  }

  @Test
  void metricsOnEdgeRankings() {
    Map<String, Integer> rel = Map.of("A", 1);
    assertEquals(0, Metrics.reciprocalRank(List.of(), rel, 10));
    assertEquals(0, Metrics.ndcg(List.of("A"), Map.of(), 10));
    // A repeated id counts once, at its first rank.
    assertEquals(1.0, Metrics.recall(List.of("A", "A"), Map.of("A", 1, "B", 1), 10) * 2, 1e-9);
    assertEquals(1.0, Metrics.ndcg(List.of("A", "A"), rel, 10), 1e-9);
    // The cut-off: rank 11 is not in the top 10.
    List<String> eleven =
        new ArrayList<>(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "A"));
    assertEquals(0, Metrics.reciprocalRank(eleven, rel, 10));
    assertEquals(1.0 / 11, Metrics.reciprocalRank(eleven, rel, 11), 1e-9);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
