package io.incidentsearch.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.TestCorpus;
import io.incidentsearch.model.Article;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ArticleReadersTest {
  private static final Path PAGE = Path.of("articles/1.txt");

  private static Article page(String text, List<Problem> problems) {
    return ArticlePageReader.read(text, "1", PAGE, problems::add).orElseThrow();
  }

  private static String squash(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  @Test
  void seedArticleParsesToWhatThePageSays() throws IOException {
    String text = Files.readString(TestCorpus.seedArticle(), StandardCharsets.UTF_8);
    List<Problem> problems = new ArrayList<>();
    Article a =
        ArticlePageReader.read(text, "000_0ab139ba9eb7d695", TestCorpus.seedArticle(), problems::add)
            .orElseThrow();
    assertEquals(List.of(), problems);
    assertEquals(
        "Twitter’s support form leaked phone number country codes to IPs in China & Saudi",
        a.title());
    assertEquals("TechCrunch", a.publication());
    assertTrue(a.body().startsWith("Twitter accidentally exposed the ability"), a.body());
    assertFalse(a.body().contains("Be the first to comment"), a.body());
    assertFalse(a.body().contains("Leave a Reply"));
    assertFalse(a.body().contains("Your email address"));
    assertFalse(a.body().endsWith("*"));
    assertEquals(8, a.body().split("\n\n").length, "the seed's eight paragraphs");
    assertTrue(a.body().endsWith("as they chase the favor of Wall Street."), a.body());
    assertNull(a.url());
    assertEquals(List.of(), a.incidentIds());
  }

  @Test
  void everyFailDevPageEqualsItsCsvRow() throws IOException {
    Path dir = TestCorpus.failDev();
    Map<String, Article> fromCsv = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(dir.resolve("csv/article_state0.csv"))) {
      FailArticleCsvReader.read(
          in, dir.resolve("csv/article_state0.csv"), a -> fromCsv.put(a.id(), a), problems::add);
    }
    assertEquals(List.of(), problems);
    assertEquals(76, fromCsv.size());

    List<Path> pages;
    try (Stream<Path> s = Files.list(dir.resolve("articles"))) {
      pages = s.sorted().toList();
    }
    assertEquals(76, pages.size());
    for (Path p : pages) {
      String id = p.getFileName().toString().replace(".txt", "");
      Article page =
          ArticlePageReader.read(Files.readString(p), id, p, problems::add).orElseThrow();
      Article csv = fromCsv.get(id);
      assertEquals(csv.title(), page.title(), id + " title");
      assertEquals(csv.publication(), page.publication(), id + " publication");
      assertEquals(csv.published(), page.published(), id + " published");
      assertEquals(squash(csv.body()), squash(page.body()), id + " body");
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void newsArchiveLayout() throws IOException {
    Path p = TestCorpus.failDev().resolve("articles/3710.txt");
    List<Problem> problems = new ArrayList<>();
    Article a = ArticlePageReader.read(Files.readString(p), "3710", p, problems::add).orElseThrow();
    assertEquals(List.of(), problems);
    assertEquals("PlayStation 3 hack – how it happened and what it means", a.title());
    assertEquals("The Guardian", a.publication());
    assertEquals(LocalDate.of(2011, 1, 7), a.published());
    assertTrue(a.body().startsWith("In December, a group of coders"), a.body());
    assertFalse(a.body().startsWith("ln"));
    assertTrue(a.body().split("\n\n").length > 10, "one paragraph per line");
  }

  @Test
  void headlineSplitsAtTheLastSeparator() {
    assertEquals(new Headline("A - B – C", "Wired"), Headline.parse("A - B – C - Wired"));
    assertEquals(new Headline("Outage", "The Register"), Headline.parse("Outage | The Register"));
    assertEquals(new Headline("Outage", "BBC"), Headline.parse("Outage\u00a0–\u00a0BBC "));
    assertEquals(new Headline("No separator-here", null), Headline.parse("No separator-here"));
    assertEquals(new Headline("Trailing -", null), Headline.parse("Trailing -"));
  }

  @Test
  void commentFormIsStrippedOnlyAtTheEnd() {
    List<Problem> problems = new ArrayList<>();
    Article a =
        page(
            "Bug – Daily\n\nFirst para.\n\nLeave a Reply\n\nThe text goes on after the phrase."
                + "\n\nBe the first to comment\n\nLeave a Reply\n\nYour email address will not be"
                + " published.\n\n\n*",
            problems);
    assertEquals(
        "First para.\n\nLeave a Reply\n\nThe text goes on after the phrase.", a.body());
    assertEquals(List.of(), problems);
  }

  @Test
  void uglyTextIsPreserved() {
    List<Problem> problems = new ArrayList<>();
    String emoji = "👩‍💻 coder\u200d";
    Article a =
        page(
            "\n\n  Outage\u00a0hits bank – Paper\u00a0 \n\nPublished on 2021-03-04 10:00:00+00:00."
                + " The\u00a0bank " + emoji + " said.\r\n\r\nSecond",
            problems);
    assertEquals("Outage hits bank", a.title());
    assertEquals("Paper", a.publication());
    assertEquals(LocalDate.of(2021, 3, 4), a.published());
    assertTrue(a.body().startsWith("The\u00a0bank " + emoji + " said."), a.body());
    assertTrue(a.body().endsWith("\n\nSecond"));
    assertEquals(List.of(), problems);
  }

  @Test
  void titleOnlyPageWarnsAndBlankPageIsRejected() {
    List<Problem> problems = new ArrayList<>();
    Article a = page("Just a headline - Site", problems);
    assertEquals("", a.body());
    assertEquals(1, problems.size());
    assertFalse(problems.get(0).isError());
    assertEquals(1, problems.get(0).line());

    problems.clear();
    assertTrue(ArticlePageReader.read(" \n\u00a0\n", "2", PAGE, problems::add).isEmpty());
    assertTrue(problems.get(0).isError());
  }

  @Test
  void csvVariantsAndBadRows() throws IOException {
    String csv =
        "ID,Headline,Body,Source\n"
            + "10,Bug - Wired,\"Published on 2020-01-02 07:00:00+00:00. Line one.\n\nLine two\","
            + "https://www.wired.com\n"
            + ",Orphan - X,text,\n"
            + "11,,\"no headline\",https://www.bbc.co.uk/news\n";
    List<Article> out = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    FailArticleCsvReader.read(new StringReader(csv), Path.of("a.csv"), out::add, problems::add);
    assertEquals(2, out.size());
    assertEquals("Bug", out.get(0).title());
    assertEquals("Wired", out.get(0).publication());
    assertEquals(LocalDate.of(2020, 1, 2), out.get(0).published());
    assertEquals("Line one.\n\nLine two", out.get(0).body(), "Published-on sentence removed");
    assertEquals("bbc.co.uk", out.get(1).publication());
    assertEquals("", out.get(1).title());
    assertEquals(1, problems.size());
    assertEquals(5, problems.get(0).line(), "the row after a three-line cell starts on line 5");
    assertTrue(problems.get(0).isError());
  }
}
