package io.incidentsearch.eval;

import io.incidentsearch.model.RecordType;
import java.io.IOException;
import java.util.List;

/** A ranking under evaluation: the ids of the best records of one type for a query text. */
@FunctionalInterface
interface Ranker {
  /**
   * The bare ids of the best {@code depth} records of type {@code type} for {@code query}, best
   * first.
   *
   * @throws IOException when the index cannot be read
   * @throws RuntimeException when the query cannot be run (the evaluation reports it as a failed
   *     query and goes on)
   */
  List<String> rank(String query, RecordType type, int depth) throws IOException;
}
