package io.incidentsearch.search;

/**
 * One autocomplete proposal for a search box: a record title or a taxonomy option.
 *
 * @param text what to show and, for a title, what to search: the title or the option
 * @param kind a title or a taxonomy option
 * @param key for a title the record's key ({@code incident:2750}), else null
 * @param dimension for an option its category, e.g. {@code phase} (filter with {@code
 *     SearchRequest.Builder.filter(dimension, text)}), else null
 * @param count for an option how many records have it, for a title 1
 */
public record Completion(String text, Kind kind, String key, String dimension, int count) {
  /** What a completion proposes. */
  public enum Kind {
    /** The title of an incident. */
    INCIDENT_TITLE,
    /** The headline of an article. */
    ARTICLE_TITLE,
    /** A taxonomy option. */
    OPTION
  }
}
