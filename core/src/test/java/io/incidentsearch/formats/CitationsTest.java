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
  void placeholdersAreNotIds() {
    assertEquals(List.of(), Citations.extract("the targeting system [#, #] and [a] and [#a]"));
  }

  /** FAIL article ids start at 1: every citation form keeps ids of one to three digits. */
  @Test
  void shortIdsInEveryForm() {
    assertEquals(List.of("51", "37789"), Citations.extract("was exposed [51, 37789]."));
    assertEquals(List.of("37789", "51"), Citations.extract("was exposed [37789, 51]."));
    assertEquals(List.of("7"), Citations.extract("were exposed [7]."));
    assertEquals(List.of("961"), Citations.extract("in December [Article 961]."));
    assertEquals(List.of("12", "9"), Citations.extract("the outage [Article 12, Article 9]"));
    assertEquals(List.of("3", "45"), Citations.extract("the outage [Articles 3 and 45]"));
    assertEquals(List.of("37"), Citations.extract("targeting system [#37]."));
    assertEquals(List.of("37", "380"), Citations.extract("via the wifi [#37, #380]."));
    assertEquals(List.of("68"), Citations.extract("[a68] The software failure"));
    assertEquals(List.of("96"), Citations.extract("<Article 96> The incident was malicious."));
    assertEquals(List.of("5", "6"), Citations.extract("as <5, 6> say"));
    assertEquals(
        List.of("26"), Citations.extract("The incident reported in Article 26 was temporary"));
    assertEquals(List.of("53"), Citations.extract("as Article #53 notes."));
    assertEquals(List.of("51"), Citations.extract("as Article 51 (Reuters) says."));
    assertEquals(
        List.of("1", "2", "3"), Citations.extract("Articles 1, 2 and 3 describe the recall."));
    assertEquals(
        List.of("106334", "5", "77"),
        Citations.extract("Articles 106334, 5 & article 77 describe the recall."));
    assertEquals(List.of("2"), Citations.extract("as reported [2]."));
  }

  /**
   * Numbers that only look like citations: legal articles ({@code Article 5 of the GDPR}, {@code
   * Article 83(4)}, {@code Article 5.3}), quantities after a singular mention, and angle brackets
   * that are comparison signs in prose.
   */
  @Test
  void shortNumbersThatAreNotCitations() {
    assertEquals(
        List.of(),
        Citations.extract(
            "fined under Article 83(4) and Article 5 of the GDPR, see article 5.3 too;"
                + " if x < 5 and y > 3 then a <b> 7 </b>"));
    assertEquals(
        List.of("26032"), Citations.extract("as Article 26032, 17 banks and 2 firms were hit"));
    assertEquals(List.of("26032"), Citations.extract("Article 26032 and 3 others report it"));
    assertEquals(List.of("2000"), Citations.extract("as Article 2000 of the corpus says"));
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
      "Article 5 of",
      "(4)",
      ".3",
      "1",
      "12",
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

  /** {@link Citations#extract} with plain {@code Matcher.results()} scans of both patterns. */
  private static List<String> plainScanExtract(String text) {
    return Citations.collect(
        Citations.GROUP.matcher(text).results().toList(),
        Citations.BARE.matcher(text).results().toList());
  }
}
