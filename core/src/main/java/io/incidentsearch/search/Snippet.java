package io.incidentsearch.search;

/**
 * A passage of a hit's text with the matched words marked.
 *
 * @param field the index field the passage comes from (a text field: {@code title}, {@code
 *     summary}, a section, {@code body}, ...; see src/docs/DESIGN.md)
 * @param text the passage, matched words between the request's tags
 * @param articleKey when the hit matched only through the text of a cited article (which the
 *     incident does not store), the key of that article, whose body the passage is cut from;
 *     otherwise null
 */
public record Snippet(String field, String text, String articleKey) {
  /**
   * Whether the passage comes from a cited article rather than the hit itself.
   *
   * @return true when {@link #articleKey()} is set
   */
  public boolean fromCitedArticle() {
    return articleKey != null;
  }
}
