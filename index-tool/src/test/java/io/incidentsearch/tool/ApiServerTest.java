package io.incidentsearch.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API against a real server on an ephemeral port, over the testdata archive: every
 * endpoint answers what the matching command prints with {@code --json}, every error has its status
 * and a JSON body, and hostile requests get an error, never a crash or a file.
 */
class ApiServerTest {
  @TempDir static Path dir;
  static Path index;
  static ApiServer server;
  static final List<String> accessLog = Collections.synchronizedList(new ArrayList<>());
  static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws IOException {
    index = dir.resolve("index");
    ToolRun b = ToolRun.run("build", "--index", index.toString(), ToolRun.archive().toString());
    assertEquals(0, b.exitCode(), b.toString());
    server =
        ApiServer.start(ApiServer.Config.loopback(index).withPort(0).withAccessLog(accessLog::add));
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  record Answer(int status, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      return (Map<String, Object>) ToolRun.parseJson(body);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  static Answer get(ApiServer s, String pathAndQuery, String... headers) {
    return send(s, "GET", pathAndQuery, headers);
  }

  static Answer get(String pathAndQuery, String... headers) {
    return get(server, pathAndQuery, headers);
  }

  static Answer send(ApiServer s, String method, String pathAndQuery, String... headers) {
    try {
      HttpRequest.Builder r =
          HttpRequest.newBuilder(URI.create(s.uri().toString() + pathAndQuery.substring(1)))
              .timeout(Duration.ofSeconds(30))
              .method(method, HttpRequest.BodyPublishers.noBody());
      for (int i = 0; i < headers.length; i += 2) {
        r.header(headers[i], headers[i + 1]);
      }
      HttpResponse<String> resp = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(resp.statusCode(), resp.headers().map(), resp.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A command's JSON output, without its timing. */
  static Map<String, Object> command(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--json");
    all.add("--index");
    all.add(index.toString());
    ToolRun r = ToolRun.run(all.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.toString());
    Map<String, Object> json = new LinkedHashMap<>(r.json());
    json.remove("tookMs");
    return json;
  }

  static Map<String, Object> withoutTime(Answer a) {
    assertEquals(200, a.status(), a.toString());
    assertTrue(a.header("Content-Type").startsWith("application/json"), a.headers().toString());
    Map<String, Object> json = new LinkedHashMap<>(a.json());
    json.remove("tookMs");
    return json;
  }

  // ---- every endpoint answers what the command prints ----

  @Test
  void searchIsTheCommandsJson() {
    assertEquals(
        command("search", "--facets", "--limit", "5", "phone numbers"),
        withoutTime(get("/api/search?q=phone+numbers&facets=true&limit=5")));
    assertEquals(
        command(
            "search",
            "--filter",
            "phase=design",
            "--filter",
            "phase=operation",
            "--filter",
            "objective=malicious",
            "--facets",
            "--type",
            "incident",
            "--sort",
            "newest"),
        withoutTime(
            get(
                "/api/search?filter=phase%3Ddesign&filter=phase%3Doperation"
                    + "&filter=objective%3Dmalicious&facets=true&type=incident&sort=newest")));
    assertEquals(
        command("search", "--from", "2019", "--to", "2020-06", "--fast-total", "software"),
        withoutTime(get("/api/search?q=software&from=2019&to=2020-06&fastTotal=true")));
  }

  @Test
  void searchesSayTheirOwnTime() {
    for (String path : List.of("/api/search?q=software", "/api/facets?q=software")) {
      Answer a = get(path);
      String timing = a.header("Server-Timing");
      assertNotNull(timing, path);
      assertTrue(timing.matches("search;dur=\\d+\\.\\d{3}"), timing);
    }
  }

  @Test
  void pagesFollowTheCursor() {
    Map<String, Object> first = get("/api/search?q=software&limit=3").json();
    String next = (String) first.get("next");
    assertNotNull(next, first.toString());
    Map<String, Object> second = get("/api/search?q=software&limit=3&after=" + encode(next)).json();
    Map<String, Object> both = get("/api/search?q=software&limit=6").json();
    List<Object> ids = new ArrayList<>();
    for (Map<String, Object> page : List.of(first, second)) {
      for (Object h : (List<?>) page.get("hits")) {
        ids.add(((Map<?, ?>) h).get("id"));
      }
    }
    List<Object> expected = new ArrayList<>();
    for (Object h : (List<?>) both.get("hits")) {
      expected.add(((Map<?, ?>) h).get("id"));
    }
    assertEquals(expected, ids);
  }

  @Test
  void explainedHits() {
    Map<String, Object> r = get("/api/search?q=contacts+upload&limit=2&explain=true").json();
    for (Object h : (List<?>) r.get("hits")) {
      Map<?, ?> explain = (Map<?, ?>) ((Map<?, ?>) h).get("explain");
      assertNotNull(explain, h.toString());
      assertEquals(true, explain.get("matched"));
      assertFalse(((List<?>) explain.get("contributions")).isEmpty());
    }
    Map<String, Object> one = get("/api/records/incident:2750/explain?q=contacts+upload").json();
    assertEquals("incident:2750", one.get("id"));
    assertEquals("contacts upload", one.get("query"));
    assertEquals(true, ((Map<?, ?>) one.get("explain")).get("matched"));
  }

  @Test
  void facetsRecordsSimilarStats() {
    assertEquals(
        command("facets", "--filter", "domain=information", "twitter"),
        withoutTime(get("/api/facets?q=twitter&filter=domain%3Dinformation")));
    Answer record = get("/api/records/incident:2750");
    assertEquals(200, record.status());
    ToolRun show = ToolRun.run("show", "--json", "--index", index.toString(), "incident:2750");
    assertEquals(show.out().strip(), record.body().strip());
    assertEquals(record.body(), get("/api/records/2750").body(), "a bare id one type has");
    assertEquals(
        command("similar", "incident:2750"),
        withoutTime(get("/api/records/incident:2750/similar")));
    assertEquals(command("stats"), withoutTime(get("/api/stats")));
  }

  @Test
  void linkedRecordsBothWays() {
    Map<String, Object> incident = get("/api/records/incident:2750/linked").json();
    List<Object> ids = new ArrayList<>();
    for (Object l : (List<?>) incident.get("linked")) {
      ids.add(((Map<?, ?>) l).get("id"));
      assertEquals("article", ((Map<?, ?>) l).get("type"));
      assertFalse(((String) ((Map<?, ?>) l).get("title")).isBlank());
    }
    assertTrue(ids.contains("article:96761"), incident.toString());
    Map<String, Object> article = get("/api/records/article:96761/linked").json();
    List<Object> citing = new ArrayList<>();
    for (Object l : (List<?>) article.get("linked")) {
      citing.add(((Map<?, ?>) l).get("id"));
    }
    assertTrue(citing.contains("incident:2750"), article.toString());
  }

  @Test
  void completions() {
    Map<String, Object> r = get("/api/complete?prefix=twit&limit=5").json();
    assertEquals("twit", r.get("prefix"));
    List<?> c = (List<?>) r.get("completions");
    assertFalse(c.isEmpty(), r.toString());
    assertTrue(c.size() <= 5);
    Map<?, ?> first = (Map<?, ?>) c.get(0);
    assertTrue(((String) first.get("text")).toLowerCase().contains("twit"), first.toString());
    Set<Object> kinds = new TreeSet<>();
    for (Object o : (List<?>) get("/api/complete?prefix=des&limit=50").json().get("completions")) {
      kinds.add(((Map<?, ?>) o).get("kind"));
    }
    assertTrue(kinds.contains("option"), kinds.toString());
  }

  @Test
  void exportStreamsWhatTheCommandWrites() {
    Answer jsonl = get("/api/export?q=software&sort=oldest");
    assertEquals(200, jsonl.status(), jsonl.toString());
    assertEquals("application/x-ndjson", jsonl.header("Content-Type"));
    ToolRun cli =
        ToolRun.run("export", "--index", index.toString(), "--sort", "oldest", "software");
    assertEquals(0, cli.exitCode(), cli.toString());
    assertEquals(cli.out(), jsonl.body());
    Answer csv = get("/api/export?format=csv&filter=type%3Dincident");
    assertEquals(200, csv.status(), csv.toString());
    assertTrue(csv.header("Content-Type").startsWith("text/csv"));
    assertTrue(csv.body().startsWith("id,type,title,"), csv.body());
    assertEquals(14, csv.body().split("\r\n").length, "a header and 13 incidents");
  }

  @Test
  void healthAndOpenApi() {
    Map<String, Object> health = get("/api/health").json();
    assertEquals("ok", health.get("status"));
    assertEquals(42L, health.get("records"));
    Map<String, Object> doc = get("/api/openapi.json").json();
    assertEquals("3.1.0", doc.get("openapi"));
    assertEquals(
        Set.of(
            "/api/search",
            "/api/facets",
            "/api/records/{id}",
            "/api/records/{id}/linked",
            "/api/records/{id}/similar",
            "/api/records/{id}/explain",
            "/api/complete",
            "/api/stats",
            "/api/health",
            "/api/export",
            "/api/openapi.json"),
        ((Map<?, ?>) doc.get("paths")).keySet());
  }

  @Test
  void headReturnsHeadersOnly() {
    Answer head = send(server, "HEAD", "/api/search?q=software");
    assertEquals(200, head.status());
    assertEquals("", head.body());
    assertTrue(head.header("Content-Type").startsWith("application/json"));
  }

  // ---- errors ----

  @Test
  void badRequestsAreJsonErrors() {
    String[][] cases = {
      {"/api/search?sort=sideways", "sort must be one of relevance, newest, oldest"},
      {"/api/search?limit=5000", "limit must be a whole number from 0 to 1000"},
      {"/api/search?limit=ten", "limit must be a whole number"},
      {"/api/search?offset=-1", "offset must be"},
      {"/api/search?offset=3&after=abc", "give offset or after, not both"},
      {"/api/search?after=notacursor", "Cannot continue from cursor"},
      {"/api/search?from=yesterday", "from: 'yesterday' is not a date"},
      {"/api/search?from=2021&to=2020", "is after to"},
      {"/api/search?filter=phase", "must be CATEGORY=VALUE"},
      {"/api/search?filter=color%3Dred", "color"},
      {"/api/search?type=bug", "type must be incident, article or any"},
      {"/api/search?q=a&q=b", "'q' is given more than once"},
      {"/api/search?qq=software", "unknown parameter 'qq'"},
      {"/api/search?facets=maybe", "facets must be true or false"},
      {"/api/search?explain=true&limit=100", "explain=true explains at most 50"},
      {"/api/stats?verbose=1", "this endpoint takes none"},
      {"/api/complete?prefix=" + "a".repeat(300), "prefix is longer than 256"},
      {"/api/records/color:1", "is not an id"},
      {"/api/export?format=xml", "format must be one of jsonl, csv"},
      {"/api/search?q=%FF%FE", "percent-encode it as UTF-8"},
    };
    for (String[] c : cases) {
      Answer a = get(c[0]);
      assertEquals(400, a.status(), c[0] + " -> " + a);
      Map<String, Object> json = a.json();
      assertEquals(400L, json.get("status"), c[0]);
      assertTrue(((String) json.get("error")).contains(c[1]), c[0] + " -> " + json);
    }
  }

  @Test
  void queryErrorsSayWhere() {
    Answer strict = get("/api/search?strict=true&q=" + encode("title:(phone AND"));
    assertEquals(400, strict.status(), strict.toString());
    Map<String, Object> json = strict.json();
    assertEquals("title:(phone AND", json.get("query"));
    assertTrue(((Long) json.get("column")) > 0, json.toString());
    // Not strict: the same text is searched as its words, and the answer says so.
    Map<String, Object> lenient = get("/api/search?q=" + encode("title:(phone AND")).json();
    assertNotNull(lenient.get("interpretedAs"), lenient.toString());
    // Over a limit: refused even when not strict, and the answer says where.
    Answer nested = get("/api/search?q=" + encode("(".repeat(40) + "a" + ")".repeat(40)));
    assertEquals(400, nested.status(), nested.toString());
    assertEquals(33L, nested.json().get("column"), nested.toString());
    Answer huge = get("/api/search?q=" + "a".repeat(5000));
    assertEquals(400, huge.status(), huge.toString());
    assertTrue(huge.json().get("error").toString().contains("4096"), huge.toString());
  }

  @Test
  void unknownThingsAre404() {
    for (String path :
        List.of(
            "/api/records/incident:999999",
            "/api/records/999999",
            "/api/records/incident:2750/parents",
            "/api/nothing",
            "/nothing.html",
            "/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/web/../openapi.json",
            "/WEB-INF/web.xml")) {
      Answer a = get(path);
      assertTrue(a.status() == 404 || a.status() == 400, path + " -> " + a);
      assertEquals((long) a.status(), a.json().get("status"), path);
      assertFalse(a.body().contains("root:"), path);
    }
  }

  @Test
  void rawPathTraversalNeverReadsAFile() throws IOException {
    // java.net.http normalises "..": send the request line as written.
    for (String target :
        List.of("/../../../etc/passwd", "/..%2f..%2fetc%2fpasswd", "//etc/passwd")) {
      String answer = raw("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertTrue(answer.startsWith("HTTP/1.1 4"), target + " -> " + answer);
      assertFalse(answer.contains("root:"), target);
    }
  }

  @Test
  void methodsOtherThanGetAre405() {
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
      Answer a = send(server, method, "/api/search?q=x");
      assertEquals(405, a.status(), method);
      assertEquals("GET, HEAD", a.header("Allow"));
      assertEquals(405L, a.json().get("status"));
    }
  }

  @Test
  void oversizedRequestsAreRefused() throws IOException {
    Answer longUri = get("/api/search?q=" + "a".repeat(20_000));
    assertTrue(longUri.status() == 414 || longUri.status() == 431, longUri.toString());
    Answer bigHeader = get("/api/health", "X-Big", "b".repeat(20_000));
    assertEquals(431, bigHeader.status(), bigHeader.toString());
    assertEquals(431L, bigHeader.json().get("status"));
    // A body is never read: a declared huge one is refused or ignored, and the server lives on.
    String answer =
        raw(
            "GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n"
                + "Connection: close\r\n\r\n{}");
    assertTrue(answer.startsWith("HTTP/1.1 "), answer);
    assertEquals(200, get("/api/health").status());
  }

  @Test
  void securityHeadersOnEveryAnswer() {
    for (String path : List.of("/api/search?q=x", "/api/nothing", "/api/search?sort=bad")) {
      Answer a = get(path);
      String csp = a.header("Content-Security-Policy");
      assertNotNull(csp, path);
      assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
      assertTrue(csp.contains("frame-ancestors 'none'"), csp);
      assertEquals("nosniff", a.header("X-Content-Type-Options"), path);
      assertEquals("DENY", a.header("X-Frame-Options"), path);
      assertEquals("no-store", a.header("Cache-Control"), path);
      assertNull(a.header("Access-Control-Allow-Origin"), path);
      assertNull(a.header("Server"), path);
    }
    Answer big = get("/api/health", "X-Big", "b".repeat(20_000));
    assertEquals("nosniff", big.header("X-Content-Type-Options"));
  }

  @Test
  void overTheTimeLimitIs504() throws IOException {
    try (ApiServer slow =
        ApiServer.start(
            ApiServer.Config.loopback(index).withPort(0).withTimeout(Duration.ofNanos(1)))) {
      Answer a = get(slow, "/api/search?q=software+failure");
      assertEquals(504, a.status(), a.toString());
      assertEquals(504L, a.json().get("status"));
    }
  }

  @Test
  void beyondTheRunningAndWaitingSearchesIs503WithRetryAfter() throws Exception {
    try (ApiServer one =
        ApiServer.start(
            ApiServer.Config.loopback(index).withPort(0).withMaxSearches(1).withMaxQueued(1))) {
      java.util.concurrent.Semaphore permits = one.searchPermits();
      assertTrue(permits.tryAcquire());
      java.util.concurrent.CompletableFuture<Answer> waiting;
      try {
        // The first search waits for its turn; the second finds the queue full.
        waiting =
            java.util.concurrent.CompletableFuture.supplyAsync(
                () -> get(one, "/api/search?q=software"));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (one.queuedSearches() < 1 && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        assertEquals(1, one.queuedSearches());
        Answer busy = get(one, "/api/search?q=software");
        assertEquals(503, busy.status(), busy.toString());
        assertEquals("1", busy.header("Retry-After"));
        assertTrue(busy.json().get("error").toString().contains("too many searches"));
        assertEquals(200, get(one, "/api/health").status(), "health is not a search");
        assertFalse(waiting.isDone());
      } finally {
        permits.release();
      }
      assertEquals(200, waiting.get(10, java.util.concurrent.TimeUnit.SECONDS).status());
      assertEquals(200, get(one, "/api/search?q=software").status());
    }
  }

  @Test
  void aSearchWaitsNoLongerThanTheTimeLimit() throws IOException {
    try (ApiServer one =
        ApiServer.start(
            ApiServer.Config.loopback(index)
                .withPort(0)
                .withMaxSearches(1)
                .withTimeout(Duration.ofMillis(200)))) {
      java.util.concurrent.Semaphore permits = one.searchPermits();
      assertTrue(permits.tryAcquire());
      try {
        Answer late = get(one, "/api/search?q=software");
        assertEquals(503, late.status(), late.toString());
      } finally {
        permits.release();
      }
    }
  }

  // ---- the index coming and going ----

  @Test
  void aMissingIndexIs503UntilABuildMakesIt() throws IOException {
    Path later = dir.resolve("later");
    try (ApiServer s = ApiServer.start(ApiServer.Config.loopback(later).withPort(0))) {
      Answer missing = get(s, "/api/search?q=software");
      assertEquals(503, missing.status(), missing.toString());
      assertTrue(missing.json().get("error").toString().contains("index"), missing.toString());
      assertEquals(503, get(s, "/api/health").status());
      ToolRun b = ToolRun.run("build", "--index", later.toString(), ToolRun.archive().toString());
      assertEquals(0, b.exitCode(), b.toString());
      Answer found = waitFor(s, "/api/health", 200);
      assertEquals(42L, found.json().get("records"));
    }
  }

  @Test
  void aDamagedIndexIs503() throws IOException {
    Path damaged = dir.resolve("damaged");
    Files.createDirectories(damaged);
    Path commit = null;
    try (var files = Files.list(index)) {
      for (Path f : files.toList()) {
        Files.copy(f, damaged.resolve(f.getFileName()));
        if (f.getFileName().toString().startsWith("segments_")) {
          commit = damaged.resolve(f.getFileName());
        }
      }
    }
    assertNotNull(commit);
    byte[] bytes = Files.readAllBytes(commit);
    Files.write(commit, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // a copy cut short
    try (ApiServer s = ApiServer.start(ApiServer.Config.loopback(damaged).withPort(0))) {
      for (String path : List.of("/api/search?q=software", "/api/health", "/api/stats")) {
        Answer a = get(s, path);
        assertEquals(503, a.status(), path + " -> " + a);
        assertTrue(a.json().get("error").toString().contains("damaged"), a.toString());
        assertEquals("10", a.header("Retry-After"));
      }
    }
  }

  @Test
  void aConcurrentBuildIsPickedUpWithoutRestart() throws IOException {
    Path grows = dir.resolve("grows");
    Path archive = dir.resolve("grows-archive");
    Files.createDirectories(archive);
    Files.copy(
        ToolRun.archive().resolve("incidents").resolve("2750.txt"), archive.resolve("2750.txt"));
    assertEquals(
        0, ToolRun.run("build", "--index", grows.toString(), archive.toString()).exitCode());
    try (ApiServer s = ApiServer.start(ApiServer.Config.loopback(grows).withPort(0))) {
      assertEquals(1L, get(s, "/api/health").json().get("records"));
      Files.copy(
          ToolRun.archive().resolve("incidents").resolve("2745.txt"), archive.resolve("2745.txt"));
      assertEquals(
          0, ToolRun.run("build", "--index", grows.toString(), archive.toString()).exitCode());
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      long records = 0;
      while (System.nanoTime() < deadline && records != 2) {
        records = (Long) get(s, "/api/health").json().get("records");
      }
      assertEquals(2L, records);
    }
  }

  // ---- who may ask ----

  @Test
  void aTokenIsCheckedOnEveryApiRequest() throws IOException {
    String token = "0123456789abcdef0123456789abcdef";
    try (ApiServer s =
        ApiServer.start(ApiServer.Config.loopback(index).withPort(0).withToken(token))) {
      Answer none = get(s, "/api/search?q=software");
      assertEquals(401, none.status());
      assertTrue(none.header("WWW-Authenticate").startsWith("Bearer"));
      assertEquals(401L, none.json().get("status"));
      assertEquals(401, get(s, "/api/health", "Authorization", "Bearer wrong").status());
      assertEquals(401, get(s, "/api/health", "Authorization", "Basic " + token).status());
      assertEquals(
          200, get(s, "/api/search?q=software", "Authorization", "Bearer " + token).status());
      assertEquals(200, get(s, "/api/health", "Authorization", "bearer " + token).status());
    }
  }

  @Test
  void nonLoopbackNeedsATokenOrPublic() throws IOException {
    ApiServer.RefusedException refused =
        assertThrows(
            ApiServer.RefusedException.class,
            () ->
                ApiServer.start(ApiServer.Config.loopback(index).withPort(0).withBind("0.0.0.0")));
    assertTrue(refused.getMessage().contains("--token-file"), refused.getMessage());
    try (ApiServer open =
        ApiServer.start(
            ApiServer.Config.loopback(index)
                .withPort(0)
                .withBind("0.0.0.0")
                .withPublicAccess(true))) {
      assertTrue(open.port() > 0);
    }
    try (ApiServer tokened =
        ApiServer.start(
            ApiServer.Config.loopback(index)
                .withPort(0)
                .withBind("0.0.0.0")
                .withToken("0123456789abcdef0123456789abcdef"))) {
      assertTrue(tokened.port() > 0);
    }
  }

  @Test
  void corsOnlyForTheConfiguredOrigin() throws IOException {
    assertNull(
        get("/api/health", "Origin", "https://evil.example").header("Access-Control-Allow-Origin"));
    assertEquals(
        405, send(server, "OPTIONS", "/api/search", "Origin", "https://evil.example").status());
    try (ApiServer s =
        ApiServer.start(
            ApiServer.Config.loopback(index).withPort(0).withCors("https://ok.example"))) {
      Answer ok = get(s, "/api/health", "Origin", "https://ok.example");
      assertEquals("https://ok.example", ok.header("Access-Control-Allow-Origin"));
      Answer other = get(s, "/api/health", "Origin", "https://evil.example");
      assertNull(other.header("Access-Control-Allow-Origin"));
      Answer preflight =
          send(
              s,
              "OPTIONS",
              "/api/search",
              "Origin",
              "https://ok.example",
              "Access-Control-Request-Method",
              "GET");
      assertEquals(204, preflight.status());
      assertEquals("GET, HEAD", preflight.header("Access-Control-Allow-Methods"));
    }
  }

  @Test
  void everyRequestIsLogged() {
    int before = accessLog.size();
    get("/api/search?q=logged+words");
    String line = waitForLine(before, l -> l.contains("GET /api/search?q=logged+words 200"));
    assertTrue(
        line.matches("\\d{4}-\\d\\d-\\d\\dT.* 127\\.0\\.0\\.1 GET .* 200 \\d+ \\d+ms"), line);
  }

  @Test
  void closingStopsListening() throws IOException {
    ApiServer s = ApiServer.start(ApiServer.Config.loopback(index).withPort(0));
    int port = s.port();
    assertEquals(200, get(s, "/api/health").status());
    s.close();
    assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
  }

  // ---- helpers ----

  static String encode(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static Answer waitFor(ApiServer s, String path, int status) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Answer a = get(s, path);
    while (a.status() != status && System.nanoTime() < deadline) {
      a = get(s, path);
    }
    assertEquals(status, a.status(), a.toString());
    return a;
  }

  static String waitForLine(int from, java.util.function.Predicate<String> test) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (accessLog) {
        for (String l : accessLog.subList(from, accessLog.size())) {
          if (test.test(l)) {
            return l;
          }
        }
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no such access-log line in " + accessLog);
  }

  /** Sends {@code request} as written and returns the whole answer. */
  static String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
