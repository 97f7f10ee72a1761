package io.incidentsearch.build;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * The build's threads. Work goes out in a bounded window, so memory does not grow with the archive,
 * and results come back to the building thread in order, so listener calls and everything that
 * decides the index's content stay deterministic whatever the thread count.
 */
final class BuildPool implements AutoCloseable {
  private final ExecutorService pool;
  private final int threads;

  BuildPool(int threads) {
    this.threads = threads;
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "incident-search-build");
              t.setDaemon(true);
              return t;
            });
  }

  /** Work on one file. */
  interface FileTask<T> {
    T apply(Path file) throws IOException;
  }

  /** Takes the result for the file at a position. */
  interface OrdinalConsumer<T> {
    void accept(int position, T result) throws IOException;
  }

  /** Work on the item at a position. */
  interface PositionTask {
    void apply(int position) throws IOException;
  }

  /**
   * Runs {@code task} on {@code count} files on the pool's threads and hands the results to {@code
   * consumer} on this thread, in position order.
   */
  <T> void inOrder(
      int count, IntFunction<Path> fileAt, FileTask<T> task, OrdinalConsumer<T> consumer)
      throws IOException {
    int window = Math.max(64, 64 * threads);
    ArrayDeque<Future<T>> inFlight = new ArrayDeque<>();
    int next = 0;
    for (int i = 0; i < count; i++) {
      for (; next < count && next - i < window; next++) {
        Path file = fileAt.apply(next);
        inFlight.add(pool.submit(() -> task.apply(file)));
      }
      consumer.accept(i, await(inFlight.poll()));
    }
  }

  /**
   * Runs {@code task} on positions {@code 0..count-1} from the pool's threads, in chunks, and calls
   * {@code done} on this thread in position order as chunks finish.
   */
  void inChunks(int count, PositionTask task, IntConsumer done) throws IOException {
    int chunk = 32;
    // A bounded number of chunks in flight: a future per chunk of a million keys adds up.
    int window = 64 * threads;
    ArrayDeque<Future<int[]>> inFlight = new ArrayDeque<>();
    for (int i = 0; i < count || !inFlight.isEmpty(); ) {
      while (i < count && inFlight.size() < window) {
        int from = i;
        int to = Math.min(count, i + chunk);
        inFlight.add(
            pool.submit(
                () -> {
                  for (int p = from; p < to; p++) {
                    task.apply(p);
                  }
                  return new int[] {from, to};
                }));
        i = to;
      }
      int[] range = await(inFlight.poll());
      for (int p = range[0]; p < range[1]; p++) {
        done.accept(p);
      }
    }
  }

  /** Stops the threads and waits for them: none may still write when the writer rolls back. */
  void stop() {
    pool.shutdownNow();
    try {
      pool.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  /** The result of a pool task; its failure is rethrown as it was thrown. */
  private static <T> T await(Future<T> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("build interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException u) {
        throw u.getCause();
      } else if (cause instanceof IOException io) {
        throw io;
      } else if (cause instanceof RuntimeException re) {
        throw re;
      } else if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(cause);
    }
  }
}
