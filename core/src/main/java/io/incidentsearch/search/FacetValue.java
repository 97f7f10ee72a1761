package io.incidentsearch.search;

import java.util.List;

/**
 * One value of a facet dimension and how many matching records have it.
 *
 * @param value the value, e.g. {@code design} or, for {@code iot}, a layer
 * @param count the number of matching records
 * @param children the next level of a hierarchical dimension (options under an {@code iot} layer),
 *     sorted like the parent level; empty otherwise
 */
public record FacetValue(String value, int count, List<FacetValue> children) {
  /** Copies the children. */
  public FacetValue {
    children = List.copyOf(children);
  }
}
