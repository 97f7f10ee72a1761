package io.incidentsearch.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.TestCorpus;
import io.incidentsearch.engine.OpenIndexes;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.model.RecordType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows of src/docs/RELEVANCE.md that matter, kept honest: every dev query parses, the baseline
 * and the default ranking give the documented figures on the fail-dev judgments.
 */
class FailDevEvalTest {
  @TempDir static Path dir;
  private static IncidentIndex index;

  @BeforeAll
  static void build() throws IOException {
    index = IncidentIndex.openOrCreate(dir.resolve("index"));
    Path dev = TestCorpus.failDev();
    index.build(
        List.of(dev.resolve("incidents"), dev.resolve("articles")), BuildOptions.defaults());
  }

  @AfterAll
  static void close() throws IOException {
    index.close();
  }

  private static Qrels qrels(String name) throws IOException {
    Qrels q = Qrels.read(TestCorpus.failDev().resolve("qrels").resolve(name));
    assertTrue(q.problems().isEmpty(), q.problems().toString());
    return q;
  }

  @Test
  void judgedTypesAreInferredFromTheIndex() throws IOException {
    assertEquals(RecordType.INCIDENT, IndexRanker.inferType(index, List.of("2728", "2750")));
    assertEquals(RecordType.ARTICLE, IndexRanker.inferType(index, List.of("3663", "96761")));
  }

  @Test
  void defaultRankingOnBothJudgmentFiles() throws IOException {
    IndexRanker ranker = new IndexRanker(OpenIndexes.searcher(index));
    EvalReport a2i =
        Evaluator.evaluate(qrels("article-to-incident.tsv").queries(), ranker, RecordType.INCIDENT);
    EvalReport i2a =
        Evaluator.evaluate(qrels("incident-to-articles.tsv").queries(), ranker, RecordType.ARTICLE);
    assertEquals(45, a2i.queries());
    assertEquals(31, i2a.queries());
    for (EvalReport r : List.of(a2i, i2a)) {
      assertTrue(r.outcomes().stream().noneMatch(QueryOutcome::failed), r.worst(3).toString());
      assertEquals(1.0, r.mrr10(), 1e-9, r.worst(3).toString());
      assertEquals(1.0, r.recall10(), 1e-9);
      assertEquals(1.0, r.ndcg10(), 1e-9);
    }
  }

  @Test
  void baselineFigures() throws IOException {
    try (SingleFieldBaseline baseline = SingleFieldBaseline.of(index)) {
      EvalReport a2i =
          Evaluator.evaluate(
              qrels("article-to-incident.tsv").queries(), baseline, RecordType.INCIDENT);
      EvalReport i2a =
          Evaluator.evaluate(
              qrels("incident-to-articles.tsv").queries(), baseline, RecordType.ARTICLE);
      assertEquals(0.9741, a2i.mrr10(), 1e-4);
      assertEquals(0.9839, i2a.mrr10(), 1e-4);
      assertEquals(1.0, a2i.recall10(), 1e-9);
      assertEquals(1.0, i2a.recall10(), 1e-9);
    }
  }
}
