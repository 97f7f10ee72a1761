package io.incidentsearch.eval;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.engine.IncidentSearcher;
import io.incidentsearch.engine.OpenIndexes;
import io.incidentsearch.engine.Ranking;
import io.incidentsearch.model.RecordType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Evaluates one ranking on several judgment files in one run, each on its own index (several files
 * may share one). Each index is opened once, and for {@link #BASELINE} its one-field copy is built
 * once.
 */
public final class EvalSuite {
  /** The name of {@link SingleFieldBaseline} among the rankings. */
  public static final String BASELINE = "baseline";

  private EvalSuite() {}

  /**
   * One judgment file to evaluate.
   *
   * @param name how reports name it (its path, as given)
   * @param judgments the file's judgments
   * @param index the index folder to rank on
   */
  public record Collection(String name, Qrels judgments, Path index) {
    /** Checks for nulls. */
    public Collection {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(judgments, "judgments");
      Objects.requireNonNull(index, "index");
    }
  }

  /**
   * The evaluation of one judgment file.
   *
   * @param collection what was evaluated
   * @param type the record type ranked
   * @param report the metrics and every query's outcome
   */
  public record Result(Collection collection, RecordType type, EvalReport report) {}

  /**
   * The names {@link #run} takes: {@link #BASELINE}, then {@link Ranking#names()}.
   *
   * @return the ranking names, unmodifiable
   */
  public static List<String> rankings() {
    List<String> names = new ArrayList<>(List.of(BASELINE));
    names.addAll(Ranking.names());
    return List.copyOf(names);
  }

  /**
   * Evaluates {@code ranking} on every collection, in order. Each index is opened once and closed
   * before this returns.
   *
   * @param collections the judgment files with their indexes; several may share an index
   * @param ranking {@link #BASELINE} or a name of {@link Ranking#names()}
   * @param type the type to rank in every collection, or null to infer it per collection from its
   *     relevant ids ({@link IndexRanker#inferType})
   * @return one result per collection, in order
   * @throws IllegalArgumentException for an unknown ranking
   * @throws IOException when an index cannot be opened or read (see {@link IncidentIndex#open})
   */
  public static List<Result> run(List<Collection> collections, String ranking, RecordType type)
      throws IOException {
    if (!ranking.equals(BASELINE) && Ranking.named(ranking).isEmpty()) {
      throw new IllegalArgumentException(
          "unknown ranking '" + ranking + "'; known: " + String.join(", ", rankings()));
    }
    Map<Path, IncidentIndex> indexes = new LinkedHashMap<>();
    Map<Path, Ranker> rankers = new LinkedHashMap<>();
    List<AutoCloseable> open = new ArrayList<>();
    try {
      List<Result> out = new ArrayList<>();
      for (Collection c : collections) {
        IncidentIndex idx = indexes.get(c.index());
        if (idx == null) {
          idx = IncidentIndex.open(c.index());
          open.add(idx);
          indexes.put(c.index(), idx);
        }
        Ranker ranker = rankers.get(c.index());
        if (ranker == null) {
          if (ranking.equals(BASELINE)) {
            SingleFieldBaseline baseline = SingleFieldBaseline.of(idx);
            open.add(0, baseline); // closed before its index
            ranker = baseline;
          } else {
            ranker =
                new IndexRanker(
                    new IncidentSearcher(
                        OpenIndexes.searcherManager(idx), Ranking.named(ranking).orElseThrow()));
          }
          rankers.put(c.index(), ranker);
        }
        RecordType judged =
            type != null ? type : IndexRanker.inferType(idx, relevantIds(c.judgments()));
        out.add(new Result(c, judged, Evaluator.evaluate(c.judgments().queries(), ranker, judged)));
      }
      return List.copyOf(out);
    } finally {
      close(open);
    }
  }

  private static Set<String> relevantIds(Qrels q) {
    Set<String> ids = new LinkedHashSet<>();
    for (JudgedQuery jq : q.queries()) {
      ids.addAll(jq.relevance().keySet());
    }
    return ids;
  }

  private static void close(List<AutoCloseable> open) throws IOException {
    IOException first = null;
    for (AutoCloseable c : open) {
      try {
        c.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      } catch (Exception e) {
        IOException wrapped = new IOException(e);
        first = first == null ? wrapped : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
