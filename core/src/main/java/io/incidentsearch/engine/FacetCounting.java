package io.incidentsearch.engine;

import io.incidentsearch.model.Category;
import io.incidentsearch.schema.Schema;
import io.incidentsearch.search.FacetCounts;
import io.incidentsearch.search.FacetValue;
import io.incidentsearch.search.SearchRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * Facet filters and counts: the drill-down query of a request's filters, the facet ordinal map of
 * the current index reader, and the counts read from Lucene's {@link Facets}.
 *
 * <p>Thread-safe: the ordinal map ({@link SortedSetDocValuesReaderState}) is built once per index
 * reader (costly: it walks every facet label) and rebuilt when the manager hands out a new reader;
 * everything else is immutable.
 */
final class FacetCounting {
  private final Schema schema;
  private final Object facetStateLock = new Object();
  private volatile FacetState facetState;

  /** The per-reader facet state; {@code state} is null when the index has no facet field. */
  private record FacetState(IndexReader reader, SortedSetDocValuesReaderState state) {}

  FacetCounting(Schema schema) {
    this.schema = schema;
  }

  /** The query with the request's facet filters (AND across dimensions, OR within one). */
  DrillDownQuery drillDown(Query base, SearchRequest request) {
    DrillDownQuery ddq = new DrillDownQuery(schema.facetsConfig(), base);
    for (Map.Entry<String, Set<String>> f : request.filters().entrySet()) {
      String dim = checkDim(f.getKey());
      for (String value : f.getValue()) {
        ddq.add(dim, facetPath(dim, value));
      }
    }
    return ddq;
  }

  private static String checkDim(String dim) {
    String d = dim.strip().toLowerCase(Locale.ROOT);
    if (!Schema.facetDimensions().contains(d)) {
      throw new IllegalArgumentException(
          "Unknown facet dimension '"
              + dim
              + "'. Valid dimensions: "
              + String.join(", ", Schema.facetDimensions())
              + ".");
    }
    return d;
  }

  /** The facet path of a filter value: options normalised, {@code iot} split on '/'. */
  private static String[] facetPath(String dim, String value) {
    String v = value.strip();
    if (dim.equals(Schema.DIM_IOT)) {
      String[] parts = v.split("/", 2);
      String layer = parts[0].strip().toLowerCase(Locale.ROOT);
      return parts.length == 1
          ? new String[] {layer}
          : new String[] {layer, Category.normalizeOption(parts[1])};
    }
    if (dim.equals(Schema.DIM_TYPE)) {
      return new String[] {v.toLowerCase(Locale.ROOT)};
    }
    if (Category.byKey(dim).isPresent()) {
      return new String[] {Category.normalizeOption(v)};
    }
    return new String[] {v};
  }

  /** The facet ordinal map of {@code searcher}'s reader; null when it has no facet field. */
  SortedSetDocValuesReaderState state(IndexSearcher searcher) throws IOException {
    return facetState(searcher).state();
  }

  private FacetState facetState(IndexSearcher searcher) throws IOException {
    IndexReader reader = searcher.getIndexReader();
    FacetState current = facetState;
    if (current != null && current.reader() == reader) {
      return current;
    }
    synchronized (facetStateLock) {
      current = facetState;
      if (current == null || current.reader() != reader) {
        current =
            new FacetState(
                reader,
                hasFacets(reader)
                    ? new DefaultSortedSetDocValuesReaderState(reader, schema.facetsConfig())
                    : null);
        facetState = current;
      }
      return current;
    }
  }

  /** The doc-values field that holds every facet dimension. */
  static String facetField(Schema schema) {
    return schema.facetsConfig().getDimConfig(Schema.DIM_TYPE).indexFieldName;
  }

  /** The state cannot be built on an index without the facet field (e.g. an empty one). */
  private boolean hasFacets(IndexReader reader) {
    FieldInfo fi = FieldInfos.getMergedFieldInfos(reader).fieldInfo(facetField(schema));
    return fi != null && fi.getDocValuesType() == DocValuesType.SORTED_SET;
  }

  /** Every dimension, with no values. */
  static FacetCounts emptyCounts() {
    Map<String, List<FacetValue>> dims = new LinkedHashMap<>();
    for (String dim : Schema.facetDimensions()) {
      dims.put(dim, List.of());
    }
    return new FacetCounts(dims);
  }

  /** The counts of every dimension, values by count then name; {@code iot} with its children. */
  FacetCounts counts(Facets facets, SortedSetDocValuesReaderState state) throws IOException {
    Map<String, List<FacetValue>> dims = new LinkedHashMap<>();
    for (String dim : Schema.facetDimensions()) {
      boolean hierarchical = schema.facetsConfig().getDimConfig(dim).hierarchical;
      if (hierarchical && state.getDimTree(dim) == null) {
        // No document has this dimension (an index of news articles has no IoT path): Lucene
        // throws a NullPointerException for it, not the IllegalArgumentException of flat ones.
        dims.put(dim, List.of());
        continue;
      }
      List<FacetValue> values = children(facets, dim);
      if (hierarchical) {
        List<FacetValue> withChildren = new ArrayList<>();
        for (FacetValue v : values) {
          withChildren.add(new FacetValue(v.value(), v.count(), children(facets, dim, v.value())));
        }
        values = withChildren;
      }
      dims.put(dim, values);
    }
    return new FacetCounts(dims);
  }

  private static List<FacetValue> children(Facets facets, String dim, String... path)
      throws IOException {
    FacetResult r;
    try {
      r = facets.getAllChildren(dim, path);
    } catch (IllegalArgumentException e) {
      return List.of(); // a dimension no document of this index has
    }
    if (r == null) {
      return List.of();
    }
    List<FacetValue> values = new ArrayList<>();
    for (LabelAndValue lv : r.labelValues) {
      if (lv.value.intValue() > 0) {
        values.add(new FacetValue(lv.label, lv.value.intValue(), List.of()));
      }
    }
    values.sort(
        Comparator.comparingInt(FacetValue::count).reversed().thenComparing(FacetValue::value));
    return values;
  }
}
