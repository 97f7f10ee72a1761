package io.incidentsearch.tool.bench;

import io.incidentsearch.tool.bench.BenchResult.QueryFigure;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;

/**
 * Measures query cases: latency is {@link System#nanoTime()} around each call after warm-up rounds;
 * throughput with N threads is the number of calls over the wall time of a fixed pool working
 * through the same rounds.
 */
final class QueryHarness {
  /** One way of asking a query, on one system. */
  interface Call {
    /** Runs it; returns the total hits. */
    long run() throws IOException;
  }

  /** A named list of calls measured together. */
  record Case(String system, String kind, String variant, List<Call> calls) {}

  private final RunContext run;

  QueryHarness(RunContext run) {
    this.run = run;
  }

  /**
   * Runs every call of every case three times, then measures the groups in order: each case of a
   * group with one thread, then each with N threads, before the next group. ("text" pools the term,
   * multi and phrase queries, measured as one case.)
   */
  List<QueryFigure> warmUpAndMeasure(List<List<Case>> groups, List<Integer> threads)
      throws IOException {
    for (int round = 0; round < 3; round++) {
      for (List<Case> group : groups) {
        for (Case c : group) {
          for (Call call : c.calls()) {
            call.run();
          }
        }
      }
    }
    List<QueryFigure> out = new ArrayList<>();
    for (List<Case> group : groups) {
      List<QueryFigure> single = new ArrayList<>();
      for (Case c : group) {
        QueryFigure one = measureSingle(c);
        single.add(one);
        out.add(one);
        run.log().accept(describe(one));
      }
      for (int t : threads) {
        if (t > 1) {
          for (int i = 0; i < group.size(); i++) {
            Case c = group.get(i);
            int rounds = Math.max(3, single.get(i).samples() / c.calls().size());
            QueryFigure many = measureParallel(c, t, rounds);
            out.add(many);
            run.log().accept(describe(many));
          }
        }
      }
    }
    return out;
  }

  private QueryFigure measureSingle(Case c) throws IOException {
    Histogram lat = Percentiles.histogram();
    long totalNanos = 0;
    long hits = 0;
    long budget = (long) (run.options().secondsPerCase() * 1e9);
    long start = System.nanoTime();
    int rounds = 0;
    while (rounds < run.options().rounds() && (rounds < 3 || System.nanoTime() - start < budget)) {
      for (Call call : c.calls()) {
        long t0 = System.nanoTime();
        long h = call.run();
        long took = System.nanoTime() - t0;
        lat.recordValue(took);
        totalNanos += took;
        if (rounds == 0) {
          hits += h;
        }
      }
      rounds++;
    }
    return figure(
        c, 1, lat, lat.getTotalCount() / (totalNanos / 1e9), (double) hits / c.calls().size());
  }

  private QueryFigure measureParallel(Case c, int threads, int rounds) throws IOException {
    Histogram lat = Percentiles.concurrentHistogram();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      long start = System.nanoTime();
      for (int r = 0; r < rounds; r++) {
        for (Call call : c.calls()) {
          futures.add(
              pool.submit(
                  () -> {
                    long t0 = System.nanoTime();
                    call.run();
                    lat.recordValue(System.nanoTime() - t0);
                    return null;
                  }));
        }
      }
      for (Future<?> f : futures) {
        f.get();
      }
      double wall = (System.nanoTime() - start) / 1e9;
      return figure(c, threads, lat, lat.getTotalCount() / wall, Double.NaN);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(cause);
    } finally {
      pool.shutdownNow();
    }
  }

  private static QueryFigure figure(
      Case c, int threads, Histogram lat, double qps, double meanHits) {
    return new QueryFigure(
        c.system(),
        c.kind(),
        c.variant(),
        threads,
        (int) lat.getTotalCount(),
        Percentiles.ms(lat, 50),
        Percentiles.ms(lat, 90),
        Percentiles.ms(lat, 99),
        qps,
        meanHits);
  }

  private static String describe(QueryFigure f) {
    return String.format(
        Locale.ROOT,
        "  %-15s %-7s %-9s %dt  p50 %7.2f  p90 %7.2f  p99 %7.2f ms  %8.1f q/s",
        f.system(),
        f.kind(),
        f.variant(),
        f.threads(),
        f.p50Ms(),
        f.p90Ms(),
        f.p99Ms(),
        f.qps());
  }
}
