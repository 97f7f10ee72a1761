package io.incidentsearch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.TestCorpus;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.search.Hit;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import io.incidentsearch.search.SortOrder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hits that tie are ordered by record key, so the same inputs give the same pages however the index
 * was built: a clean build of fail-dev and fail-extra, the same files added in two steps, and a
 * build where a file was changed and then restored (each incremental). Doc ids differ between them;
 * the hits and their order must not, through several cursor pages, wherever the order does not
 * depend on BM25 scores: queries whose hits all score alike (a category filter, every record) in
 * every sort, and text queries in the date sorts. Text scores themselves may differ after an
 * incremental build, as Lucene counts deleted documents in the BM25 statistics until a merge drops
 * them (src/docs/DESIGN.md).
 */
class StablePagesTest {
  @TempDir static Path dir;
  static Path archive;
  static List<Path> all;
  static List<Path> devOnly;

  private static final List<String> QUERIES =
      List.of("phase:design", "software glitch", "", "phone numbers leaked");

  /** Queries every hit of which has the same score. */
  private static final List<String> TIED = List.of("phase:design", "");

  /** A page size that makes every query take several pages. */
  private static final int PAGE = 7;

  @BeforeAll
  static void copyFixtures() throws IOException {
    archive = dir.resolve("archive");
    for (String set : List.of("fail-dev", "fail-extra")) {
      for (String sub : List.of("incidents", "articles")) {
        Path from = TestCorpus.folder(set).resolve(sub);
        Path to = archive.resolve(set).resolve(sub);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
          for (Path f : files.toList()) {
            Files.copy(f, to.resolve(f.getFileName()));
          }
        }
      }
    }
    devOnly = List.of(archive.resolve("fail-dev/incidents"), archive.resolve("fail-dev/articles"));
    all =
        List.of(
            archive.resolve("fail-dev/incidents"),
            archive.resolve("fail-dev/articles"),
            archive.resolve("fail-extra/incidents"),
            archive.resolve("fail-extra/articles"));
  }

  /** Whether the order of {@code query} in {@code sort} depends on nothing but ties and dates. */
  private static boolean scoreFree(String query, SortOrder sort) {
    return sort != SortOrder.RELEVANCE || TIED.contains(query);
  }

  /** Every page of {@code query} in {@code sort}, one line per hit: its key. */
  private static List<String> pages(IncidentIndex index, String query, SortOrder sort)
      throws IOException {
    List<String> out = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      SearchResult r =
          index.search(
              SearchRequest.builder()
                  .query(query)
                  .sort(sort)
                  .limit(PAGE)
                  .after(cursor)
                  .highlight(false)
                  .build());
      for (Hit h : r.hits()) {
        out.add(h.key());
      }
      cursor = r.nextCursor();
      pages++;
    } while (cursor != null && pages < 1000);
    return out;
  }

  private static List<List<String>> allPages(Path indexDir) throws IOException {
    List<List<String>> out = new ArrayList<>();
    try (IncidentIndex index = IncidentIndex.open(indexDir)) {
      for (String q : QUERIES) {
        for (SortOrder s : SortOrder.values()) {
          if (!scoreFree(q, s)) {
            continue;
          }
          List<String> p = pages(index, q, s);
          assertTrue(p.size() > 2 * PAGE, q + " " + s + " should take several pages: " + p);
          out.add(p);
        }
      }
    }
    return out;
  }

  private static void assertSamePages(List<List<String>> expected, List<List<String>> actual) {
    int i = 0;
    for (String q : QUERIES) {
      for (SortOrder s : SortOrder.values()) {
        if (!scoreFree(q, s)) {
          continue;
        }
        assertEquals(expected.get(i), actual.get(i), "query '" + q + "', sort " + s);
        i++;
      }
    }
  }

  private static List<List<String>> clean() throws IOException {
    Path idx = dir.resolve("clean");
    IncidentIndex.build(idx, all, BuildOptions.defaults().full(true));
    return allPages(idx);
  }

  @Test
  void twoStepBuildGivesTheCleanBuildsPages() throws IOException {
    List<List<String>> expected = clean();
    Path idx = dir.resolve("two-steps");
    IncidentIndex.build(idx, devOnly, BuildOptions.defaults().full(true));
    IncidentIndex.build(idx, all, BuildOptions.defaults());
    assertSamePages(expected, allPages(idx));
  }

  @Test
  void changedAndRestoredFilesGiveTheCleanBuildsPages() throws IOException {
    List<List<String>> expected = clean();
    Path idx = dir.resolve("restored");
    IncidentIndex.build(idx, all, BuildOptions.defaults().full(true));
    // An incident and an article cited by it: both documents and their neighbours are rewritten.
    Path incident = archive.resolve("fail-dev/incidents/2750.txt");
    Path article = archive.resolve("fail-dev/articles/96761.txt");
    byte[] incidentBytes = Files.readAllBytes(incident);
    byte[] articleBytes = Files.readAllBytes(article);
    try {
      Files.writeString(
          incident,
          new String(incidentBytes, StandardCharsets.UTF_8).replace("Twitter", "Twitter design"),
          StandardCharsets.UTF_8);
      Files.write(article, articleBytes, java.nio.file.StandardOpenOption.APPEND);
      IncidentIndex.build(idx, all, BuildOptions.defaults());
    } finally {
      Files.write(incident, incidentBytes);
      Files.write(article, articleBytes);
    }
    IncidentIndex.build(idx, all, BuildOptions.defaults());
    assertSamePages(expected, allPages(idx));
  }
}
