package io.incidentsearch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.formats.ScanResult;
import io.incidentsearch.schema.Schema;
import io.incidentsearch.search.Hit;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proximity bonus on the fail-dev pages: it reorders and never changes what matches, its scores
 * are those of the documented rule (query score plus a sloppy-phrase score per word pair and
 * proximity field), and bare-word queries carry it inside their own disjunction (the shape that
 * lets Lucene skip records that cannot reach a page).
 */
class ProximityBonusTest {
  @TempDir static Path dir;
  static SearchFixtures.TestIndex index;
  static IncidentSearcher noBonus;

  private static final Ranking NONE = Ranking.DEFAULT.withoutProximity("none");

  /** Bare words (fail-dev headlines), quotes, operators, prefixes, exclusions. */
  private static final List<String> QUERIES =
      List.of(
          "Hackers Can Slip Invisible Malware into Some Cloud Computers",
          "Did you visit HuffPo last week? You might have a virus",
          "software update failure",
          "\"phone numbers\"",
          "\"air traffic control\" outage",
          "\"phone numbers\"~3 leak",
          "+software update",
          "security AND breach customers",
          "hackers -sony playstation",
          "softw* update",
          "Toyota Hybrid Recall: Software Failure Leads to Loss of Power");

  @BeforeAll
  static void build() throws IOException {
    ScanResult pages = SearchFixtures.failDevPages();
    index = SearchFixtures.index(dir, pages.incidents(), pages.articles());
    noBonus = new IncidentSearcher(index.manager(), NONE);
  }

  @AfterAll
  static void close() throws IOException {
    index.close();
  }

  private static SearchRequest all(String q) {
    return SearchRequest.builder().query(q).limit(500).highlight(false).countFacets(false).build();
  }

  private static TreeSet<String> keys(SearchResult r) {
    TreeSet<String> keys = new TreeSet<>();
    r.hits().forEach(h -> keys.add(h.key()));
    return keys;
  }

  @Test
  void theBonusNeverChangesWhatMatches() {
    int reordered = 0;
    for (String q : QUERIES) {
      SearchResult with = index.searcher().search(all(q));
      SearchResult without = noBonus.search(all(q));
      assertTrue(with.totalHits() > 0, q);
      assertEquals(without.totalHits(), with.totalHits(), q);
      assertEquals(keys(without), keys(with), q);
      List<String> order = with.hits().stream().map(Hit::key).toList();
      if (!order.equals(without.hits().stream().map(Hit::key).toList())) {
        reordered++;
      }
    }
    assertTrue(reordered >= 5, "the bonus reordered only " + reordered + " queries");
  }

  @Test
  void bareWordsCarryTheBonusInTheirOwnDisjunction() {
    IncidentQueryParser p = new IncidentQueryParser();
    Query bare = p.parse("software update failure");
    assertTrue(bare instanceof BooleanQuery, bare.toString());
    BooleanQuery bq = (BooleanQuery) bare;
    assertTrue(bq.clauses().stream().allMatch(c -> c.occur() == Occur.SHOULD), bare.toString());
    assertEquals(
        2 * Ranking.DEFAULT.proximityFields().size(), sloppyPhrases(bare).size(), bare.toString());

    // Quoted words: the quoted phrase itself, weighted up; no sloppy copy that would match more.
    Query quoted = p.parse("\"phone numbers\"");
    assertTrue(sloppyPhrases(quoted).isEmpty(), quoted.toString());
    assertTrue(
        ((BooleanQuery) quoted).clauses().stream().allMatch(c -> c.occur() == Occur.SHOULD),
        quoted.toString());

    // A required word: the query required, and the bonus (then the known-item clauses) optional
    // beside it.
    Query required = p.parse("+software update");
    BooleanQuery rq = (BooleanQuery) required;
    assertEquals(Occur.MUST, rq.clauses().get(0).occur(), required.toString());
    assertTrue(
        rq.clauses().stream().skip(1).allMatch(c -> c.occur() == Occur.SHOULD),
        required.toString());
    assertEquals(Ranking.DEFAULT.proximityFields().size(), sloppyPhrases(required).size());
  }

  /**
   * Scores of bare-word queries equal the documented rule computed independently: the query without
   * bonus, plus for each consecutive analysed word pair and proximity field a sloppy phrase (slop
   * 3) weighted by the field's proximity boost.
   */
  @Test
  void bareWordScoresAreTheQueryPlusTheSloppyPhrases() throws IOException {
    IncidentQueryParser p = new IncidentQueryParser();
    IncidentQueryParser plain = new IncidentQueryParser(NONE);
    IndexSearcher s = index.manager().acquire();
    try {
      for (String q : List.of(QUERIES.get(0), QUERIES.get(1), QUERIES.get(2), QUERIES.get(10))) {
        List<String> words = words(q.replace(":", " ").replace("?", " "));
        BooleanQuery.Builder bonus = new BooleanQuery.Builder();
        for (Map.Entry<String, Float> f : Ranking.DEFAULT.proximityFields().entrySet()) {
          for (int i = 0; i + 1 < words.size(); i++) {
            bonus.add(
                new BoostQuery(
                    new PhraseQuery(
                        Ranking.DEFAULT.proximitySlop(),
                        f.getKey(),
                        words.get(i),
                        words.get(i + 1)),
                    f.getValue() * Ranking.DEFAULT.proximityBoost()),
                Occur.SHOULD);
          }
        }
        Query reference =
            new BooleanQuery.Builder()
                .add(plain.parse(q), Occur.MUST)
                .add(bonus.build(), Occur.SHOULD)
                .build();
        Map<Integer, Float> expected = scores(s, reference);
        Map<Integer, Float> actual = scores(s, p.parse(q));
        assertEquals(expected.keySet(), actual.keySet(), q);
        expected.forEach(
            (doc, score) -> assertEquals(score, actual.get(doc), score * 1e-5f, q + " doc " + doc));
        assertTrue(!expected.equals(scores(s, plain.parse(q))), "no bonus for " + q);
      }
    } finally {
      index.manager().release(s);
    }
  }

  @Test
  void quotedPairsRaiseTheQuotedPhrase() {
    Map<String, Float> without = new LinkedHashMap<>();
    noBonus.search(all("\"phone numbers\"")).hits().forEach(h -> without.put(h.key(), h.score()));
    int raised = 0;
    for (Hit h : index.searcher().search(all("\"phone numbers\"")).hits()) {
      float base = without.get(h.key());
      assertTrue(h.score() >= base, h.key());
      if (h.score() > base) {
        raised++;
      }
    }
    assertTrue(raised > 0, "no record got the bonus");
  }

  private static Map<Integer, Float> scores(IndexSearcher s, Query q) throws IOException {
    Query filtered =
        new BooleanQuery.Builder()
            .add(q, Occur.MUST)
            .add(new TermQuery(new Term(Schema.KIND, Schema.KIND_RECORD)), Occur.FILTER)
            .build();
    TopDocs top = s.search(filtered, new TopScoreDocCollectorManager(1000, Integer.MAX_VALUE));
    Map<Integer, Float> out = new LinkedHashMap<>();
    for (ScoreDoc sd : top.scoreDocs) {
      out.put(sd.doc, sd.score);
    }
    return out;
  }

  private static List<PhraseQuery> sloppyPhrases(Query q) {
    List<PhraseQuery> out = new ArrayList<>();
    q.visit(
        new QueryVisitor() {
          @Override
          public void consumeTerms(Query query, Term... terms) {
            if (query instanceof PhraseQuery pq && pq.getSlop() > 0) {
              out.add(pq);
            }
          }

          @Override
          public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            return this;
          }
        });
    return out;
  }

  private static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = Schema.get().textAnalyzer().tokenStream(Schema.TITLE, text)) {
      CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(t.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
