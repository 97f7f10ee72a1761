package io.incidentsearch.engine;

import io.incidentsearch.model.RecordType;
import io.incidentsearch.schema.Schema;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;

/** Finding one record: its doc id by key, and whether it has a term. Stateless. */
final class RecordLookup {
  private RecordLookup() {}

  /** The doc id of a record by key; a bare id means the incident (else the article) of it. */
  static int findDoc(IndexSearcher searcher, String key) throws IOException {
    // Ids keep the case of their file names ("Twitter leak 9003"): as written first.
    String k = key == null ? "" : key.strip();
    int colon = k.indexOf(':');
    List<String> candidates =
        colon >= 0
            ? List.of(lowerType(k, colon), lowerType(k, colon).toLowerCase(Locale.ROOT))
            : List.of(
                Schema.key(RecordType.INCIDENT.key(), k),
                Schema.key(RecordType.ARTICLE.key(), k),
                Schema.key(RecordType.INCIDENT.key(), k.toLowerCase(Locale.ROOT)));
    for (String c : candidates) {
      Query q =
          new BooleanQuery.Builder()
              .add(new TermQuery(new Term(Schema.KEY, c)), Occur.MUST)
              .add(new TermQuery(new Term(Schema.KIND, Schema.KIND_RECORD)), Occur.FILTER)
              .build();
      TopDocs top = searcher.search(q, new TopScoreDocCollectorManager(1, 1));
      if (top.scoreDocs.length > 0) {
        return top.scoreDocs[0].doc;
      }
    }
    throw new NoSuchElementException(
        "No record with key '"
            + key
            + "' in the index. Keys look like incident:2750 or"
            + " article:96761 (a bare number means the incident).");
  }

  private static String lowerType(String key, int colon) {
    return key.substring(0, colon).toLowerCase(Locale.ROOT) + key.substring(colon);
  }

  /** Whether the document {@code doc} of {@code reader} has {@code term}. */
  static boolean hasTerm(IndexReader reader, int doc, Term term) throws IOException {
    List<LeafReaderContext> leaves = reader.leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    PostingsEnum p = leaf.reader().postings(term, PostingsEnum.NONE);
    int local = doc - leaf.docBase;
    return p != null && p.advance(local) == local;
  }
}
