package io.incidentsearch.tool;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.incidentsearch.IncidentIndex;
import io.incidentsearch.formats.JsonLines;
import io.incidentsearch.index.IndexException;
import io.incidentsearch.index.Manifest;
import io.incidentsearch.model.Article;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.search.Completion;
import io.incidentsearch.search.Hit;
import io.incidentsearch.search.QuerySyntaxException;
import io.incidentsearch.search.QueryTimeoutException;
import io.incidentsearch.search.ScoreExplanation;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import io.incidentsearch.search.SimilarIncident;
import io.incidentsearch.search.SortOrder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.CorruptIndexException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import picocli.CommandLine.TypeConversionException;

/**
 * The routes of {@code index-tool serve}: the JSON API over {@link IncidentIndex} and the web
 * page's files. Every API answer has the shape of the matching command's {@code --json} output
 * ({@link JsonShapes}); every error is {@code {"status","error"}} with its HTTP status. Nothing
 * here writes to the index.
 */
final class ApiHandler extends Handler.Abstract implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ApiHandler.class.getName());

  static final String JSON_TYPE = "application/json; charset=utf-8";

  /** The largest page of {@code /api/search}; everything is for {@code /api/export}. */
  static final int MAX_LIMIT = 1000;

  /** The deepest {@code offset}; deeper pages are reached with the cursor ({@code after}). */
  static final int MAX_OFFSET = 10_000;

  /** The most hits {@code explain=true} explains (each is a search of its own). */
  static final int MAX_EXPLAINED = 50;

  static final int MAX_SIMILAR = 100;
  static final int MAX_COMPLETIONS = 50;

  /** The longest autocomplete prefix: a search box's word or title, not a document. */
  static final int MAX_PREFIX = 256;

  /** Searches the page's scripts may run; no inline script or style, nothing from elsewhere. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
          + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

  /** The web page's files, served by exact name from the jar; nothing else is. */
  private static final List<String> WEB_FILES =
      List.of("index.html", "app.js", "app.css", "favicon.svg");

  private final ApiServer.Config config;
  private final IndexHolder index;
  private final Semaphore searches;
  private final AtomicInteger queued = new AtomicInteger();
  private final byte[] tokenDigest;
  private final Map<String, byte[]> webFiles;
  private final byte[] openApi;

  ApiHandler(ApiServer.Config config) throws IOException {
    this.config = config;
    this.index = new IndexHolder(config.index());
    this.searches = new Semaphore(config.maxSearches());
    this.tokenDigest = config.token() == null ? null : sha256(config.token());
    this.webFiles = new LinkedHashMap<>();
    for (String name : WEB_FILES) {
      byte[] bytes = resource("web/" + name);
      if (bytes != null) {
        webFiles.put(name, bytes);
      }
    }
    this.openApi = resource("openapi.json");
  }

  // ---- the request ----

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    HttpFields.Mutable headers = response.getHeaders();
    securityHeaders(headers);
    String path = Request.getPathInContext(request);
    try {
      boolean api = path.startsWith("/api/");
      if (api) {
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        if (cors(request, response, callback)) {
          return true;
        }
      }
      String method = request.getMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        headers.put(HttpHeader.ALLOW, "GET, HEAD");
        throw new ApiError(HttpStatus.METHOD_NOT_ALLOWED_405, method + " is not allowed; use GET");
      }
      if (api) {
        authorize(request, headers);
        api(request, response, callback, path);
      } else {
        page(response, callback, path);
      }
    } catch (ApiError e) {
      error(response, callback, e);
    } catch (RuntimeException | IOException | Error e) {
      error(response, callback, classify(e));
    }
    return true;
  }

  private void api(Request request, Response response, Callback callback, String path)
      throws IOException {
    Params p = Params.of(request);
    switch (path) {
      case "/api/health" -> health(p, response, callback);
      case "/api/openapi.json" -> {
        p.only();
        if (openApi == null) {
          throw new ApiError(HttpStatus.NOT_FOUND_404, "this build has no OpenAPI document");
        }
        send(response, callback, HttpStatus.OK_200, JSON_TYPE, openApi);
      }
      case "/api/search" -> limited(() -> search(p, response, callback));
      case "/api/facets" -> limited(() -> facets(p, response, callback));
      case "/api/complete" -> limited(() -> complete(p, response, callback));
      case "/api/stats" -> limited(() -> stats(p, response, callback));
      case "/api/export" -> limited(() -> export(request, p, response, callback));
      default -> {
        if (!path.startsWith("/api/records/")) {
          throw new ApiError(HttpStatus.NOT_FOUND_404, "no such endpoint: " + path);
        }
        String rest = path.substring("/api/records/".length());
        String action = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
          action = rest.substring(slash + 1);
          rest = rest.substring(0, slash);
        }
        String id = rest;
        String what = action == null ? "" : action;
        switch (what) {
          case "" -> limited(() -> record(id, p, response, callback));
          case "linked" -> limited(() -> linked(id, p, response, callback));
          case "similar" -> limited(() -> similar(id, p, response, callback));
          case "explain" -> limited(() -> explain(id, p, response, callback));
          default -> throw new ApiError(HttpStatus.NOT_FOUND_404, "no such endpoint: " + path);
        }
      }
    }
  }

  /**
   * Work that reads the index: at most {@link ApiServer.Config#maxSearches()} at once, and at most
   * {@link ApiServer.Config#maxQueued()} more waiting for their turn (no longer than the query time
   * limit). Beyond that the answer is 503 at once: a burst is absorbed, an overload is refused
   * instead of piling up threads and memory.
   */
  private void limited(IndexWork work) throws IOException {
    if (!searches.tryAcquire()) {
      boolean admitted = false;
      if (queued.incrementAndGet() <= config.maxQueued()) {
        try {
          admitted = searches.tryAcquire(config.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      queued.decrementAndGet();
      if (!admitted) {
        throw new ApiError(
                HttpStatus.SERVICE_UNAVAILABLE_503,
                "too many searches at once ("
                    + config.maxSearches()
                    + " running, "
                    + config.maxQueued()
                    + " waiting); try again in a moment")
            .header(HttpHeader.RETRY_AFTER, "1");
      }
    }
    try {
      work.run();
    } finally {
      searches.release();
    }
  }

  @FunctionalInterface
  private interface IndexWork {
    void run() throws IOException;
  }

  // ---- endpoints ----

  private void health(Params p, Response response, Callback callback) throws IOException {
    p.only();
    IncidentIndex idx = index.get();
    long records =
        idx.search(SearchRequest.builder().limit(0).highlight(false).build()).totalHits();
    Manifest m = idx.manifest();
    json(
        response,
        callback,
        new HealthJson("ok", idx.location().toString(), records, m == null ? null : m.builtAt()));
  }

  private void search(Params p, Response response, Callback callback) throws IOException {
    p.only(
        "q",
        "filter",
        "from",
        "to",
        "type",
        "sort",
        "limit",
        "offset",
        "after",
        "facets",
        "explain",
        "feedback",
        "strict",
        "fastTotal");
    String q = p.one("q", "");
    int limit = p.integer("limit", SearchRequest.DEFAULT_LIMIT, 0, MAX_LIMIT);
    int offset = p.integer("offset", 0, 0, MAX_OFFSET);
    String after = p.one("after", null);
    if (after != null && offset > 0) {
      throw new ApiError(HttpStatus.BAD_REQUEST_400, "give offset or after, not both");
    }
    boolean facets = p.bool("facets");
    boolean explain = p.bool("explain");
    if (explain && limit > MAX_EXPLAINED) {
      throw new ApiError(
          HttpStatus.BAD_REQUEST_400,
          "explain=true explains at most "
              + MAX_EXPLAINED
              + " hits; ask for limit<="
              + MAX_EXPLAINED);
    }
    SearchRequest request =
        matching(p, q)
            .sort(p.choice("sort", SortOrder.RELEVANCE, SortOrder.class))
            .limit(limit)
            .offset(offset)
            .after(after)
            .countFacets(facets)
            .exactTotal(!p.bool("fastTotal"))
            .feedback(p.bool("feedback"))
            .build();
    IncidentIndex idx = index.get();
    long start = System.nanoTime();
    SearchResult result = idx.search(request);
    Map<String, ScoreExplanation> explanations = new LinkedHashMap<>();
    if (explain) {
      for (Hit h : result.hits()) {
        explanations.put(h.key(), idx.explain(q, h.key()));
      }
    }
    long took = System.nanoTime() - start;
    serverTiming(response, took);
    long tookMs = took / 1_000_000;
    json(response, callback, JsonShapes.search(q, result, facets, explanations, tookMs));
  }

  private void facets(Params p, Response response, Callback callback) throws IOException {
    p.only("q", "filter", "from", "to", "type", "strict");
    String q = p.one("q", "");
    SearchRequest request = matching(p, q).limit(0).countFacets(true).highlight(false).build();
    long start = System.nanoTime();
    SearchResult result = index.get().search(request);
    long took = System.nanoTime() - start;
    serverTiming(response, took);
    long tookMs = took / 1_000_000;
    json(response, callback, JsonShapes.facets(q, result, tookMs));
  }

  private void complete(Params p, Response response, Callback callback) throws IOException {
    p.only("prefix", "limit");
    String prefix = p.one("prefix", "");
    if (prefix.length() > MAX_PREFIX) {
      throw new ApiError(
          HttpStatus.BAD_REQUEST_400, "prefix is longer than " + MAX_PREFIX + " characters");
    }
    int limit = p.integer("limit", 10, 1, MAX_COMPLETIONS);
    List<Completion> completions = index.get().complete(prefix, limit);
    json(response, callback, JsonShapes.completions(prefix, completions));
  }

  private void stats(Params p, Response response, Callback callback) throws IOException {
    p.only();
    IncidentIndex idx = index.get();
    var stats = idx.stats();
    Manifest manifest = idx.manifest();
    json(response, callback, JsonShapes.stats(idx.location(), stats, manifest));
  }

  private void record(String id, Params p, Response response, Callback callback)
      throws IOException {
    p.only();
    Record r = resolve(id);
    send(
        response,
        callback,
        HttpStatus.OK_200,
        JSON_TYPE,
        (JsonLines.toJson(r) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private void linked(String id, Params p, Response response, Callback callback)
      throws IOException {
    p.only();
    IncidentIndex idx = index.get();
    Record r = resolve(id);
    RecordType otherType;
    List<String> ids;
    switch (r) {
      case Incident i -> {
        otherType = RecordType.ARTICLE;
        ids = i.articleIds();
      }
      case Article a -> {
        otherType = RecordType.INCIDENT;
        ids = a.incidentIds();
      }
    }
    List<Record> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String other : ids) {
      idx.get(otherType.key() + ":" + other).ifPresentOrElse(found::add, () -> missing.add(other));
    }
    List<LinkJson> links =
        found.stream()
            .map(
                l ->
                    new LinkJson(
                        RecordIds.key(l),
                        l.type().key(),
                        l.title(),
                        Json.stringOrNull(l.publishedDate().orElse(null))))
            .toList();
    json(
        response,
        callback,
        new LinkedJson(
            RecordIds.key(r),
            links,
            missing.stream().map(m -> otherType.key() + ":" + m).toList()));
  }

  private void similar(String id, Params p, Response response, Callback callback)
      throws IOException {
    p.only("limit");
    int limit = p.integer("limit", 10, 1, MAX_SIMILAR);
    IncidentIndex idx = index.get();
    long start = System.nanoTime();
    Record r = resolve(id);
    String key = RecordIds.key(r);
    List<SimilarIncident> similar = idx.similar(key, limit);
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    json(response, callback, JsonShapes.similar(key, r.title(), similar, tookMs));
  }

  private void explain(String id, Params p, Response response, Callback callback)
      throws IOException {
    p.only("q");
    String q = p.one("q", "");
    IncidentIndex idx = index.get();
    Record r = resolve(id);
    String key = RecordIds.key(r);
    ScoreExplanation e = idx.explain(q, key);
    json(response, callback, new ExplainJson(key, q, JsonShapes.ExplanationJson.of(e)));
  }

  private void export(Request request, Params p, Response response, Callback callback)
      throws IOException {
    p.only("format", "q", "filter", "from", "to", "type", "sort", "strict");
    ExportCommand.Format format =
        p.choice("format", ExportCommand.Format.JSONL, ExportCommand.Format.class);
    SearchRequest first =
        matching(p, p.one("q", ""))
            .sort(p.choice("sort", SortOrder.RELEVANCE, SortOrder.class))
            .limit(ExportCommand.PAGE)
            .countFacets(false)
            .highlight(false)
            .build();
    IncidentIndex idx = index.get();
    idx.search(first.toBuilder().limit(0).build()); // a bad query fails before a byte is sent
    HttpFields.Mutable headers = response.getHeaders();
    boolean csv = format == ExportCommand.Format.CSV;
    headers.put(HttpHeader.CONTENT_TYPE, csv ? "text/csv; charset=utf-8" : "application/x-ndjson");
    headers.put(
        HttpHeader.CONTENT_DISPOSITION,
        "attachment; filename=\"records." + (csv ? "csv" : "jsonl") + "\"");
    response.setStatus(HttpStatus.OK_200);
    if (request.getMethod().equals("HEAD")) {
      callback.succeeded();
      return;
    }
    // Streamed page by page (the response is chunked): memory stays that of one page.
    OutputStream out = Content.Sink.asOutputStream(response);
    try (Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
      ExportCommand.write(idx, first, format, w);
    } catch (IOException | RuntimeException e) {
      // The status is sent; all that is left is to break the response off, so the client sees a
      // truncated body rather than a complete-looking one.
      LOG.log(Level.WARNING, "export broken off: " + e);
      callback.failed(e);
      return;
    }
    callback.succeeded();
  }

  // ---- request parts ----

  /**
   * What {@code /api/search?q=...} asks of the library when no other parameter is given: a page of
   * 10 with snippets marked by {@code <em>}, the exact total, no facet counts (the builder's
   * default counts them). The bench's in-process side starts from here too, so both sides run the
   * same search.
   */
  static SearchRequest.Builder searchDefaults(String q, java.time.Duration timeout) {
    return SearchRequest.builder()
        .query(q)
        .timeout(timeout)
        .limit(SearchRequest.DEFAULT_LIMIT)
        .countFacets(false)
        .exactTotal(true)
        .highlight(true)
        .tags("<em>", "</em>");
  }

  /** The query, filters, dates, type and strictness the search-like endpoints share. */
  private SearchRequest.Builder matching(Params p, String q) {
    SearchRequest.Builder b = searchDefaults(q, config.timeout()).strictSyntax(p.bool("strict"));
    String type = p.one("type", "any").toLowerCase(Locale.ROOT);
    switch (type) {
      case "any" -> b.type(null);
      case "incident" -> b.type(RecordType.INCIDENT);
      case "article" -> b.type(RecordType.ARTICLE);
      default ->
          throw new ApiError(
              HttpStatus.BAD_REQUEST_400,
              "type must be incident, article or any, not '" + type + "'");
    }
    for (String f : p.all("filter")) {
      int eq = f.indexOf('=');
      if (eq <= 0 || eq == f.length() - 1) {
        throw new ApiError(
            HttpStatus.BAD_REQUEST_400,
            "filter '" + f + "' must be CATEGORY=VALUE, e.g. filter=phase=design");
      }
      b.filter(f.substring(0, eq).strip(), f.substring(eq + 1).strip());
    }
    LocalDate from = p.date("from", false);
    LocalDate to = p.date("to", true);
    if (from != null && to != null && from.isAfter(to)) {
      throw new ApiError(
          HttpStatus.BAD_REQUEST_400,
          "from " + from + " is after to " + to + ": nothing can match");
    }
    return b.dateRange(from, to);
  }

  private Record resolve(String id) throws IOException {
    return switch (RecordIds.lookup(index.get(), id)) {
      case RecordIds.Found f -> f.record();
      case RecordIds.Missing m -> throw new ApiError(HttpStatus.NOT_FOUND_404, m.message());
      case RecordIds.Malformed m -> throw new ApiError(HttpStatus.BAD_REQUEST_400, m.message());
      case RecordIds.Ambiguous a -> throw new ApiError(HttpStatus.BAD_REQUEST_400, a.message());
    };
  }

  /** Bearer token check, in constant time (digests of equal length are compared). */
  private void authorize(Request request, HttpFields.Mutable headers) {
    if (tokenDigest == null) {
      return;
    }
    String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    String given =
        auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
            ? auth.substring(7).strip()
            : "";
    if (!MessageDigest.isEqual(tokenDigest, sha256(given))) {
      headers.put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"incident-search\"");
      throw new ApiError(
          HttpStatus.UNAUTHORIZED_401,
          auth == null
              ? "this server needs a token: send 'Authorization: Bearer TOKEN'"
              : "the token is not this server's");
    }
  }

  /**
   * Cross-origin requests from the one configured origin. Returns true when the request was a
   * preflight and has been answered.
   */
  private boolean cors(Request request, Response response, Callback callback) {
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    boolean allowed = config.corsOrigin() != null && config.corsOrigin().equals(origin);
    HttpFields.Mutable headers = response.getHeaders();
    if (config.corsOrigin() != null) {
      headers.add(HttpHeader.VARY, "Origin");
    }
    if (allowed) {
      headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    }
    if (allowed && request.getMethod().equals("OPTIONS")) {
      headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD");
      headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization");
      headers.put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "600");
      response.setStatus(HttpStatus.NO_CONTENT_204);
      response.write(true, null, callback);
      return true;
    }
    return false;
  }

  // ---- the web page ----

  private void page(Response response, Callback callback, String path) {
    String name = path.equals("/") ? "index.html" : path.substring(1);
    byte[] bytes = webFiles.get(name);
    if (bytes == null) {
      throw new ApiError(HttpStatus.NOT_FOUND_404, "no such page: " + path);
    }
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    send(response, callback, HttpStatus.OK_200, contentType(name), bytes);
  }

  private static String contentType(String name) {
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (name.endsWith(".svg")) {
      return "image/svg+xml";
    }
    return "application/octet-stream";
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ApiHandler.class.getResourceAsStream(name)) {
      return in == null ? null : in.readAllBytes();
    }
  }

  // ---- responses ----

  /**
   * {@code Server-Timing: search;dur=MS}: the library's time for the search, to the microsecond, so
   * a client (a browser's developer tools, the bench) can tell it from what HTTP adds.
   */
  private static void serverTiming(Response response, long nanos) {
    response
        .getHeaders()
        .put("Server-Timing", String.format(Locale.ROOT, "search;dur=%.3f", nanos / 1e6));
  }

  /** Headers every answer carries, errors included. */
  static void securityHeaders(HttpFields.Mutable headers) {
    headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("X-Frame-Options", "DENY");
    headers.put("Referrer-Policy", "no-referrer");
    headers.put("Cross-Origin-Opener-Policy", "same-origin");
  }

  private static void json(Response response, Callback callback, Object body) {
    byte[] bytes = (Json.string(body) + "\n").getBytes(StandardCharsets.UTF_8);
    send(response, callback, HttpStatus.OK_200, JSON_TYPE, bytes);
  }

  private static void send(
      Response response, Callback callback, int status, String type, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Integer.toString(body.length));
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  private static void error(Response response, Callback callback, ApiError e) {
    if (response.isCommitted()) {
      callback.failed(e);
      return;
    }
    for (HttpField f : e.headers()) {
      response.getHeaders().put(f);
    }
    String body = errorJson(e.status(), e.getMessage(), e.query(), e.column());
    send(response, callback, e.status(), JSON_TYPE, body.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code {"status":N,"error":"..."}}. */
  static String errorJson(int status, String message) {
    return errorJson(status, message, null, 0);
  }

  private static String errorJson(int status, String message, String query, int column) {
    return Json.string(new ErrorJson(status, message, query, query == null ? null : column)) + "\n";
  }

  /** {@code {"status","error"}}, with {@code "query","column"} for a query syntax error. */
  record ErrorJson(
      int status,
      String error,
      @JsonInclude(JsonInclude.Include.NON_NULL) String query,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer column) {}

  /** {@code GET /api/health}. */
  record HealthJson(String status, String index, long records, String builtAt) {}

  /** {@code GET /api/records/ID/linked}: the linked records found, the ids not in the index. */
  record LinkedJson(String id, List<LinkJson> linked, List<String> missing) {}

  /** A linked record. */
  record LinkJson(String id, String type, String title, String published) {}

  /** {@code GET /api/records/ID/explain}. */
  record ExplainJson(String id, String query, JsonShapes.ExplanationJson explain) {}

  /** The reason phrase of a status, for errors Jetty raises without a message. */
  static String reason(int status) {
    String r = HttpStatus.getMessage(status);
    return r == null ? "error " + status : r;
  }

  /** What a failure means to a client. */
  private ApiError classify(Throwable e) {
    if (e instanceof ApiError a) {
      return a;
    }
    if (e instanceof QuerySyntaxException q) {
      return new ApiError(HttpStatus.BAD_REQUEST_400, q.getMessage(), q.query(), q.column());
    }
    if (e instanceof QueryTimeoutException) {
      return new ApiError(HttpStatus.GATEWAY_TIMEOUT_504, e.getMessage());
    }
    if (e instanceof IllegalArgumentException) {
      return new ApiError(HttpStatus.BAD_REQUEST_400, e.getMessage());
    }
    if (e instanceof IndexException || e instanceof CorruptIndexException) {
      // Missing, of another schema version, damaged: nothing a client can change; a build can,
      // and its commit is picked up by the next request.
      return new ApiError(
              HttpStatus.SERVICE_UNAVAILABLE_503, "the index cannot be searched: " + e.getMessage())
          .header(HttpHeader.RETRY_AFTER, "10");
    }
    LOG.log(Level.ERROR, "request failed", e);
    return new ApiError(
        HttpStatus.INTERNAL_SERVER_ERROR_500,
        "internal error (" + e.getClass().getSimpleName() + "); the server log has the details");
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  Semaphore searchPermits() {
    return searches;
  }

  int queuedSearches() {
    return queued.get();
  }

  @Override
  public void close() throws IOException {
    index.close();
  }

  // ---- helpers ----

  /** A failure with its HTTP status and the headers that go with it. */
  static final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String query;
    private final int column;
    private final transient List<HttpField> headers = new ArrayList<>();

    ApiError(int status, String message) {
      this(status, message, null, 0);
    }

    ApiError(int status, String message, String query, int column) {
      super(message, null, false, false);
      this.status = status;
      this.query = query;
      this.column = column;
    }

    ApiError header(HttpHeader name, String value) {
      headers.add(new HttpField(name, value));
      return this;
    }

    int status() {
      return status;
    }

    String query() {
      return query;
    }

    int column() {
      return column;
    }

    List<HttpField> headers() {
      return headers;
    }
  }

  /** The query parameters of a request, read strictly: unknown names and repeats are errors. */
  static final class Params {
    private final Fields fields;

    private Params(Fields fields) {
      this.fields = fields;
    }

    static Params of(Request request) {
      try {
        return new Params(Request.extractQueryParameters(request, StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        throw new ApiError(
            HttpStatus.BAD_REQUEST_400,
            "the query string cannot be read (" + e.getMessage() + "); percent-encode it as UTF-8");
      }
    }

    /** Refuses parameters other than {@code names}: a misspelt one would be silently ignored. */
    void only(String... names) {
      Set<String> known = Set.of(names);
      for (String name : fields.getNames()) {
        if (!known.contains(name)) {
          throw new ApiError(
              HttpStatus.BAD_REQUEST_400,
              "unknown parameter '"
                  + name
                  + "'"
                  + (names.length == 0
                      ? "; this endpoint takes none"
                      : "; this endpoint takes " + String.join(", ", names)));
        }
      }
    }

    String one(String name, String fallback) {
      List<String> values = fields.getValues(name);
      if (values == null || values.isEmpty()) {
        return fallback;
      }
      if (values.size() > 1) {
        throw new ApiError(
            HttpStatus.BAD_REQUEST_400, "parameter '" + name + "' is given more than once");
      }
      return values.get(0);
    }

    List<String> all(String name) {
      List<String> values = fields.getValues(name);
      return values == null ? List.of() : values;
    }

    boolean bool(String name) {
      String v = one(name, "false").strip().toLowerCase(Locale.ROOT);
      return switch (v) {
        case "true", "1", "yes", "" -> true;
        case "false", "0", "no" -> false;
        default ->
            throw new ApiError(
                HttpStatus.BAD_REQUEST_400, name + " must be true or false, not '" + v + "'");
      };
    }

    int integer(String name, int fallback, int min, int max) {
      String v = one(name, null);
      if (v == null) {
        return fallback;
      }
      try {
        int n = Integer.parseInt(v.strip());
        if (n < min || n > max) {
          throw new NumberFormatException();
        }
        return n;
      } catch (NumberFormatException e) {
        throw new ApiError(
            HttpStatus.BAD_REQUEST_400,
            name + " must be a whole number from " + min + " to " + max + ", not '" + v + "'");
      }
    }

    <E extends Enum<E>> E choice(String name, E fallback, Class<E> type) {
      String v = one(name, null);
      if (v == null) {
        return fallback;
      }
      for (E e : type.getEnumConstants()) {
        if (e.name().equalsIgnoreCase(v.strip())) {
          return e;
        }
      }
      List<String> names = new ArrayList<>();
      for (E e : type.getEnumConstants()) {
        names.add(e.name().toLowerCase(Locale.ROOT));
      }
      throw new ApiError(
          HttpStatus.BAD_REQUEST_400,
          name + " must be one of " + String.join(", ", names) + ", not '" + v + "'");
    }

    LocalDate date(String name, boolean end) {
      String v = one(name, null);
      if (v == null || v.isBlank()) {
        return null;
      }
      try {
        return QueryOptions.parse(v, end);
      } catch (TypeConversionException e) {
        throw new ApiError(HttpStatus.BAD_REQUEST_400, name + ": " + e.getMessage());
      }
    }
  }

  /**
   * The served index, opened on first use: {@code serve} may start before the first build, and a
   * missing or broken index is retried at most once a second instead of on every request.
   */
  static final class IndexHolder implements AutoCloseable {
    private static final long RETRY_NANOS = 1_000_000_000L;

    private final java.nio.file.Path dir;
    private volatile IncidentIndex index;
    private long lastAttempt;
    private IOException lastFailure;

    IndexHolder(java.nio.file.Path dir) {
      this.dir = dir;
    }

    IncidentIndex get() throws IOException {
      IncidentIndex open = index;
      if (open != null) {
        return open;
      }
      synchronized (this) {
        if (index != null) {
          return index;
        }
        long now = System.nanoTime();
        if (lastFailure != null && now - lastAttempt < RETRY_NANOS) {
          throw lastFailure;
        }
        lastAttempt = now;
        try {
          index = IncidentIndex.open(dir);
          lastFailure = null;
          return index;
        } catch (IOException e) {
          lastFailure = e;
          throw e;
        }
      }
    }

    @Override
    public synchronized void close() throws IOException {
      if (index != null) {
        index.close();
        index = null;
      }
    }
  }
}
