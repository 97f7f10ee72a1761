package io.incidentsearch.tool.bench;

import io.incidentsearch.formats.ArchiveScanner;
import io.incidentsearch.formats.ParsedFile;
import io.incidentsearch.model.Article;
import io.incidentsearch.model.Category;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import io.incidentsearch.model.Section;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The plain-Lucene baseline: what a first attempt with Lucene's demo would index from the same
 * files. One document per record with an id, <em>one</em> stored text field (the record's own text,
 * {@link StandardAnalyzer}), the published day as a {@link LongField}, and the same taxonomy, type,
 * year and publication values as sorted-set doc values facets; a default {@link IndexWriterConfig}.
 * Records come from the core's {@link ArchiveScanner}, so both sides see the same values; the
 * baseline has no incremental bookkeeping, no stored JSON, no cited-text copy and no per-field
 * boosts.
 */
final class BaselineIndex implements AutoCloseable {
  static final String ID = "id";
  static final String TEXT = "text";
  static final String PUBLISHED = "published";

  // Facet dimensions named as incident-search names them, so that one filter serves both sides.
  static final String DIM_TYPE = "type";
  static final String DIM_IOT = "iot";
  static final String DIM_YEAR = "year";
  static final String DIM_PUBLICATION = "publication";

  /** The value of a category the source says nothing about. */
  static final String MISSING = "missing";

  /** Every dimension counted: type, each category (by its key), iot, year, publication. */
  static final List<String> DIMENSIONS = dimensions();

  private static final FacetsConfig CONFIG = facetsConfig();

  private final Directory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final Analyzer analyzer = new StandardAnalyzer();
  private volatile SortedSetDocValuesReaderState state;

  private BaselineIndex(Directory directory) throws IOException {
    this.directory = directory;
    this.reader = DirectoryReader.open(directory);
    this.searcher = new IndexSearcher(reader);
  }

  /** What a build wrote. */
  record Built(long records, long files) {}

  /**
   * Indexes {@code files} into a new index in {@code dir}: {@code threads} threads each parse a
   * file and add its documents (IndexWriter is thread-safe), then one commit.
   */
  static Built build(List<Path> files, Path dir, int threads) throws IOException {
    ArchiveScanner scanner = new ArchiveScanner();
    AtomicLong records = new AtomicLong();
    try (Directory d = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(d, new IndexWriterConfig(new StandardAnalyzer()))) {
      if (threads == 1) {
        for (Path f : files) {
          records.addAndGet(index(writer, scanner.parse(f)));
        }
      } else {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
          List<Future<Integer>> futures = new ArrayList<>(files.size());
          for (Path f : files) {
            futures.add(pool.submit(() -> index(writer, scanner.parse(f))));
          }
          for (Future<Integer> fu : futures) {
            records.addAndGet(fu.get());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
          throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
          pool.shutdownNow();
        }
      }
      writer.commit();
    }
    return new Built(records.get(), files.size());
  }

  private static int index(IndexWriter writer, ParsedFile parsed) throws IOException {
    for (Record r : parsed.records()) {
      writer.addDocument(CONFIG.build(document(r)));
    }
    return parsed.records().size();
  }

  /** Opens a baseline index for searching. */
  static BaselineIndex open(Path dir) throws IOException {
    Directory d = FSDirectory.open(dir);
    try {
      return new BaselineIndex(d);
    } catch (IOException | RuntimeException e) {
      d.close();
      throw e;
    }
  }

  // ---------------------------------------------------------------------------- documents

  private static List<String> dimensions() {
    List<String> dims = new ArrayList<>();
    dims.add(DIM_TYPE);
    for (Category c : Category.values()) {
      dims.add(c.key());
    }
    dims.addAll(List.of(DIM_IOT, DIM_YEAR, DIM_PUBLICATION));
    return List.copyOf(dims);
  }

  private static FacetsConfig facetsConfig() {
    FacetsConfig config = new FacetsConfig();
    for (Category c : Category.values()) {
      config.setMultiValued(c.key(), true);
    }
    config.setHierarchical(DIM_IOT, true);
    config.setMultiValued(DIM_IOT, true);
    return config;
  }

  private static Document document(Record r) {
    Document doc = new Document();
    doc.add(new StringField(ID, r.type().key() + ":" + r.id(), Field.Store.YES));
    List<String> text = new ArrayList<>();
    doc.add(new SortedSetDocValuesFacetField(DIM_TYPE, r.type().key()));
    switch (r) {
      case Incident i -> {
        text.add(i.title());
        if (i.summary() != null) {
          text.add(i.summary());
        }
        for (Section s : Section.values()) {
          text.addAll(i.items(s));
        }
        for (Category c : Category.values()) {
          text.add(i.taxonomy().get(c).rationale());
          Set<String> options = new LinkedHashSet<>(i.taxonomy().options(c));
          if (options.isEmpty()) {
            options.add(MISSING);
          }
          for (String o : options) {
            doc.add(new SortedSetDocValuesFacetField(c.key(), o));
            if (c.isIotLayer() && !o.equals(MISSING)) {
              doc.add(new SortedSetDocValuesFacetField(DIM_IOT, c.key(), o));
            }
          }
        }
      }
      case Article a -> {
        text.add(a.title());
        if (a.publication() != null && !a.publication().isBlank()) {
          text.add(a.publication());
          doc.add(new SortedSetDocValuesFacetField(DIM_PUBLICATION, a.publication()));
        }
        text.add(a.body());
      }
    }
    // Stored: MoreLikeThis reads a document's text back (there are no term vectors).
    doc.add(new TextField(TEXT, String.join("\n", text), Field.Store.YES));
    r.publishedDate()
        .ifPresent(
            d -> {
              doc.add(new LongField(PUBLISHED, d.toEpochDay(), Field.Store.NO));
              doc.add(new SortedSetDocValuesFacetField(DIM_YEAR, Integer.toString(d.getYear())));
            });
    return doc;
  }

  // ---------------------------------------------------------------------------- searching

  /** Parses a baseline query string (classic syntax on the one text field). */
  Query parse(String q) {
    try {
      return new Parser(analyzer).parse(q);
    } catch (ParseException e) {
      throw new Bench.Failure("baseline query does not parse: " + q + ": " + e.getMessage());
    }
  }

  /** Top 10 with their stored ids; returns the total hit count. */
  long search(Query q) throws IOException {
    TopDocs td = searcher.search(q, 10);
    loadIds(td);
    return td.totalHits.value();
  }

  /** Top 10 and the counts of every facet dimension. */
  long searchWithFacets(Query q) throws IOException {
    FacetsCollectorManager.FacetsResult r =
        FacetsCollectorManager.search(searcher, q, 10, new FacetsCollectorManager());
    loadIds(r.topDocs());
    countAll(new SortedSetDocValuesFacetCounts(state(), r.facetsCollector()));
    return r.topDocs().totalHits.value();
  }

  /** Top 10 under facet filters, with drill-sideways counts of every dimension. */
  long searchFiltered(Query q, Map<String, String> filters) throws IOException {
    DrillDownQuery ddq = new DrillDownQuery(CONFIG, q);
    filters.forEach((dim, value) -> ddq.add(dim, value));
    DrillSideways.DrillSidewaysResult r =
        new DrillSideways(searcher, CONFIG, state()).search(ddq, 10);
    loadIds(r.hits);
    countAll(r.facets);
    return r.hits.totalHits.value();
  }

  /** The 10 records most like {@code key} (MoreLikeThis over the text field), itself excluded. */
  int similar(String key) throws IOException {
    TopDocs self = searcher.search(new TermQuery(new Term(ID, key)), 1);
    if (self.scoreDocs.length == 0) {
      return 0;
    }
    MoreLikeThis mlt = new MoreLikeThis(reader);
    mlt.setFieldNames(new String[] {TEXT});
    mlt.setAnalyzer(analyzer);
    Query like = mlt.like(self.scoreDocs[0].doc);
    Query q =
        new BooleanQuery.Builder()
            .add(like, BooleanClause.Occur.SHOULD)
            .add(new TermQuery(new Term(ID, key)), BooleanClause.Occur.MUST_NOT)
            .build();
    TopDocs td = searcher.search(q, 10);
    loadIds(td);
    return td.scoreDocs.length;
  }

  private void loadIds(TopDocs td) throws IOException {
    StoredFields stored = searcher.storedFields();
    for (ScoreDoc sd : td.scoreDocs) {
      stored.document(sd.doc).get(ID);
    }
  }

  private static void countAll(Facets facets) throws IOException {
    for (String dim : DIMENSIONS) {
      FacetResult r;
      try {
        r = facets.getAllChildren(dim);
      } catch (IllegalArgumentException e) {
        continue; // a dimension no document has
      }
      if (r != null && CONFIG.getDimConfig(dim).hierarchical) {
        for (LabelAndValue lv : r.labelValues) {
          facets.getAllChildren(dim, lv.label);
        }
      }
    }
  }

  private SortedSetDocValuesReaderState state() throws IOException {
    SortedSetDocValuesReaderState s = state;
    if (s == null) {
      synchronized (this) {
        s = state;
        if (s == null) {
          s = new DefaultSortedSetDocValuesReaderState(reader, CONFIG);
          state = s;
        }
      }
    }
    return s;
  }

  /** Builds the facet state now (it is built once per reader; the first facet query pays). */
  void warmFacets() throws IOException {
    state();
  }

  @Override
  public void close() throws IOException {
    try {
      reader.close();
    } finally {
      directory.close();
    }
  }

  /**
   * The classic parser over the text field; a facet dimension used as a field becomes its
   * drill-down term, {@code published:} a day range (years, months or days), any other field the
   * text field.
   */
  private static final class Parser extends QueryParser {
    Parser(Analyzer analyzer) {
      super(TEXT, analyzer);
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, boolean quoted)
        throws ParseException {
      String f = field.toLowerCase(Locale.ROOT);
      if (DIMENSIONS.contains(f)) {
        String value =
            Category.byKey(f).isPresent() ? Category.normalizeOption(queryText) : queryText;
        return new TermQuery(DrillDownQuery.term(CONFIG.getDimConfig(f).indexFieldName, f, value));
      }
      if (f.equals(PUBLISHED)) {
        return getRangeQuery(field, queryText, queryText, true, true);
      }
      return super.getFieldQuery(TEXT, queryText, quoted);
    }

    @Override
    protected Query getRangeQuery(
        String field, String part1, String part2, boolean startInclusive, boolean endInclusive)
        throws ParseException {
      if (!field.toLowerCase(Locale.ROOT).equals(PUBLISHED)) {
        return super.getRangeQuery(TEXT, part1, part2, startInclusive, endInclusive);
      }
      long lo = part1 == null ? Long.MIN_VALUE : day(part1, false);
      long hi = part2 == null ? Long.MAX_VALUE : day(part2, true);
      return LongField.newRangeQuery(PUBLISHED, lo, hi);
    }

    /** A year, month or day as an epoch day: its first day, or its last when {@code end}. */
    private static long day(String s, boolean end) throws ParseException {
      try {
        if (s.matches("\\d{4}")) {
          int y = Integer.parseInt(s);
          return (end ? LocalDate.of(y, 12, 31) : LocalDate.of(y, 1, 1)).toEpochDay();
        }
        if (s.matches("\\d{4}-\\d{2}")) {
          java.time.YearMonth ym = java.time.YearMonth.parse(s);
          return (end ? ym.atEndOfMonth() : ym.atDay(1)).toEpochDay();
        }
        return LocalDate.parse(s).toEpochDay();
      } catch (DateTimeParseException e) {
        throw new ParseException("not a date: " + s);
      }
    }
  }
}
