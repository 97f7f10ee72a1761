package io.incidentsearch.tool;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP server of {@code index-tool serve}: Jetty 12 (its core API, no servlets) in front of
 * {@link ApiHandler}. Binds to loopback unless told otherwise, and refuses any other address
 * without a bearer token or an explicit {@code publicAccess}. Stops gracefully: requests in flight
 * finish (up to {@link #STOP_TIMEOUT}) while new connections are refused.
 */
final class ApiServer implements AutoCloseable {
  /** How long {@link #close()} lets requests in flight finish. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  /** The largest request line plus headers; beyond it 414 or 431. */
  static final int MAX_REQUEST_HEADER_BYTES = 8 * 1024;

  /**
   * Worker threads: room for every running and waiting search ({@link Config#maxSearches()} +
   * {@link Config#maxQueued()}, at most half of them) beside the page's files and health checks.
   */
  static final int MAX_THREADS = 256;

  /** Searches that may wait for a turn by default: enough for a burst of 100 clients at once. */
  static final int DEFAULT_QUEUED = 100;

  /**
   * How the server runs.
   *
   * @param index the index folder (it may not exist yet: 503 until it does)
   * @param bind the address to listen on
   * @param port the TCP port, 0 for a free one
   * @param token the bearer token every API request must carry, or null for none
   * @param publicAccess whether a non-loopback address may serve without a token
   * @param corsOrigin the one origin allowed cross-origin requests, or null for none
   * @param maxSearches how many index requests may run at once
   * @param maxQueued how many more may wait for their turn (one more gets 503)
   * @param timeout the query time limit of every search
   * @param accessLog where each request's access-log line goes
   */
  record Config(
      Path index,
      String bind,
      int port,
      String token,
      boolean publicAccess,
      String corsOrigin,
      int maxSearches,
      int maxQueued,
      Duration timeout,
      Consumer<String> accessLog) {
    /** Checks the values. */
    Config {
      Objects.requireNonNull(index, "index");
      Objects.requireNonNull(bind, "bind");
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(accessLog, "accessLog");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
      }
      if (maxSearches < 1) {
        throw new IllegalArgumentException("maxSearches must be 1 or more, was " + maxSearches);
      }
      if (maxQueued < 0 || maxSearches + maxQueued > MAX_THREADS / 2) {
        throw new IllegalArgumentException(
            "maxQueued must be 0 or more, and maxSearches + maxQueued at most " + MAX_THREADS / 2);
      }
      if (token != null && token.isBlank()) {
        throw new IllegalArgumentException("the token is empty");
      }
    }

    /** Serving {@code index} on 127.0.0.1:8080, no token, no CORS, the default limits. */
    static Config loopback(Path index) {
      return new Config(
          index,
          "127.0.0.1",
          8080,
          null,
          false,
          null,
          Math.min(16, 2 * Runtime.getRuntime().availableProcessors()),
          DEFAULT_QUEUED,
          io.incidentsearch.search.SearchRequest.DEFAULT_TIMEOUT,
          line -> {});
    }

    Config withPort(int p) {
      return with(c -> c.port = p);
    }

    Config withBind(String address) {
      return with(c -> c.bind = address);
    }

    Config withToken(String t) {
      return with(c -> c.token = t);
    }

    Config withPublicAccess(boolean open) {
      return with(c -> c.publicAccess = open);
    }

    Config withCors(String origin) {
      return with(c -> c.corsOrigin = origin);
    }

    Config withMaxSearches(int n) {
      return with(c -> c.maxSearches = n);
    }

    Config withMaxQueued(int n) {
      return with(c -> c.maxQueued = n);
    }

    /** Both search limits at once, so only the pair is checked, not a mix with a default. */
    Config withSearchLimits(int running, int waiting) {
      return with(
          c -> {
            c.maxSearches = running;
            c.maxQueued = waiting;
          });
    }

    Config withTimeout(Duration t) {
      return with(c -> c.timeout = t);
    }

    Config withAccessLog(Consumer<String> log) {
      return with(c -> c.accessLog = log);
    }

    private Config with(Consumer<Copy> change) {
      Copy c = new Copy(this);
      change.accept(c);
      return new Config(
          c.index,
          c.bind,
          c.port,
          c.token,
          c.publicAccess,
          c.corsOrigin,
          c.maxSearches,
          c.maxQueued,
          c.timeout,
          c.accessLog);
    }

    /** A configuration's values, changed one at a time by the {@code with} methods. */
    private static final class Copy {
      Path index;
      String bind;
      int port;
      String token;
      boolean publicAccess;
      String corsOrigin;
      int maxSearches;
      int maxQueued;
      Duration timeout;
      Consumer<String> accessLog;

      Copy(Config c) {
        index = c.index();
        bind = c.bind();
        port = c.port();
        token = c.token();
        publicAccess = c.publicAccess();
        corsOrigin = c.corsOrigin();
        maxSearches = c.maxSearches();
        maxQueued = c.maxQueued();
        timeout = c.timeout();
        accessLog = c.accessLog();
      }
    }
  }

  /** A configuration the server refuses to start with; the message says what to change. */
  static final class RefusedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    RefusedException(String message) {
      super(message);
    }
  }

  private final Server server;
  private final ServerConnector connector;
  private final ApiHandler handler;

  private ApiServer(Server server, ServerConnector connector, ApiHandler handler) {
    this.server = server;
    this.connector = connector;
    this.handler = handler;
  }

  /**
   * Starts serving.
   *
   * @throws RefusedException for a non-loopback address without a token or public access, or an
   *     address that is not this machine's
   * @throws IOException when the port cannot be bound (in use, or not allowed)
   */
  static ApiServer start(Config config) throws IOException {
    InetAddress address;
    try {
      address = InetAddress.getByName(config.bind());
    } catch (UnknownHostException e) {
      throw new RefusedException("cannot listen on '" + config.bind() + "': unknown host");
    }
    if (!address.isLoopbackAddress() && config.token() == null && !config.publicAccess()) {
      throw new RefusedException(
          "refusing to serve on "
              + config.bind()
              + " without a token: anyone who can reach it could read the index. Give"
              + " --token-file FILE (clients then send 'Authorization: Bearer TOKEN'), or --public"
              + " to serve it openly, or bind to 127.0.0.1");
    }
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4);
    threads.setName("serve");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(config.bind());
    connector.setPort(config.port());
    connector.setIdleTimeout(30_000);
    server.addConnector(connector);
    ApiHandler handler = new ApiHandler(config);
    server.setHandler(new GracefulHandler(handler));
    server.setErrorHandler(new JsonErrorHandler());
    server.setRequestLog(
        (request, response) -> config.accessLog().accept(logLine(request, response)));
    server.setStopTimeout(STOP_TIMEOUT.toMillis());
    server.setStopAtShutdown(false); // the command stops it on SIGTERM, after saying so
    try {
      server.start();
    } catch (IOException e) {
      stopQuietly(server);
      handler.close();
      throw new IOException(
          "cannot listen on " + config.bind() + ":" + config.port() + ": " + e.getMessage(), e);
    } catch (Exception e) {
      stopQuietly(server);
      handler.close();
      throw new IOException("cannot start the server: " + e.getMessage(), e);
    }
    return new ApiServer(server, connector, handler);
  }

  /** The server's base address, {@code http://HOST:PORT/}. */
  URI uri() {
    String host = connector.getHost();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + connector.getLocalPort() + "/");
  }

  /** The bound port (the free one chosen for port 0). */
  int port() {
    return connector.getLocalPort();
  }

  /** The permits of index requests (tests occupy them to see the 503 beyond the cap). */
  java.util.concurrent.Semaphore searchPermits() {
    return handler.searchPermits();
  }

  /** Searches waiting for their turn now. */
  int queuedSearches() {
    return handler.queuedSearches();
  }

  /** Blocks until the server has stopped. */
  void join() throws InterruptedException {
    server.join();
  }

  /** Stops accepting, lets requests in flight finish, then closes the index. */
  @Override
  public void close() throws IOException {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IOException("stopping the server failed: " + e.getMessage(), e);
    } finally {
      handler.close();
    }
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception ignored) {
      // starting failed; that is the error to report
    }
  }

  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * One access-log line: time, client, method, path and query, status, bytes, milliseconds. The
   * query string is logged as sent (percent-encoded), so a line never holds a raw line break.
   */
  static String logLine(Request request, Response response) {
    long ms = (System.nanoTime() - request.getHeadersNanoTime()) / 1_000_000;
    String target = request.getHttpURI().getPathQuery();
    if (target != null && target.length() > 2048) {
      target = target.substring(0, 2048) + "...";
    }
    return LOG_TIME.format(Instant.ofEpochMilli(Request.getTimeStamp(request)))
        + " "
        + Request.getRemoteAddr(request)
        + " "
        + request.getMethod()
        + " "
        + target
        + " "
        + response.getStatus()
        + " "
        + Response.getContentBytesWritten(response)
        + " "
        + ms
        + "ms";
  }

  /**
   * Jetty's own errors (a request line or headers too large, a malformed URI, an exception out of a
   * handler) as the API's JSON errors, with the same security headers.
   */
  static final class JsonErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(
        Request request,
        Response response,
        int code,
        String message,
        Throwable cause,
        Callback callback) {
      ApiHandler.securityHeaders(response.getHeaders());
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, ApiHandler.JSON_TYPE);
      response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      ApiHandler.securityHeaders(fields);
      fields.put(HttpHeader.CONTENT_TYPE, ApiHandler.JSON_TYPE);
      return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int code, String message) {
      String text = message == null || message.isBlank() ? ApiHandler.reason(code) : message;
      return ApiHandler.errorJson(code, text).getBytes(StandardCharsets.UTF_8);
    }
  }
}
