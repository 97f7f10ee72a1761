package io.incidentsearch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.TestCorpus;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.search.QuerySyntaxException;
import io.incidentsearch.search.QueryTimeoutException;
import io.incidentsearch.search.SearchRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Queries meant to hurt, over the real fail-dev archive: each is answered within a bounded time or
 * refused with a short message that says what to do; never another exception, an {@link
 * OutOfMemoryError} or a stack overflow.
 */
class HostileQueryTest {
  /** The default timeout plus room for a slow, shared machine. */
  private static final Duration BOUND = SearchRequest.DEFAULT_TIMEOUT.plusSeconds(10);

  @TempDir static Path dir;
  static IncidentIndex index;

  @BeforeAll
  static void build() throws IOException {
    index = IncidentIndex.openOrCreate(dir);
    Path failDev = TestCorpus.failDev();
    index.build(
        List.of(failDev.resolve("incidents"), failDev.resolve("articles")),
        BuildOptions.defaults().threads(2));
  }

  @AfterAll
  static void close() throws IOException {
    index.close();
  }

  /** What a query did. */
  private enum Outcome {
    ANSWERED,
    REFUSED,
    /** Not valid syntax: refused with strict syntax, else answered (searched as words). */
    SYNTAX;

    Outcome when(boolean strict) {
      return this != SYNTAX ? this : strict ? REFUSED : ANSWERED;
    }
  }

  static Stream<Arguments> hostile() {
    String words = IntStream.range(0, 600).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
    return Stream.of(
        Arguments.of("leading wildcard", "*phone", Outcome.SYNTAX, "first character"),
        Arguments.of("leading ?", "title:?witter", Outcome.SYNTAX, "first character"),
        Arguments.of(
            "wildcards everywhere", "a*b*c*d*e*f*g*h*i*j*k*l*m*n*o*p*", Outcome.ANSWERED, null),
        Arguments.of("short prefix", "a*", Outcome.ANSWERED, null),
        Arguments.of(
            "regex of alternations", "/" + "(x|y)*".repeat(40) + "/", Outcome.ANSWERED, null),
        Arguments.of("regex too complex", "/.{0,1000}x.{0,1000}/", Outcome.REFUSED, "too complex"),
        Arguments.of("regex too long", "/" + "a".repeat(5000) + "/", Outcome.REFUSED, "too long"),
        Arguments.of(
            "regex of 300 chars", "/" + "ab".repeat(150) + "/", Outcome.REFUSED, "at most 256"),
        Arguments.of("regex syntax error", "/[a-/", Outcome.SYNTAX, "Cannot parse"),
        Arguments.of(
            "regex nested 3000 deep",
            "/" + "(".repeat(3000) + "a" + ")".repeat(3000) + "/",
            Outcome.REFUSED,
            "too long"),
        Arguments.of(
            "regex nested 100 deep",
            "/" + "(".repeat(100) + "a" + ")".repeat(100) + "/",
            Outcome.REFUSED,
            "nests parentheses"),
        Arguments.of("600 words, 7800 clauses", words, Outcome.REFUSED, "too many clauses"),
        Arguments.of(
            "3000 ORs",
            String.join(" OR ", java.util.Collections.nCopies(3000, "x")),
            Outcome.REFUSED,
            "too long"),
        Arguments.of(
            "groups nested 40 deep",
            "(".repeat(40) + "phone" + ")".repeat(40),
            Outcome.REFUSED,
            "nests parentheses"),
        Arguments.of(
            "groups nested 32 deep",
            "(".repeat(32) + "phone" + ")".repeat(32),
            Outcome.ANSWERED,
            null),
        Arguments.of("fuzzy one letter", "a~", Outcome.ANSWERED, null),
        Arguments.of("fuzzy two letters, two edits", "ab~2", Outcome.ANSWERED, null),
        Arguments.of("fuzzy short words", "x~2 y~2 z~2 it~ at~1", Outcome.ANSWERED, null),
        Arguments.of("fuzzy long word", "vulnerabilty~2", Outcome.ANSWERED, null),
        Arguments.of("a megabyte of text", "x".repeat(1 << 20), Outcome.REFUSED, "too long"),
        Arguments.of("a megabyte of words", "word ".repeat(1 << 18), Outcome.REFUSED, "too long"),
        Arguments.of("unbalanced quote", "\"phone numbers", Outcome.SYNTAX, "quote"),
        Arguments.of(
            "unbalanced parenthesis", "(phone OR twitter", Outcome.SYNTAX, "ends unexpectedly"),
        Arguments.of("closing parenthesis", "phone)", Outcome.SYNTAX, "unexpected"),
        Arguments.of("unbalanced range", "published:[2019 TO", Outcome.SYNTAX, "ends unexpectedly"),
        Arguments.of("quote in a field group", "title:(\"a", Outcome.SYNTAX, "quote"),
        Arguments.of(
            "control characters",
            "phone\u0000\u0001\u0007 numbers\u0008\u007f",
            Outcome.ANSWERED,
            null),
        Arguments.of("terminal escape", "\u001b[31mphone\u001b[0m", Outcome.SYNTAX, null),
        Arguments.of("only operators", "AND OR NOT", Outcome.SYNTAX, null),
        Arguments.of("lone surrogate", "phone \uD800 numbers", Outcome.ANSWERED, null),
        Arguments.of(
            "22 nested repetitions (a fuzzing finding)",
            "n/////////////////////++++++++++++++++++++++//r/////r/i/d",
            Outcome.REFUSED,
            "too complex"),
        Arguments.of(
            "60 nested repetitions",
            "n/////////////////////" + "+".repeat(60) + "//r/////r/i/d",
            Outcome.REFUSED,
            "too complex"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void answeredInTimeOrRefusedClearlyAlsoWithFilters(
      String name, String query, Outcome expected, String messagePart) {
    for (boolean strict : new boolean[] {false, true}) {
      answeredInTimeOrRefusedClearlyAlsoWithFilters(name, query, expected, messagePart, strict);
    }
  }

  private void answeredInTimeOrRefusedClearlyAlsoWithFilters(
      String name, String query, Outcome expected, String messagePart, boolean strict) {
    Outcome outcome =
        assertTimeoutPreemptively(
            BOUND,
            () -> {
              try {
                index.search(
                    SearchRequest.builder()
                        .query(query)
                        .filter("phase", "design", "operation")
                        .filter("objective", "malicious")
                        .countFacets(true)
                        .strictSyntax(strict)
                        .build());
                return Outcome.ANSWERED;
              } catch (QuerySyntaxException e) {
                checkMessage(e.getMessage(), messagePart);
                return Outcome.REFUSED;
              }
            },
            name);
    assertEquals(expected.when(strict), outcome, name + (strict ? " (strict)" : ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void answeredInTimeOrRefusedClearly(
      String name, String query, Outcome expected, String messagePart) {
    for (boolean strict : new boolean[] {false, true}) {
      answeredInTimeOrRefusedClearly(name, query, expected, messagePart, strict);
    }
  }

  private void answeredInTimeOrRefusedClearly(
      String name, String query, Outcome expected, String messagePart, boolean strict) {
    Outcome outcome =
        assertTimeoutPreemptively(
            BOUND,
            () -> {
              try {
                index.search(
                    SearchRequest.builder()
                        .query(query)
                        .countFacets(true)
                        .strictSyntax(strict)
                        .build());
                return Outcome.ANSWERED;
              } catch (QuerySyntaxException e) {
                checkMessage(e.getMessage(), messagePart);
                return Outcome.REFUSED;
              }
            },
            name);
    assertEquals(expected.when(strict), outcome, name + (strict ? " (strict)" : ""));
  }

  private static void checkMessage(String message, String part) {
    assertTrue(message.length() < 1000, () -> "message too long: " + message.length());
    assertFalse(message.contains("\tat "), message);
    if (part != null) {
      assertTrue(message.contains(part), message);
    }
  }

  @Test
  void fuzzyTermsTooShortToBeFuzzySearchTheWordItself() throws IOException {
    assertTrue(total("us") > 0);
    assertEquals(total("us"), total("us~2"));
    assertEquals(total("id"), total("id~"));
    assertTrue(total("phon~1") > total("phon"), "three to five letters: one edit");
    assertEquals(
        total("twitter"), total("twiter~1") - total("twiter~1 -twitter"), "twitter is in it");
  }

  @Test
  void aSearchOverItsTimeIsRefusedNotAnsweredInPart() throws IOException {
    SearchRequest tight =
        SearchRequest.builder()
            .query("a* OR s*")
            .countFacets(true)
            .timeout(Duration.ofNanos(1))
            .build();
    QueryTimeoutException e = assertThrows(QueryTimeoutException.class, () -> index.search(tight));
    assertTrue(e.getMessage().contains("took longer than"), e.getMessage());
    assertEquals(Duration.ofNanos(1), e.timeout());
    // With facet filters too (Lucene's drill-sideways scorer runs to its end, then is refused).
    SearchRequest filtered = tight.toBuilder().filter("phase", "design").build();
    assertThrows(QueryTimeoutException.class, () -> index.search(filtered));
    assertTrue(index.search(filtered.toBuilder().timeout(null).build()).totalHits() > 0);
    // The same search with the default timeout is answered.
    assertTrue(total("a* OR s*") > 0);
  }

  @Test
  void timeoutMustBePositive() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SearchRequest.builder().timeout(Duration.ZERO).build());
    assertEquals(SearchRequest.DEFAULT_TIMEOUT, SearchRequest.of("x").timeout());
  }

  @Test
  void explainHasTheSameLimits() {
    QuerySyntaxException e =
        assertThrows(
            QuerySyntaxException.class, () -> index.explain("x".repeat(1 << 20), "incident:2750"));
    assertTrue(e.getMessage().length() < 1000);
  }

  private static long total(String query) throws IOException {
    return index
        .search(SearchRequest.builder().query(query).countFacets(false).build())
        .totalHits();
  }
}
