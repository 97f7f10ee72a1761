package io.incidentsearch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.formats.ScanResult;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.model.Section;
import io.incidentsearch.schema.Schema;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import io.incidentsearch.search.SimilarIncident;
import io.incidentsearch.search.SortOrder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedSetSelector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Totals and pruning on an index larger than Lucene's pruning threshold (about 1,000 matches): the
 * fail-dev incidents copied under new ids, some whole (exact score ties, broken by key) and some
 * with fewer section items (other scores).
 */
class TotalHitsTest {
  private static final int COPIES = 40;

  @TempDir static Path dir;
  static SearchFixtures.TestIndex index;

  /** Queries matching more than a thousand records, and a few that match fewer. */
  private static final List<String> QUERIES =
      List.of(
          "software",
          "security breach customers",
          "\"software failure\"",
          "hackers -sony",
          "cause:software",
          "software AND phase:operation",
          "autopilot");

  @BeforeAll
  static void build() throws IOException {
    ScanResult pages = SearchFixtures.failDevPages();
    List<Incident> incidents = new ArrayList<>();
    for (Incident i : pages.incidents()) {
      for (int k = 0; k < COPIES; k++) {
        incidents.add(copy(i, k));
      }
    }
    index = SearchFixtures.index(dir, incidents, pages.articles());
  }

  /** Copy {@code k} of an incident: even copies whole, odd ones with the first item per section. */
  private static Incident copy(Incident i, int k) {
    Map<Section, List<String>> sections = new EnumMap<>(Section.class);
    for (Section s : Section.values()) {
      List<String> items = i.items(s);
      if (!items.isEmpty()) {
        sections.put(s, k % 2 == 0 ? items : items.subList(0, 1));
      }
    }
    return new Incident(
        i.id() + "-" + k,
        i.title(),
        i.published(),
        i.summary(),
        sections,
        i.taxonomy(),
        i.articleIds(),
        i.source());
  }

  @AfterAll
  static void close() throws IOException {
    index.close();
  }

  private static SearchRequest.Builder plain(String q) {
    return SearchRequest.builder().query(q).highlight(false).countFacets(false);
  }

  /** The matches of a request counted with Lucene directly: every record its query matches. */
  private static long luceneCount(SearchRequest request) throws IOException {
    IndexSearcher s = index.manager().acquire();
    try {
      BooleanQuery.Builder b =
          new BooleanQuery.Builder()
              .add(index.searcher().queryParser().parse(request.query()), Occur.MUST)
              .add(new TermQuery(new Term(Schema.KIND, Schema.KIND_RECORD)), Occur.FILTER);
      if (request.type() != null) {
        b.add(new TermQuery(new Term(Schema.TYPE, request.type().key())), Occur.FILTER);
      }
      DrillDownQuery ddq = new DrillDownQuery(Schema.get().facetsConfig(), b.build());
      request.filters().forEach((dim, values) -> values.forEach(v -> ddq.add(dim, v)));
      Query q = ddq;
      return s.count(q);
    } finally {
      index.manager().release(s);
    }
  }

  @Test
  void exactTotalsEqualLuceneCountsAboveThePruningThreshold() throws IOException {
    int large = 0;
    for (String q : QUERIES) {
      for (SearchRequest r :
          List.of(
              plain(q).build(),
              plain(q).type(RecordType.INCIDENT).build(),
              plain(q).sort(SortOrder.NEWEST).build(),
              plain(q).filter("phase", "operation").build())) {
        SearchResult result = index.searcher().search(r);
        assertTrue(result.totalIsExact(), q);
        assertEquals(luceneCount(r), result.totalHits(), () -> r.toString());
        if (result.totalHits() > 1000) {
          large++;
        }
      }
    }
    assertTrue(large >= 8, "too few queries above the pruning threshold: " + large);
  }

  @Test
  void lowerBoundTotalsAreFlaggedAndKeepTheHits() throws IOException {
    SearchRequest exact = plain("software").limit(20).build();
    SearchRequest bound = exact.toBuilder().exactTotal(false).build();
    SearchResult e = index.searcher().search(exact);
    SearchResult b = index.searcher().search(bound);
    long count = luceneCount(exact);
    assertTrue(count > 1000, "fixture too small: " + count);
    assertFalse(b.totalIsExact(), "a search that may prune reports a lower bound");
    assertTrue(b.totalHits() >= 1000 && b.totalHits() <= count, () -> "bound " + b.totalHits());
    assertEquals(keysAndScores(e), keysAndScores(b));
    assertEquals(e.nextCursor(), b.nextCursor());

    // Facet counting sees every match: the total is exact even when a bound was allowed.
    SearchResult withFacets = index.searcher().search(bound.toBuilder().countFacets(true).build());
    assertTrue(withFacets.totalIsExact());
    assertEquals(count, withFacets.totalHits());

    // Few matches: nothing to prune, exact either way.
    SearchResult few =
        index.searcher().search(plain("\"air traffic control\"").exactTotal(false).build());
    assertTrue(few.totalIsExact());
    assertEquals(luceneCount(plain("\"air traffic control\"").build()), few.totalHits());
  }

  /**
   * Pruned collection, with and without facets (facets are counted in a separate pass that scores
   * nothing), returns what scoring every match returns: same keys, scores and order, on every page.
   * The reference is Lucene's exhaustive collection of the same query, built here.
   */
  @Test
  void prunedPagesEqualExhaustiveCollection() throws IOException {
    for (String q : QUERIES) {
      SearchRequest.Builder b = plain(q).limit(25);
      for (int offset : new int[] {0, 25, 990}) {
        SearchRequest pruned = b.offset(offset).build();
        SearchResult p = index.searcher().search(pruned);
        SearchResult f = index.searcher().search(pruned.toBuilder().countFacets(true).build());
        List<String> reference = exhaustive(q, offset, 25);
        assertEquals(reference, keysAndScores(p), q + " " + offset);
        assertEquals(reference, keysAndScores(f), q + " " + offset + " with facets");
        assertEquals(luceneCount(pruned), f.totalHits());
        assertEquals(p.totalHits(), f.totalHits());
      }
    }
    // Date sorts and cursor paging: with and without facets alike, three pages after the first.
    for (String q : QUERIES) {
      for (SortOrder sort : SortOrder.values()) {
        SearchRequest.Builder b = plain(q).sort(sort).limit(25);
        String cursor = null;
        for (int page = 0; page < 4; page++) {
          SearchRequest pruned = b.offset(0).after(cursor).build();
          SearchResult p = index.searcher().search(pruned);
          SearchResult x = index.searcher().search(pruned.toBuilder().countFacets(true).build());
          assertEquals(keysAndScores(x), keysAndScores(p), q + " " + sort + " page " + page);
          assertEquals(x.nextCursor(), p.nextCursor());
          cursor = p.nextCursor();
          if (cursor == null) {
            break;
          }
        }
      }
    }
  }

  /** Keys and score bits of hits {@code from..from+n} when every match of {@code q} is scored. */
  private static List<String> exhaustive(String q, int from, int n) throws IOException {
    IndexSearcher s = index.manager().acquire();
    try {
      Query query =
          new BooleanQuery.Builder()
              .add(index.searcher().rankingQuery(q), Occur.MUST)
              .add(new TermQuery(new Term(Schema.KIND, Schema.KIND_RECORD)), Occur.FILTER)
              .build();
      Sort byScoreThenKey =
          new Sort(
              SortField.FIELD_SCORE,
              KeywordField.newSortField(Schema.KEY, false, SortedSetSelector.Type.MIN));
      TopFieldDocs top =
          s.search(
              query,
              new TopFieldCollectorManager(byScoreThenKey, from + n, null, Integer.MAX_VALUE));
      List<String> out = new ArrayList<>();
      StoredFields stored = s.storedFields();
      for (int i = from; i < Math.min(top.scoreDocs.length, from + n); i++) {
        FieldDoc fd = (FieldDoc) top.scoreDocs[i];
        out.add(
            stored.document(fd.doc).get(Schema.KEY)
                + "/"
                + Float.floatToIntBits((Float) fd.fields[0]));
      }
      return out;
    } finally {
      index.manager().release(s);
    }
  }

  @Test
  void similarIsUnchangedByPruning() {
    List<SimilarIncident> s = index.searcher().similar("incident:2728-0", 10);
    assertEquals(10, s.size());
    // Copies of the same page are the most similar records; the record itself is excluded.
    assertTrue(s.stream().noneMatch(x -> x.hit().key().equals("incident:2728-0")));
    assertTrue(s.get(0).hit().key().startsWith("incident:2728-"), s.get(0).hit().key());
  }

  private static List<String> keysAndScores(SearchResult r) {
    return r.hits().stream().map(h -> h.key() + "/" + Float.floatToIntBits(h.score())).toList();
  }
}
