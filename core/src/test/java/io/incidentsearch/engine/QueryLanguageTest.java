package io.incidentsearch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.model.Incident;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.schema.Schema;
import io.incidentsearch.search.Hit;
import io.incidentsearch.search.QuerySyntaxException;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query language over a small hand-made archive. */
class QueryLanguageTest {
  @TempDir static Path dir;
  static SearchFixtures.TestIndex index;
  static IncidentSearcher searcher;

  @BeforeAll
  static void build() throws IOException {
    index = SearchFixtures.index(dir);
    searcher = index.searcher();
  }

  @AfterAll
  static void close() throws IOException {
    index.close();
  }

  static List<String> keys(String query) {
    return keys(SearchRequest.builder().query(query).limit(100).build());
  }

  /** As {@link #keys(String)}, a query that is not valid syntax refused (strict syntax). */
  static List<String> strictKeys(String query) {
    return keys(SearchRequest.builder().query(query).limit(100).strictSyntax(true).build());
  }

  static List<String> keys(SearchRequest r) {
    return searcher.search(r).hits().stream().map(Hit::key).toList();
  }

  static Set<String> keySet(String query) {
    return new TreeSet<>(keys(query));
  }

  static Set<String> incidentsWhere(Predicate<Incident> p) {
    return SearchFixtures.incidents().stream()
        .filter(p)
        .map(SearchFixtures::key)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void aTitleWordCountsAsMuchAsAnyWordOfThePage() {
    // "outage" is in 2733's title, and only in the impacts of 2745 and 2760. BM25F reads a
    // record's own text as one field: where in the page a word stands does not matter, how often
    // it is used and how long the page is do.
    List<String> hits = keys("outage");
    assertEquals(
        Set.of("incident:2733", "incident:2745", "incident:2760"),
        new TreeSet<>(hits.subList(0, 3)),
        hits.toString());
  }

  @Test
  void citedTextMatchRanksBelowPostmortemMatch() {
    // "payroll": in 2762's title and causes; in 2761 only through its cited article 55501.
    List<String> hits =
        keys(SearchRequest.builder().query("payroll").type(RecordType.INCIDENT).build());
    assertEquals(List.of("incident:2762", "incident:2761"), hits);
  }

  @Test
  void everyAliasExpandsToItsIndexFields() {
    IncidentQueryParser parser = new IncidentQueryParser();
    for (Map.Entry<String, List<String>> alias : Schema.get().queryAliases().entrySet()) {
      List<String> fields = IncidentQueryParser.fieldsOf(parser.parse(alias.getKey() + ":crash"));
      assertEquals(new TreeSet<>(alias.getValue()), new TreeSet<>(fields), alias.getKey());
    }
  }

  @Test
  void aliasesSearchOnlyTheirFields() {
    assertEquals(Set.of("incident:2733"), keySet("cause:regular"));
    assertEquals(Set.of("incident:2733"), keySet("cause:globally")); // non-software causes
    assertEquals(Set.of("incident:2733", "incident:2762"), keySet("fix:rollback OR fix:reversed"));
    assertEquals(Set.of("incident:2750"), keySet("organization:malaysia"));
    assertEquals(Set.of("incident:2750"), keySet("organization:users"));
    assertEquals(Set.of("incident:2733"), keySet("prevention:staged"));
    assertEquals(Set.of("incident:2745", "incident:2760"), keySet("impact:outage"));
    assertEquals(Set.of("incident:2752"), keySet("system:bluetooth"));
    assertEquals(Set.of("incident:2750"), keySet("timeline:december"));
    assertEquals(Set.of("incident:2733"), keySet("title:regular"));
    assertEquals(Set.of("incident:2745"), keySet("summary:recalled"));
    assertEquals(Set.of("incident:2750"), keySet("rationale:attackers AND title:twitter"));
    // "article:" searches article bodies and the cited text of incidents.
    assertEquals(Set.of("incident:2761", "article:55501"), keySet("article:wages"));
    assertEquals(
        Set.of("incident:2750", "article:96761"),
        keySet("softwareCauses:researcher" + " OR article:unearthed"));
    assertEquals(Set.of("article:96761"), keySet("publication:reuters"));
    assertEquals(Set.of("incident:2750"), keySet("id:2750 AND type:incident"));
    assertEquals(Set.of("article:77003"), keySet("key:\"article:77003\""));
  }

  @Test
  void taxonomyFieldsMatchWholeOptionsCaseInsensitively() {
    assertEquals(
        incidentsWhere(
            i -> i.taxonomy().options(io.incidentsearch.model.Category.PHASE).contains("design")),
        keySet("phase:design AND type:incident"));
    assertEquals(keySet("phase:design"), keySet("PHASE:Design"));
    assertEquals(
        Set.of("incident:2750", "incident:2733", "article:96761"),
        new TreeSet<>(keys("nature:\"human actions\"")));
    assertEquals(Set.of("incident:2745", "article:77003"), keySet("perception:sensor"));
    assertEquals(Set.of("incident:2760"), keySet("phase:unknown"));
    assertTrue(keySet("phase:missing AND type:incident").isEmpty(), "every incident has one");
    // An article no incident cites has no taxonomy at all.
    assertEquals(Set.of("article:80000"), keySet("phase:missing"));
    assertTrue(keySet("consequence:missing").contains("incident:2750"));
    assertFalse(keySet("consequence:missing").contains("incident:2760"));
  }

  @Test
  void publishedTakesDaysMonthsYearsAndRanges() {
    Set<String> y2019 =
        incidentsWhere(i -> i.published() != null && i.published().getYear() == 2019);
    assertEquals(y2019, keySet("type:incident AND published:[2019-01-01 TO 2019-12-31]"));
    assertEquals(y2019, keySet("type:incident AND published:2019"));
    assertEquals(y2019, keySet("type:incident AND published:{2018 TO 2020}"));
    assertEquals(Set.of("incident:2733"), keySet("type:incident AND published:2019-07"));
    assertEquals(Set.of("incident:2733"), keySet("type:incident AND published:2019-07-02"));
    assertEquals(
        incidentsWhere(
            i -> i.published() != null && !i.published().isBefore(LocalDate.of(2020, 1, 1))),
        keySet("type:incident AND published:[2020-01-01 TO *]"));
    assertEquals(
        incidentsWhere(
            i -> i.published() != null && i.published().isBefore(LocalDate.of(2013, 1, 1))),
        keySet("type:incident AND published:[* TO 2012]"));
    // Exclusive bounds exclude the whole named day.
    assertEquals(
        Set.of("incident:2762"), keySet("type:incident AND published:{2012-06-20 TO 2012-12-31]"));
    // Undated records never match a date clause.
    assertFalse(keySet("published:[* TO *]").contains("incident:2760"));
  }

  @Test
  void phrasesBooleansPrefixesAndFuzzyTerms() {
    assertEquals(Set.of("incident:2750", "article:96761"), keySet("\"contacts upload\""));
    assertTrue(strictKeys("\"upload contacts\"").isEmpty());
    // Not strict, a phrase that matches nothing is searched as its words, and says so.
    SearchResult loose = searcher.search(SearchRequest.of("\"upload contacts\""));
    assertEquals(java.util.Optional.of("upload contacts"), loose.interpretedAs());
    assertTrue(loose.totalHits() > 0);
    assertEquals(Set.of("incident:2750", "article:96761"), keySet("\"flaw upload\"~5"));
    assertEquals(Set.of("incident:2745"), keySet("+hybrid -type:article"));
    assertEquals(Set.of("incident:2745"), keySet("hybrid AND NOT type:article"));
    assertEquals(
        keySet("ransomware OR regular"), new TreeSet<>(List.of("incident:2760", "incident:2733")));
    assertEquals(
        Set.of("incident:2733", "incident:2745", "incident:2760"),
        keySet("outag* AND type:incident"));
    assertEquals(keySet("twitter"), keySet("twiter~1"));
    assertFalse(keySet("twiter~1").isEmpty());
    assertTrue(keySet("the").isEmpty(), "only a stop word");
  }

  @Test
  void pastedHeadlinesAreReadAsText() {
    assertEquals(
        "incident:2745",
        keys("Toyota Hybrid Recall: Software Failure Leads to Loss of Power").get(0));
    assertTrue(keySet("Twitter - phone numbers").contains("incident:2750"));
    assertTrue(keySet("Twitter - phone numbers").contains("article:96761"));
    // A known field followed by a space is still a field.
    assertEquals(Set.of("incident:2733"), keySet("title: regular"));
  }

  @Test
  void syntaxErrorsSayWhereAndWhatWhenSyntaxIsStrict() {
    QuerySyntaxException e =
        assertThrows(QuerySyntaxException.class, () -> strictKeys("twitter AND (phone OR"));
    assertTrue(e.getMessage().contains("ends unexpectedly"), e.getMessage());
    assertTrue(e.getMessage().contains("parentheses"), e.getMessage());

    e = assertThrows(QuerySyntaxException.class, () -> strictKeys("twitter AND OR phone"));
    assertEquals(13, e.column(), e.getMessage());
    assertEquals("OR", e.token());
    assertTrue(e.getMessage().contains("unexpected 'OR' at column 13"), e.getMessage());

    e = assertThrows(QuerySyntaxException.class, () -> strictKeys("title:\"contacts upload"));
    assertTrue(e.getMessage().contains("quote is not closed"), e.getMessage());

    e = assertThrows(QuerySyntaxException.class, () -> strictKeys("twitter colour:red"));
    assertEquals("colour", e.token());
    assertEquals(9, e.column());
    assertTrue(e.getMessage().contains("Unknown field 'colour' at column 9"), e.getMessage());
    assertTrue(e.getMessage().contains("phase, "), e.getMessage());
    assertTrue(e.getMessage().contains("cause, "), e.getMessage());

    e = assertThrows(QuerySyntaxException.class, () -> strictKeys("published:[2019-13-01 TO *]"));
    assertTrue(e.getMessage().contains("Cannot read date '2019-13-01'"), e.getMessage());
    assertEquals(12, e.column());

    e = assertThrows(QuerySyntaxException.class, () -> strictKeys("published:20*"));
    assertTrue(e.getMessage().contains("not wildcards"), e.getMessage());
  }
}
