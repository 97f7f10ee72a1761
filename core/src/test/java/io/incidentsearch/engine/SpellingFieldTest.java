package io.incidentsearch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spelling dictionary, gathered from the text fields' own analysis, on the real fail-dev pages:
 * {@link Schema#SPELL} holds exactly the words the spelling analysis finds in a record's own text
 * (the publication name aside), and nothing of the records indexed before it on the same thread.
 */
class SpellingFieldTest {
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

  /** Every record's spelling words, as the spelling analysis reads its own text. */
  @Test
  void spellHoldsTheWordsOfTheRecordsOwnText() throws IOException {
    Map<String, Set<String>> expected = new HashMap<>();
    List<Record> records = new ArrayList<>(pages.incidents());
    records.addAll(pages.articles());
    for (Record r : records) {
      Set<String> words = new HashSet<>();
      RecordTexts.of(r)
          .forEach(
              (field, values) -> {
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
        forEachTerm(
            leaf,
            Schema.SPELL,
            leaf.reader().maxDoc(),
            (t, docs) -> {
              for (int d = docs.nextSetBit(0);
                  d != DocIdSetIterator.NO_MORE_DOCS;
                  d =
                      d + 1 < docs.length()
                          ? docs.nextSetBit(d + 1)
                          : DocIdSetIterator.NO_MORE_DOCS) {
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
