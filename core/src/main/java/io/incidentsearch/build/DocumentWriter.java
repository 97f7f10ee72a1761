package io.incidentsearch.build;

import io.incidentsearch.index.BuildListener;
import io.incidentsearch.model.Article;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.schema.RecordDocuments;
import io.incidentsearch.schema.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Stage 5 of a build: writes the documents of the {@link LinkPlan} from the pool's threads ({@link
 * IndexWriter} is thread-safe; Lucene indexes each thread's documents in its own in-memory
 * segment), and the file entries. Doc ids depend on the thread count and timing; nothing else does.
 * Into an empty index documents are added: there is nothing to replace.
 */
final class DocumentWriter {
  private final IndexWriter writer;
  private final RecordDocuments documents;
  private final boolean replace;

  DocumentWriter(IndexWriter writer, RecordDocuments documents, IndexBefore before) {
    this.writer = writer;
    this.documents = documents;
    this.replace = !before.isEmpty();
  }

  /**
   * Writes the entry of a parsed file; an unreadable file (no hash) gets none: it is tried again.
   */
  void fileEntry(Path file, FileParser.Spilled parsed) throws IOException {
    if (replace) {
      writer.deleteDocuments(fileEntryQuery(file));
    }
    if (parsed.contentHash() != null) {
      writer.addDocument(documents.fileEntry(file, parsed.contentHash(), parsed.keys()));
    }
  }

  /** Deletes the entry of a file that is gone. */
  void goneFile(Path file) throws IOException {
    writer.deleteDocuments(fileEntryQuery(file));
  }

  /**
   * Writes (or deletes) every document of {@code plan}; the listener hears of each key in key
   * order, on this thread.
   *
   * @return how many records were rewritten only for their neighbours (relinked)
   */
  int records(
      LinkPlan plan, Resolution res, IndexBefore before, BuildPool pool, BuildListener listener)
      throws IOException {
    KeyTable table = res.table();
    int[] order = plan.writeOrder(table);
    AtomicInteger relinked = new AtomicInteger();
    pool.inChunks(
        order.length,
        i -> write(keyOf(order[i], plan, table), order[i], res, before, relinked),
        i -> listener.recordWritten(keyOf(order[i], plan, table)));
    return relinked.get();
  }

  private static String keyOf(int item, LinkPlan plan, KeyTable table) {
    return item >= 0 ? table.key(item) : plan.relinkOutside(-1 - item);
  }

  /** Writes (or deletes) the document of {@code key} as the build leaves it. */
  private void write(
      String key, int item, Resolution res, IndexBefore before, AtomicInteger relinked)
      throws IOException {
    int k = item >= 0 && res.table().touched(item) ? item : -1;
    Optional<Record> r = k >= 0 ? res.recordAfter(k) : res.recordAfter(key);
    if (r.isEmpty()) {
      writer.deleteDocuments(new Term(Schema.KEY, key));
      return;
    }
    String fileHash;
    if (k >= 0 && res.table().hasRecord(k)) {
      fileHash = res.files().hash(res.table().winner(k));
    } else {
      fileHash = before.stored(key).orElseThrow().hash();
      relinked.incrementAndGet();
    }
    Document doc = document(r.get(), fileHash, res, before);
    if (replace) {
      writer.updateDocument(new Term(Schema.KEY, key), doc);
    } else {
      writer.addDocument(doc);
    }
  }

  private Document document(Record record, String fileHash, Resolution res, IndexBefore before)
      throws IOException {
    return switch (record) {
      case Incident i -> {
        List<Article> cited = new ArrayList<>();
        for (String a : i.articleIds()) {
          res.recordAfter(Schema.key(RecordType.ARTICLE.key(), a))
              .ifPresent(x -> cited.add((Article) x));
        }
        yield documents.incident(i, fileHash, cited);
      }
      case Article a -> documents.article(a, fileHash, citing(a, res, before));
    };
  }

  /** The incidents citing {@code article} after the build, in key order. */
  private static List<Incident> citing(Article article, Resolution res, IndexBefore before)
      throws IOException {
    KeyTable table = res.table();
    TreeSet<String> keys = new TreeSet<>();
    for (String k : before.citing(article.id())) {
      if (res.touchedOrdinal(k) < 0) {
        keys.add(k);
      }
    }
    int a = table.find(Schema.key(RecordType.ARTICLE.key(), article.id()));
    if (a >= 0) {
      for (int i : table.citing(a)) {
        keys.add(table.key(i));
      }
    }
    List<Incident> out = new ArrayList<>();
    for (String k : keys) {
      res.recordAfter(k).ifPresent(r -> out.add((Incident) r));
    }
    return out;
  }

  private static Query fileEntryQuery(Path file) {
    return new BooleanQuery.Builder()
        .add(new TermQuery(new Term(Schema.KIND, Schema.KIND_FILE)), BooleanClause.Occur.FILTER)
        .add(new TermQuery(new Term(Schema.FILE, file.toString())), BooleanClause.Occur.FILTER)
        .build();
  }
}
