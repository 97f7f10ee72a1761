package io.incidentsearch.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Exact facet counts for every dimension, in {@link
 * io.incidentsearch.IncidentIndex#facetDimensions()} order, each with every value sorted by count
 * (descending) then value. Counts follow drill-sideways semantics: a dimension that is filtered is
 * counted as if its own filter were absent.
 *
 * @param dimensions dimension to its values (empty list when no matching record has any)
 */
public record FacetCounts(Map<String, List<FacetValue>> dimensions) {
  /** No counts. */
  public static final FacetCounts EMPTY = new FacetCounts(Map.of());

  /** Copies the map, keeping its order. */
  public FacetCounts {
    dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
  }

  /**
   * The values of {@code dim}, empty when none.
   *
   * @param dim a dimension name as {@code IncidentIndex.facetDimensions()} lists it, exactly
   * @return the values, largest count first; empty for an unknown dimension or one not counted
   */
  public List<FacetValue> values(String dim) {
    return dimensions.getOrDefault(dim, List.of());
  }

  /**
   * The count of a value; for a hierarchical dimension {@code path} may have two parts ({@code
   * "perception", "sensor"}). Zero when absent.
   *
   * @param dim a dimension name, exactly as listed
   * @param path the value, or for {@code iot} the layer and optionally its option; values are
   *     compared exactly (normalised form, e.g. {@code within_system})
   * @return the number of matching records with that value; 0 when absent, and 0 for an empty path
   */
  public int count(String dim, String... path) {
    List<FacetValue> level = values(dim);
    int count = 0;
    for (String part : path) {
      Optional<FacetValue> v = level.stream().filter(f -> f.value().equals(part)).findFirst();
      if (v.isEmpty()) {
        return 0;
      }
      count = v.get().count();
      level = v.get().children();
    }
    return count;
  }

  /**
   * Value to count at the first level of {@code dim}, in display order.
   *
   * @param dim a dimension name, exactly as listed
   * @return a new map from value to count, largest count first; empty for an unknown dimension
   */
  public Map<String, Integer> asMap(String dim) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (FacetValue v : values(dim)) {
      m.put(v.value(), v.count());
    }
    return m;
  }
}
