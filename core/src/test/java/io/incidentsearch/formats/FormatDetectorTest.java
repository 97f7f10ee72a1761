package io.incidentsearch.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.TestCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FormatDetectorTest {

  private static Optional<Format> detectFile(Path file) throws IOException {
    return FormatDetector.detect(Files.readString(file, StandardCharsets.UTF_8));
  }

  @Test
  void detectsTheRealFixtures() throws IOException {
    Path t = TestCorpus.testdata();
    assertEquals(Optional.of(Format.POSTMORTEM_PAGE), detectFile(TestCorpus.seedPostmortem()));
    assertEquals(Optional.of(Format.ARTICLE_PAGE), detectFile(TestCorpus.seedArticle()));
    assertEquals(
        Optional.of(Format.ARTICLE_PAGE), detectFile(t.resolve("archive/articles/3710.txt")));
    assertEquals(
        Optional.of(Format.FAIL_INCIDENT_CSV), detectFile(t.resolve("csv/incident_data.csv")));
    assertEquals(
        Optional.of(Format.FAIL_ARTICLE_CSV), detectFile(t.resolve("csv/article_state0.csv")));
  }

  @Test
  void everyIncidentAndArticlePageOfTheDeveloperCorpus() throws IOException {
    Path dev = TestCorpus.failDev();
    try (var incidents = Files.list(dev.resolve("incidents"))) {
      for (Path p : incidents.toList()) {
        assertEquals(Optional.of(Format.POSTMORTEM_PAGE), detectFile(p), p.toString());
      }
    }
    try (var articles = Files.list(dev.resolve("articles"))) {
      for (Path p : articles.toList()) {
        assertEquals(Optional.of(Format.ARTICLE_PAGE), detectFile(p), p.toString());
      }
    }
  }

  @Test
  void jsonLinesFromTheFirstNonBlankCharacter() {
    assertEquals(
        Optional.of(Format.JSON_LINES),
        FormatDetector.detect("\n  {\"type\":\"incident\",\"id\":\"1\"}\n"));
    assertEquals(Optional.of(Format.JSON_LINES), FormatDetector.detect("\uFEFF{\"id\":\"1\"}"));
  }

  @Test
  void csvHeadersAreComparedIgnoringCaseAndSpacing() {
    assertEquals(
        Optional.of(Format.FAIL_INCIDENT_CSV),
        FormatDetector.detect("incident_id,related_article_ids,title\r\n1,[2],x"));
    assertEquals(
        Optional.of(Format.FAIL_INCIDENT_CSV),
        FormatDetector.detect("\"ID\",\"Phase Option\"\n7,design"));
    assertEquals(
        Optional.of(Format.FAIL_ARTICLE_CSV),
        FormatDetector.detect("ARTICLE ID,headline,Body\n1,a,b"));
    // The article export also has Title and "... Option" columns: Article ID decides.
    assertEquals(
        Optional.of(Format.FAIL_ARTICLE_CSV),
        FormatDetector.detect("Article ID,Title,Phase Option,Headline\n"));
  }

  /**
   * FAIL's evaluation article tables: an {@code ID} column with the article's text columns ({@code
   * Body}, {@code Headline}) besides incident-like ones ({@code Title}, {@code ... Option}). Each
   * row is an article.
   */
  @Test
  void articleTablesWithAPlainIdColumnAreArticleExports() throws IOException {
    assertEquals(
        Optional.of(Format.FAIL_ARTICLE_CSV),
        FormatDetector.detect(
            "ID,URL,Published,Source,Article Summary,Body,Headline,Title,Summary,Phase Option\n"));
    assertEquals(
        Optional.of(Format.FAIL_ARTICLE_CSV), FormatDetector.detect("id,Headline,Title\n1,a,b"));
    Path csv = TestCorpus.failExtra().resolve("csv");
    assertEquals(
        Optional.of(Format.FAIL_ARTICLE_CSV),
        detectFile(csv.resolve("auto_evaluation__train.csv")));
    assertEquals(
        Optional.of(Format.FAIL_ARTICLE_CSV),
        detectFile(
            csv.resolve(
                "auto_evaluation__ClassificationEval2010-2016__experiment_data_auto_articles.csv")));
    // An incident export names an incident id, or has no article text columns.
    assertEquals(
        Optional.of(Format.FAIL_INCIDENT_CSV),
        FormatDetector.detect("ID,Published,Title,Summary,Phase Option\n"));
    assertEquals(
        Optional.of(Format.FAIL_INCIDENT_CSV),
        detectFile(csv.resolve("auto_evaluation__experiment_data_auto_incidents.csv")));
  }

  @Test
  void textThatMerelyHasCommasIsAnArticle() {
    assertEquals(
        Optional.of(Format.ARTICLE_PAGE),
        FormatDetector.detect("Sony, Microsoft and Nintendo hit by outage - BBC\n\nText."));
    assertEquals(Optional.of(Format.ARTICLE_PAGE), FormatDetector.detect("id,name\n1,x"));
  }

  @Test
  void postmortemAfterBlankLines() {
    assertEquals(
        Optional.of(Format.POSTMORTEM_PAGE), FormatDetector.detect("\n\nIncident: X\n\nPublished"));
    assertEquals(Optional.of(Format.ARTICLE_PAGE), FormatDetector.detect("Incidents: X"));
  }

  @Test
  void blankTextHasNoFormat() {
    assertEquals(Optional.empty(), FormatDetector.detect(""));
    assertEquals(Optional.empty(), FormatDetector.detect(" \n\t\n  "));
  }

  @Test
  void binaryBytes() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    assertTrue(FormatDetector.looksBinary(png, png.length));
    byte[] controls = "\u0001\u0002\u0003\u0004abcdef".getBytes(StandardCharsets.US_ASCII);
    assertTrue(FormatDetector.looksBinary(controls, controls.length));
    byte[] text = "Caf\u00e9\tok\r\n\f".getBytes(StandardCharsets.UTF_8);
    assertFalse(FormatDetector.looksBinary(text, text.length));
  }
}
