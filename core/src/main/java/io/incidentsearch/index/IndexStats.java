package io.incidentsearch.index;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What an index holds.
 *
 * @param recordCounts records by type key ({@code incident}, {@code article})
 * @param facetCounts for every dimension of {@link
 *     io.incidentsearch.IncidentIndex#facetDimensions()}, record counts by value, largest first
 *     (ties by value); the hierarchical {@code iot} dimension lists each layer and each {@code
 *     layer/option}
 * @param firstPublished the earliest published date of any record, or null when none has one
 * @param lastPublished the latest published date of any record, or null when none has one
 * @param missingArticles article ids cited by incidents but absent from the index, each with the
 *     citing incident ids (sorted)
 * @param unknownOptions per category key, the taxonomy options in the index that are neither in the
 *     category's known vocabulary nor the "missing" marker (sorted); categories without any are
 *     left out
 */
public record IndexStats(
    Map<String, Long> recordCounts,
    Map<String, Map<String, Integer>> facetCounts,
    LocalDate firstPublished,
    LocalDate lastPublished,
    Map<String, List<String>> missingArticles,
    Map<String, List<String>> unknownOptions) {

  /** Copies the maps. */
  public IndexStats {
    recordCounts =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(recordCounts));
    facetCounts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facetCounts));
    missingArticles =
        java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(missingArticles));
    unknownOptions =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unknownOptions));
  }

  /**
   * The counts of one facet dimension (empty when the index has no value for it).
   *
   * @param dimension a dimension name as {@code IncidentIndex.facetDimensions()} lists it, e.g.
   *     {@code phase}
   * @return record counts by value, largest first; empty for an unknown dimension
   */
  public Map<String, Integer> facet(String dimension) {
    return facetCounts.getOrDefault(dimension, Map.of());
  }
}
