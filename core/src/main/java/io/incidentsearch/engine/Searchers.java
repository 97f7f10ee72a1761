package io.incidentsearch.engine;

import io.incidentsearch.schema.IndexQueries;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;

/**
 * Acquire, use and release a searcher of a {@link SearcherManager}: the search package's one way.
 */
final class Searchers {
  private Searchers() {}

  /** Work done with an acquired searcher. */
  @FunctionalInterface
  interface SearcherCall<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  /**
   * Runs {@code call} with a searcher of {@code manager}; I/O failures become unchecked, and any
   * failure that the index's checksums explain becomes an {@link UncheckedIOException} caused by
   * Lucene's {@link CorruptIndexException}.
   */
  static <T> T with(SearcherManager manager, SearcherCall<T> call) {
    IndexSearcher s;
    try {
      s = manager.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the index for searching", e);
    }
    try {
      return call.apply(s);
    } catch (IOException e) {
      IOException cause = IndexQueries.diagnose(s.getIndexReader(), e);
      throw new UncheckedIOException("cannot read the index: " + cause.getMessage(), cause);
    } catch (UncheckedIOException e) {
      IOException cause = IndexQueries.diagnose(s.getIndexReader(), e.getCause());
      throw cause == e.getCause()
          ? e
          : new UncheckedIOException("cannot read the index: " + cause.getMessage(), cause);
    } catch (RuntimeException | AssertionError e) {
      CorruptIndexException damage = IndexQueries.damageBehind(s.getIndexReader(), e);
      if (damage == null) {
        throw e;
      }
      throw new UncheckedIOException("cannot read the index: " + damage.getMessage(), damage);
    } finally {
      try {
        manager.release(s);
      } catch (IOException e) {
        // Releasing only decrements a reference count; a failure here leaves nothing to undo.
        throw new UncheckedIOException(e);
      }
    }
  }
}
