package io.incidentsearch.search;

import java.util.List;
import java.util.Map;

/**
 * An incident like a given record, with the reasons.
 *
 * @param hit the incident (no snippets)
 * @param sharedTaxonomy category to the options both have (never {@code missing} or {@code
 *     unknown}), in category order
 * @param sharedTerms the distinctive terms both texts use (as indexed, i.e. stemmed), most
 *     distinctive first
 */
public record SimilarIncident(
    Hit hit, Map<String, List<String>> sharedTaxonomy, List<String> sharedTerms) {}
