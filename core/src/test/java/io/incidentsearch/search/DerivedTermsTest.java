package io.incidentsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.formats.ScanResult;
import io.incidentsearch.model.Record;
import io.incidentsearch.schema.RecordTexts;
import io.incidentsearch.schema.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fields built from other fields' analysis, on the real fail-dev pages: {@link
 * Schema#ANY_TEXT} holds exactly the terms of the fields bare words search, and counting with it
 * ({@link AnyTextMatching}) gives the same matches as the field-by-field query; {@link
 * Schema#SPELL} holds exactly the words the spelling analysis finds in a record's own text.
 */
class DerivedTermsTest {
  @TempDir static Path dir;
  static SearchFixtures.TestIndex index;
  static ScanResult pages;

  @BeforeAll
  static void build() throws IOException {
    pages = SearchFixtures.failDevPages();
    index = SearchFixtures.index(dir, pages.incidents(), pages.articles());
  }

  @AfterAll
  static void close() throws IOException {
    index.close();
  }

  /** Per segment and term: the records with it in any_text are those with it in some field. */
  @Test
  void anyTextHoldsExactlyTheTermsOfTheSearchedFields() throws IOException {
    IndexSearcher s = index.manager().acquire();
    try {
      IndexReader reader = s.getIndexReader();
      long terms = 0;
      for (LeafReaderContext leaf : reader.leaves()) {
        Map<BytesRef, FixedBitSet> union = new HashMap<>();
        int maxDoc = leaf.reader().maxDoc();
        for (String field : Schema.get().defaultFieldBoosts().keySet()) {
          forEachTerm(leaf, field, maxDoc, (t, docs) ->
              union.computeIfAbsent(t, k -> new FixedBitSet(maxDoc)).or(docs));
        }
        Map<BytesRef, FixedBitSet> any = new HashMap<>();
        forEachTerm(leaf, Schema.ANY_TEXT, maxDoc, any::put);
        assertEquals(union.keySet(), any.keySet(), "terms of segment " + leaf.ord);
        for (Map.Entry<BytesRef, FixedBitSet> e : union.entrySet()) {
          assertTrue(
              e.getValue().equals(any.get(e.getKey())),
              "records with " + e.getKey().utf8ToString() + " in segment " + leaf.ord);
        }
        terms += any.size();
      }
      assertTrue(terms > 5_000, "fail-dev has many words: " + terms);
    } finally {
      index.manager().release(s);
    }
  }

  /** Every record's spelling words, as the spelling analysis reads its own text. */
  @Test
  void spellHoldsTheWordsOfTheRecordsOwnText() throws IOException {
    Map<String, Set<String>> expected = new HashMap<>();
    List<Record> records = new ArrayList<>(pages.incidents());
    records.addAll(pages.articles());
    for (Record r : records) {
      Set<String> words = new HashSet<>();
      RecordTexts.of(r).forEach((field, values) -> {
        if (!field.equals(Schema.PUBLICATION)) {
          values.forEach(v -> words.addAll(analyze(Schema.SPELL, v)));
        }
      });
      expected.put(Schema.key(r.type().key(), r.id()), words);
    }
    IndexSearcher s = index.manager().acquire();
    try {
      Map<String, Set<String>> indexed = new HashMap<>();
      for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
        Map<Integer, Set<String>> byDoc = new HashMap<>();
        forEachTerm(leaf, Schema.SPELL, leaf.reader().maxDoc(), (t, docs) -> {
          for (int d = docs.nextSetBit(0); d != DocIdSetIterator.NO_MORE_DOCS;
              d = d + 1 < docs.length() ? docs.nextSetBit(d + 1) : DocIdSetIterator.NO_MORE_DOCS) {
            byDoc.computeIfAbsent(d, k -> new HashSet<>()).add(t.utf8ToString());
          }
        });
        StoredFields stored = leaf.reader().storedFields();
        for (Map.Entry<Integer, Set<String>> e : byDoc.entrySet()) {
          indexed.put(stored.document(e.getKey()).get(Schema.KEY), e.getValue());
        }
      }
      assertEquals(expected.keySet(), indexed.keySet());
      for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
        assertEquals(e.getValue(), indexed.get(e.getKey()), e.getKey());
      }
      // Not stemmed, stop words kept: the dictionary holds words as written.
      assertTrue(indexed.values().stream().anyMatch(w -> w.contains("the")));
      assertTrue(indexed.values().stream().anyMatch(w -> w.contains("outages")));
    } finally {
      index.manager().release(s);
    }
  }

  private static List<String> analyze(String field, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = Schema.get().analyzer().tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Test
  void bareWordsAreCountedOnAnyText() {
    IncidentQueryParser parser = new IncidentQueryParser();
    Query word = parser.parseRanked("outages").matching();
    assertEquals(new TermQuery(new org.apache.lucene.index.Term(Schema.ANY_TEXT, "outag")), word);
    assertInstanceOf(PrefixQuery.class, parser.parseRanked("outag*").matching());
    Query mixed = parser.parseRanked("hackers -sony \"phone numbers\" title:leak").matching();
    String text = mixed.toString();
    assertTrue(text.contains(Schema.ANY_TEXT + ":hacker"), text);
    assertTrue(text.contains("-" + Schema.ANY_TEXT + ":soni"), text);
    // Phrases need positions and field queries search fewer fields: kept as parsed.
    assertTrue(text.contains("title:\"phone number\""), text);
    assertTrue(text.contains("title:leak"), text);
    // Fuzzy terms expand to a bounded number of terms per field: kept.
    assertFalse(parser.parseRanked("twiter~").matching().toString().contains(Schema.ANY_TEXT));
    // A ranking whose bare words search other fields than any_text gathers: nothing rewritten.
    IncidentQueryParser boosts = new IncidentQueryParser(Ranking.named("boosts").orElseThrow());
    assertFalse(boosts.parseRanked("outages").matching().toString().contains(Schema.ANY_TEXT));
  }

  @Test
  void countsAndFacetsAreTheSameAsFieldByField() throws IOException {
    IncidentQueryParser parser = new IncidentQueryParser();
    IndexSearcher s = index.manager().acquire();
    try {
      for (String q :
          List.of(
              "software",
              "security breach customers",
              "hackers -sony",
              "outag* OR crash*",
              "data* AND NOT (cloud OR aws)",
              "tesla autopilot cause:software",
              "\"software failure\" glitch",
              "+passwords +leak* -\"credit card\"",
              "phone numbers published:[2015 TO 2020]",
              "w?fi bug",
              "Zürich",
              "phase:operation update")) {
        IncidentQueryParser.Parsed parsed = parser.parseRanked(q);
        assertEquals(
            s.count(records(parsed.scoring())),
            s.count(records(parsed.matching())),
            "matches of '" + q + "': " + parsed.matching());
      }
      // Facet counts through the searcher (which counts with the rewritten query) against
      // facet counts of the records the field-by-field query matches, filtered to one value.
      SearchResult all =
          index.searcher().search(SearchRequest.builder().query("software bug").countFacets(true)
              .build());
      for (FacetValue v : all.facets().values("phase")) {
        SearchResult one =
            index.searcher().search(SearchRequest.builder().query("software bug")
                .filter("phase", v.value()).build());
        assertEquals(v.count(), one.totalHits(), "phase " + v.value());
      }
    } finally {
      index.manager().release(s);
    }
  }

  private static Query records(Query q) {
    return new BooleanQuery.Builder()
        .add(q, Occur.MUST)
        .add(new TermQuery(new org.apache.lucene.index.Term(Schema.KIND, Schema.KIND_RECORD)),
            Occur.FILTER)
        .build();
  }

  private interface TermDocs {
    void accept(BytesRef term, FixedBitSet docs);
  }

  private static void forEachTerm(LeafReaderContext leaf, String field, int maxDoc, TermDocs out)
      throws IOException {
    Terms terms = leaf.reader().terms(field);
    if (terms == null) {
      return;
    }
    TermsEnum te = terms.iterator();
    PostingsEnum pe = null;
    for (BytesRef t = te.next(); t != null; t = te.next()) {
      FixedBitSet docs = new FixedBitSet(maxDoc);
      pe = te.postings(pe, PostingsEnum.NONE);
      for (int d = pe.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pe.nextDoc()) {
        docs.set(d);
      }
      out.accept(BytesRef.deepCopyOf(t), docs);
    }
  }
}
