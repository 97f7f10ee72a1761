package io.incidentsearch.tool;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.search.FacetCounts;
import io.incidentsearch.search.FacetValue;
import io.incidentsearch.search.QuerySyntaxException;
import io.incidentsearch.search.ScoreExplanation;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import io.incidentsearch.search.SimilarIncident;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * An open index and its searcher, with the core's search errors turned into usage errors that say
 * where the query is wrong. Holds no search logic: every call goes to {@link IncidentIndex}.
 */
final class Searching implements AutoCloseable {
  final IncidentIndex index;

  private Searching(IncidentIndex index) {
    this.index = index;
  }

  /** Opens the index in {@code dir} for searching. */
  static Searching open(Path dir) throws IOException {
    return new Searching(IncidentIndex.open(dir));
  }

  /** Runs a search. */
  SearchResult search(SearchRequest request) throws IOException {
    try {
      return index.search(request);
    } catch (QuerySyntaxException e) {
      throw syntax(e);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCodes.USAGE, e.getMessage(), e);
    }
  }

  /** Explains the score of {@code key} for {@code query}. */
  ScoreExplanation explain(String query, String key) throws IOException {
    try {
      return index.explain(query, key);
    } catch (QuerySyntaxException e) {
      throw syntax(e);
    } catch (NoSuchElementException e) {
      throw new CommandFailure(ExitCodes.USAGE, e.getMessage(), e);
    }
  }

  /** The incidents like {@code key}. */
  List<SimilarIncident> similar(String key, int limit) throws IOException {
    try {
      return index.similar(key, limit);
    } catch (NoSuchElementException e) {
      throw new CommandFailure(ExitCodes.USAGE, e.getMessage(), e);
    }
  }

  /** The query, with a caret under the column the core blames. */
  static CommandFailure syntax(QuerySyntaxException e) {
    StringBuilder m = new StringBuilder("query syntax error: ").append(e.getMessage());
    if (e.query() != null && e.column() > 0 && e.column() <= e.query().length() + 1) {
      m.append("\n  ").append(e.query()).append("\n  ").append(" ".repeat(e.column() - 1));
      m.append('^');
    }
    return new CommandFailure(ExitCodes.USAGE, m.toString(), e);
  }

  @Override
  public void close() throws IOException {
    index.close();
  }

  /** Facet bars for people: every dimension with values, at most {@code top} values each. */
  static void facetBars(Human h, FacetCounts counts, int top) {
    for (Map.Entry<String, List<FacetValue>> e : counts.dimensions().entrySet()) {
      List<FacetValue> values = e.getValue();
      if (values.isEmpty()) {
        continue;
      }
      h.out().println();
      h.out().println(h.bold(e.getKey()));
      Map<String, Integer> bars = new java.util.LinkedHashMap<>();
      for (FacetValue v : values.subList(0, Math.min(top, values.size()))) {
        bars.put(v.value(), v.count());
        for (FacetValue child : v.children()) {
          bars.put("  " + child.value(), child.count());
        }
      }
      h.bars(bars, "  ");
      if (values.size() > top) {
        h.out().println("  " + h.dim("\u2026 " + (values.size() - top) + " more"));
      }
    }
  }
}
