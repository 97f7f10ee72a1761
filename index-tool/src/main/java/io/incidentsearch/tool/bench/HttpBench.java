package io.incidentsearch.tool.bench;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.tool.IndexTool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The benchmark's HTTP loads: {@code index-tool serve} started in its own JVM with a small heap,
 * searched by 1, 8 and 64 keep-alive clients, each load followed by the same searches from as many
 * threads in this JVM. The server's JVM is this one's ({@code java} and class path), so both sides
 * run the same code.
 */
final class HttpBench {
  /** Concurrent clients of the loads. */
  static final List<Integer> CLIENTS = List.of(1, 8, 64);

  /** The longest in-process load: enough samples for a p99, less time than the HTTP loads. */
  private static final double MAX_IN_PROCESS_SECONDS = 20;

  /** The longest warm-up of each side. */
  private static final double MAX_WARM_UP_SECONDS = 15;

  private final double seconds;
  private final String serverHeap;
  private final Function<String, SearchRequest> request;

  /**
   * @param seconds how long each HTTP load runs
   * @param serverHeap the server JVM's {@code -Xmx}, e.g. {@code 512m}
   * @param request what {@code /api/search?limit=10&q=Q} asks of the library for a query Q
   */
  HttpBench(double seconds, String serverHeap, Function<String, SearchRequest> request) {
    this.seconds = seconds;
    this.serverHeap = serverHeap;
    this.request = request;
  }

  /**
   * Runs the loads on {@code index}.
   *
   * @param log receives progress lines
   * @return one figure per number of concurrent clients
   */
  List<BenchResult.HttpFigure> measure(Path index, List<BenchQuery> queries, Consumer<String> log)
      throws IOException {
    Path serverLog = Files.createTempFile("index-tool-bench-serve-", ".log");
    Process server = startServer(index, serverLog);
    try {
      URI base = baseUri(server, serverLog);
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .build();
      List<URI> uris = new ArrayList<>();
      List<SearchRequest> requests = new ArrayList<>();
      for (BenchQuery q : queries) {
        uris.add(
            base.resolve(
                "api/search?limit=10&q=" + URLEncoder.encode(q.query(), StandardCharsets.UTF_8)));
        requests.add(request.apply(q.query()));
      }
      List<BenchResult.HttpFigure> figures = new ArrayList<>();
      try (IncidentIndex local = IncidentIndex.open(index)) {
        // Warm-up, so that neither side measures its JIT: one client each way, a while.
        double warmUp = Math.min(seconds, MAX_WARM_UP_SECONDS);
        log.accept(String.format(Locale.ROOT, "warming up both sides for %.0f s ...", 2 * warmUp));
        load(1, warmUp, uris.size(), i -> searchOverHttp(http, uris.get(i)));
        load(
            1,
            warmUp,
            requests.size(),
            i -> {
              local.search(requests.get(i));
              return 0;
            });
        for (int clients : CLIENTS) {
          Load overHttp =
              load(clients, seconds, uris.size(), i -> searchOverHttp(http, uris.get(i)));
          double localSeconds = Math.min(seconds, MAX_IN_PROCESS_SECONDS);
          Load inProcess =
              load(
                  clients,
                  localSeconds,
                  requests.size(),
                  i -> {
                    long start = System.nanoTime();
                    local.search(requests.get(i));
                    return System.nanoTime() - start;
                  });
          long rss = peakRss(server);
          BenchResult.HttpFigure f =
              new BenchResult.HttpFigure(
                  clients,
                  seconds,
                  overHttp.count,
                  overHttp.errors,
                  overHttp.percentileMs(50),
                  overHttp.percentileMs(99),
                  inProcess.percentileMs(50),
                  inProcess.percentileMs(99),
                  overHttp.overheadPercentileMs(50),
                  overHttp.overheadPercentileMs(99),
                  serverHeap,
                  rss);
          figures.add(f);
          log.accept(
              String.format(
                  Locale.ROOT,
                  "HTTP, %d client(s): %d requests, %d errors, p50 %.2f ms (in process %.2f;"
                      + " HTTP adds %.2f), p99 %.2f ms (in process %.2f; HTTP adds %.2f)%s",
                  clients,
                  f.requests(),
                  f.errors(),
                  f.p50Ms(),
                  f.inProcessP50Ms(),
                  f.overheadP50Ms(),
                  f.p99Ms(),
                  f.inProcessP99Ms(),
                  f.overheadP99Ms(),
                  overHttp.firstError.get() == null
                      ? ""
                      : "; first error: " + overHttp.firstError));
        }
      }
      if (!server.isAlive()) {
        throw new Bench.Failure(
            "the server stopped during the HTTP loads (exit "
                + server.exitValue()
                + "); its log: "
                + tail(serverLog));
      }
      return figures;
    } finally {
      server.destroy();
      try {
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
          server.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        server.destroyForcibly();
      }
      Files.deleteIfExists(serverLog);
    }
  }

  private Process startServer(Path index, Path serverLog) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xmx" + serverHeap);
    if (Runtime.version().feature() >= 22) {
      command.add("--enable-native-access=ALL-UNNAMED");
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(IndexTool.class.getName());
    command.addAll(List.of("serve", "--index", index.toString(), "--port", "0"));
    return new ProcessBuilder(command)
        .redirectErrorStream(false)
        .redirectError(serverLog.toFile())
        .start();
  }

  private static final Pattern SERVING = Pattern.compile(" at (http://\\S+/)");

  /** The address the server printed, once it listens. */
  private static URI baseUri(Process server, Path serverLog) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    Matcher m = first == null ? null : SERVING.matcher(first);
    if (m == null || !m.find()) {
      throw new Bench.Failure(
          "index-tool serve did not start: " + (first == null ? tail(serverLog) : first));
    }
    // Its standard output stays open: drain it so the server never blocks on a full pipe.
    Thread drain =
        new Thread(
            () -> {
              try {
                while (out.readLine() != null) {
                  // nothing else is printed; keep the pipe empty
                }
              } catch (IOException ignored) {
                // the server stopped
              }
            },
            "serve-stdout");
    drain.setDaemon(true);
    drain.start();
    return URI.create(m.group(1));
  }

  private static final Pattern SEARCH_TIMING = Pattern.compile("search;dur=([0-9.]+)");

  /**
   * One search over HTTP; returns the server's own search time in nanoseconds (its {@code
   * Server-Timing} header).
   *
   * @throws IOException when it fails or answers other than 200
   */
  private static long searchOverHttp(HttpClient http, URI uri) throws IOException {
    HttpResponse<byte[]> r;
    try {
      r =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (r.statusCode() != 200) {
      throw new IOException("HTTP " + r.statusCode() + " for " + uri);
    }
    Matcher m = SEARCH_TIMING.matcher(r.headers().firstValue("Server-Timing").orElse(""));
    return m.find() ? Math.round(Double.parseDouble(m.group(1)) * 1e6) : 0;
  }

  /**
   * One request or search, the {@code i}-th of the query set; returns the part of its time spent
   * searching when known (the rest is overhead), else 0.
   */
  @FunctionalInterface
  private interface Call {
    long run(int i) throws Exception;
  }

  /** What one load measured: per client, since each client thread records only its own. */
  private static final class Load {
    final Histogram[] nanos;
    final Histogram[] overhead;
    long count;
    long errors;
    final AtomicReference<String> firstError = new AtomicReference<>();

    Load(int clients) {
      nanos = new Histogram[clients];
      overhead = new Histogram[clients];
      for (int c = 0; c < clients; c++) {
        nanos[c] = Percentiles.histogram();
        overhead[c] = Percentiles.histogram();
      }
    }

    /** A call of {@code n} nanoseconds, {@code searching} of them spent searching. */
    void add(int client, long n, long searching) {
      nanos[client].recordValue(n);
      // The server's own timing is rounded; a histogram takes no value below 0.
      overhead[client].recordValue(Math.max(0, n - searching));
    }

    double percentileMs(double p) {
      return Percentiles.ms(merged(nanos), p);
    }

    double overheadPercentileMs(double p) {
      return Percentiles.ms(merged(overhead), p);
    }

    long recorded() {
      return merged(nanos).getTotalCount();
    }

    private static Histogram merged(Histogram[] perClient) {
      Histogram all = Percentiles.histogram();
      for (Histogram h : perClient) {
        all.add(h);
      }
      return all;
    }
  }

  /**
   * {@code clients} threads, each running the query set round-robin (from its own starting point)
   * until {@code seconds} have passed.
   */
  private static Load load(int clients, double seconds, int queryCount, Call call)
      throws IOException {
    Load load = new Load(clients);
    AtomicLong errors = new AtomicLong();
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        running.add(
            pool.submit(
                () -> {
                  int i = (client * 7) % queryCount;
                  while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    try {
                      long searching = call.run(i);
                      load.add(client, System.nanoTime() - start, searching);
                    } catch (Exception e) {
                      errors.incrementAndGet();
                      load.firstError.compareAndSet(null, e.toString());
                    }
                    i = (i + 1) % queryCount;
                  }
                  return null;
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    load.errors = errors.get();
    load.count = load.recorded() + load.errors;
    return load;
  }

  /** The process's peak resident memory (Linux), or -1. */
  private static long peakRss(Process p) {
    Path status = Path.of("/proc", Long.toString(p.pid()), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          String[] parts = line.substring(6).strip().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process is gone
    }
    return -1;
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
