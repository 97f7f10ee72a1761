package io.incidentsearch.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.TestCorpus;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.model.RecordType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-collection table of src/docs/RELEVANCE.md, kept honest: the five judgment files in one
 * {@link EvalSuite#run}, each on its index (fail-dev pages; fail-dev and fail-extra pages; ko-dev
 * stories). Baseline figures are pinned to 4 decimals; so are the default ranking's, as a guard
 * against unmeasured changes (a change to the ranking or the query parser updates this test and the
 * table together).
 */
class AllCollectionsEvalTest {
  @TempDir static Path dir;
  static List<EvalSuite.Collection> collections;

  @BeforeAll
  static void build() throws IOException {
    Path dev = TestCorpus.failDev();
    Path extra = TestCorpus.failExtra();
    Path devIndex = dir.resolve("dev");
    Path extraIndex = dir.resolve("extra");
    Path koIndex = dir.resolve("ko");
    IncidentIndex.build(
        devIndex,
        List.of(dev.resolve("incidents"), dev.resolve("articles")),
        BuildOptions.defaults().full(true));
    IncidentIndex.build(
        extraIndex,
        List.of(
            dev.resolve("incidents"),
            dev.resolve("articles"),
            extra.resolve("incidents"),
            extra.resolve("articles")),
        BuildOptions.defaults().full(true));
    IncidentIndex.build(
        koIndex,
        List.of(TestCorpus.koDev().resolve("stories")),
        BuildOptions.defaults().full(true));
    collections = new ArrayList<>();
    collections.add(collection(dev, "article-to-incident.tsv", devIndex));
    collections.add(collection(dev, "incident-to-articles.tsv", devIndex));
    collections.add(collection(extra, "article-to-incident.tsv", extraIndex));
    collections.add(collection(extra, "incident-to-articles.tsv", extraIndex));
    collections.add(collection(TestCorpus.koDev(), "same-story.tsv", koIndex));
    // fail-extra's article headlines, judged also by fail-dev's judgments of the same articles:
    // idx-extra holds both sets of incidents, and fail-dev's judge some of them relevant too.
    EvalSuite.Collection extraA2i = collections.get(2);
    collections.add(
        new EvalSuite.Collection(
            extraA2i.name() + "+fail-dev",
            extraA2i.judgments().completedWith(collections.get(0).judgments()),
            extraIndex));
  }

  private static EvalSuite.Collection collection(Path set, String file, Path index)
      throws IOException {
    Path path = set.resolve("qrels").resolve(file);
    Qrels q = Qrels.read(path);
    assertTrue(q.problems().isEmpty(), q.problems().toString());
    return new EvalSuite.Collection(set.getFileName() + "/" + file, q, index);
  }

  /** Queries, errors, MRR@10, Recall@10, nDCG@10 and the type ranked, one line per file. */
  private static List<String> rows(String ranking) throws IOException {
    List<String> rows = new ArrayList<>();
    for (EvalSuite.Result r : EvalSuite.run(collections, ranking, null)) {
      EvalReport e = r.report();
      rows.add(
          String.format(
              java.util.Locale.ROOT,
              "%s %s %d %d %.4f %.4f %.4f",
              r.collection().name(),
              r.type().key(),
              e.queries(),
              e.errors(),
              e.mrr10(),
              e.recall10(),
              e.ndcg10()));
    }
    return rows;
  }

  @Test
  void baseline() throws IOException {
    assertEquals(
        List.of(
            "fail-dev/article-to-incident.tsv incident 45 0 0.9741 1.0000 0.9807",
            "fail-dev/incident-to-articles.tsv article 31 0 0.9839 1.0000 0.9833",
            "fail-extra/article-to-incident.tsv incident 70 0 0.7893 1.0000 0.8429",
            "fail-extra/incident-to-articles.tsv article 56 0 0.9821 1.0000 0.9829",
            "ko-dev/same-story.tsv article 69 0 0.9106 0.7530 0.8556",
            "fail-extra/article-to-incident.tsv+fail-dev incident 70 0 0.9000 1.0000 0.9245"),
        rows(EvalSuite.BASELINE));
  }

  @Test
  void defaultRanking() throws IOException {
    // Every headline runs: those that are not query syntax ("[FINAL Edition]", "behind me':")
    // are searched as their words.
    assertEquals(
        List.of(
            "fail-dev/article-to-incident.tsv incident 45 0 1.0000 1.0000 1.0000",
            "fail-dev/incident-to-articles.tsv article 31 0 1.0000 1.0000 1.0000",
            "fail-extra/article-to-incident.tsv incident 70 0 0.8073 1.0000 0.8560",
            "fail-extra/incident-to-articles.tsv article 56 0 0.9792 1.0000 0.9845",
            "ko-dev/same-story.tsv article 69 0 0.9420 0.7548 0.8598",
            "fail-extra/article-to-incident.tsv+fail-dev incident 70 0 0.9287 1.0000 0.9456"),
        rows("default"));
  }

  @Test
  void feedbackRanking() throws IOException {
    // What `search --feedback` ranks by: at or above the baseline on every file and measure.
    assertEquals(
        List.of(
            "fail-dev/article-to-incident.tsv incident 45 0 1.0000 1.0000 1.0000",
            "fail-dev/incident-to-articles.tsv article 31 0 1.0000 1.0000 1.0000",
            "fail-extra/article-to-incident.tsv incident 70 0 0.8238 1.0000 0.8697",
            "fail-extra/incident-to-articles.tsv article 56 0 0.9821 1.0000 0.9868",
            "ko-dev/same-story.tsv article 69 0 0.9191 0.8025 0.8985",
            "fail-extra/article-to-incident.tsv+fail-dev incident 70 0 0.9595 1.0000 0.9699"),
        rows("feedback"));
  }

  @Test
  void completedJudgmentsAddOnlyOtherFilesJudgmentsOfTheSameQueries() {
    Qrels extra = collections.get(2).judgments();
    Qrels completed = collections.get(5).judgments();
    assertEquals(
        extra.queries().stream().map(JudgedQuery::id).toList(),
        completed.queries().stream().map(JudgedQuery::id).toList());
    int added = 0;
    for (int i = 0; i < extra.queries().size(); i++) {
      Map<String, Integer> before = extra.queries().get(i).relevance();
      Map<String, Integer> after = completed.queries().get(i).relevance();
      assertTrue(after.keySet().containsAll(before.keySet()));
      added += after.size() - before.size();
    }
    assertEquals(33, added);
    // Article 3663 is cited by fail-extra's incident 25 and by fail-dev's 2728 (the same event).
    assertEquals(
        Set.of("25", "2728"),
        completed.queries().stream()
            .filter(q -> q.id().equals("3663"))
            .findFirst()
            .orElseThrow()
            .relevance()
            .keySet());
  }

  @Test
  void recallCeilingCountsTheStoriesOfMoreThanTenArticles() throws IOException {
    // ko-dev's stories of more than 10 other reports cannot have them all in a top 10.
    EvalReport ko =
        EvalSuite.run(collections.subList(4, 5), EvalSuite.BASELINE, null).get(0).report();
    assertEquals(0.8922, ko.recall10Ceiling(), 0.00005);
    EvalReport dev =
        EvalSuite.run(collections.subList(0, 1), EvalSuite.BASELINE, null).get(0).report();
    assertEquals(1.0, dev.recall10Ceiling());
  }

  @Test
  void typesAreInferredPerFile() throws IOException {
    List<RecordType> types =
        EvalSuite.run(collections.subList(0, 2), "default", null).stream()
            .map(EvalSuite.Result::type)
            .toList();
    assertEquals(List.of(RecordType.INCIDENT, RecordType.ARTICLE), types);
  }
}
