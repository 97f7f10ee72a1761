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
    assertTrue(r.out().startsWith("2 queries from "), r.out());
    assertTrue(r.out().contains("ranking incident records (default)"), r.out());
    assertTrue(r.out().contains("MRR@10     1.0000"), r.out());
    assertTrue(r.out().contains("nDCG@10    1.0000"), r.out());
    assertTrue(r.out().contains("every query ranks all its relevant records first"), r.out());
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
    Map<String, Object> j = r.json();
    assertEquals(4L, j.get("queries"));
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
    assertEquals("baseline", r.json().get("ranking"));
    assertEquals("incident", r.json().get("type"));
  }

  @Test
  void exitCodes() throws IOException {
    ToolRun bad =
        run("eval", "--index", idx(), "--qrels", qrels(GOOD + "only\tthree\tcols\n").toString());
    assertEquals(ExitCodes.INPUTS_REJECTED, bad.exitCode(), bad.toString());
    assertTrue(bad.err().contains(":4: error: expected 4 tab-separated columns"), bad.err());
    assertTrue(bad.out().contains("2 queries"), bad.out());

    ToolRun missing = run("eval", "--index", idx(), "--qrels", dir.resolve("nope.tsv").toString());
    assertEquals(ExitCodes.USAGE, missing.exitCode(), missing.toString());
    assertTrue(missing.err().contains("no judgment file at"), missing.err());

    ToolRun empty = run("eval", "--index", idx(), "--qrels", qrels("").toString());
    assertEquals(ExitCodes.USAGE, empty.exitCode(), empty.toString());

    ToolRun ranking =
        run("eval", "--index", idx(), "--qrels", qrels(GOOD).toString(), "--ranking", "magic");
    assertEquals(ExitCodes.USAGE, ranking.exitCode(), ranking.toString());
    assertTrue(
        ranking.err().contains("known: baseline, fields, boosts, proximity, default"),
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
