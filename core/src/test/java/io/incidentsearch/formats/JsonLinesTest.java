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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLinesTest {
  private static final Path FILE = Path.of("records.jsonl");

  static Incident twitterIncident() {
    return new Incident(
        "2750",
        "Twitter Exposes User Phone Numbers Due to Flaw in Contacts Feature",
        LocalDate.of(2020, 2, 3),
        null,
        Map.of(
            Section.SYSTEM,
            List.of(
                "Twitter's \"contacts upload\" feature",
                "Twitter's account privacy settings [96761]"),
            Section.TIMELINE,
            List.of("Step 1: December 2019\nStep 2: 👩‍💻 zero\u200dwidth and\u00a0nbsp")),
        new Taxonomy(
            Map.of(
                Category.PHASE,
                new Classification(List.of("design", "operation"), "(a) The flaw [96761]."),
                Category.COMMUNICATION,
                new Classification(List.of("unknown"), "Unknown"))),
        List.of("96761"),
        Path.of("/archive/incidents/2750.txt"));
  }

  static Article techCrunchArticle() {
    return new Article(
        "000_0ab139ba9eb7d695",
        "Twitter’s support form leaked phone number country codes to IPs in China & Saudi",
        "TechCrunch",
        null,
        null,
        "Twitter accidentally exposed …\n\n“It is clear” — a quote.",
        List.of(),
        null);
  }

  @Test
  void writesTheFixedSchemaWithEveryKeyInOrder() {
    String json = JsonLines.toJson(twitterIncident());
    assertTrue(
        json.startsWith(
            "{\"type\":\"incident\",\"id\":\"2750\",\"title\":\"Twitter Exposes User Phone"
                + " Numbers Due to Flaw in Contacts Feature\",\"published\":\"2020-02-03\","
                + "\"summary\":null,\"sections\":{\"timeline\":["),
        json);
    for (Section s : Section.values()) {
      assertTrue(json.contains("\"" + s.key() + "\":["), s.key());
    }
    for (Category c : Category.values()) {
      assertTrue(json.contains("\"" + c.key() + "\":{\"options\":["), c.key());
    }
    assertTrue(json.endsWith("\"articleIds\":[\"96761\"],\"source\":\"/archive/incidents/2750.txt\"}"));
    assertTrue(json.contains("👩‍💻"), "non-ASCII is written as is");
    assertFalse(json.contains("\n"), "one line");

    String article = JsonLines.toJson(techCrunchArticle());
    assertTrue(
        article.startsWith("{\"type\":\"article\",\"id\":\"000_0ab139ba9eb7d695\",\"title\":"));
    assertTrue(
        article.endsWith(
            "\"publication\":\"TechCrunch\",\"url\":null,\"published\":null,\"body\":\"Twitter"
                + " accidentally exposed …\\n\\n“It is clear” — a quote.\",\"incidentIds\":[],"
                + "\"source\":null}"),
        article);
  }

  @Test
  void roundTripIsExact() throws IOException {
    StringWriter out = new StringWriter();
    try (JsonLines.Writer w = new JsonLines.Writer(out)) {
      w.write(twitterIncident());
      w.write(techCrunchArticle());
    }
    List<Record> back = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    JsonLines.read(new StringReader(out.toString()), FILE, back::add, problems::add);
    assertEquals(List.of(), problems);
    // The article named no source, so it takes the JSON Lines file's.
    assertEquals(List.of(twitterIncident(), techCrunchArticle().withSource(FILE)), back);
  }

  @Test
  void badLinesAreReportedWithTheirLineAndTheRestIsRead() throws IOException {
    String text =
        String.join(
            "\n",
            JsonLines.toJson(techCrunchArticle()),
            "",
            "{\"type\":\"incident\",\"id\":\"1\",\"title\":\"cut in the midd",
            "{\"type\":\"memo\",\"id\":\"2\"}",
            "{\"type\":\"incident\",\"title\":\"no id\"}",
            "[1,2]",
            "{\"type\":\"incident\",\"id\":\"3\",\"published\":\"March 2020\"}",
            "{\"type\":\"incident\",\"id\":4,\"extra\":{\"nested\":[1]},\"taxonomy\":"
                + "{\"phase\":{\"options\":[\"Design\"]},\"galaxy\":{}}}");
    List<Record> back = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    JsonLines.read(new StringReader(text), FILE, back::add, problems::add);

    assertEquals(List.of(3, 4, 5, 6, 7), problems.stream().map(Problem::line).toList());
    assertTrue(problems.stream().allMatch(Problem::isError));
    assertTrue(problems.get(0).message().startsWith("not valid JSON"), problems.get(0).message());
    assertTrue(problems.get(1).message().contains("unknown type \"memo\""));
    assertTrue(problems.get(2).message().contains("no \"id\""));
    assertTrue(problems.get(4).message().contains("not a YYYY-MM-DD date"));

    assertEquals(2, back.size());
    Incident lenient = (Incident) back.get(1);
    assertEquals("4", lenient.id());
    assertEquals("", lenient.title());
    assertNull(lenient.published());
    assertEquals(List.of("design"), lenient.taxonomy().options(Category.PHASE));
    assertEquals(List.of(), lenient.items(Section.FIXES));
  }
}
