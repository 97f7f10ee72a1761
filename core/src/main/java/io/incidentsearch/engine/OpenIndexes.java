package io.incidentsearch.engine;

import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import org.apache.lucene.search.SearcherManager;

/**
 * The engine behind each open {@code IncidentIndex}, for code inside core that works below the
 * facade (evaluation, the tests). The facade keeps Lucene out of its public signatures; this
 * package is not exported, so only the module reaches an index's searchers this way.
 *
 * <p>Keyed by the facade instance as a plain object, so this package does not depend on the
 * facade's (which depends on it). Thread-safe.
 */
public final class OpenIndexes {
  /** The searchers and search API of one open index. */
  public record Engine(SearcherManager searcherManager, IncidentSearcher searcher) {}

  private static final Map<Object, Engine> OPEN = new WeakHashMap<>();

  private OpenIndexes() {}

  /** Records the engine of a facade instance that has just opened. */
  public static synchronized void register(Object index, Engine engine) {
    OPEN.put(Objects.requireNonNull(index, "index"), Objects.requireNonNull(engine, "engine"));
  }

  /** Forgets a facade instance that is closing. */
  public static synchronized void unregister(Object index) {
    OPEN.remove(index);
  }

  /**
   * The engine of an open facade instance.
   *
   * @throws IllegalStateException when {@code index} is closed or not an index
   */
  public static synchronized Engine of(Object index) {
    Engine e = OPEN.get(index);
    if (e == null) {
      throw new IllegalStateException("not an open index: " + index);
    }
    return e;
  }

  /** The searchers over the last commit of {@code index}: acquire and release one per use. */
  public static SearcherManager searcherManager(Object index) {
    return of(index).searcherManager();
  }

  /** The search API of {@code index}, with the default ranking. */
  public static IncidentSearcher searcher(Object index) {
    return of(index).searcher();
  }
}
