package io.incidentsearch.tool.bench;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.formats.ArchiveScanner;
import io.incidentsearch.formats.JsonLines;
import io.incidentsearch.model.Record;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.tool.bench.BenchResult.Build;
import io.incidentsearch.tool.bench.BenchResult.HotPath;
import io.incidentsearch.tool.bench.BenchResult.QueryFigure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;

/**
 * What the costly steps cost, measured one at a time through what the library offers: parsing, the
 * stored JSON of a record, the facet ordinal map, and (from the query figures) highlighting and
 * facet counting.
 */
final class HotPaths {
  /** Fresh opens of the index the facet ordinal map is timed on; the fastest counts. */
  private static final int FACET_STATE_OPENS = 3;

  private final RunContext run;

  HotPaths(RunContext run) {
    this.run = run;
  }

  /**
   * The steps measured on a sample of {@code files} and on both indexes.
   *
   * @param builds the full builds, to compare with; empty when none ran
   */
  List<HotPath> measure(List<Path> files, Path projectIndex, Path baselineIndex, List<Build> builds)
      throws IOException {
    run.log().accept("hot paths ...");
    List<HotPath> out = new ArrayList<>();
    List<Path> sample = BenchFiles.evenly(files, run.options().hotSample());
    long sampleBytes = BenchFiles.totalBytes(sample);
    double buildPerFileMicros = // the 1-thread build of incident-search; none with --reuse
        builds.isEmpty() ? Double.NaN : builds.get(0).seconds() * 1e6 / files.size();

    // Parsing (reading, decoding, format detection, reader; includes the reader's own hash).
    ArchiveScanner scanner = new ArchiveScanner();
    List<Record> records = new ArrayList<>();
    long t0 = System.nanoTime();
    for (Path f : sample) {
      records.addAll(scanner.parse(f).records());
    }
    double parseMicros = (System.nanoTime() - t0) / 1e3 / sample.size();
    out.add(
        new HotPath(
            "parsing",
            perFile(parseMicros, sampleBytes, sample.size()),
            parseMicros,
            share(parseMicros, buildPerFileMicros, "1-thread build"),
            "ArchiveScanner.parse over " + sample.size() + " files (it hashes the bytes too)"));

    // The stored JSON of every record.
    t0 = System.nanoTime();
    for (Record r : records) {
      JsonLines.toJson(r);
    }
    double jsonMicros = (System.nanoTime() - t0) / 1e3 / Math.max(1, records.size());
    out.add(
        new HotPath(
            "record JSON (stored copy)",
            String.format(Locale.ROOT, "%.0f µs/record", jsonMicros),
            jsonMicros,
            null,
            "JsonLines.toJson over the sample's " + records.size() + " records"));

    out.add(facetState(projectIndex, baselineIndex));
    out.add(facetOrdinals(projectIndex, baselineIndex));
    return out;
  }

  /**
   * The facet ordinal map, built once per opened reader: the first facet count after opening the
   * index pays it, the next one does not.
   */
  private static HotPath facetState(Path projectIndex, Path baselineIndex) throws IOException {
    SearchRequest all = SearchRequest.builder().query("").build();
    try (IncidentIndex warm = IncidentIndex.open(projectIndex)) { // the code, not the figure
      warm.facets(all);
      warm.facets(all);
    }
    double project = Double.POSITIVE_INFINITY;
    for (int i = 0; i < FACET_STATE_OPENS; i++) {
      try (IncidentIndex index = IncidentIndex.open(projectIndex)) {
        long t0 = System.nanoTime();
        index.facets(all);
        long t1 = System.nanoTime();
        index.facets(all);
        long t2 = System.nanoTime();
        project = Math.min(project, Math.max(0, (t1 - t0) - (t2 - t1)) / 1e3);
      }
    }
    double baseline;
    try (BaselineIndex b = BaselineIndex.open(baselineIndex)) {
      long t0 = System.nanoTime();
      b.warmFacets();
      baseline = (System.nanoTime() - t0) / 1e3;
    }
    return new HotPath(
        "facet ordinal map (per opened reader)",
        String.format(Locale.ROOT, "%.1f ms (baseline %.1f ms)", project / 1e3, baseline / 1e3),
        project,
        null,
        "the first facet count over every record after opening the index minus the next one"
            + " (fastest of "
            + FACET_STATE_OPENS
            + " opens); the baseline's DefaultSortedSetDocValuesReaderState alone");
  }

  /**
   * Facet ordinals per record with facets, on both sides: what counting reads for each match
   * (incident-search gives articles their citing incidents' taxonomy, the baseline does not).
   */
  private static HotPath facetOrdinals(Path projectIndex, Path baselineIndex) throws IOException {
    double project = ordinalsPerRecord(projectIndex);
    double baseline = ordinalsPerRecord(baselineIndex);
    return new HotPath(
        "facet ordinals per record",
        String.format(Locale.ROOT, "%.1f (baseline %.1f)", project, baseline),
        Double.NaN, // a count, not a time
        String.format(Locale.ROOT, "%.1fx the baseline's", project / baseline),
        "sorted-set doc values of the facet field, averaged over the live records having any:"
            + " what facet counting reads per match");
  }

  private static double ordinalsPerRecord(Path index) throws IOException {
    long records = 0;
    long ordinals = 0;
    try (var dir = FSDirectory.open(index);
        DirectoryReader reader = DirectoryReader.open(dir)) {
      for (LeafReaderContext leaf : reader.leaves()) {
        SortedSetDocValues dv =
            leaf.reader().getSortedSetDocValues(FacetsConfig.DEFAULT_INDEX_FIELD_NAME);
        Bits live = leaf.reader().getLiveDocs();
        if (dv == null) {
          continue;
        }
        for (int d = dv.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = dv.nextDoc()) {
          if (live == null || live.get(d)) {
            records++;
            ordinals += dv.docValueCount();
          }
        }
      }
    }
    return records == 0 ? 0 : (double) ordinals / records;
  }

  /** What highlighting and facet counting add to a text query, from the measured queries. */
  static List<HotPath> fromQueries(List<QueryFigure> queries) {
    List<HotPath> out = new ArrayList<>();
    QueryFigure plain = find(queries, BenchResult.PROJECT, QueryCases.PLAIN);
    QueryFigure hl = find(queries, BenchResult.PROJECT, QueryCases.HIGHLIGHT);
    QueryFigure facets = find(queries, BenchResult.PROJECT, QueryCases.FACETS);
    QueryFigure bPlain = find(queries, BenchResult.BASELINE, QueryCases.PLAIN);
    QueryFigure bFacets = find(queries, BenchResult.BASELINE, QueryCases.FACETS);
    if (plain != null && hl != null) {
      double d = hl.p50Ms() - plain.p50Ms();
      out.add(
          new HotPath(
              "highlighting (top 10)",
              String.format(Locale.ROOT, "+%.2f ms p50 per query", d),
              d * 1e3,
              String.format(Locale.ROOT, "%.0f%% of a highlighted query", 100 * d / hl.p50Ms()),
              "text queries with snippets minus without (UnifiedHighlighter, stored fields)"));
    }
    if (plain != null && facets != null) {
      double d = facets.p50Ms() - plain.p50Ms();
      String base =
          bPlain != null && bFacets != null
              ? String.format(Locale.ROOT, " (baseline +%.2f ms)", bFacets.p50Ms() - bPlain.p50Ms())
              : "";
      out.add(
          new HotPath(
              "facet counting, all " + BaselineIndex.DIMENSIONS.size() + " dims",
              String.format(Locale.ROOT, "+%.2f ms p50 per query%s", d, base),
              d * 1e3,
              String.format(Locale.ROOT, "%.0f%% of a query with facets", 100 * d / facets.p50Ms()),
              "text queries with every facet count minus without"));
    }
    return out;
  }

  /** The 1-thread figure of {@code system}'s text queries in {@code variant}, or null. */
  private static QueryFigure find(List<QueryFigure> queries, String system, String variant) {
    return queries.stream()
        .filter(
            q ->
                q.system().equals(system)
                    && q.kind().equals("text")
                    && q.variant().equals(variant)
                    && q.threads() == 1)
        .findFirst()
        .orElse(null);
  }

  private static String perFile(double micros, long bytes, int files) {
    double mbs = bytes / 1e6 / (micros * files / 1e6);
    return String.format(Locale.ROOT, "%.0f µs/file (%.0f MB/s)", micros, mbs);
  }

  private static String share(double part, double whole, String of) {
    if (Double.isNaN(whole)) {
      return null;
    }
    return String.format(Locale.ROOT, "%.0f%% of a %s", 100 * part / whole, of);
  }
}
