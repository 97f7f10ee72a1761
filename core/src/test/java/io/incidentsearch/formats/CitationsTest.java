package io.incidentsearch.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.TestCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CitationsTest {

  @Test
  void plainBracket() {
    assertEquals(List.of("96761"), Citations.extract("were exposed [96761]."));
  }

  @Test
  void bracketWithArticleWord() {
    assertEquals(
        List.of("96761"),
        Citations.extract("happened in December 2019 [Article 96761]. Explanation: Step 1"));
  }

  @Test
  void angleBrackets() {
    assertEquals(
        List.of("96761"), Citations.extract("<Article 96761> The incident was malicious."));
  }

  @Test
  void bracketList() {
    assertEquals(
        List.of("108649", "115853", "110171"),
        Citations.extract("refunds were offered [108649, 115853, 110171]."));
  }

  @Test
  void bracketListWithArticleWords() {
    assertEquals(
        List.of("115929", "116081"),
        Citations.extract("the outage [Article 115929, Article 116081] lasted"));
  }

  @Test
  void bareArticleMentions() {
    assertEquals(
        List.of("26032", "53309"),
        Citations.extract(
            "The incident reported in Article 26032 was temporary, as Article #53309 notes."));
    assertEquals(
        List.of("106334", "106355", "109711"),
        Citations.extract("Articles 106334, 106355 and 109711 describe the recall."));
    assertEquals(List.of("3710"), Citations.extract("as the article 3710 says"));
  }

  @Test
  void hashAndLetterPrefixes() {
    assertEquals(List.of("37995"), Citations.extract("gun's targeting system [#37995]."));
    assertEquals(List.of("37995", "38012"), Citations.extract("via the wifi [#37995, #38012]."));
    assertEquals(List.of("68976"), Citations.extract("[a68976] The software failure"));
  }

  @Test
  void orderOfFirstAppearanceEachOnce() {
    assertEquals(
        List.of("3825", "3740", "6486", "3663"),
        Citations.extract(
            "first [3825, 3740] then Article 6486 and again [3740] and <Article 3663> [3825]"));
  }

  @Test
  void numbersInProseAreNotIds() {
    assertEquals(
        List.of(),
        Citations.extract(
            "The incident happened in 2019; 17 million numbers leaked; iOS 13.2 and version"
                + " 2.0 shipped in (January-March 2013) for the 2010-2015 Prius."));
  }

  @Test
  void placeholdersAndShortNumbersAreNotIds() {
    assertEquals(List.of(), Citations.extract("the targeting system [#, #] and [a] and [12]"));
  }

  @Test
  void headlineInsideBracketIsIgnoredButItsIdsCount() {
    // Real FAIL text (incident 2753): a headline and ids share one bracket group.
    assertEquals(
        List.of("110171", "108649", "115853"),
        Citations.extract(
            "8. Console version of Cyberpunk 2077 [Cyberpunk 2077: How to get a full refund"
                + " before the Dec. 21 deadline, #110171, #108649, #115853]"));
  }

  @Test
  void bracketedYearLikeNumberIsAnId() {
    // Brackets are FAIL's citation syntax and 4-digit ids are real (3663, 3710): see Citations.
    assertEquals(List.of("2019"), Citations.extract("as reported [2019]."));
  }

  @Test
  void strayAngleBracketDoesNotHideACitation() {
    assertEquals(List.of("96761"), Citations.extract("if x < 5 [96761] and y > 3"));
  }

  @Test
  void seedPageCitesItsArticle() throws IOException {
    String page = Files.readString(TestCorpus.seedPostmortem(), StandardCharsets.UTF_8);
    assertEquals(List.of("96761"), Citations.extract(page));
  }

  @Test
  void aBareMentionInsideAGroupIsReadOnceAsPartOfTheGroup() {
    assertEquals(
        List.of("3001", "3002", "3003"),
        Citations.extract("[Article 3001, Article 3002] then Article 3003"));
  }

  @Test
  void aLongPageWithThousandsOfCitationsIsReadInLinearTime() {
    // Like a generated postmortem: numbered items each ending with a citation, and a bare
    // mention only at the very end. Re-searching the whole rest of the text for every
    // citation took minutes on this; linear scanning takes milliseconds.
    StringBuilder b = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String id = Integer.toString(100_000 + i);
      b.append(i + 1)
          .append(". The system failed again after the update [")
          .append(id)
          .append("]. ");
      expected.add(id);
    }
    b.append("Finally, Article 999999 summed it up.");
    expected.add("999999");
    List<String> ids =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Citations.extract(b));
    assertEquals(expected, ids);
  }

  /**
   * The scan that tries patterns only where they can start must find what a plain regex scan finds,
   * on every real page and on hostile mixes of brackets, case and look-behind cases.
   */
  @Test
  void fastScanFindsWhatAPlainRegexScanFinds() throws IOException {
    List<String> texts = new ArrayList<>();
    try (var files = Files.walk(TestCorpus.failDev())) {
      for (var f :
          files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".txt")).toList()) {
        texts.add(Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    assertTrue(texts.size() > 50, "a weak test: " + texts.size() + " pages");
    String[] pieces = {
      "[",
      "]",
      "<",
      ">",
      "Article",
      "ARTICLES",
      "article#",
      "aRtIcLe ",
      "x",
      "9",
      "123",
      "96761",
      ",",
      " and ",
      "&",
      "\n",
      " ",
      "Ärticle",
      "\u0130",
      "\u212a",
      "a",
      "A",
      "[Article 1234",
      "#",
      "articles 123, 456 and article 789",
      "é",
      "ARTİCLE",
      "artıcle",
      "ARTICL",
      "articl",
      "Artic1e",
      "\u0391rticle"
    };
    java.util.Random random = new java.util.Random(42);
    for (int t = 0; t < 3000; t++) {
      StringBuilder sb = new StringBuilder();
      for (int k = random.nextInt(30); k >= 0; k--) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      texts.add(sb.toString());
    }
    for (String text : texts) {
      assertEquals(plainScanExtract(text), Citations.extract(text), text);
    }
  }

  /** {@link Citations#extract} as it was with {@code Matcher.results()} scans. */
  private static List<String> plainScanExtract(String text) {
    java.util.regex.Pattern group =
        java.util.regex.Pattern.compile("\\[([^\\[\\]\\n]{0,500})\\]|<([^<>\\[\\]\\n]{0,500})>");
    java.util.regex.Pattern bare =
        java.util.regex.Pattern.compile(
            "(?<![\\p{L}\\p{N}])articles?\\s*#?\\s*\\d{3,}(?!\\d)"
                + "(?:\\s*(?:,|&|\\band\\b)\\s*(?:articles?\\s*)?#?\\s*\\d{3,}(?!\\d))*",
            java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE);
    java.util.regex.Pattern split =
        java.util.regex.Pattern.compile(
            "[,;&]|\\band\\b", java.util.regex.Pattern.CASE_INSENSITIVE);
    java.util.regex.Pattern element =
        java.util.regex.Pattern.compile(
            "(?:articles?\\s*#?\\s*|#\\s*|a\\s*)?(\\d{3,})",
            java.util.regex.Pattern.CASE_INSENSITIVE);
    java.util.regex.Pattern digits = java.util.regex.Pattern.compile("\\d{3,}");
    var groups = group.matcher(text).results().toList();
    var bares = bare.matcher(text).results().toList();
    java.util.Set<String> ids = new java.util.LinkedHashSet<>();
    int gi = 0;
    int bi = 0;
    int covered = 0;
    while (gi < groups.size() || bi < bares.size()) {
      boolean takeGroup =
          bi >= bares.size()
              || (gi < groups.size() && groups.get(gi).start() <= bares.get(bi).start());
      var m = takeGroup ? groups.get(gi++) : bares.get(bi++);
      if (m.start() < covered) {
        continue;
      }
      covered = m.end();
      if (takeGroup) {
        String content = m.group(1) != null ? m.group(1) : m.group(2);
        for (String e : split.split(content)) {
          var em = element.matcher(e.strip());
          if (em.matches()) {
            ids.add(em.group(1));
          }
        }
      } else {
        var d = digits.matcher(m.group());
        while (d.find()) {
          ids.add(d.group());
        }
      }
    }
    return List.copyOf(ids);
  }
}
