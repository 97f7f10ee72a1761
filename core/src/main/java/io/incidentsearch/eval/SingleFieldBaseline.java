package io.incidentsearch.eval;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.engine.OpenIndexes;
import io.incidentsearch.formats.JsonLines;
import io.incidentsearch.model.Article;
import io.incidentsearch.model.Category;
import io.incidentsearch.model.Classification;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.model.Section;
import io.incidentsearch.schema.IndexQueries;
import io.incidentsearch.schema.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * The baseline every ranking is measured against: plain BM25 (k1 1.2, b 0.75) over ONE field
 * holding each record's whole page (an incident's title, summary, sections, taxonomy options and
 * rationales; an article's headline, publication and body), analysed by Lucene's {@link
 * EnglishAnalyzer} (Porter stemming, English stop words). The query is the bag of its analysed
 * words, any of which may match. No field boosts, no cited-article text, no phrases.
 *
 * <p>Built in memory from the records stored in an index, so it ranks exactly the records the index
 * holds. Closing releases the memory index.
 */
final class SingleFieldBaseline implements Ranker, AutoCloseable {
  private static final String ID = "id";
  private static final String TYPE = "type";
  private static final String TEXT = "text";

  private final Analyzer analyzer = new EnglishAnalyzer();
  private final Directory dir = new ByteBuffersDirectory();
  private final DirectoryReader reader;
  private final IndexSearcher searcher;

  private SingleFieldBaseline(List<Record> records) throws IOException {
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
      for (Record r : records) {
        Document d = new Document();
        d.add(new StringField(ID, r.id(), Field.Store.YES));
        d.add(new StringField(TYPE, r.type().key(), Field.Store.NO));
        d.add(new TextField(TEXT, wholeText(r), Field.Store.NO));
        w.addDocument(d);
      }
    }
    reader = DirectoryReader.open(dir);
    searcher = new IndexSearcher(reader);
  }

  /** The baseline over every record of {@code index}. */
  public static SingleFieldBaseline of(IncidentIndex index) throws IOException {
    return new SingleFieldBaseline(records(OpenIndexes.searcherManager(index)));
  }

  /** The baseline over {@code records} (tests). */
  public static SingleFieldBaseline of(List<Record> records) throws IOException {
    return new SingleFieldBaseline(records);
  }

  @Override
  public List<String> rank(String query, RecordType type, int depth) throws IOException {
    BooleanQuery.Builder words = new BooleanQuery.Builder();
    int n = 0;
    try (TokenStream ts = analyzer.tokenStream(TEXT, query)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        words.add(new TermQuery(new Term(TEXT, term.toString())), Occur.SHOULD);
        n++;
      }
      ts.end();
    }
    if (n == 0) {
      return List.of();
    }
    BooleanQuery.Builder q = new BooleanQuery.Builder().add(words.build(), Occur.MUST);
    if (type != null) {
      q.add(new TermQuery(new Term(TYPE, type.key())), Occur.FILTER);
    }
    TopDocs top = searcher.search(q.build(), depth);
    StoredFields stored = searcher.storedFields();
    List<String> ids = new ArrayList<>();
    for (ScoreDoc sd : top.scoreDocs) {
      ids.add(stored.document(sd.doc).get(ID));
    }
    return ids;
  }

  /** The whole page of a record as one text. */
  static String wholeText(Record r) {
    StringBuilder s = new StringBuilder(r.title()).append('\n');
    if (r instanceof Incident i) {
      i.summaryText().ifPresent(t -> s.append(t).append('\n'));
      for (Section sec : Section.values()) {
        i.items(sec).forEach(t -> s.append(t).append('\n'));
      }
      for (Category c : Category.values()) {
        Classification cl = i.taxonomy().get(c);
        s.append(String.join(" ", cl.options())).append(' ').append(cl.rationale()).append('\n');
      }
    } else if (r instanceof Article a) {
      if (a.publication() != null) {
        s.append(a.publication()).append('\n');
      }
      s.append(a.body());
    }
    return s.toString();
  }

  private static List<Record> records(SearcherManager manager) throws IOException {
    IndexSearcher s = manager.acquire();
    try {
      List<Record> out = new ArrayList<>();
      StoredFields stored = s.storedFields();
      int[] all = IndexQueries.matchingDocs(s, IndexQueries.ALL_RECORDS);
      for (int doc : all) {
        Document d = stored.document(doc);
        Optional<Record> r =
            JsonLines.fromJson(
                d.get(Schema.RECORD_JSON),
                Path.of("<index>"),
                1,
                p -> {
                  throw new UncheckedIOException(new IOException("stored record unreadable: " + p));
                });
        r.ifPresent(out::add);
      }
      return out;
    } finally {
      manager.release(s);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      reader.close();
    } finally {
      dir.close();
    }
  }
}
