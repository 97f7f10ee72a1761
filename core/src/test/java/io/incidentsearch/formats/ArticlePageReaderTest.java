package io.incidentsearch.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.TestCorpus;
import io.incidentsearch.model.Article;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ArticlePageReaderTest {
  private static final Path PAGE = Path.of("articles/900001.txt");

  private final List<Problem> problems = new ArrayList<>();

  static String readPage(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  static List<Path> failDevArticlePages() throws IOException {
    try (Stream<Path> files = Files.list(TestCorpus.failDev().resolve("articles"))) {
      return files.filter(f -> f.toString().endsWith(".txt")).sorted().toList();
    }
  }

  static String stem(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }

  private Article read(String text) {
    return ArticlePageReader.read(text, "900001", PAGE, problems::add).orElseThrow();
  }

  @Test
  void seedArticle() throws IOException {
    Path seed = TestCorpus.seedArticle();
    String text = readPage(seed);
    Article a =
        ArticlePageReader.read(text, "000_0ab139ba9eb7d695", seed, problems::add).orElseThrow();
    assertEquals(List.of(), problems);
    assertEquals("000_0ab139ba9eb7d695", a.id());
    assertEquals(
        "Twitter’s support form leaked phone number country codes to IPs in China & Saudi",
        a.title());
    assertEquals("TechCrunch", a.publication());
    assertNull(a.url());
    assertNull(a.published(), "the seed has no 'Published on' sentence and no date line");
    assertEquals(List.of(), a.incidentIds());
    assertEquals(seed, a.source());
    assertTrue(a.body().startsWith("Twitter accidentally exposed the ability to pull"), a.body());
    assertTrue(
        a.body()
            .endsWith(
                "they’re incentivized to cut corners on security, privacy, and societal impact as"
                    + " they chase the favor of Wall Street."),
        a.body());
    assertFalse(a.body().contains("Leave a Reply"));
    assertFalse(a.body().contains("Be the first to comment"));
    String[] paragraphs = a.body().split("\n\n");
    assertEquals(8, paragraphs.length);
    assertEquals("A Twitter spokesperson pointed us to a previous statement:", paragraphs[4]);
    // The page text itself, minus the comment form, is the body.
    String page = text.substring(text.indexOf("\n\n") + 2);
    assertEquals(page.substring(0, page.indexOf("\n\nBe the first to comment")), a.body());
  }

  @Test
  void everyFailDevPageParsesWithoutProblems() throws IOException {
    List<Path> pages = failDevArticlePages();
    assertEquals(76, pages.size());
    int withPublishedOn = 0;
    for (Path page : pages) {
      Article a =
          ArticlePageReader.read(readPage(page), stem(page), page, problems::add).orElseThrow();
      assertEquals(stem(page), a.id());
      assertFalse(a.title().isEmpty(), page.toString());
      assertFalse(a.publication() == null || a.publication().isEmpty(), page.toString());
      assertFalse(a.body().isEmpty(), page.toString());
      assertTrue(a.published() != null, page + " has a date");
      assertFalse(a.body().contains("Leave a Reply"), page.toString());
      assertFalse(a.body().contains("\n\n\n"), page.toString());
      assertEquals(a.body().strip(), a.body());
      if (a.body().startsWith("Published on ")) {
        withPublishedOn++;
      }
    }
    assertEquals(List.of(), problems);
    assertEquals(71, withPublishedOn, "all but the 5 news-archive pages");
  }

  @Test
  void commentFormIsStrippedFromEveryFailDevPageThatHasIt() throws IOException {
    int stripped = 0;
    for (Path page : failDevArticlePages()) {
      String text = readPage(page);
      Article a = ArticlePageReader.read(text, stem(page), page, problems::add).orElseThrow();
      if (text.endsWith(
          "Be the first to comment\n\nLeave a Reply\n\n"
              + "Your email address will not be published.\n\n\n*")) {
        stripped++;
        assertFalse(a.body().endsWith("*"), page.toString());
        assertFalse(a.body().contains("Your email address will not be published"), page.toString());
      }
    }
    assertEquals(17, stripped, "fail-dev/README: 17 files end with the comment form");
  }

  @Test
  void newsArchiveLayout() throws IOException {
    record Expected(
        String title, LocalDate date, String publication, int paragraphs, String first) {}
    Map<String, Expected> expected =
        Map.of(
            "3710",
            new Expected(
                "PlayStation 3 hack – how it happened and what it means",
                LocalDate.of(2011, 1, 7),
                "The Guardian",
                21,
                "In December, a group of coders operating under the name Fail0verflow"),
            "7241",
            new Expected(
                "Gaddafi's son Mohammed flees house arrest: report",
                LocalDate.of(2011, 8, 22),
                "Reuters",
                4,
                "Mohammed Gaddafi (R), eldest son of Libyan leader"),
            "37995",
            new Expected(
                "Hackers Can Disable a Sniper Rifle—Or Change Its Target",
                LocalDate.of(2015, 7, 29),
                "WIRED",
                1,
                "Put a computer on a sniper rifle"),
            "88901",
            new Expected(
                "How Apple Pay Buttons Can Make Websites Less Safe",
                LocalDate.of(2019, 8, 8),
                "WIRED",
                1,
                "Apple Pay has a slew of protective features"),
            "128447",
            new Expected(
                "FBI director blames Iran for 'despicable' attempted cyberattack on Boston"
                    + " Children's Hospital",
                LocalDate.of(2022, 6, 1),
                "CNN",
                21,
                "CNN —"));
    for (Map.Entry<String, Expected> e : expected.entrySet()) {
      Path page = TestCorpus.failDev().resolve("articles/" + e.getKey() + ".txt");
      String text = readPage(page);
      Article a = ArticlePageReader.read(text, e.getKey(), page, problems::add).orElseThrow();
      Expected x = e.getValue();
      assertEquals(x.title(), a.title(), e.getKey());
      assertEquals(x.date(), a.published(), e.getKey());
      assertEquals(x.publication(), a.publication(), e.getKey());
      String[] paragraphs = a.body().split("\n\n");
      // One paragraph per line after the four header lines.
      long lines = text.lines().skip(4).filter(l -> !l.isBlank()).count();
      assertEquals(lines, paragraphs.length, e.getKey());
      assertEquals(x.paragraphs(), paragraphs.length, e.getKey());
      assertTrue(paragraphs[0].startsWith(x.first()), e.getKey() + ": " + paragraphs[0]);
      assertFalse(
          a.body().startsWith("ln") || a.body().startsWith("fv") || a.body().startsWith("pq"));
    }
    assertEquals(List.of(), problems);
  }

  /**
   * A news-archive source line can name the publication and other names for it, joined by {@code
   * *}: the first is the publication, the others are its aliases.
   */
  @Test
  void sourceLineWithOtherNamesGivesPublicationAndAliases() {
    Article a =
        read(
            "Glitch halts trading\n03/09/2012\nThe Wall Street Journal*Wall Street Journal\nln\n"
                + "Trading stopped.");
    assertEquals("The Wall Street Journal", a.publication());
    assertEquals(List.of("Wall Street Journal"), a.publicationAliases());
    Article three =
        read(
            "Glitch halts trading - Times of India\n03/09/2012\n"
                + "TOI * The Times of India (TOI)*TOI*Times of India\nln\nText.");
    assertEquals("TOI", three.publication());
    assertEquals(List.of("The Times of India (TOI)", "Times of India"), three.publicationAliases());
    assertEquals("Glitch halts trading", three.title(), "the suffix names the publication");
    assertEquals(List.of(), read("Plain\n03/09/2012\nReuters\nln\nText.").publicationAliases());
    assertEquals(List.of(), problems);
  }

  /** Every ko-dev story: one publication name, never a joined source line. */
  @Test
  void koDevPublicationsAreSingleNames() throws IOException {
    int withAliases = 0;
    List<Path> stories;
    try (var files = Files.list(TestCorpus.koDev().resolve("stories"))) {
      stories = files.sorted().toList();
    }
    List<Path> untitled = new ArrayList<>();
    for (Path page : stories) {
      String text = readPage(page);
      List<String> lines = text.lines().toList();
      int date = 0;
      while (!lines.get(date).strip().matches("\\d\\d/\\d\\d/\\d{4}")) {
        date++;
      }
      if (date == 0 || lines.get(date - 1).isBlank()) {
        untitled.add(page);
      }
      String source = lines.get(date + 1).strip();
      Article a = ArticlePageReader.read(text, stem(page), page, problems::add).orElseThrow();
      assertEquals(FailCsv.date(lines.get(date)).orElseThrow(), a.published(), page.toString());
      String[] names = source.split("\\*");
      assertEquals(names[0].strip(), a.publication(), page.toString());
      assertFalse(a.publication().contains("*"), page.toString());
      if (names.length > 1) {
        withAliases++;
        assertTrue(a.publicationAliases().contains(names[1].strip()), page.toString());
      }
    }
    assertTrue(withAliases >= 150, "a weak test: " + withAliases);
    // The only problems: stories whose headline line is blank in Ko's data.
    assertEquals(untitled, problems.stream().map(Problem::file).toList(), problems.toString());
    for (Problem p : problems) {
      assertEquals(Problem.Severity.WARNING, p.severity());
      assertTrue(p.message().contains("no title"), p.message());
    }
  }

  /** A news-archive page whose headline line is blank: the layout is still recognised. */
  @Test
  void newsArchiveLayoutWithoutHeadline() {
    Article a = read("\n10/24/2000\nBBC Monitoring*Agence France-Presse\nfv\nA breakdown.\nMore.");
    assertEquals("", a.title());
    assertEquals(LocalDate.of(2000, 10, 24), a.published());
    assertEquals("BBC Monitoring", a.publication());
    assertEquals(List.of("Agence France-Presse"), a.publicationAliases());
    assertEquals("A breakdown.\n\nMore.", a.body());
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).message().contains("no title"), problems.toString());
  }

  @Test
  void newsArchiveLayoutSuffixAndMissingCodeLine() {
    Article a =
        read(
            """
            Outage grounds flights - Reuters
            03/09/2024
            Reuters
            Airlines cancelled hundreds of flights on Friday.
            The carrier said a software update was to blame.\
            """);
    assertEquals("Outage grounds flights", a.title());
    assertEquals("Reuters", a.publication());
    assertEquals(LocalDate.of(2024, 3, 9), a.published());
    assertEquals(
        "Airlines cancelled hundreds of flights on Friday.\n\n"
            + "The carrier said a software update was to blame.",
        a.body());
    Article b =
        read(
            """
            Outage grounds flights | Reuters
            3/9/2024
            Reuters UK
            xyz
            Only paragraph.
            """);
    assertEquals("Outage grounds flights", b.title());
    assertEquals("Reuters UK", b.publication());
    assertEquals("Only paragraph.", b.body());
    assertEquals(List.of(), problems);
  }

  @Test
  void newsArchiveLayoutWithInvalidDateWarns() {
    Article a =
        read(
            """
            Outage grounds flights
            13/45/2024
            Reuters
            ln
            Published on 2024-03-09 10:00:00+00:00. Airlines cancelled flights.\
            """);
    assertEquals(LocalDate.of(2024, 3, 9), a.published(), "falls back to 'Published on'");
    assertEquals(1, problems.size(), problems::toString);
    assertEquals(Problem.Severity.WARNING, problems.get(0).severity());
    assertEquals(2, problems.get(0).line());
  }

  @Test
  void publishedOnGivesTheDateAndStaysInTheBody() {
    Article a =
        read(
            """
            5 Reasons the Media Cover Apple So Much - WIRED

            Published on 2010-09-27 07:00:00+00:00.  A study published Monday drew on metrics.

            Second paragraph.\
            """);
    assertEquals(LocalDate.of(2010, 9, 27), a.published());
    assertEquals(
        "Published on 2010-09-27 07:00:00+00:00.  A study published Monday drew on metrics."
            + "\n\nSecond paragraph.",
        a.body());
    // FAIL also stored timestamps with a second fraction part.
    assertEquals(
        LocalDate.of(2019, 8, 8),
        ArticlePageReader.publishedOn("Published on 2019-08-08 07:00:00+00:00.647000+00:00. x")
            .orElseThrow());
    assertTrue(ArticlePageReader.publishedOn("It was published on 2019-08-08.").isEmpty());
  }

  @Test
  void separatorsInTheHeadlineLine() {
    assertEquals("CNET", read("Asus patches routers - CNET\n\nBody.").publication());
    assertEquals(
        "Ars Technica", read("Asus patches routers | Ars Technica\n\nBody.").publication());
    Article a = read("This gun makes everyone a sharpshooter – even hackers – The Verge\n\nBody.");
    assertEquals("This gun makes everyone a sharpshooter – even hackers", a.title());
    assertEquals("The Verge", a.publication());
    Article none = read("A headline without any publication\n\nBody.");
    assertEquals("A headline without any publication", none.title());
    assertNull(none.publication());
    assertEquals(List.of(), problems);
  }

  @Test
  void commentFormOnlyAtTheEnd() {
    Article a =
        read(
            """
            Forum software bug exposed e-mail addresses – TechCrunch

            The forum's form said "Leave a Reply" above each thread.

            Leave a Reply

            Readers saw the text "Your email address will not be published." next to their address.

            Name

            Leave a Comment

            Your email address will not be published. Required fields are marked *

            Comment *

            Name *

            Email *

            Website

            Post Comment\
            """);
    assertEquals(
        "The forum's form said \"Leave a Reply\" above each thread.\n\n"
            + "Leave a Reply\n\n"
            + "Readers saw the text \"Your email address will not be published.\" next to their"
            + " address.\n\n"
            + "Name",
        a.body());
    // Field labels alone are not a comment form: they may end a real article.
    Article b = read("Headline - CNN\n\nThe form asked for one thing.\n\nEmail");
    assertEquals("The form asked for one thing.\n\nEmail", b.body());
    assertEquals(List.of(), problems);
  }

  @Test
  void unicodeIsPreservedExactly() {
    String para = "Family\u00a0emoji 👨\u200d👩\u200d👧 and\ttabs stay; ‘quotes’ “too”.";
    Article a = read("Emoji\u00a0headline 🧑\u200d💻 - WIRED\n\n" + para);
    assertEquals("Emoji\u00a0headline 🧑\u200d💻", a.title());
    assertEquals(para, a.body());
  }

  @Test
  void robustToStrayCarriageReturnsLeadingBlankLinesAndSpacing() {
    Article a =
        read("\n\n  \nHeadline - CNN\r\n\r\n  First paragraph.  \n\n\n\n\nSecond\nline two.\r\n");
    assertEquals("Headline", a.title());
    assertEquals("CNN", a.publication());
    assertEquals("First paragraph.\n\nSecond\nline two.", a.body());
    assertEquals(List.of(), problems);
  }

  @Test
  void titleOnlyPageWarns() {
    Article a = read("Headline only - CNN\n\n");
    assertEquals("Headline only", a.title());
    assertEquals("", a.body());
    assertEquals(1, problems.size());
    assertEquals(Problem.Severity.WARNING, problems.get(0).severity());
    assertEquals(1, problems.get(0).line());
  }

  @Test
  void blankPageIsAnError() {
    assertTrue(ArticlePageReader.read(" \n\n\t\n", "9", PAGE, problems::add).isEmpty());
    assertTrue(ArticlePageReader.read("", "9", PAGE, problems::add).isEmpty());
    assertEquals(2, problems.size());
    assertTrue(problems.stream().allMatch(Problem::isError));
    assertEquals(PAGE, problems.get(0).file());
  }

  @Test
  void normalizeBodyCollapsesBlankLines() {
    assertEquals("a\n\nb", ArticlePageReader.normalizeBody("\n a \n \n\t\n\n\nb\n"));
    assertEquals("", ArticlePageReader.normalizeBody(null));
    assertEquals("", ArticlePageReader.normalizeBody("Leave a Reply\n\n*"));
  }
}
