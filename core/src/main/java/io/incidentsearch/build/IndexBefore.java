package io.incidentsearch.build;

import io.incidentsearch.model.Record;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.schema.IndexQueries;
import io.incidentsearch.schema.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * The index as the last commit left it, as a build reads it: the file entries, the stored records
 * and who cites an article. Empty for a full build and for the first: then every question has the
 * empty answer and nothing is read. Thread-safe (the writer stage asks from several threads).
 */
final class IndexBefore {
  /** A record as indexed before the build. */
  record Stored(Record record, String file, String hash, List<String> linkedIds) {}

  /** Sees one file entry; {@code keys} reads its keys, at most once and before the next. */
  interface EntryVisitor {
    void visit(BytesRef path, String hash, KeysOfEntry keys) throws IOException;
  }

  /** The keys of the file entry being visited. */
  interface KeysOfEntry {
    List<String> get() throws IOException;
  }

  private final IndexSearcher searcher; // null when empty
  private final Map<String, String> commitData;
  private final Map<String, Optional<Stored>> cache = new ConcurrentHashMap<>();

  private IndexBefore(IndexSearcher searcher, Map<String, String> commitData) {
    this.searcher = searcher;
    this.commitData = commitData;
  }

  /** The index {@code reader} shows (the writer's view before it writes anything). */
  static IndexBefore of(DirectoryReader reader) throws IOException {
    Map<String, String> data =
        reader.getIndexCommit() == null ? Map.of() : reader.getIndexCommit().getUserData();
    return new IndexBefore(reader.maxDoc() == 0 ? null : new IndexSearcher(reader), data);
  }

  /** Whether the index has no documents: a full build, or the first. */
  boolean isEmpty() {
    return searcher == null;
  }

  /** The user data of the last commit (its manifest), empty when there is none. */
  Map<String, String> commitData() {
    return commitData;
  }

  /**
   * Calls {@code visitor} with every file entry: its path as UTF-8, its hash, and its keys on
   * demand (from doc values; only file entries have {@link Schema#ENTRY_PATH}).
   */
  void forEachEntry(EntryVisitor visitor) throws IOException {
    if (searcher == null) {
      return;
    }
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Bits live = leaf.reader().getLiveDocs();
      BinaryDocValues paths = DocValues.getBinary(leaf.reader(), Schema.ENTRY_PATH);
      BinaryDocValues hashes = DocValues.getBinary(leaf.reader(), Schema.ENTRY_HASH);
      SortedSetDocValues keys = DocValues.getSortedSet(leaf.reader(), Schema.FILE_KEYS);
      for (int doc = paths.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = paths.nextDoc()) {
        if (live != null && !live.get(doc)) {
          continue;
        }
        String hash = hashes.advanceExact(doc) ? hashes.binaryValue().utf8ToString() : "";
        int entryDoc = doc;
        visitor.visit(
            paths.binaryValue(),
            hash,
            () -> {
              List<String> ks = new ArrayList<>();
              if (keys.advanceExact(entryDoc)) {
                for (int i = 0; i < keys.docValueCount(); i++) {
                  ks.add(keys.lookupOrd(keys.nextOrd()).utf8ToString());
                }
              }
              return ks;
            });
      }
    }
  }

  /** The record indexed under {@code key}, read once per build. */
  Optional<Stored> stored(String key) {
    if (searcher == null) {
      return Optional.empty(); // caching "nothing" for every key of a full build costs memory
    }
    return cache.computeIfAbsent(
        key,
        k -> {
          try {
            return IndexQueries.storedDocument(searcher, k).map(IndexBefore::toStored);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static Stored toStored(Document d) {
    return new Stored(
        IndexQueries.parseJson(d.get(Schema.RECORD_JSON), d.get(Schema.FILE)),
        Objects.requireNonNullElse(d.get(Schema.FILE), ""),
        Objects.requireNonNullElse(d.get(Schema.FILE_HASH), ""),
        values(d, Schema.LINKED_ID));
  }

  private static List<String> values(Document d, String field) {
    List<String> out = new ArrayList<>();
    for (IndexableField f : d.getFields(field)) {
      out.add(f.stringValue());
    }
    return out;
  }

  /** Keys of the incidents that cited {@code articleId}. */
  List<String> citing(String articleId) throws IOException {
    if (searcher == null) {
      return List.of();
    }
    Query q =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(Schema.LINKED_ID, articleId)), BooleanClause.Occur.FILTER)
            .add(
                new TermQuery(new Term(Schema.TYPE, RecordType.INCIDENT.key())),
                BooleanClause.Occur.FILTER)
            .build();
    List<String> out = new ArrayList<>();
    StoredFields fields = searcher.storedFields();
    for (int doc : IndexQueries.matchingDocs(searcher, q)) {
      out.add(fields.document(doc, Set.of(Schema.KEY)).get(Schema.KEY));
    }
    return out;
  }
}
