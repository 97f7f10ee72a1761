package io.incidentsearch.tool.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.util.StdConverter;
import io.incidentsearch.tool.bench.BenchResult.Build;
import io.incidentsearch.tool.bench.BenchResult.HotPath;
import io.incidentsearch.tool.bench.BenchResult.Incremental;
import io.incidentsearch.tool.bench.BenchResult.QueryFigure;
import io.incidentsearch.tool.bench.BenchResult.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Renders a {@link BenchResult}: aligned text tables for people, JSON for scripts, and a Markdown
 * report with the environment for {@code PERFORMANCE.md}. Every incident-search figure is printed
 * next to the baseline's, with the ratio.
 */
final class BenchReport {
  private BenchReport() {}

  // ---------------------------------------------------------------------------- text

  /** The text tables. */
  static String text(BenchResult r) {
    if (!r.indexes().isEmpty()) {
      return indexesText(r);
    }
    StringBuilder s = new StringBuilder();
    s.append(headline(r)).append('\n').append(environmentLine(r)).append("\n\n");
    s.append("Full builds\n").append(align(buildRows(r))).append('\n');
    if (!r.incremental().isEmpty()) {
      s.append("Incremental builds (incident-search)\n")
          .append(align(incrementalRows(r)))
          .append('\n');
    }
    s.append("Queries (latency in ms, one thread; q/s with 1 and N threads)\n")
        .append(align(queryRows(r)))
        .append('\n');
    if (!r.http().isEmpty()) {
      s.append("Search over HTTP (ms; the same queries in process beside)\n")
          .append(align(httpRows(r)))
          .append('\n');
    }
    s.append("Hot paths\n").append(align(hotRows(r))).append('\n');
    s.append("Targets\n").append(align(targetRows(r)));
    for (String n : r.notes()) {
      s.append("\nnote: ").append(n);
    }
    return s.append('\n').toString();
  }

  /** The text tables of a {@code --index} run: the indexes, then every case on each. */
  private static String indexesText(BenchResult r) {
    StringBuilder s = new StringBuilder();
    s.append(indexesHeadline(r)).append('\n').append(environmentLine(r)).append("\n\n");
    s.append("Indexes\n").append(align(indexRows(r))).append('\n');
    s.append("Queries (latency in ms, one thread; q/s with 1 and N threads; ratios to #1)\n")
        .append(align(indexQueryRows(r)));
    for (String n : r.notes()) {
      s.append("\nnote: ").append(n);
    }
    return s.append('\n').toString();
  }

  private static String indexesHeadline(BenchResult r) {
    return "index-tool bench: queries on "
        + r.indexes().size()
        + " incident-search index(es), side by side";
  }

  /** "#2" for {@code incident-search #2}. */
  private static String label(String system) {
    return system.substring(system.lastIndexOf(' ') + 1);
  }

  private static List<String[]> indexRows(BenchResult r) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "index", "path", "incidents", "articles", "records", "size MB", "records vs #1"
        });
    long firstRecords = r.indexes().get(0).records();
    for (BenchResult.IndexInfo i : r.indexes()) {
      rows.add(
          new String[] {
            label(i.system()),
            i.path(),
            Long.toString(i.incidents()),
            Long.toString(i.articles()),
            Long.toString(i.records()),
            f1(i.bytes() / 1e6),
            ratio(i.records(), firstRecords)
          });
    }
    return rows;
  }

  /**
   * One row per case and index: the 1-thread latencies, q/s with 1 and N threads, and for the
   * second and later indexes their p50 over the first's next to their records over the first's
   * (latency growing slower than the records is the sub-linear scaling looked for).
   */
  private static List<String[]> indexQueryRows(BenchResult r) {
    List<String[]> rows = new ArrayList<>();
    int n = r.maxThreads();
    rows.add(
        new String[] {
          "kind",
          "variant",
          "index",
          "p50",
          "p90",
          "p99",
          "q/s 1t",
          "q/s " + n + "t",
          "hits",
          "p50 vs #1",
          "records vs #1"
        });
    BenchResult.IndexInfo first = r.indexes().get(0);
    for (QueryFigure q : r.queries()) {
      if (!q.system().equals(first.system()) || q.threads() != 1) {
        continue;
      }
      for (BenchResult.IndexInfo i : r.indexes()) {
        Optional<QueryFigure> one = r.query(i.system(), q.kind(), q.variant(), 1);
        if (one.isEmpty()) {
          continue;
        }
        QueryFigure f = one.get();
        Optional<QueryFigure> many = r.query(i.system(), q.kind(), q.variant(), n);
        boolean later = i != first;
        rows.add(
            new String[] {
              q.kind(),
              q.variant(),
              label(i.system()),
              f2(f.p50Ms()),
              f2(f.p90Ms()),
              f2(f.p99Ms()),
              f0(f.qps()),
              many.map(m -> f0(m.qps())).orElse(""),
              f0(f.meanHits()),
              later ? ratio(f.p50Ms(), q.p50Ms()) : "",
              later ? ratio(i.records(), first.records()) : ""
            });
      }
    }
    return rows;
  }

  private static String headline(BenchResult r) {
    BenchResult.Corpus c = r.corpus();
    return String.format(
        Locale.ROOT,
        "index-tool bench: %d incidents + %d articles, %d files, %.1f MB%s",
        c.incidents(),
        c.articles(),
        c.files(),
        c.bytes() / 1e6,
        c.generated() != null ? " (" + c.generated() + ")" : " (" + c.path() + ")");
  }

  private static String environmentLine(BenchResult r) {
    BenchResult.Environment e = r.environment();
    return String.format(
        Locale.ROOT,
        "%d CPUs (load average %.1f at start, %.1f at end), Java %s (%s), max heap %d MB,"
            + " Lucene %s, %s, %s",
        e.cpus(),
        e.loadStart(),
        e.loadEnd(),
        e.javaVersion(),
        e.jvm(),
        e.maxHeapBytes() >> 20,
        e.lucene(),
        e.os(),
        e.date());
  }

  /** Columns: the first left-aligned, the rest right-aligned; the first row is the header. */
  private static String align(List<String[]> rows) {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] row : rows) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder s = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < cols; i++) {
        String cell = row[i];
        String pad = " ".repeat(width[i] - cell.length());
        line.append(i <= 1 ? cell + pad : pad + cell).append(i < cols - 1 ? "  " : "");
      }
      s.append(line.toString().stripTrailing()).append('\n');
    }
    return s.toString();
  }

  private static List<String[]> buildRows(BenchResult r) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "system",
          "threads",
          "seconds",
          "docs/s",
          "MB/s",
          "index MB",
          "peak heap MB",
          "live heap MB",
          "GC ms",
          "docs/s vs baseline"
        });
    for (Build b : r.builds()) {
      Optional<Build> base = r.build(BenchResult.BASELINE, b.threads());
      String ratio =
          b.system().equals(BenchResult.PROJECT) && base.isPresent()
              ? ratio(b.docsPerSecond(), base.get().docsPerSecond())
              : "";
      rows.add(
          new String[] {
            b.system(),
            Integer.toString(b.threads()),
            f2(b.seconds()),
            f0(b.docsPerSecond()),
            f1(b.mbPerSecond()),
            f1(b.indexBytes() / 1e6),
            f0(b.peakHeapBytes() / 1e6),
            f0(b.peakLiveBytes() / 1e6),
            Long.toString(b.gcMillis()),
            ratio
          });
    }
    return rows;
  }

  private static List<String[]> incrementalRows(BenchResult r) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "phase",
          "files changed",
          "seconds",
          "% of full build",
          "files parsed",
          "records written",
          "peak heap MB"
        });
    for (Incremental i : r.incremental()) {
      rows.add(
          new String[] {
            i.phase(),
            Integer.toString(i.filesChanged()),
            f2(i.seconds()),
            f1(100 * i.fractionOfFull()) + "%",
            Integer.toString(i.filesParsed()),
            Integer.toString(i.recordsWritten()),
            f0(i.peakHeapBytes() / 1e6)
          });
    }
    return rows;
  }

  private static List<String[]> queryRows(BenchResult r) {
    List<String[]> rows = new ArrayList<>();
    int n = r.maxThreads();
    rows.add(
        new String[] {
          "kind",
          "variant",
          "p50",
          "p90",
          "p99",
          "q/s 1t",
          "q/s " + n + "t",
          "base p50",
          "base p99",
          "base q/s 1t",
          "base q/s " + n + "t",
          "p50 ratio",
          "q/s " + n + "t ratio",
          "hits"
        });
    for (QueryFigure q : r.queries()) {
      if (!q.system().equals(BenchResult.PROJECT) || q.threads() != 1) {
        continue;
      }
      Optional<QueryFigure> many = r.query(q.system(), q.kind(), q.variant(), n);
      Optional<QueryFigure> b1 = r.query(BenchResult.BASELINE, q.kind(), q.variant(), 1);
      Optional<QueryFigure> bn = r.query(BenchResult.BASELINE, q.kind(), q.variant(), n);
      rows.add(
          new String[] {
            q.kind(),
            q.variant(),
            f2(q.p50Ms()),
            f2(q.p90Ms()),
            f2(q.p99Ms()),
            f0(q.qps()),
            many.map(m -> f0(m.qps())).orElse(""),
            b1.map(b -> f2(b.p50Ms())).orElse(""),
            b1.map(b -> f2(b.p99Ms())).orElse(""),
            b1.map(b -> f0(b.qps())).orElse(""),
            bn.map(b -> f0(b.qps())).orElse(""),
            b1.map(b -> ratio(q.p50Ms(), b.p50Ms())).orElse(""),
            many.isPresent() && bn.isPresent() ? ratio(many.get().qps(), bn.get().qps()) : "",
            f0(q.meanHits())
          });
    }
    return rows;
  }

  private static List<String[]> hotRows(BenchResult r) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"step", "cost", "share"});
    for (HotPath h : r.hotPaths()) {
      rows.add(new String[] {h.name(), h.cost(), h.share() == null ? "" : h.share()});
    }
    return rows;
  }

  private static List<String[]> targetRows(BenchResult r) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"target", "goal", "measured", "met"});
    for (Target t : r.targets()) {
      rows.add(new String[] {t.name(), t.goal(), t.measured(), met(t)});
    }
    return rows;
  }

  private static String met(Target t) {
    return t.met().map(m -> m ? "yes" : "NO").orElse("n/a");
  }

  // ---------------------------------------------------------------------------- JSON

  /**
   * The result as one JSON document (numbers in seconds, milliseconds and bytes), for {@code
   * Json.writePretty}; {@code indexes} only in a {@code --index} run, {@code corpus} null there.
   */
  static JsonReport json(BenchResult r) {
    List<IndexJson> indexes = null;
    if (!r.indexes().isEmpty()) {
      long firstRecords = r.indexes().get(0).records();
      indexes =
          r.indexes().stream()
              .map(
                  i ->
                      new IndexJson(
                          i.system(),
                          i.path(),
                          i.incidents(),
                          i.articles(),
                          i.records(),
                          i.bytes(),
                          (double) i.records() / firstRecords))
              .toList();
    }
    return new JsonReport(
        r.command(),
        r.environment(),
        r.corpus(), // null in a --index run: it measures indexes, not an archive
        indexes,
        r.builds().stream()
            .map(
                b ->
                    new BuildJson(
                        b.system(),
                        b.threads(),
                        b.seconds(),
                        b.records(),
                        b.docsPerSecond(),
                        b.mbPerSecond(),
                        b.inputBytes(),
                        b.indexBytes(),
                        b.peakHeapBytes(),
                        b.peakLiveBytes(),
                        b.gcCount(),
                        b.gcMillis()))
            .toList(),
        r.incremental().stream()
            .map(
                i ->
                    new IncrementalJson(
                        i.phase(),
                        i.filesChanged(),
                        i.seconds(),
                        i.fullSeconds(),
                        i.fractionOfFull(),
                        i.filesParsed(),
                        i.recordsWritten(),
                        i.peakHeapBytes()))
            .toList(),
        r.queries().stream().map(q -> queryJson(r, q)).toList(),
        r.http(),
        r.hotPaths().stream()
            .map(h -> new HotPathJson(h.name(), h.cost(), h.perItemMicros(), h.share(), h.how()))
            .toList(),
        r.targets().stream()
            .map(t -> new TargetJson(t.name(), t.goal(), t.measured(), t.met().orElse(null)))
            .toList(),
        r.notes());
  }

  /** The whole report. */
  record JsonReport(
      String command,
      BenchResult.Environment environment,
      BenchResult.Corpus corpus,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<IndexJson> indexes,
      List<BuildJson> builds,
      List<IncrementalJson> incremental,
      List<QueryJson> queries,
      List<BenchResult.HttpFigure> http,
      List<HotPathJson> hotPaths,
      List<TargetJson> targets,
      List<String> notes) {}

  /** An index of a {@code --index} run. */
  record IndexJson(
      String system,
      String path,
      long incidents,
      long articles,
      long records,
      long bytes,
      @JsonSerialize(converter = FiniteOrNull.class) double recordsVsFirst) {}

  /** A full build. */
  record BuildJson(
      String system,
      int threads,
      double seconds,
      long records,
      double docsPerSecond,
      double mbPerSecond,
      long inputBytes,
      long indexBytes,
      long peakHeapBytes,
      long peakLiveHeapBytes,
      long gcCount,
      long gcMillis) {}

  /** An incremental build. */
  record IncrementalJson(
      String phase,
      int filesChanged,
      double seconds,
      double fullBuildSeconds,
      double fractionOfFullBuild,
      int filesParsed,
      int recordsWritten,
      long peakHeapBytes) {}

  /** A query case; the two {@code VsFirst} figures only for a later index of a --index run. */
  record QueryJson(
      String system,
      String kind,
      String variant,
      int threads,
      int samples,
      @JsonSerialize(converter = FiniteOrNull.class) double p50Ms,
      @JsonSerialize(converter = FiniteOrNull.class) double p90Ms,
      @JsonSerialize(converter = FiniteOrNull.class) double p99Ms,
      @JsonSerialize(converter = FiniteOrNull.class) double qps,
      @JsonSerialize(converter = FiniteOrNull.class) double meanHits,
      @JsonInclude(JsonInclude.Include.NON_NULL) @JsonSerialize(converter = FiniteOrNull.class)
          Double p50VsFirst,
      @JsonInclude(JsonInclude.Include.NON_NULL) @JsonSerialize(converter = FiniteOrNull.class)
          Double recordsVsFirst) {}

  /** A step of the hot path. */
  record HotPathJson(
      String name,
      String cost,
      @JsonSerialize(converter = FiniteOrNull.class) double perItemMicros,
      String share,
      String how) {}

  /** A target; {@code met} is null when it does not apply. */
  record TargetJson(String name, String goal, String measured, Boolean met) {}

  /** A measured number as JSON: NaN and infinities are not JSON numbers, so they become null. */
  static final class FiniteOrNull extends StdConverter<Double, Double> {
    @Override
    public Double convert(Double value) {
      return Double.isFinite(value) ? value : null;
    }
  }

  /** One row per number of clients: HTTP and in-process latencies, errors, server memory. */
  private static List<String[]> httpRows(BenchResult r) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "clients",
          "seconds",
          "requests",
          "errors",
          "HTTP p50",
          "HTTP p99",
          "in-process p50",
          "in-process p99",
          "HTTP adds p50",
          "HTTP adds p99",
          "server peak RSS MB"
        });
    for (BenchResult.HttpFigure h : r.http()) {
      rows.add(
          new String[] {
            Integer.toString(h.clients()),
            f0(h.seconds()),
            Long.toString(h.requests()),
            Long.toString(h.errors()),
            f2(h.p50Ms()),
            f2(h.p99Ms()),
            f2(h.inProcessP50Ms()),
            f2(h.inProcessP99Ms()),
            f2(h.overheadP50Ms()),
            f2(h.overheadP99Ms()),
            h.serverPeakRssBytes() < 0 ? "" : f0(h.serverPeakRssBytes() / 1e6)
          });
    }
    return rows;
  }

  /**
   * A query figure; in a {@code --index} run, a figure of a later index also has its p50 over the
   * first index's for the same case and thread count, and its records over the first's.
   */
  private static QueryJson queryJson(BenchResult r, QueryFigure q) {
    Double p50VsFirst = null;
    Double recordsVsFirst = null;
    if (!r.indexes().isEmpty() && !q.system().equals(r.indexes().get(0).system())) {
      BenchResult.IndexInfo first = r.indexes().get(0);
      Optional<QueryFigure> base = r.query(first.system(), q.kind(), q.variant(), q.threads());
      Optional<BenchResult.IndexInfo> self =
          r.indexes().stream().filter(i -> i.system().equals(q.system())).findFirst();
      if (base.isPresent()) {
        p50VsFirst = q.p50Ms() / base.get().p50Ms();
      }
      if (self.isPresent()) {
        recordsVsFirst = (double) self.get().records() / first.records();
      }
    }
    return new QueryJson(
        q.system(),
        q.kind(),
        q.variant(),
        q.threads(),
        q.samples(),
        q.p50Ms(),
        q.p90Ms(),
        q.p99Ms(),
        q.qps(),
        q.meanHits(),
        p50VsFirst,
        recordsVsFirst);
  }

  // ---------------------------------------------------------------------------- Markdown

  /** The Markdown report: command, environment, corpus, then every table. */
  static String markdown(BenchResult r) {
    if (!r.indexes().isEmpty()) {
      return indexesMarkdown(r);
    }
    BenchResult.Environment e = r.environment();
    BenchResult.Corpus c = r.corpus();
    StringBuilder s = new StringBuilder();
    s.append("## ").append(headline(r).replace("index-tool bench: ", "Benchmark: ")).append("\n\n");
    s.append("Command: `").append(r.command()).append("`\n\n");
    environmentTable(s, e);
    s.append(
        String.format(
            Locale.ROOT,
            "| corpus | %d files, %.1f MB: %d incidents, %d articles%s |%n%n",
            c.files(),
            c.bytes() / 1e6,
            c.incidents(),
            c.articles(),
            c.generated() != null ? " (" + c.generated() + ")" : ""));
    s.append("### Full builds\n\n").append(table(buildRows(r))).append('\n');
    if (!r.incremental().isEmpty()) {
      s.append("### Incremental builds (incident-search)\n\n")
          .append(table(incrementalRows(r)))
          .append('\n');
    }
    s.append("### Queries\n\n")
        .append(
            "Latency in ms with one thread after warm-up; q/s with 1 and N threads (fixed"
                + " pool). `text` pools the term, multi-term and phrase queries. Variants: `plain`"
                + " top 10 without snippets, `facets` top 10 and every facet count, `filtered` two"
                + " facet filters with drill-sideways counts, `highlight` plain with snippets"
                + " and `fast-total` plain with a lower-bound total like the baseline's (both"
                + " incident-search only; `plain` counts the exact total), `similar` 10 similar"
                + " records for 100 incidents."
                + " `base` = the plain-Lucene baseline; ratios are incident-search / baseline.\n\n")
        .append(table(queryRows(r)))
        .append('\n');
    if (!r.http().isEmpty()) {
      s.append("### Search over HTTP\n\n")
          .append(
              "`index-tool serve` in its own JVM (heap -Xmx"
                  + r.http().get(0).serverHeap()
                  + ") on the incident-search index; N clients (keep-alive connections, one"
                  + " request at a time each) run the text and field queries with snippets, as"
                  + " `/api/search?q=...` answers them, for the time shown; then N threads run the"
                  + " same searches in this JVM. Latency in ms from request to last byte; `HTTP"
                  + " adds` is, per request, the latency minus the server's own search time (its"
                  + " `Server-Timing` header): transport, JSON and the server's handling.\n\n")
          .append(table(httpRows(r)))
          .append('\n');
    }
    s.append("### Hot paths\n\n").append(table(hotRows(r))).append('\n');
    s.append("### Targets\n\n").append(table(targetRows(r)));
    if (!r.notes().isEmpty()) {
      s.append('\n');
      for (String n : r.notes()) {
        s.append("- ").append(n).append('\n');
      }
    }
    return s.toString();
  }

  /** The environment table's header and rows, up to the tool's version. */
  private static void environmentTable(StringBuilder s, BenchResult.Environment e) {
    s.append("| environment | |\n|---|---|\n");
    s.append("| date | ").append(e.date()).append(" |\n");
    s.append("| CPUs | ").append(e.cpus()).append(" |\n");
    s.append(
        String.format(
            Locale.ROOT,
            "| load average (1 min) | %.1f at start, %.1f at end |%n",
            e.loadStart(),
            e.loadEnd()));
    s.append("| JVM | ").append(e.jvm()).append(" (Java ").append(e.javaVersion()).append(") |\n");
    s.append("| max heap | ").append(e.maxHeapBytes() >> 20).append(" MB |\n");
    s.append("| Lucene | ").append(e.lucene()).append(" |\n");
    s.append("| OS | ").append(e.os()).append(" |\n");
    s.append("| index-tool | ").append(e.tool()).append(" |\n");
  }

  /** The Markdown report of a {@code --index} run. */
  private static String indexesMarkdown(BenchResult r) {
    StringBuilder s = new StringBuilder();
    s.append("## ")
        .append(indexesHeadline(r).replace("index-tool bench: ", "Benchmark: "))
        .append("\n\n");
    s.append("Command: `").append(r.command()).append("`\n\n");
    environmentTable(s, r.environment());
    s.append('\n');
    s.append("### Indexes\n\n").append(table(indexRows(r))).append('\n');
    s.append("### Queries\n\n")
        .append(
            "The same cases on every index (filter values and `similar` keys from #1),"
                + " each case run on all indexes before the next so that machine noise hits them"
                + " alike. Latency in ms with one thread after warm-up; q/s with 1 and N threads"
                + " (fixed pool). `text` pools the term, multi-term and phrase queries; variants as"
                + " in the full benchmark. `p50 vs #1` is the index's p50 over the first index's,"
                + " beside its record count over the first's: latency growing slower than the"
                + " records is sub-linear scaling.\n\n")
        .append(table(indexQueryRows(r)));
    if (!r.notes().isEmpty()) {
      s.append('\n');
      for (String n : r.notes()) {
        s.append("- ").append(n).append('\n');
      }
    }
    return s.toString();
  }

  private static String table(List<String[]> rows) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      s.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
      if (i == 0) {
        s.append("|").append("---|".repeat(rows.get(0).length)).append('\n');
      }
    }
    return s.toString();
  }

  // ---------------------------------------------------------------------------- numbers

  private static String ratio(double a, double b) {
    return Double.isFinite(a / b) ? String.format(Locale.ROOT, "%.2fx", a / b) : "";
  }

  private static String f0(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.0f", v) : "";
  }

  private static String f1(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "";
  }

  private static String f2(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "";
  }
}
