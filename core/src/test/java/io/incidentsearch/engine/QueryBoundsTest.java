package io.incidentsearch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.search.QuerySyntaxException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.util.automaton.RegExp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parsing a query, regular expressions included, stays within about a second and a bounded
 * allocation, however the query is written: Lucene builds a regular expression's automaton with no
 * work limit, and each nested repetition doubles it.
 */
class QueryBoundsTest {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Far more than any query needs to parse (a few megabytes at most). */
  private static final long MAX_ALLOCATED = 64L << 20;

  private static final IncidentQueryParser PARSER = new IncidentQueryParser();

  /** A fuzzing finding: 22 nested + took 113 s and 6.2 GB to refuse. */
  private static final String FINDING = "n/////////////////////++++++++++++++++++++++//r/////r/i/d";

  @ParameterizedTest
  @ValueSource(ints = {22, 30, 60})
  void nestedRepetitionsAreRefusedQuickly(int plus) {
    String query = FINDING.replace("+".repeat(22), "+".repeat(plus));
    for (boolean strict : new boolean[] {false, true}) {
      QuerySyntaxException e =
          bounded(() -> assertThrows(QuerySyntaxException.class, () -> parse(query, strict)));
      assertTrue(e.getMessage().contains("too complex"), e.getMessage());
      assertTrue(e.isLimit(), "a limit, not a syntax error: no reading as words lifts it");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/a+++/",
        "/((ab)+c*)+[a-z]{2,9}/",
        "/a{1,1000}/",
        "/(a{1,5}){1,5}/",
        "/" + "(x|y)*" + "(x|y)*" + "(x|y)*" + "/",
        "/[a-z]+[0-9]*/"
      })
  void regularExpressionsOfReasonableSizeAreSearched(String query) {
    assertTrue(bounded(() -> PARSER.parse(query)) != null);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/a++++/",
        "/a++++++++++++/",
        "/(a{1,30}){1,30}/",
        "/(a{1,100}){1,100}/",
        "/a{1,5000}/",
        "/a{99999,}/",
        "/(a{1,50})&(b{1,50})/"
      })
  void regularExpressionsTooLargeToBuildAreRefusedQuickly(String query) {
    QuerySyntaxException e =
        bounded(() -> assertThrows(QuerySyntaxException.class, () -> PARSER.parse(query)));
    assertTrue(e.getMessage().contains("too complex"), e.getMessage());
  }

  static Stream<String> wildcardsAndFuzzyTerms() {
    return Stream.of(
        "un" + "*".repeat(80) + "\u0000".repeat(16) + "*".repeat(30),
        "a" + "*".repeat(4000),
        "a" + "?".repeat(4000),
        "a" + "*?".repeat(2000),
        "a*b*c*d*e*f*g*h*i*j*k*l*m*n*o*p*q*r*s*t*u*v*w*x*y*z*",
        "x".repeat(4000) + "~2",
        "un*" + "\u0000".repeat(16) + "*" + "\u0000".repeat(70) + "*" + "\ufffd".repeat(60) + "*",
        "a*" + "b".repeat(62),
        "c*" + "\ufffd".repeat(60) + "*c",
        "c*" + "\ufffd".repeat(28) + "*c",
        "/.*" + "a".repeat(120) + ".*" + "a".repeat(120) + ".*/",
        "/(.*a){1,9}(.*b){1,9}.*/",
        "title:(" + "ab*c ".repeat(600) + ")",
        // A fuzzing finding: 380 MB to compile, before runs after * were bounded.
        "\u0000*\u0000?????=???????k?\uffff\uffffaN*");
  }

  /** Any answer, or a refusal, within the bounds: wildcards and fuzzy terms of any length. */
  @ParameterizedTest
  @MethodSource("wildcardsAndFuzzyTerms")
  void wildcardsAndFuzzyTermsStayBounded(String query) {
    for (boolean strict : new boolean[] {false, true}) {
      bounded(
          () -> {
            try {
              return PARSER.parse(query, strict);
            } catch (QuerySyntaxException e) {
              return null;
            }
          });
    }
  }

  @org.junit.jupiter.api.Test
  void tooManyWildcardsAreRefusedWhenStrictElseSearchedAsWords() {
    String q = "why" + "?".repeat(17);
    QuerySyntaxException e = assertThrows(QuerySyntaxException.class, () -> PARSER.parse(q, true));
    assertTrue(e.getMessage().contains("at most 16"), e.getMessage());
    assertEquals("why", IncidentQueryParser.asWords(q));
    assertTrue(PARSER.parse(q).toString().contains("why"));
    assertTrue(PARSER.parse("a*b*c*d*e*f*g*h*i*j*k*l*m*n*o*p*", true) != null);
  }

  @org.junit.jupiter.api.Test
  void aLongRunWithQuestionMarksAfterAStarIsRefusedWhenStrictElseSearchedAsWords() {
    String q = "x*a?????b???????k?";
    QuerySyntaxException e = assertThrows(QuerySyntaxException.class, () -> PARSER.parse(q, true));
    assertTrue(e.getMessage().contains("after a *"), e.getMessage());
    assertFalse(e.isLimit(), "searched as words when not strict");
    bounded(() -> PARSER.parse(q));
    // Short runs, and ? before the first *, are searched.
    for (String fine : List.of("softw?re*", "x*a?b", "x*ab?cd?e*", "x?????????x*")) {
      assertTrue(PARSER.parse(fine, true) != null, fine);
    }
  }

  @org.junit.jupiter.api.Test
  void statesAreEstimatedFromTheExpression() {
    assertEquals(1001, IncidentQueryParser.regexStates(new RegExp("a{1,1000}", RegExp.ALL)));
    assertEquals(3, IncidentQueryParser.repetitionNesting(new RegExp("((a+)+)+b*", RegExp.ALL)));
    assertEquals(
        IncidentQueryParser.MAX_REGEX_STATES + 1L,
        IncidentQueryParser.regexStates(new RegExp("a" + "+".repeat(200), RegExp.ALL)));
  }

  private static Object parse(String query, boolean strict) {
    return PARSER.parse(query, strict);
  }

  /** Runs {@code body} within about a second and {@link #MAX_ALLOCATED} bytes of allocation. */
  private static <T> T bounded(java.util.function.Supplier<T> body) {
    PARSER.parse("warm up the parser /a+/"); // class loading is not the query's cost
    return assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          long before = THREADS.getCurrentThreadAllocatedBytes();
          long start = System.nanoTime();
          T result = body.get();
          long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
          long millis = (System.nanoTime() - start) / 1_000_000;
          System.out.println(
              "allocated "
                  + (allocated >> 10)
                  + " KiB in "
                  + (System.nanoTime() - start) / 1_000_000
                  + " ms");
          assertTrue(allocated < MAX_ALLOCATED, () -> allocated + " bytes allocated");
          assertTrue(millis < 1000, () -> millis + " ms");
          return result;
        });
  }
}
