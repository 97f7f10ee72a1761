package io.incidentsearch.build;

import static io.incidentsearch.build.IndexFixtures.storedDump;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.TestCorpus;
import io.incidentsearch.engine.OpenIndexes;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.index.BuildReport;
import io.incidentsearch.schema.Schema;
import io.incidentsearch.search.Hit;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import io.incidentsearch.search.SortOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parallel parsing and writing must not change anything users see: the same archive built with 1
 * and with 4 threads gives the same documents, statistics and manifest, and the same ranked search
 * results, facet counts and similar incidents. (Doc ids may differ: documents are written from the
 * pool's threads, and results never depend on doc ids — ties are broken by key.)
 */
class ThreadCountDeterminismTest {
  @TempDir Path tmp;

  private static final List<SearchRequest> REQUESTS =
      List.of(
          SearchRequest.of("software"),
          SearchRequest.of("data breach"),
          SearchRequest.of("\"phone numbers\""),
          SearchRequest.of("title:security OR cause:flaw"),
          SearchRequest.builder().query("failure").limit(50).build(),
          SearchRequest.builder()
              .query("system")
              .dateRange(LocalDate.of(2015, 1, 1), LocalDate.of(2022, 12, 31))
              .build(),
          SearchRequest.builder().query("").sort(SortOrder.NEWEST).limit(100).build(),
          SearchRequest.builder().query("users").filter("type", "incident").build());

  @Test
  void oneAndFourThreadsBuildTheSameIndexAndAnswerQueriesAlike() throws IOException {
    Path archive = TestCorpus.testdata().resolve("archive");
    try (IncidentIndex one = IncidentIndex.openOrCreate(tmp.resolve("one"));
        IncidentIndex four = IncidentIndex.openOrCreate(tmp.resolve("four"))) {
      BuildReport r1 = one.build(List.of(archive), BuildOptions.defaults().full(true).threads(1));
      BuildReport r4 = four.build(List.of(archive), BuildOptions.defaults().full(true).threads(4));

      assertEquals(42, r1.added());
      assertEquals(withoutTime(r1), withoutTime(r4));
      assertTrue(one.manifest().sameContent(four.manifest()));
      assertEquals(one.stats(), four.stats());
      assertEquals(storedDump(one, archive), storedDump(four, archive));
      assertEquals(allKeys(one), allKeys(four));

      for (SearchRequest request : REQUESTS) {
        SearchResult a = one.search(request);
        SearchResult b = four.search(request);
        assertFalse(a.hits().isEmpty(), "no hit for " + request.query() + ": a weak test");
        assertEquals(ranking(a), ranking(b), request.query());
        assertEquals(a.hits(), b.hits(), request.query()); // snippets and taxonomy too
        assertEquals(a.totalHits(), b.totalHits(), request.query());
        assertEquals(a.facets(), b.facets(), request.query());
      }
      assertEquals(one.similar("incident:2750", 5), four.similar("incident:2750", 5));
    }
  }

  /** The report without its time, which differs between runs. */
  private static String withoutTime(BuildReport r) {
    return List.of(
            r.added(),
            r.updated(),
            r.deleted(),
            r.unchanged(),
            r.relinked(),
            r.filesScanned(),
            r.filesParsed(),
            r.filesSkipped(),
            r.filesDeleted(),
            r.problems())
        .toString();
  }

  private static List<String> ranking(SearchResult r) {
    List<String> out = new ArrayList<>();
    for (Hit h : r.hits()) {
      out.add(h.key() + " " + h.score());
    }
    return out;
  }

  /** Every document's record key (or file path), sorted: no document more, none fewer. */
  private static List<String> allKeys(IncidentIndex index) throws IOException {
    IndexSearcher s = OpenIndexes.searcherManager(index).acquire();
    try {
      List<String> out = new ArrayList<>();
      StoredFields stored = s.storedFields();
      for (int doc = 0; doc < s.getIndexReader().maxDoc(); doc++) {
        var d = stored.document(doc);
        out.add(d.get(Schema.KEY) != null ? d.get(Schema.KEY) : d.get(Schema.FILE));
      }
      out.sort(null);
      return out;
    } finally {
      OpenIndexes.searcherManager(index).release(s);
    }
  }
}
