package io.incidentsearch.eval;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.engine.IncidentSearcher;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.search.Hit;
import io.incidentsearch.search.SearchRequest;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * The ranking users get: each query text goes through the same search as {@code index-tool search}
 * (query parser, field boosts, the whole ranking), restricted to one record type.
 */
final class IndexRanker implements Ranker {
  private final IncidentSearcher searcher;

  /** Ranks with {@code searcher}, e.g. {@code OpenIndexes.searcher(index)}. */
  public IndexRanker(IncidentSearcher searcher) {
    this.searcher = searcher;
  }

  @Override
  public List<String> rank(String query, RecordType type, int depth) {
    SearchRequest request =
        SearchRequest.builder()
            .query(query)
            .type(type)
            .limit(depth)
            .countFacets(false)
            .highlight(false)
            .build();
    return searcher.search(request).hits().stream().map(Hit::id).toList();
  }

  /**
   * The type of record the ids name in {@code index}: the type under which more of them are indexed
   * (incident on a tie, and when none is found).
   */
  public static RecordType inferType(IncidentIndex index, Collection<String> ids)
      throws IOException {
    int incidents = 0;
    int articles = 0;
    for (String id : ids) {
      if (index
          .get(io.incidentsearch.schema.Schema.key(RecordType.INCIDENT.key(), id))
          .isPresent()) {
        incidents++;
      }
      if (index
          .get(io.incidentsearch.schema.Schema.key(RecordType.ARTICLE.key(), id))
          .isPresent()) {
        articles++;
      }
    }
    return articles > incidents ? RecordType.ARTICLE : RecordType.INCIDENT;
  }
}
