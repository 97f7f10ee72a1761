package io.incidentsearch.tool.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One benchmark query: its kind, the query in the index's query language, and the same question for
 * the plain-Lucene baseline (one text field; facet dimensions as fields become drill-down terms;
 * {@code published:[2015 TO 2017]} is a date range in both).
 *
 * @param kind {@code term}, {@code multi}, {@code phrase}, {@code field} or {@code date}
 * @param query the query for incident-search
 * @param baseline the query for the baseline
 */
record BenchQuery(String kind, String query, String baseline) {
  /** The kinds, in report order. */
  static final List<String> KINDS = List.of("term", "multi", "phrase", "field", "date");

  /** The kinds whose queries are plain text (the text-query targets pool them). */
  static final Set<String> TEXT_KINDS = Set.of("term", "multi", "phrase");

  /** Validates. */
  public BenchQuery {
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("unknown query kind '" + kind + "'; kinds: " + KINDS);
    }
  }

  /**
   * The fixed mixed set: words and phrases frequent in FAIL postmortems and news (so in generated
   * archives too), section and taxonomy fields, and date ranges.
   */
  static List<BenchQuery> defaults() {
    List<BenchQuery> q = new ArrayList<>();
    for (String t :
        List.of("software", "outage", "hackers", "vulnerability", "recall", "airline")) {
      q.add(same("term", t));
    }
    for (String t :
        List.of(
            "software update failure",
            "data breach customers",
            "security flaw android app",
            "system outage bank",
            "autopilot crash investigation")) {
      q.add(same("multi", t));
    }
    for (String t :
        List.of(
            "\"software update\"",
            "\"data breach\"",
            "\"personal information\"",
            "\"air traffic control\"")) {
      q.add(same("phrase", t));
    }
    q.add(new BenchQuery("field", "title:security", "security"));
    q.add(new BenchQuery("field", "cause:bug", "bug"));
    q.add(new BenchQuery("field", "fix:patch", "patch"));
    q.add(new BenchQuery("field", "software AND phase:operation", "software AND phase:operation"));
    q.add(same("date", "software published:[2015 TO 2017]"));
    q.add(same("date", "hackers published:[2020-01-01 TO 2020-12-31]"));
    q.add(same("date", "outage published:[2010 TO 2013]"));
    return List.copyOf(q);
  }

  /**
   * Reads a query file: one query a line, {@code KIND<TAB>QUERY} or {@code
   * KIND<TAB>QUERY<TAB>BASELINE QUERY} (the baseline query defaults to the query); blank lines and
   * lines starting with {@code #} are ignored.
   */
  static List<BenchQuery> read(Path file) throws IOException {
    List<BenchQuery> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = lines.get(i).split("\t");
      if (parts.length < 2 || parts.length > 3 || parts[1].isBlank()) {
        throw new Bench.Failure(
            file + ":" + (i + 1) + ": expected KIND<TAB>QUERY[<TAB>BASELINE QUERY], got: " + line);
      }
      String kind = parts[0].strip().toLowerCase(Locale.ROOT);
      if (!KINDS.contains(kind)) {
        throw new Bench.Failure(
            file + ":" + (i + 1) + ": unknown kind '" + parts[0] + "'; use one of " + KINDS);
      }
      String baseline = parts.length == 3 && !parts[2].isBlank() ? parts[2].strip() : parts[1];
      out.add(new BenchQuery(kind, parts[1].strip(), baseline.strip()));
    }
    if (out.isEmpty()) {
      throw new Bench.Failure(file + ": no query in the file");
    }
    return List.copyOf(out);
  }

  private static BenchQuery same(String kind, String q) {
    return new BenchQuery(kind, q, q);
  }
}
