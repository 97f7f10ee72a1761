package io.incidentsearch.tool;

import static io.incidentsearch.tool.ToolRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code index-tool eval} in this process, on the real pages of {@code testdata/archive}. */
class EvalCommandTest {
  @TempDir static Path dir;

  private static String idx() {
    return dir.resolve("index").toString();
  }

  @BeforeAll
  static void build() {
    ToolRun b = run("build", "--index", idx(), ToolRun.archive().toString());
    assertEquals(0, b.exitCode(), b.toString());
  }

  /** Headlines of testdata articles, judged against the incidents citing them. */
  private static Path qrels(String rows) throws IOException {
    Path f = Files.createTempFile(dir, "qrels", ".tsv");
    Files.writeString(
        f, "query_id\tquery\trelevant_id\trelevance\n" + rows, StandardCharsets.UTF_8);
    return f;
  }

  private static final String GOOD =
      "96761\tTwitter says state-backed actors may have accessed users' phone numbers\t2750\t1\n"
          + "77003\tToyota recalls 2.4 million Prius, Auris hybrids for software-related"
          + " stalling\t2745\t1\n";

  @Test
  void humanReport() throws IOException {
    ToolRun r = run("eval", "--index", idx(), "--qrels", qrels(GOOD).toString());
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().startsWith("ranking default: "), r.out());
    List<String> lines = r.out().lines().toList();
    assertEquals(
        List.of(
            "qrels",
            "index",
            "type",
            "queries",
            "MRR@10",
            "Recall@10",
            "(max)",
            "nDCG@10",
            "errors"),
        List.of(lines.get(2).trim().split("\\s+")));
    List<String> row = List.of(lines.get(3).trim().split("\\s+"));
    assertEquals(
        List.of("incident", "2", "1.0000", "1.0000", "1.0000", "1.0000", "0"),
        row.subList(2, 9),
        r.out());
    assertTrue(r.out().contains("every query ranks all its relevant records first"), r.out());
  }

  @Test
  void severalJudgmentFilesEachOnItsIndex() throws IOException {
    // The second file's index is given after '='; the first uses --index. One errored query.
    Path other = dir.resolve("other-index");
    assertEquals(
        0, run("build", "--index", other.toString(), ToolRun.archive().toString()).exitCode());
    Path first = qrels(GOOD);
    Path second = qrels(GOOD + "x1\tbroken /a++++/\t2750\t1\n");
    ToolRun human =
        run(
            "eval",
            "--index",
            idx(),
            "--qrels",
            first.toString(),
            "--qrels",
            second + "=" + other,
            "--worst",
            "1");
    assertEquals(0, human.exitCode(), human.toString());
    List<String> lines = human.out().lines().toList();
    assertEquals(
        List.of(
            first.toString(), idx(), "incident", "2", "1.0000", "1.0000", "1.0000", "1.0000", "0"),
        List.of(lines.get(3).trim().split("\\s+")),
        human.out());
    assertEquals(
        List.of(
            second.toString(),
            other.toString(),
            "incident",
            "3",
            "0.6667",
            "0.6667",
            "1.0000",
            "0.6667",
            "1"),
        List.of(lines.get(4).trim().split("\\s+")),
        human.out());
    assertTrue(human.out().contains("worst queries of " + second), human.out());
    assertTrue(human.out().contains("failed: "), human.out());

    ToolRun json =
        run(
            "eval",
            "--index",
            idx(),
            "--qrels",
            first.toString(),
            "--qrels",
            second + "=" + other,
            "--json");
    assertEquals(0, json.exitCode(), json.toString());
    List<Map<String, Object>> reports = json.jsonArray();
    assertEquals(2, reports.size());
    assertEquals(first.toString(), reports.get(0).get("qrels"));
    assertEquals(idx(), reports.get(0).get("index"));
    assertEquals(0L, reports.get(0).get("errors"));
    assertEquals(second.toString(), reports.get(1).get("qrels"));
    assertEquals(other.toString(), reports.get(1).get("index"));
    assertEquals(3L, reports.get(1).get("queries"));
    assertEquals(1L, reports.get(1).get("errors"));
    assertEquals(0.6667, (Double) reports.get(1).get("mrr10"), 1e-9);

    ToolRun missing =
        run("eval", "--qrels", first.toString(), "--qrels", first + "=" + dir.resolve("none"));
    assertEquals(ExitCodes.INDEX_PROBLEM, missing.exitCode(), missing.toString());
  }

  @Test
  void judgmentsCompletedByAnotherFile() throws IOException {
    // The second file judges one more record relevant to the first query (an id no record has,
    // so recall halves); its other rows are of another query text or another query: not added.
    Path first = qrels(GOOD);
    Path more =
        qrels(
            "96761\tTwitter says state-backed actors may have accessed users' phone numbers"
                + "\tno-such-incident\t1\n"
                + "77003\tanother text\tno-such-incident\t1\n"
                + "x9\ta query of its own\t2750\t1\n");
    ToolRun r =
        run("eval", "--index", idx(), "--qrels", first + "+" + more + "=" + idx(), "--json");
    assertEquals(0, r.exitCode(), r.toString());
    Map<String, Object> report = r.jsonArray().get(0);
    assertEquals(first + "+" + more, report.get("qrels"));
    assertEquals(2L, report.get("queries"));
    assertEquals(1.0, (Double) report.get("mrr10"), 1e-9);
    assertEquals(0.75, (Double) report.get("recall10"), 1e-9);
    assertEquals(1.0, (Double) report.get("recall10Ceiling"), 1e-9);

    ToolRun missing = run("eval", "--index", idx(), "--qrels", first + "+" + dir.resolve("nope"));
    assertEquals(ExitCodes.USAGE, missing.exitCode(), missing.toString());
    assertTrue(missing.err().contains("no judgment file at " + dir.resolve("nope")), missing.err());
  }

  @Test
  void jsonWithAFailedQueryAndAMiss() throws IOException {
    // A refused query (a limit: text that is not syntax is searched as words) and an id that is
    // no incident: both reported, neither stops it.
    String rows = GOOD + "x1\tbroken /a++++/\t2750\t1\n" + "x2\tTwitter phone\t9999999\t1\n";
    ToolRun r =
        run(
            "eval",
            "--index",
            idx(),
            "--qrels",
            qrels(rows).toString(),
            "--json",
            "--type",
            "incident");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(1, r.jsonArray().size());
    Map<String, Object> j = r.jsonArray().get(0);
    assertEquals(4L, j.get("queries"));
    assertEquals(1L, j.get("errors"));
    assertEquals(0.5, (Double) j.get("mrr10"), 1e-9);
    assertEquals(0.5, (Double) j.get("recall10"), 1e-9);
    assertEquals(0.5, (Double) j.get("ndcg10"), 1e-9);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> worst = (List<Map<String, Object>>) j.get("worst");
    assertEquals(2, worst.size(), worst.toString());
    Map<String, Object> failed = worst.get(0);
    assertEquals("x1", failed.get("id"));
    assertTrue(((String) failed.get("error")).contains("broken /a++++/"), failed.toString());
    @SuppressWarnings("unchecked")
    Map<String, Object> ranks = (Map<String, Object>) failed.get("ranks");
    assertTrue(ranks.containsKey("2750"));
    assertNull(ranks.get("2750"));
    assertEquals("x2", worst.get(1).get("id"));
    assertNull(worst.get(1).get("error"));
  }

  @Test
  void baselineRanking() throws IOException {
    ToolRun r =
        run(
            "eval",
            "--index",
            idx(),
            "--qrels",
            qrels(GOOD).toString(),
            "--json",
            "--ranking",
            "baseline");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals("baseline", r.jsonArray().get(0).get("ranking"));
    assertEquals("incident", r.jsonArray().get(0).get("type"));
  }

  @Test
  void exitCodes() throws IOException {
    ToolRun bad =
        run("eval", "--index", idx(), "--qrels", qrels(GOOD + "only\tthree\tcols\n").toString());
    assertEquals(ExitCodes.INPUTS_REJECTED, bad.exitCode(), bad.toString());
    assertTrue(bad.err().contains(":4: error: expected 4 tab-separated columns"), bad.err());
    assertTrue(bad.out().contains("incident        2  1.0000"), bad.out());

    ToolRun missing = run("eval", "--index", idx(), "--qrels", dir.resolve("nope.tsv").toString());
    assertEquals(ExitCodes.USAGE, missing.exitCode(), missing.toString());
    assertTrue(missing.err().contains("no judgment file at"), missing.err());

    ToolRun empty = run("eval", "--index", idx(), "--qrels", qrels("").toString());
    assertEquals(ExitCodes.USAGE, empty.exitCode(), empty.toString());

    ToolRun ranking =
        run("eval", "--index", idx(), "--qrels", qrels(GOOD).toString(), "--ranking", "magic");
    assertEquals(ExitCodes.USAGE, ranking.exitCode(), ranking.toString());
    assertTrue(
        ranking.err().contains("known: baseline, page, linked, proximity, default, feedback"),
        ranking.err());

    ToolRun noIndex =
        run("eval", "--index", dir.resolve("none").toString(), "--qrels", qrels(GOOD).toString());
    assertEquals(ExitCodes.INDEX_PROBLEM, noIndex.exitCode(), noIndex.toString());
  }

  @Test
  void searchPrintsDidYouMean() {
    ToolRun human = run("search", "--index", idx(), "twiter");
    assertEquals(0, human.exitCode(), human.toString());
    assertTrue(human.out().contains("did you mean: twitter"), human.out());
    ToolRun json = run("search", "--index", idx(), "--json", "twiter");
    assertEquals("twitter", json.json().get("suggestion"));
    assertNull(run("search", "--index", idx(), "--json", "twitter").json().get("suggestion"));
  }
}
