package io.incidentsearch.tool;

import static io.incidentsearch.tool.ToolRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every title and headline of testdata, pasted as it is into {@code index-tool search}, exits 0 and
 * finds records: the incident titles and article headlines of fail-dev and fail-extra, and the
 * first line of every ko-dev news text.
 */
class PastedTitlesCommandTest {
  @TempDir static Path dir;
  static String index;

  @BeforeAll
  static void build() {
    Path testdata = ToolRun.testdata();
    index = dir.resolve("index").toString();
    ToolRun built =
        run(
            "build",
            "--full",
            "--index",
            index,
            testdata.resolve("fail-dev/incidents").toString(),
            testdata.resolve("fail-dev/articles").toString(),
            testdata.resolve("fail-extra/incidents").toString(),
            testdata.resolve("fail-extra/articles").toString(),
            testdata.resolve("ko-dev/stories").toString());
    assertEquals(0, built.exitCode(), built.toString());
  }

  /** The titles of every indexed record, and the first line of every ko-dev text. */
  static Set<String> titles() throws IOException {
    Set<String> titles = new TreeSet<>();
    ToolRun all = run("search", "--index", index, "--json", "--limit", "10000");
    assertEquals(0, all.exitCode(), all.toString());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> hits = (List<Map<String, Object>>) all.json().get("hits");
    assertTrue(hits.size() > 900, "the three corpora: " + hits.size());
    hits.forEach(h -> titles.add((String) h.get("title")));
    try (Stream<Path> files = Files.list(ToolRun.testdata().resolve("ko-dev/stories"))) {
      for (Path f : files.toList()) {
        titles.add(Files.readAllLines(f, StandardCharsets.UTF_8).get(0));
      }
    }
    titles.removeIf(String::isBlank);
    return titles;
  }

  @Test
  void everyTitleAndHeadlineExitsZeroWithResults() throws IOException {
    List<String> failed = new ArrayList<>();
    Set<String> titles = titles();
    for (String title : titles) {
      // After "--", as a script passes text: a headline may start with '-'.
      ToolRun r = run("search", "--index", index, "--json", "--limit", "1", "--", title);
      if (r.exitCode() != 0) {
        failed.add("exit " + r.exitCode() + ": " + title + " " + r.err().strip());
      } else if (((Number) r.json().get("total")).longValue() == 0) {
        failed.add("no results: " + title);
      }
    }
    assertTrue(titles.size() > 900, "titles: " + titles.size());
    assertEquals(List.of(), failed);
  }

  @Test
  void textStartingWithMinusIsSearchedAfterTheEndOfOptions() {
    ToolRun hackers = run("search", "--index", index, "--json", "hackers");
    ToolRun notSony = run("search", "--index", index, "--json", "--", "hackers", "-sony");
    assertEquals(0, notSony.exitCode(), notSony.toString());
    long all = ((Number) hackers.json().get("total")).longValue();
    long without = ((Number) notSony.json().get("total")).longValue();
    assertTrue(without > 0 && without < all, without + " of " + all);
    assertEquals(null, notSony.json().get("interpretedAs"), "Lucene's exclusion, as written");
    // In one argument it needs no "--".
    assertEquals(
        without,
        ((Number) run("search", "--index", index, "--json", "hackers -sony").json().get("total"))
            .longValue());
  }
}
