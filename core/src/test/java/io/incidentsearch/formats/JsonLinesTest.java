package io.incidentsearch.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.model.Article;
import io.incidentsearch.model.Category;
import io.incidentsearch.model.Classification;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import io.incidentsearch.model.Section;
import io.incidentsearch.model.Taxonomy;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLinesTest {
  private static final Path JSONL = Path.of("out/records.jsonl");

  private final List<Problem> problems = new ArrayList<>();

  /** The seed postmortem (FAIL incident 2750), built by hand from the page. */
  static Incident seedIncident() {
    Map<Section, List<String>> sections = new EnumMap<>(Section.class);
    sections.put(
        Section.TIMELINE,
        List.of(
            "The software failure incident happened in November 2019 [96761]. Twitter began"
                + " working on the issue on November 15th and fixed it on November 16th."));
    sections.put(Section.SYSTEM, List.of("1. Twitter’s support form [96761]", "2. API"));
    sections.put(Section.RESPONSIBLE_ORGANIZATION, List.of("Twitter [Article 96761]"));
    sections.put(
        Section.SOFTWARE_CAUSES,
        List.of("A bug that let the form \"reveal\" the country code\nof a phone number."));
    Map<Category, Classification> taxonomy = new EnumMap<>(Category.class);
    taxonomy.put(
        Category.PHASE,
        new Classification(List.of("design"), "The flaw was introduced in the form's design."));
    taxonomy.put(Category.BOUNDARY, new Classification(List.of("within_system"), ""));
    taxonomy.put(
        Category.DOMAIN, new Classification(List.of("information", "government"), "Twitter ✓"));
    taxonomy.put(Category.CPS, new Classification(List.of(), "No physical component."));
    return new Incident(
        "2750",
        "Twitter’s support form leaked phone number country codes",
        LocalDate.of(2020, 12, 17),
        "A bug in Twitter’s support form — “country codes” leaked 👩\u200d💻.",
        sections,
        new Taxonomy(taxonomy),
        List.of("96761", "83022"),
        Path.of("fail-dev/incidents/2750.txt"));
  }

  /** The seed article, built by hand from the page. */
  static Article seedArticle() {
    return new Article(
        "000_0ab139ba9eb7d695",
        "Twitter’s support form leaked phone number country codes to IPs in China & Saudi",
        "TechCrunch",
        null,
        null,
        "Twitter accidentally exposed ...\n\nA Twitter spokesperson pointed us to a previous"
            + " statement:\n\n“It is clear that information operations ... \\ \t\u00a0 \u2028 end”",
        List.of("2750"),
        Path.of("seeds/000_0ab139ba9eb7d695.txt"));
  }

  @Test
  void publicationAliasesRoundTripAndAreLeftOutWhenNone() throws IOException {
    Article a =
        new Article(
            "5135-14",
            "Glitch",
            "AP Online",
            null,
            LocalDate.of(2003, 8, 14),
            "Text.",
            List.of(),
            Path.of("ko-dev/stories/5135-14.txt"),
            List.of("Associated Press Online"));
    String json = write(List.of(a));
    assertTrue(json.contains("\"publicationAliases\":[\"Associated Press Online\"]"), json);
    assertEquals(List.of(a), readBack(json));
    assertFalse(write(List.of(a.withIncidentIds(List.of()).withSource(null))).isEmpty());
    Article plain = new Article("1", "T", "Reuters", null, null, "B", List.of(), null);
    assertFalse(write(List.of(plain)).contains("publicationAliases"));
    assertEquals(List.of(), problems);
  }

  private List<Record> readBack(String text) throws IOException {
    List<Record> out = new ArrayList<>();
    JsonLines.read(new StringReader(text), JSONL, out::add, problems::add);
    return out;
  }

  private static String write(List<? extends Record> records) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonLines.Writer w = new JsonLines.Writer(out)) {
      for (Record r : records) {
        w.write(r);
      }
    }
    return out.toString();
  }

  @Test
  void incidentJsonHasEveryKeyInOrder() {
    Incident empty =
        new Incident("1", "T", null, null, Map.of(), null, List.of(), Path.of("i/1.txt"));
    StringBuilder sections = new StringBuilder();
    for (Section s : Section.values()) {
      sections.append(sections.isEmpty() ? "" : ",").append('"').append(s.key()).append("\":[]");
    }
    StringBuilder taxonomy = new StringBuilder();
    for (Category c : Category.values()) {
      taxonomy
          .append(taxonomy.isEmpty() ? "" : ",")
          .append('"')
          .append(c.key())
          .append("\":{\"options\":[],\"rationale\":\"\"}");
    }
    assertEquals(
        "{\"type\":\"incident\",\"id\":\"1\",\"title\":\"T\",\"published\":null,\"summary\":null,"
            + "\"sections\":{"
            + sections
            + "},\"taxonomy\":{"
            + taxonomy
            + "},\"articleIds\":[],\"source\":\"i"
            + java.io.File.separator
            + "1.txt\"}",
        JsonLines.toJson(empty));
    assertTrue(sections.toString().startsWith("\"timeline\":[],\"system\":[]"));
    assertTrue(sections.toString().endsWith("\"fixes\":[],\"references\":[]"));
  }

  @Test
  void articleJsonKeysAndUnicodeWrittenAsIs() {
    Article a =
        new Article(
            "5",
            "Café “quotes” 👨\u200d👩\u200d👧",
            null,
            "https://x.org/a?b=1&c=\"2\"",
            LocalDate.of(2020, 2, 3),
            "line\nbreak",
            List.of("2750"),
            null);
    assertEquals(
        "{\"type\":\"article\",\"id\":\"5\",\"title\":\"Café “quotes” 👨\u200d👩\u200d👧\","
            + "\"publication\":null,\"url\":\"https://x.org/a?b=1&c=\\\"2\\\"\","
            + "\"published\":\"2020-02-03\",\"body\":\"line\\nbreak\",\"incidentIds\":[\"2750\"],"
            + "\"source\":null}",
        JsonLines.toJson(a));
  }

  @Test
  void roundTripOfHandBuiltRecords() throws IOException {
    Incident emptyIncident =
        new Incident("9", "", null, null, Map.of(), Taxonomy.EMPTY, List.of(), Path.of("x.txt"));
    Article bare = new Article("10", "", null, null, null, "", List.of(), Path.of("y.txt"));
    List<Record> records = List.of(seedIncident(), seedArticle(), emptyIncident, bare);
    String text = write(records);
    assertEquals(4, text.lines().count());
    assertTrue(text.endsWith("}\n"));
    assertFalse(text.contains("\\u"), "non-ASCII is written as it is");
    assertEquals(records, readBack(text));
    assertEquals(List.of(), problems);
  }

  @Test
  void roundTripOfEveryFailDevArticlePage() throws IOException {
    List<Record> articles = new ArrayList<>();
    for (Path page : ArticlePageReaderTest.failDevArticlePages()) {
      ArticlePageReader.read(
              ArticlePageReaderTest.readPage(page),
              ArticlePageReaderTest.stem(page),
              page,
              problems::add)
          .ifPresent(articles::add);
    }
    assertEquals(76, articles.size());
    assertEquals(articles, readBack(write(articles)));
    assertEquals(List.of(), problems);
  }

  @Test
  void nullSourceBecomesTheJsonLinesFile() throws IOException {
    Article a = new Article("1", "T", null, null, null, "b", List.of(), null);
    assertEquals(List.of(a.withSource(JSONL)), readBack(write(List.of(a))));
    String noSource = "{\"type\":\"article\",\"id\":\"2\"}";
    assertEquals(JSONL, readBack(noSource).get(0).source());
  }

  @Test
  void toleratesUnknownAndMissingKeys() throws IOException {
    List<Record> records =
        readBack(
            """
            {"type":"incident","id":2751,"extra":{"a":[1,2,{"b":null}]},\
            "sections":{"timeline":["t"],"bogus":["x"],"system":null},\
            "taxonomy":{"phase":{"options":["design"],"more":1},"nope":{},"cps":{"rationale":"r"}}}
            {"type":"Article","id":"7","publication":"CNN","incidentIds":"2750",\
            "published":"2021-01-02"}
            """);
    assertEquals(List.of(), problems);
    Incident i = (Incident) records.get(0);
    assertEquals("2751", i.id());
    assertEquals("", i.title());
    assertNull(i.published());
    assertNull(i.summary());
    assertEquals(List.of("t"), i.items(Section.TIMELINE));
    assertEquals(List.of(), i.items(Section.SYSTEM));
    assertEquals(new Classification(List.of("design"), ""), i.taxonomy().get(Category.PHASE));
    assertEquals(new Classification(List.of(), "r"), i.taxonomy().get(Category.CPS));
    assertEquals(List.of(), i.articleIds());
    assertEquals(JSONL, i.source());
    Article a = (Article) records.get(1);
    assertEquals("CNN", a.publication());
    assertEquals(List.of("2750"), a.incidentIds());
    assertEquals(LocalDate.of(2021, 1, 2), a.published());
    assertEquals("", a.body());
  }

  @Test
  void badLinesAreReportedWithTheirNumberAndOthersRead() throws IOException {
    String good = JsonLines.toJson(seedArticle());
    String text =
        String.join(
            "\n",
            good,
            "",
            "{\"type\":\"article\",\"id\":\"3\",\"title\":\"unterminated}",
            "{\"type\":\"video\",\"id\":\"4\"}",
            "{\"type\":\"article\",\"title\":\"no id\"}",
            "{\"id\":\"6\"}",
            "[1,2]",
            "{\"type\":\"article\",\"id\":\"8\"} {}",
            "{\"type\":\"article\",\"id\":\"9\",\"published\":\"yesterday\"}",
            good.replace("000_0ab139ba9eb7d695", "11"));
    List<Record> records = readBack(text);
    assertEquals(
        List.of("000_0ab139ba9eb7d695", "9", "11"), records.stream().map(Record::id).toList());
    assertEquals(
        List.of(3, 4, 5, 6, 7, 8),
        problems.stream().filter(Problem::isError).map(Problem::line).toList());
    assertTrue(problems.stream().allMatch(p -> p.file().equals(JSONL)));
    Problem dateWarning = problems.get(problems.size() - 1);
    assertEquals(Problem.Severity.WARNING, dateWarning.severity());
    assertEquals(9, dateWarning.line());
    assertNull(records.get(1).publishedDate().orElse(null));
    assertTrue(problems.get(1).message().contains("video"), problems.get(1).message());
  }
}
