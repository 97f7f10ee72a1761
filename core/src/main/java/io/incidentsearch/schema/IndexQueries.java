package io.incidentsearch.schema;

import io.incidentsearch.formats.JsonLines;
import io.incidentsearch.formats.Problem;
import io.incidentsearch.index.IndexMissingException;
import io.incidentsearch.index.IndexStats;
import io.incidentsearch.index.IndexVersionException;
import io.incidentsearch.index.Manifest;
import io.incidentsearch.model.Article;
import io.incidentsearch.model.Category;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import io.incidentsearch.model.RecordType;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;

/**
 * Reads what the builder wrote: the schema version check, the manifest, stored records, and
 * statistics. Stateless; every method works on the searcher or directory it is given.
 */
public final class IndexQueries {
  /** Every incident and article document (file entries excluded). */
  public static final Query ALL_RECORDS = new TermQuery(new Term(Schema.KIND, Schema.KIND_RECORD));

  private IndexQueries() {}

  /**
   * The doc ids of every document {@code query} matches, in doc-id order, unscored. Collecting "all
   * hits" as top documents sized by {@code maxDoc} allocates and sifts a heap of that size on every
   * call; an incremental build asks this once per changed article.
   */
  public static int[] matchingDocs(IndexSearcher searcher, Query query) throws IOException {
    return searcher.search(
        query,
        new CollectorManager<DocIdCollector, int[]>() {
          @Override
          public DocIdCollector newCollector() {
            return new DocIdCollector();
          }

          @Override
          public int[] reduce(Collection<DocIdCollector> collectors) {
            IntStream all = IntStream.empty();
            for (DocIdCollector c : collectors) {
              all = IntStream.concat(all, Arrays.stream(c.docs, 0, c.size));
            }
            return all.sorted().toArray();
          }
        });
  }

  /**
   * What a failed read of {@code reader} means: a {@link CorruptIndexException} (with {@code
   * failure} suppressed in it) when a segment's checksums show damage, else {@code failure} itself.
   * Lucene checks checksums lazily, so a flipped byte in a stored-fields block can first surface as
   * a plain {@code IOException} from decompression ("match offset is invalid"); the user must learn
   * that the index is damaged and how to rebuild it, not that I/O failed. Reads every file of the
   * index, but only after a read has failed.
   */
  public static IOException diagnose(IndexReader reader, IOException failure) {
    if (failure instanceof CorruptIndexException) {
      return failure;
    }
    CorruptIndexException damage = damageBehind(reader, failure);
    return damage != null ? damage : failure;
  }

  /**
   * The damage behind a read that failed with an unchecked {@code failure}, or {@code null} when
   * every checksum holds (then {@code failure} is a defect to report as it is). Lucene's decoders
   * trust their input once the structure checks at opening have passed, so a flipped byte in a
   * block can surface as an {@code ArrayIndexOutOfBoundsException}, or as an {@code AssertionError}
   * ("unknown type flag") that Lucene throws with or without {@code -ea}.
   */
  public static CorruptIndexException damageBehind(IndexReader reader, Throwable failure) {
    for (LeafReaderContext leaf : reader.leaves()) {
      try {
        leaf.reader().checkIntegrity();
      } catch (CorruptIndexException damage) {
        damage.addSuppressed(failure);
        return damage;
      } catch (IOException | RuntimeException other) {
        failure.addSuppressed(other);
      }
    }
    return null;
  }

  /** Collects global doc ids without scores. */
  private static final class DocIdCollector extends SimpleCollector {
    private int[] docs = new int[16];
    private int size;
    private int base;

    @Override
    protected void doSetNextReader(LeafReaderContext context) {
      base = context.docBase;
    }

    @Override
    public void collect(int doc) {
      if (size == docs.length) {
        docs = Arrays.copyOf(docs, size * 2);
      }
      docs[size++] = base + doc;
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }

  /**
   * Checks that {@code directory} holds an index written with this schema version.
   *
   * @throws IndexMissingException when it holds no index
   * @throws IndexVersionException when its schema (or Lucene format) version is another
   */
  public static void checkVersion(Directory directory, Path location) throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      throw new IndexMissingException(location, null);
    }
    Map<String, String> data;
    try {
      data = SegmentInfos.readLatestCommit(directory).getUserData();
    } catch (IndexFormatTooOldException | IndexFormatTooNewException e) {
      throw new IndexVersionException(
          location, "unknown (unsupported Lucene format)", Schema.VERSION, e);
    }
    String found = data.get(Schema.VERSION_KEY);
    if (found == null || !found.equals(Integer.toString(Schema.VERSION))) {
      throw new IndexVersionException(
          location, found == null ? "none" : found, Schema.VERSION, null);
    }
  }

  /** The manifest of the commit {@code reader} sees; null when the commit carries none. */
  public static Manifest manifest(DirectoryReader reader) throws IOException {
    return ManifestData.fromUserData(reader.getIndexCommit().getUserData());
  }

  /** The stored document of the record with {@code key}, if any. */
  public static Optional<Document> storedDocument(IndexSearcher searcher, String key)
      throws IOException {
    TopDocs top = searcher.search(new TermQuery(new Term(Schema.KEY, key)), 1);
    if (top.scoreDocs.length == 0) {
      return Optional.empty();
    }
    return Optional.of(searcher.storedFields().document(top.scoreDocs[0].doc));
  }

  /**
   * The record with {@code key} ({@code type:id}, e.g. {@code incident:2750}) as it was indexed: an
   * article lists the incidents of the index that cite it.
   */
  public static Optional<Record> get(IndexSearcher searcher, String key) throws IOException {
    Optional<Document> d = storedDocument(searcher, key);
    return d.map(doc -> parseJson(doc.get(Schema.RECORD_JSON), doc.get(Schema.FILE)));
  }

  /** Statistics of every record {@code searcher} sees. */
  public static IndexStats stats(IndexSearcher searcher) throws IOException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (RecordType t : RecordType.values()) {
      counts.put(t.key(), (long) searcher.count(typeQuery(t)));
    }
    Map<String, Map<String, Integer>> facets = facetCounts(searcher);

    Map<String, List<String>> unknown = new LinkedHashMap<>();
    for (Category c : Category.values()) {
      List<String> odd = new ArrayList<>();
      for (String option : facets.getOrDefault(Schema.categoryField(c), Map.of()).keySet()) {
        if (!c.isKnownOption(option) && !option.equals(Schema.MISSING)) {
          odd.add(option);
        }
      }
      if (!odd.isEmpty()) {
        odd.sort(null);
        unknown.put(c.key(), odd);
      }
    }
    LocalDate[] span = publishedSpan(searcher);
    return new IndexStats(counts, facets, span[0], span[1], missingArticles(searcher), unknown);
  }

  private static Query typeQuery(RecordType t) {
    return new TermQuery(new Term(Schema.TYPE, t.key()));
  }

  private static Map<String, Map<String, Integer>> facetCounts(IndexSearcher searcher)
      throws IOException {
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    IndexReader reader = searcher.getIndexReader();
    DefaultSortedSetDocValuesReaderState state;
    try {
      state = new DefaultSortedSetDocValuesReaderState(reader, Schema.get().facetsConfig());
    } catch (IllegalArgumentException e) {
      return out; // no document has a facet value yet (an empty index)
    }
    FacetsCollector fc = searcher.search(ALL_RECORDS, new FacetsCollectorManager());
    SortedSetDocValuesFacetCounts facets = new SortedSetDocValuesFacetCounts(state, fc);
    Set<String> indexed = new HashSet<>();
    state.getDims().forEach(indexed::add);
    for (String dim : Schema.facetDimensions()) {
      Map<String, Integer> values = new LinkedHashMap<>();
      if (indexed.contains(dim)) {
        boolean hierarchical = Schema.get().facetsConfig().getDimConfig(dim).hierarchical;
        for (LabelAndValue lv : children(facets, dim)) {
          values.put(lv.label, lv.value.intValue());
          if (hierarchical) {
            for (LabelAndValue child : children(facets, dim, lv.label)) {
              values.put(lv.label + "/" + child.label, child.value.intValue());
            }
          }
        }
      }
      out.put(dim, sortByCount(values));
    }
    return out;
  }

  private static List<LabelAndValue> children(
      SortedSetDocValuesFacetCounts facets, String dim, String... path) throws IOException {
    FacetResult r = facets.getAllChildren(dim, path);
    return r == null ? List.of() : List.of(r.labelValues);
  }

  private static Map<String, Integer> sortByCount(Map<String, Integer> values) {
    Map<String, Integer> sorted = new LinkedHashMap<>();
    values.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** The earliest and latest published day of any record (nulls when none has a date). */
  private static LocalDate[] publishedSpan(IndexSearcher searcher) throws IOException {
    Query dated =
        new BooleanQuery.Builder()
            .add(ALL_RECORDS, BooleanClause.Occur.FILTER)
            .add(new FieldExistsQuery(Schema.PUBLISHED), BooleanClause.Occur.FILTER)
            .build();
    LocalDate[] span = new LocalDate[2];
    for (int i = 0; i < 2; i++) {
      boolean reverse = i == 1;
      Sort sort =
          new Sort(
              LongField.newSortField(
                  Schema.PUBLISHED,
                  reverse,
                  reverse ? SortedNumericSelector.Type.MAX : SortedNumericSelector.Type.MIN));
      TopDocs top = searcher.search(dated, 1, sort);
      if (top.scoreDocs.length > 0) {
        Document d =
            searcher.storedFields().document(top.scoreDocs[0].doc, Set.of(Schema.PUBLISHED));
        IndexableField f = d.getField(Schema.PUBLISHED);
        span[i] = LocalDate.ofEpochDay(f.numericValue().longValue());
      }
    }
    return span;
  }

  /** Article ids cited by incidents but with no article record, with the citing incidents. */
  private static Map<String, List<String>> missingArticles(IndexSearcher searcher)
      throws IOException {
    int max = Math.max(1, searcher.getIndexReader().maxDoc());
    StoredFields stored = searcher.storedFields();
    Set<String> articles = new HashSet<>();
    for (ScoreDoc sd : searcher.search(typeQuery(RecordType.ARTICLE), max).scoreDocs) {
      articles.add(stored.document(sd.doc, Set.of(Schema.ID)).get(Schema.ID));
    }
    Map<String, Set<String>> missing = new TreeMap<>();
    Set<String> fields = Set.of(Schema.ID, Schema.LINKED_ID);
    for (ScoreDoc sd : searcher.search(typeQuery(RecordType.INCIDENT), max).scoreDocs) {
      Document d = stored.document(sd.doc, fields);
      for (IndexableField f : d.getFields(Schema.LINKED_ID)) {
        if (!articles.contains(f.stringValue())) {
          missing.computeIfAbsent(f.stringValue(), k -> new TreeSet<>()).add(d.get(Schema.ID));
        }
      }
    }
    Map<String, List<String>> out = new TreeMap<>();
    missing.forEach((a, incidents) -> out.put(a, List.copyOf(incidents)));
    return out;
  }

  /** Parses a record's stored JSON; {@code file} becomes its source. */
  public static Record parseJson(String json, String file) {
    Path src = file == null || file.isEmpty() ? null : Path.of(file);
    List<Record> out = new ArrayList<>();
    List<Problem> bad = new ArrayList<>();
    try {
      JsonLines.read(
          new StringReader(json), src == null ? Path.of("<index>") : src, out::add, bad::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (out.size() != 1) {
      throw new IllegalStateException(
          "stored record is not readable JSON (" + bad + "); rebuild the index with --full");
    }
    return src == null ? out.get(0) : withSource(out.get(0), src);
  }

  private static Record withSource(Record r, Path file) {
    return switch (r) {
      case Incident i -> i.withSource(file);
      case Article a -> a.withSource(file);
    };
  }
}
