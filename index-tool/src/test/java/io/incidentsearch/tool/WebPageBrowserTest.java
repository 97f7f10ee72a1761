package io.incidentsearch.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page of {@code index-tool serve} in a real headless Chromium, against {@link ApiServer}
 * serving an index of {@code testdata/archive}. What the page shows is checked against what the API
 * answers for the same URL parameters, so the test follows the data, not hard-coded counts.
 *
 * <p>Needs Chromium and chromedriver (Debian: {@code apt-get install chromium chromium-driver});
 * without them it is skipped, or fails when {@code INCIDENT_SEARCH_BROWSER_TESTS=required}.
 */
class WebPageBrowserTest {
  private static final String INSTALL =
      "the web page's browser tests need Chromium and chromedriver: install them (Debian/Ubuntu:"
          + " apt-get install chromium chromium-driver) or point the system properties or"
          + " environment variables CHROME_BIN and CHROMEDRIVER at them";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Path WEB_SOURCES =
      Path.of("src", "main", "resources", "io", "incidentsearch", "tool", "web");

  /**
   * Selenium warns that it has no DevTools bindings for a Chromium newer than itself; the test uses
   * WebDriver only. Held here so the logger (and its level) is not collected.
   */
  private static final java.util.logging.Logger DEVTOOLS_LOG =
      java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

  @TempDir static Path dir;
  private static ApiServer server;
  private static URI base;
  private static ChromeDriver driver;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Why every test is skipped (no browser found), or null. */
  private static String skipReason;

  /** Set by a test that provokes HTTP errors on purpose: the console then logs failed loads. */
  private boolean httpErrorsExpected;

  @BeforeAll
  static void start() throws IOException {
    Optional<Path> chromium = locate("CHROME_BIN", "chromium", "chromium-browser");
    Optional<Path> chromedriver = locate("CHROMEDRIVER", "chromedriver");
    if (chromium.isEmpty() || chromedriver.isEmpty()) {
      String missing =
          (chromium.isEmpty() ? "no chromium" : "")
              + (chromium.isEmpty() && chromedriver.isEmpty() ? " and " : "")
              + (chromedriver.isEmpty() ? "no chromedriver" : "")
              + " found; ";
      if ("required".equals(System.getenv("INCIDENT_SEARCH_BROWSER_TESTS"))) {
        fail(missing + INSTALL + " (INCIDENT_SEARCH_BROWSER_TESTS=required makes this a failure)");
      }
      // Each test is then skipped with this reason (an assumption here would hide them all).
      skipReason =
          missing
              + INSTALL
              + "; skipped (set INCIDENT_SEARCH_BROWSER_TESTS=required to fail instead)";
      return;
    }
    ToolRun b = ToolRun.run("build", "--index", index().toString(), ToolRun.archive().toString());
    assertEquals(0, b.exitCode(), b.toString());
    server = ApiServer.start(ApiServer.Config.loopback(index()).withPort(0));
    base = server.uri();
    Files.createDirectories(SCREENSHOTS);

    DEVTOOLS_LOG.setLevel(Level.SEVERE);
    // The driver's path is given, so Selenium Manager never looks for (or downloads) one.
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.get().toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.get().toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void desktop() {
    assumeTrue(skipReason == null, skipReason);
    driver.manage().window().setSize(new Dimension(1280, 900));
  }

  @AfterEach
  void noConsoleErrors() {
    assertNoPageErrors();
  }

  private static Path index() {
    return dir.resolve("index");
  }

  /**
   * The executable named by the system property or environment variable {@code variable}, else the
   * first of {@code names} on {@code PATH}, else in {@code /usr/bin} (Debian's place).
   */
  private static Optional<Path> locate(String variable, String... names) {
    String given = System.getProperty(variable, System.getenv(variable));
    if (given != null && !given.isBlank()) {
      Path p = Path.of(given);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(File.pathSeparator)));
    }
    dirs.add("/usr/bin");
    for (String name : names) {
      for (String d : dirs) {
        if (d.isEmpty()) {
          continue;
        }
        Path p = Path.of(d, name);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  // ---- the scenario ----

  @Test
  void searchAutocompleteFacetsRecordBackAndReload() throws Exception {
    open("/");
    WebElement box = driver.findElement(By.id("q"));
    box.sendKeys("phone numbers", Keys.ENTER);
    waitLoaded();
    assertEquals("?q=phone+numbers", currentSearch());
    assertResultsMatchApi();
    assertTrue(hitIds().contains("incident:2750"), hitIds().toString());
    WebElement mark = driver.findElement(By.cssSelector("#hits mark"));
    assertTrue(mark.getText().toLowerCase().contains("phone"), mark.getText());
    screenshot("search");

    // Autocomplete with the keyboard: a taxonomy option ticks its filter, the query stays.
    box = driver.findElement(By.id("q"));
    box.clear();
    box.sendKeys("desi");
    List<WebElement> options = waitOptions();
    int design = indexOf(options, "option", "design");
    assertTrue(design >= 0, "no option 'design' among the completions of 'desi'");
    for (int i = 0; i <= design; i++) {
      box.sendKeys(Keys.ARROW_DOWN);
    }
    assertEquals("q-option-" + design, box.getDomAttribute("aria-activedescendant"));
    assertEquals(
        "true", driver.findElement(By.id("q-option-" + design)).getDomAttribute("aria-selected"));
    screenshot("autocomplete");
    box.sendKeys(Keys.ENTER);
    waitLoaded();
    assertEquals(List.of("phase=design"), filters());
    assertEquals("phone numbers", param("q"));
    assertTrue(checkbox("phase", "design").isSelected());
    assertResultsMatchApi();

    // Another dimension (ANDed), then a second value of phase (ORed).
    tick("domain", "information");
    assertEquals(List.of("phase=design", "domain=information"), filters());
    assertResultsMatchApi();
    tick("phase", "operation");
    assertEquals(List.of("phase=design", "domain=information", "phase=operation"), filters());
    Map<String, Long> shown = assertResultsMatchApi();
    // Drill sideways: domain's unticked values keep their counts although domain is filtered.
    assertTrue(
        shown.entrySet().stream()
            .anyMatch(
                e ->
                    e.getKey().startsWith("domain\t")
                        && e.getValue() > 0
                        && !e.getKey().equals("domain\tinformation")),
        shown.toString());
    assertEquals(3, driver.findElements(By.cssSelector("#active-filters a.remove")).size());
    screenshot("facets");
    String resultsUrl = driver.getCurrentUrl();
    List<String> resultIds = hitIds();
    long resultTotal = shownTotal();

    // Autocomplete with the mouse: a title opens its record, keeping the search in the URL.
    box = driver.findElement(By.id("q"));
    box.clear();
    box.sendKeys("Twitter Ex");
    options = waitOptions();
    int title = indexOf(options, "incident_title", null);
    assertTrue(title >= 0, "no incident title among the completions of 'Twitter Ex'");
    String key = options.get(title).getDomAttribute("data-key");
    options.get(title).click();
    waitLoaded();
    assertEquals(key, param("record"));
    assertEquals("phone numbers", param("q"));
    assertEquals(3, filters().size());
    assertRecordMatchesApi(key, true);
    screenshot("record");

    // Browser back: the results as they were.
    driver.navigate().back();
    waitLoaded();
    assertEquals(resultsUrl, driver.getCurrentUrl());
    assertEquals("search", driver.findElement(By.tagName("body")).getDomAttribute("data-view"));
    assertEquals(resultIds, hitIds());
    assertEquals(resultTotal, shownTotal());
    assertTrue(checkbox("phase", "operation").isSelected());
    assertEquals("phone numbers", driver.findElement(By.id("q")).getDomProperty("value"));

    // Forward, then the shared results URL in a fresh page load: the same view.
    driver.navigate().forward();
    waitLoaded();
    assertEquals("record", driver.findElement(By.tagName("body")).getDomAttribute("data-view"));
    assertNoPageErrors();
    driver.get(resultsUrl);
    waitLoaded();
    assertEquals(resultIds, hitIds());
    assertEquals(resultTotal, shownTotal());
    assertEquals("phone numbers", driver.findElement(By.id("q")).getDomProperty("value"));
    for (String f : filters()) {
      String[] dv = f.split("=", 2);
      assertTrue(checkbox(dv[0], dv[1]).isSelected(), f);
    }
    assertResultsMatchApi();

    // A result link opens its record; "back to results" returns to the same page.
    driver.findElement(By.cssSelector("#hits [data-hit-link]")).click();
    waitLoaded();
    assertEquals(resultIds.get(0), param("record"));
    assertRecordMatchesApi(resultIds.get(0), true);
    driver.findElement(By.id("back-to-results")).click();
    waitLoaded();
    assertEquals(resultsUrl, driver.getCurrentUrl());
    assertEquals(resultIds, hitIds());
  }

  @Test
  void articleRecordShowsItsTextAndCitingIncidents() throws Exception {
    open("/?record=" + enc("article:96761"));
    assertRecordMatchesApi("article:96761", false);
    assertFalse(driver.findElement(By.id("article-body")).getText().isBlank());
    // No query, so nothing to explain.
    assertTrue(driver.findElements(By.id("explain")).isEmpty());
    screenshot("article");
  }

  @Test
  void pagingFollowsTheCursorAndBackReturns() throws Exception {
    open("/");
    assertResultsMatchApi();
    List<String> first = hitIds();
    assertEquals(10, first.size());
    driver.findElement(By.id("next-page")).click();
    waitLoaded();
    assertTrue(param("after") != null, driver.getCurrentUrl());
    assertResultsMatchApi(); // page 2's hits are the API's for the same cursor
    List<String> second = hitIds();
    assertTrue(second.stream().noneMatch(first::contains), first + " / " + second);
    assertEquals("11", driver.findElement(By.id("hits")).getDomAttribute("start"));
    driver.findElement(By.id("next-page")).click();
    waitLoaded();
    List<String> third = hitIds();
    driver.findElement(By.id("prev-page")).click();
    waitLoaded();
    assertEquals(second, hitIds());
    driver.navigate().back();
    waitLoaded();
    assertEquals(third, hitIds());
    driver.navigate().back();
    driver.navigate().back();
    waitLoaded();
    assertEquals(first, hitIds());
  }

  @Test
  void didYouMeanRunsTheSuggestion() throws Exception {
    open("/?q=twiter");
    WebElement link = wait(ExpectedConditions.elementToBeClickable(By.id("suggestion-link")));
    String suggestion = link.getText();
    assertEquals(api("/api/search?q=twiter").get("suggestion"), suggestion);
    link.click();
    waitLoaded();
    assertEquals(suggestion, param("q"));
    assertResultsMatchApi();
  }

  @Test
  void showAllExpandsALongFacet() {
    open("/");
    WebElement more = driver.findElement(By.cssSelector("[data-show-all]"));
    String dim = more.getDomAttribute("data-show-all");
    By values = By.cssSelector("[data-dimension='" + dim + "'] li");
    long visible = driver.findElements(values).stream().filter(WebElement::isDisplayed).count();
    assertEquals(8, visible);
    assertEquals("false", more.getDomAttribute("aria-expanded"));
    more.click();
    WebElement again = driver.findElement(By.cssSelector("[data-show-all='" + dim + "']"));
    assertEquals("true", again.getDomAttribute("aria-expanded"));
    List<WebElement> all = driver.findElements(values);
    assertTrue(all.size() > 8, dim);
    assertTrue(all.stream().allMatch(WebElement::isDisplayed), dim);
  }

  @Test
  void phoneWidthIsOneColumnWithoutHorizontalOverflow() throws Exception {
    driver.manage().window().setSize(new Dimension(390, 844));
    open("/?q=" + enc("phone numbers") + "&filter=" + enc("phase=design"));
    assertNoHorizontalOverflow();
    WebElement toggle = driver.findElement(By.id("filters-toggle"));
    assertTrue(toggle.isDisplayed());
    assertFalse(driver.findElement(By.id("filters")).isDisplayed(), "filters start collapsed");
    screenshot("phone");
    toggle.click();
    assertEquals("true", toggle.getDomAttribute("aria-expanded"));
    assertTrue(driver.findElement(By.id("filters")).isDisplayed());
    assertNoHorizontalOverflow();
    screenshot("phone-filters");
    open("/?record=" + enc("incident:2750") + "&q=" + enc("phone numbers"));
    assertNoHorizontalOverflow();
    screenshot("phone-record");
  }

  @Test
  void keyboardReachesSearchBoxAndResults() {
    open("/");
    WebElement body = driver.findElement(By.tagName("body"));
    body.sendKeys(Keys.TAB);
    assertEquals("skip-link", active().getDomAttribute("id"));
    assertTrue(visibleFocus(), "the focused skip link has no outline");
    tabUntil(e -> "q".equals(e.getDomAttribute("id")), 5);
    active().sendKeys("phone numbers", Keys.ENTER);
    waitLoaded();
    // Every control on the way (the filters) is reachable, then the results.
    WebElement hit = tabUntil(e -> e.getDomAttribute("data-hit-link") != null, 400);
    assertTrue(visibleFocus(), "the focused result link has no outline");
    // The skip link goes straight to the results.
    tabUntil(e -> "skip-link".equals(e.getDomAttribute("id")), 400, true);
    active().sendKeys(Keys.ENTER);
    active().sendKeys(Keys.TAB);
    assertEquals(hit.getDomAttribute("href"), active().getDomAttribute("href"));
    active().sendKeys(Keys.ENTER);
    waitLoaded();
    assertEquals("record-title", active().getDomAttribute("id"));
  }

  @Test
  void apiErrorsAreShownNotABlankPage() throws Exception {
    httpErrorsExpected = true;
    open("/?q=phone&from=2020-13-45");
    WebElement alert = driver.findElement(By.cssSelector("[role=alert]"));
    assertTrue(alert.isDisplayed());
    assertTrue(alert.getText().startsWith("Error 400: "), alert.getText());
    assertEquals("400", driver.findElement(By.tagName("body")).getDomAttribute("data-error"));
    open("/?record=" + enc("incident:999999"));
    alert = driver.findElement(By.cssSelector("[role=alert]"));
    assertTrue(alert.getText().startsWith("Error 404: "), alert.getText());
    assertTrue(driver.findElement(By.id("back-to-results")).isDisplayed());
  }

  @Test
  void missingIndexShows503() throws Exception {
    httpErrorsExpected = true;
    try (ApiServer empty =
        ApiServer.start(ApiServer.Config.loopback(dir.resolve("no-index")).withPort(0))) {
      driver.get(empty.uri().toString());
      waitLoaded();
      WebElement alert = driver.findElement(By.cssSelector("[role=alert]"));
      assertTrue(alert.isDisplayed());
      assertTrue(alert.getText().startsWith("The index is not available (503)"), alert.getText());
      screenshot("unavailable");
    }
  }

  @Test
  void aServerWithATokenAsksForItOnceAndThenSearches() throws Exception {
    httpErrorsExpected = true;
    String token = "0123456789abcdef0123456789abcdef";
    try (ApiServer locked =
        ApiServer.start(ApiServer.Config.loopback(index()).withPort(0).withToken(token))) {
      driver.get(locked.uri().resolve("/?q=phone").toString());
      waitLoaded();
      assertEquals("401", driver.findElement(By.tagName("body")).getDomAttribute("data-error"));
      WebElement field = driver.findElement(By.id("token"));
      assertEquals(field, active(), "the token field has the focus");
      field.sendKeys("not the token" + Keys.ENTER);
      waitLoaded();
      assertTrue(
          driver.findElement(By.id("token-form")).getText().contains("That token was refused"),
          driver.findElement(By.id("token-form")).getText());
      WebElement again = driver.findElement(By.id("token"));
      again.sendKeys(token + Keys.ENTER);
      waitLoaded();
      assertFalse(hitIds().isEmpty(), "results once the token is given");
      assertTrue(driver.findElements(By.id("token-form")).isEmpty());
      // Kept for the tab: a reload searches without asking again.
      driver.navigate().refresh();
      waitLoaded();
      assertFalse(hitIds().isEmpty());
    } finally {
      ((JavascriptExecutor) driver).executeScript("sessionStorage.clear();");
    }
  }

  @Test
  void servedFilesAreTheSourcesUnfiltered() throws Exception {
    // What the jar serves is what was written (no resource filtering, no truncation).
    try (Stream<Path> files = Files.list(WEB_SOURCES)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        HttpResponse<byte[]> r =
            get("/" + f.getFileName(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), f.toString());
        assertEquals(
            Files.readString(f), new String(r.body(), StandardCharsets.UTF_8), f.toString());
      }
    }
  }

  // ---- checks against the API ----

  /**
   * The total, the hits and every facet count shown equal the API's answer for the page's own URL
   * parameters; returns the shown counts ("dim\tvalue" to count).
   */
  private static Map<String, Long> assertResultsMatchApi() throws Exception {
    Map<String, Object> answer = api("/api/search?" + apiQuery() + "&facets=true");
    assertEquals(answer.get("total"), shownTotal(), "total");
    String totalText = driver.findElement(By.id("total")).getText();
    long total = (Long) answer.get("total");
    assertTrue(
        totalText.startsWith(total == 0 ? "No results" : String.format("%,d result", total)),
        totalText);
    List<String> ids = new ArrayList<>();
    for (Object h : (List<?>) answer.get("hits")) {
      ids.add((String) ((Map<?, ?>) h).get("id"));
    }
    assertEquals(ids, hitIds(), "hits");
    // Each snippet shows the API's text as it is, its em-marked words (only) as marks.
    List<WebElement> shownHits = driver.findElements(By.cssSelector("#hits > li"));
    for (int i = 0; i < ids.size(); i++) {
      List<?> snippets =
          (List<?>) ((Map<?, ?>) ((List<?>) answer.get("hits")).get(i)).get("snippets");
      List<WebElement> shown = shownHits.get(i).findElements(By.className("snippet"));
      assertEquals(snippets.size(), shown.size(), ids.get(i));
      for (int j = 0; j < snippets.size(); j++) {
        String text = (String) ((Map<?, ?>) snippets.get(j)).get("text");
        WebElement p = shown.get(j);
        String label = p.findElement(By.className("field")).getText();
        assertEquals(
            words(text.replace("<em>", "").replace("</em>", "")),
            words(p.getText().substring(label.length())),
            ids.get(i));
        List<String> marked = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<em>(.*?)</em>").matcher(text);
        while (m.find()) {
          marked.add(words(m.group(1)));
        }
        assertEquals(
            marked,
            p.findElements(By.tagName("mark")).stream().map(e -> words(e.getText())).toList(),
            ids.get(i));
      }
    }

    Map<String, Long> expected = new TreeMap<>();
    Map<?, ?> facets = (Map<?, ?>) answer.get("facets");
    for (Map.Entry<?, ?> dim : facets.entrySet()) {
      for (Object o : (List<?>) dim.getValue()) {
        Map<?, ?> v = (Map<?, ?>) o;
        expected.put(dim.getKey() + "\t" + v.get("value"), (Long) v.get("count"));
        Object children = v.get("children");
        for (Object c : children == null ? List.of() : (List<?>) children) {
          Map<?, ?> child = (Map<?, ?>) c;
          expected.put(
              dim.getKey() + "\t" + v.get("value") + "/" + child.get("value"),
              (Long) child.get("count"));
        }
      }
    }
    Map<String, Long> shown = shownFacetCounts();
    // A ticked value the answer no longer counts stays in the sidebar with 0, to be unticked.
    for (String f : filters()) {
      expected.putIfAbsent(f.replaceFirst("=", "\t"), 0L);
    }
    assertEquals(expected, shown, "facet counts");
    assertTrue(expected.keySet().stream().anyMatch(k -> k.startsWith("iot\t")), "no iot values");
    return shown;
  }

  /** The record page shows the API's record, linked records, similar incidents (and explain). */
  private static void assertRecordMatchesApi(String key, boolean explain) throws Exception {
    assertEquals("record", driver.findElement(By.tagName("body")).getDomAttribute("data-view"));
    Map<String, Object> record = api("/api/records/" + enc(key));
    assertEquals(record.get("title"), driver.findElement(By.id("record-title")).getText());
    WebElement view = driver.findElement(By.id("record-view"));
    assertEquals(key, view.getDomAttribute("data-id"));
    if ("incident".equals(record.get("type"))) {
      Map<?, ?> sections = (Map<?, ?>) record.get("sections");
      for (Map.Entry<?, ?> s : sections.entrySet()) {
        WebElement section =
            view.findElement(By.cssSelector("[data-section='" + s.getKey() + "']"));
        for (Object item : (List<?>) s.getValue()) {
          assertTrue(
              words(section.getText()).contains(words((String) item)), s.getKey() + ": " + item);
        }
      }
      Map<?, ?> taxonomy = (Map<?, ?>) record.get("taxonomy");
      List<WebElement> rows = driver.findElements(By.cssSelector("#taxonomy tbody tr"));
      assertEquals(taxonomy.size(), rows.size());
      for (WebElement row : rows) {
        Map<?, ?> t = (Map<?, ?>) taxonomy.get(row.getDomAttribute("data-category"));
        List<WebElement> cells = row.findElements(By.tagName("td"));
        for (Object o : (List<?>) t.get("options")) {
          assertTrue(cells.get(0).getText().contains(((String) o).replace('_', ' ')), o + "");
        }
        assertEquals(words(String.valueOf(t.get("rationale"))), words(cells.get(1).getText()));
      }
    } else {
      assertTrue(view.getText().contains((String) record.get("publication")));
    }

    Map<String, Object> linked = api("/api/records/" + enc(key) + "/linked");
    List<String> linkedIds = new ArrayList<>();
    for (Object l : (List<?>) linked.get("linked")) {
      linkedIds.add((String) ((Map<?, ?>) l).get("id"));
    }
    for (Object m : (List<?>) linked.get("missing")) {
      linkedIds.add((String) m);
    }
    assertFalse(linkedIds.isEmpty(), key + " links nothing: a poor test record");
    assertEquals(linkedIds, dataIds("#linked li"));

    Map<String, Object> similar = api("/api/records/" + enc(key) + "/similar?limit=10");
    List<String> similarIds = new ArrayList<>();
    for (Object s : (List<?>) similar.get("similar")) {
      similarIds.add((String) ((Map<?, ?>) s).get("id"));
    }
    assertFalse(similarIds.isEmpty(), key + " has no similar incidents: a poor test record");
    assertEquals(similarIds, dataIds("#similar li"));
    WebElement firstSimilar = driver.findElement(By.cssSelector("#similar li"));
    Map<?, ?> s0 = (Map<?, ?>) ((List<?>) similar.get("similar")).get(0);
    for (Object term : (List<?>) s0.get("sharedTerms")) {
      assertTrue(firstSimilar.getText().contains((String) term), term + "");
    }
    assertTrue(firstSimilar.getText().contains("Shared taxonomy:"), firstSimilar.getText());

    if (explain) {
      driver.findElement(By.cssSelector("#explain summary")).click();
      Map<String, Object> e = api("/api/records/" + enc(key) + "/explain?q=" + enc(param("q")));
      List<?> contributions = (List<?>) ((Map<?, ?>) e.get("explain")).get("contributions");
      int n = contributions.size();
      assertTrue(n > 0, "no contributions for " + key);
      wait(d -> d.findElements(By.cssSelector("#explain tbody tr")).size() == n);
      Map<?, ?> c0 = (Map<?, ?>) contributions.get(0);
      WebElement row = driver.findElement(By.cssSelector("#explain tbody tr"));
      assertTrue(row.getText().startsWith(c0.get("field") + " " + c0.get("term")), row.getText());
    }
  }

  /** Text with its runs of white space as one space (what the browser shows). */
  private static String words(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  // ---- page helpers ----

  private static void open(String pathAndQuery) {
    driver.get(base.resolve(pathAndQuery).toString());
    waitLoaded();
  }

  /** Waits until the page has drawn the view of its current URL (app.js sets data-loaded). */
  private static void waitLoaded() {
    new WebDriverWait(driver, WAIT)
        .withMessage(() -> "the page did not draw the view of " + driver.getCurrentUrl())
        .until(
            d ->
                (Boolean)
                    ((JavascriptExecutor) d)
                        .executeScript(
                            "return document.body.dataset.loaded === (location.search || '?');"));
  }

  private static <T> T wait(
      java.util.function.Function<? super org.openqa.selenium.WebDriver, T> c) {
    return new WebDriverWait(driver, WAIT).until(c::apply);
  }

  private static List<WebElement> waitOptions() {
    wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#q-options li")));
    assertEquals("true", driver.findElement(By.id("q")).getDomAttribute("aria-expanded"));
    return driver.findElements(By.cssSelector("#q-options [role=option]"));
  }

  private static int indexOf(List<WebElement> options, String kind, String text) {
    for (int i = 0; i < options.size(); i++) {
      WebElement o = options.get(i);
      if (kind.equals(o.getDomAttribute("data-kind"))
          && (text == null || text.equals(o.findElement(By.className("option-text")).getText()))) {
        return i;
      }
    }
    return -1;
  }

  private static WebElement checkbox(String dim, String value) {
    return driver.findElement(
        By.cssSelector("#facets input[data-filter='" + dim + "=" + value + "']"));
  }

  /** Ticks a facet value by clicking its label, as a person would. */
  private static void tick(String dim, String value) {
    WebElement box = checkbox(dim, value);
    assertFalse(box.isSelected());
    driver.findElement(By.cssSelector("label[for='" + box.getDomAttribute("id") + "']")).click();
    waitLoaded();
    assertTrue(checkbox(dim, value).isSelected(), dim + "=" + value);
  }

  private static List<String> hitIds() {
    return dataIds("#hits > li");
  }

  private static List<String> dataIds(String css) {
    return driver.findElements(By.cssSelector(css)).stream()
        .map(e -> e.getDomAttribute("data-id"))
        .toList();
  }

  private static long shownTotal() {
    return Long.parseLong(driver.findElement(By.id("total")).getDomAttribute("data-total"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Long> shownFacetCounts() {
    List<Map<String, Object>> boxes =
        (List<Map<String, Object>>)
            driver.executeScript(
                "return Array.from(document.querySelectorAll('#facets input[type=checkbox]'))"
                    + ".map(b => ({dim: b.dataset.dim, value: b.dataset.value,"
                    + " count: b.dataset.count}));");
    Map<String, Long> shown = new TreeMap<>();
    for (Map<String, Object> b : boxes) {
      Object prior =
          shown.put(b.get("dim") + "\t" + b.get("value"), Long.parseLong((String) b.get("count")));
      assertEquals(null, prior, "shown twice: " + b);
    }
    return shown;
  }

  private static String currentSearch() {
    return URI.create(driver.getCurrentUrl()).getRawQuery() == null
        ? ""
        : "?" + URI.create(driver.getCurrentUrl()).getRawQuery();
  }

  /** The URL's parameters (decoded), in order; repeated ones as repeated entries. */
  private static List<Map.Entry<String, String>> params() {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    String raw = URI.create(driver.getCurrentUrl()).getRawQuery();
    if (raw == null) {
      return out;
    }
    for (String p : raw.split("&")) {
      String[] kv = p.split("=", 2);
      out.add(
          Map.entry(
              java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
              kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : ""));
    }
    return out;
  }

  private static String param(String name) {
    return params().stream()
        .filter(e -> e.getKey().equals(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  private static List<String> filters() {
    return params().stream()
        .filter(e -> e.getKey().equals("filter"))
        .map(Map.Entry::getValue)
        .toList();
  }

  /** The page's URL parameters as the API takes them: without the page's own (record, prev). */
  private static String apiQuery() {
    StringBuilder q = new StringBuilder("limit=10");
    for (Map.Entry<String, String> e : params()) {
      if (!e.getKey().equals("record") && !e.getKey().equals("prev")) {
        q.append('&').append(enc(e.getKey())).append('=').append(enc(e.getValue()));
      }
    }
    return q.toString();
  }

  private static WebElement active() {
    return driver.switchTo().activeElement();
  }

  private static WebElement tabUntil(java.util.function.Predicate<WebElement> target, int max) {
    return tabUntil(target, max, false);
  }

  private static WebElement tabUntil(
      java.util.function.Predicate<WebElement> target, int max, boolean backwards) {
    for (int i = 0; i < max; i++) {
      active().sendKeys(backwards ? Keys.chord(Keys.SHIFT, Keys.TAB) : Keys.TAB);
      WebElement now = active();
      if (target.test(now)) {
        return now;
      }
    }
    throw new AssertionError("not reached in " + max + " Tab presses; stuck at " + describe());
  }

  private static String describe() {
    return (String)
        driver.executeScript(
            "const e = document.activeElement; return e.tagName + '#' + e.id + ' '"
                + " + (e.textContent || '').slice(0, 40);");
  }

  private static boolean visibleFocus() {
    return (Boolean)
        driver.executeScript(
            "const s = getComputedStyle(document.activeElement);"
                + " return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;");
  }

  private static void assertNoHorizontalOverflow() {
    Map<?, ?> m =
        (Map<?, ?>)
            driver.executeScript(
                "return {scroll: document.documentElement.scrollWidth,"
                    + " client: document.documentElement.clientWidth};");
    assertTrue(((Long) m.get("scroll")) <= (Long) m.get("client"), "horizontal overflow: " + m);
  }

  private static void screenshot(String name) throws IOException {
    driver.executeScript("window.scrollTo(0, 0);"); // the top of the view, where its state shows
    Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
  }

  /** No script error or CSP violation, neither in app.js's list nor in the browser's console. */
  private void assertNoPageErrors() {
    if (driver == null || !driver.getCurrentUrl().startsWith("http")) {
      return; // no page of ours was loaded yet
    }
    List<String> errors = new ArrayList<>();
    Object collected = driver.executeScript("return window.__errors || null;");
    assertTrue(collected instanceof List, "app.js did not run (window.__errors is missing)");
    for (Object e : (List<?>) collected) {
      errors.add("page: " + e);
    }
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      boolean failedLoad = e.getMessage().contains("Failed to load resource");
      if (e.getLevel().intValue() >= Level.WARNING.intValue()
          && !(httpErrorsExpected && failedLoad)) {
        errors.add("console: " + e.getMessage());
      }
    }
    assertEquals(List.of(), errors);
  }

  // ---- HTTP ----

  private static Map<String, Object> api(String pathAndQuery) throws Exception {
    HttpResponse<String> r =
        get(pathAndQuery, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertEquals(200, r.statusCode(), pathAndQuery + ": " + r.body());
    Object v = ToolRun.parseJson(r.body());
    assertTrue(v instanceof Map, r.body());
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) v;
    return new LinkedHashMap<>(m);
  }

  private static <T> HttpResponse<T> get(String pathAndQuery, HttpResponse.BodyHandler<T> body)
      throws Exception {
    return HTTP.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET().build(), body);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
