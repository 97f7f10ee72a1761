package io.incidentsearch.tool.bench;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.model.Category;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.search.FacetValue;
import io.incidentsearch.search.Hit;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import io.incidentsearch.tool.bench.QueryHarness.Call;
import io.incidentsearch.tool.bench.QueryHarness.Case;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.Query;

/**
 * The query cases: every kind of the query set in every variant, and {@code similar}, as calls on
 * incident-search and on the baseline.
 */
final class QueryCases {
  /** Facet dimensions whose most frequent value the filtered variant filters on. */
  static final List<String> FILTER_DIMS = List.of("phase", "objective");

  static final String PLAIN = "plain";
  static final String FACETS = "facets";
  static final String FILTERED = "filtered";
  static final String HIGHLIGHT = "highlight";

  /** Plain, but with a lower-bound total as the baseline reports (no exact count). */
  static final String FAST_TOTAL = "fast-total";

  static final String SIMILAR = "similar";

  /** Incident keys read per page when picking the {@code similar} ones. */
  private static final int KEY_PAGE = 1000;

  private final RunContext run;

  QueryCases(RunContext run) {
    this.run = run;
  }

  /** Every case on incident-search and the baseline, each case its own group. */
  List<List<Case>> projectAndBaseline(IncidentIndex index, BaselineIndex base) throws IOException {
    Map<String, String> filters = filters(index);
    if (filters.size() < FILTER_DIMS.size()) {
      run.notes().add("filtered queries skipped: no value for facet dimensions " + FILTER_DIMS);
    }
    List<Case> cases = new ArrayList<>();
    for (Map.Entry<String, List<BenchQuery>> e : queriesByKind().entrySet()) {
      String kind = e.getKey();
      List<BenchQuery> qs = e.getValue();
      for (String variant : variants(filters)) {
        cases.add(
            new Case(
                BenchResult.PROJECT, kind, variant, projectCalls(index, qs, variant, filters)));
        if (!variant.equals(HIGHLIGHT) && !variant.equals(FAST_TOTAL)) {
          cases.add(
              new Case(
                  BenchResult.BASELINE, kind, variant, baselineCalls(base, qs, variant, filters)));
        }
      }
    }
    List<String> keys = similarKeys(index);
    if (!keys.isEmpty()) {
      List<Call> p = new ArrayList<>();
      List<Call> b = new ArrayList<>();
      for (String k : keys) {
        p.add(() -> index.similar(k, 10).size());
        b.add(() -> base.similar(k));
      }
      cases.add(new Case(BenchResult.PROJECT, SIMILAR, SIMILAR, p));
      cases.add(new Case(BenchResult.BASELINE, SIMILAR, SIMILAR, b));
    }
    return cases.stream().map(List::of).toList();
  }

  /**
   * The incident-search cases on every index, without baseline cases: one group per case, the same
   * case on each index. The filter values and similar keys come from the first index, so that every
   * index runs the same queries.
   */
  List<List<Case>> sideBySide(List<IncidentIndex> indexes) throws IOException {
    Map<String, String> filters = filters(indexes.get(0));
    noteFilters(indexes, filters);
    List<List<Case>> groups = new ArrayList<>();
    for (Map.Entry<String, List<BenchQuery>> e : queriesByKind().entrySet()) {
      for (String variant : variants(filters)) {
        List<Case> group = new ArrayList<>();
        for (int i = 0; i < indexes.size(); i++) {
          group.add(
              new Case(
                  BenchResult.indexSystem(i + 1),
                  e.getKey(),
                  variant,
                  projectCalls(indexes.get(i), e.getValue(), variant, filters)));
        }
        groups.add(group);
      }
    }
    List<String> keys = keysInAll(indexes);
    if (!keys.isEmpty()) {
      List<Case> group = new ArrayList<>();
      for (int i = 0; i < indexes.size(); i++) {
        IncidentIndex index = indexes.get(i);
        List<Call> calls = new ArrayList<>();
        for (String k : keys) {
          calls.add(() -> index.similar(k, 10).size());
        }
        group.add(new Case(BenchResult.indexSystem(i + 1), SIMILAR, SIMILAR, calls));
      }
      groups.add(group);
    }
    return groups;
  }

  /** Notes filter values of the first index that another index lacks (or that there are none). */
  private void noteFilters(List<IncidentIndex> indexes, Map<String, String> filters)
      throws IOException {
    if (filters.size() < FILTER_DIMS.size()) {
      run.notes()
          .add(
              "filtered queries skipped: the first index has no value for facet dimensions "
                  + FILTER_DIMS);
      return;
    }
    for (int i = 1; i < indexes.size(); i++) {
      List<String> missing = missingFilters(indexes.get(i), filters);
      if (!missing.isEmpty()) {
        run.notes()
            .add(
                "filtered queries: "
                    + BenchResult.indexSystem(i + 1)
                    + " has no record with "
                    + String.join(", ", missing)
                    + " (the filter values come from #1), so its"
                    + " filtered queries match less");
      }
    }
  }

  /** The similar keys picked from the first index that every index holds. */
  private List<String> keysInAll(List<IncidentIndex> indexes) throws IOException {
    List<String> picked = similarKeys(indexes.get(0));
    List<String> keys = new ArrayList<>();
    for (String key : picked) {
      if (inAll(indexes, key)) {
        keys.add(key);
      }
    }
    if (indexes.size() > 1 && !picked.isEmpty()) {
      run.notes()
          .add(
              "similar: "
                  + keys.size()
                  + " of the "
                  + picked.size()
                  + " incident keys picked from"
                  + " #1 are in every index and were asked");
    }
    return keys;
  }

  /**
   * The query set by measured kind, in report order: {@code text} (term, multi and phrase pooled),
   * then every {@link BenchQuery#KINDS} kind; kinds without queries are left out.
   */
  private Map<String, List<BenchQuery>> queriesByKind() {
    Map<String, List<BenchQuery>> out = new LinkedHashMap<>();
    List<String> kinds = new ArrayList<>();
    kinds.add("text");
    kinds.addAll(BenchQuery.KINDS);
    for (String kind : kinds) {
      List<BenchQuery> qs =
          run.queries().stream()
              .filter(
                  q ->
                      kind.equals("text")
                          ? BenchQuery.TEXT_KINDS.contains(q.kind())
                          : q.kind().equals(kind))
              .toList();
      if (!qs.isEmpty()) {
        out.put(kind, qs);
      }
    }
    return out;
  }

  /** The variants incident-search is measured in; filtered only with a value per dimension. */
  private static List<String> variants(Map<String, String> filters) {
    List<String> variants = new ArrayList<>(List.of(PLAIN, FACETS));
    if (filters.size() == FILTER_DIMS.size()) {
      variants.add(FILTERED);
    }
    variants.add(HIGHLIGHT);
    variants.add(FAST_TOTAL);
    return variants;
  }

  private static List<Call> projectCalls(
      IncidentIndex index, List<BenchQuery> qs, String variant, Map<String, String> filters) {
    List<Call> calls = new ArrayList<>();
    for (BenchQuery q : qs) {
      SearchRequest.Builder b =
          SearchRequest.builder().query(q.query()).limit(10).highlight(false).countFacets(false);
      switch (variant) {
        case FACETS -> b.countFacets(true);
        case FILTERED -> {
          b.countFacets(true);
          filters.forEach(b::filter);
        }
        case HIGHLIGHT -> b.highlight(true);
        case FAST_TOTAL -> b.exactTotal(false);
        default -> {}
      }
      SearchRequest request = b.build();
      calls.add(() -> index.search(request).totalHits());
    }
    return calls;
  }

  private static List<Call> baselineCalls(
      BaselineIndex base, List<BenchQuery> qs, String variant, Map<String, String> filters) {
    List<Call> calls = new ArrayList<>();
    for (BenchQuery q : qs) {
      Query query = base.parse(q.baseline());
      calls.add(
          switch (variant) {
            case FACETS -> () -> base.searchWithFacets(query);
            case FILTERED -> () -> base.searchFiltered(query, filters);
            default -> () -> base.search(query);
          });
    }
    return calls;
  }

  /**
   * The most frequent value of each {@link #FILTER_DIMS} dimension that is one of its category's
   * options (so never the marker of a category the source says nothing about).
   */
  private static Map<String, String> filters(IncidentIndex index) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    var counts = index.facets(SearchRequest.builder().query("").build());
    for (String dim : FILTER_DIMS) {
      Category category = Category.byKey(dim).orElseThrow();
      for (FacetValue v : counts.values(dim)) {
        if (category.isKnownOption(v.value())) {
          out.put(dim, v.value());
          break;
        }
      }
    }
    return out;
  }

  /** The {@code dim=value} filters of which {@code index} has no record. */
  private static List<String> missingFilters(IncidentIndex index, Map<String, String> filters)
      throws IOException {
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> f : filters.entrySet()) {
      SearchRequest request =
          SearchRequest.builder()
              .query("")
              .filter(f.getKey(), f.getValue())
              .limit(1)
              .highlight(false)
              .countFacets(false)
              .build();
      if (index.search(request).totalHits() == 0) {
        missing.add(f.getKey() + "=" + f.getValue());
      }
    }
    return missing;
  }

  private static boolean inAll(List<IncidentIndex> indexes, String key) throws IOException {
    for (IncidentIndex index : indexes) {
      if (index.get(key).isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** {@code similarCount} incident keys spread evenly over the sorted keys of the index. */
  private List<String> similarKeys(IncidentIndex index) throws IOException {
    List<String> all = new ArrayList<>();
    SearchRequest.Builder page =
        SearchRequest.builder()
            .query("")
            .type(RecordType.INCIDENT)
            .limit(KEY_PAGE)
            .highlight(false)
            .countFacets(false);
    for (String cursor = null; ; ) {
      SearchResult r = index.search(page.after(cursor).build());
      for (Hit h : r.hits()) {
        all.add(h.key());
      }
      cursor = r.nextCursor();
      if (cursor == null || r.hits().isEmpty()) {
        break;
      }
    }
    all.sort(null);
    return BenchFiles.evenly(all, run.options().similarCount());
  }
}
