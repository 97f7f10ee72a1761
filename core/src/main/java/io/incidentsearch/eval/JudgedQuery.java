package io.incidentsearch.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One query of a judgment file with every record judged relevant to it.
 *
 * @param id the query id (first column)
 * @param text the query text
 * @param relevance relevant record id (bare FAIL id) to its grade, at least 1, in file order
 */
public record JudgedQuery(String id, String text, Map<String, Integer> relevance) {
  /** Copies the judgments. */
  public JudgedQuery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    relevance = Collections.unmodifiableMap(new LinkedHashMap<>(relevance));
  }
}
