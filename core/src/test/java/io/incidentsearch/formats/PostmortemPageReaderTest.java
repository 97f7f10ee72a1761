package io.incidentsearch.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.TestCorpus;
import io.incidentsearch.model.Category;
import io.incidentsearch.model.Classification;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Section;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostmortemPageReaderTest {
  private static final Path FILE = Path.of("fixture.txt");

  static Incident parse(String text, List<Problem> problems) {
    return PostmortemPageReader.read(text, "1", FILE, problems::add).orElseThrow();
  }

  @Test
  void seedPageParsesToWhatThePageSays() throws IOException {
    Path seed = TestCorpus.seedPostmortem();
    String text = Files.readString(seed, StandardCharsets.UTF_8);
    List<Problem> problems = new ArrayList<>();
    Incident in = PostmortemPageReader.read(text, "2750", seed, problems::add).orElseThrow();
    assertEquals(List.of(), problems);
    assertEquals("2750", in.id());
    assertEquals(seed, in.source());
    assertEquals("Twitter Exposes User Phone Numbers Due to Flaw in Contacts Feature", in.title());
    assertEquals(LocalDate.of(2020, 2, 3), in.published());
    assertNull(in.summary());

    List<String> timeline = in.items(Section.TIMELINE);
    assertEquals(1, timeline.size());
    assertTrue(timeline.get(0).startsWith("The software failure incident happened in December 2019"
        + " [Article 96761]. Explanation: Step 1:"));
    assertTrue(timeline.get(0).endsWith("likely occurred in December 2019."));
    assertEquals(
        List.of(
            "Twitter's \"contacts upload\" feature",
            "Twitter's Android app",
            "Twitter's account privacy settings",
            "Twitter's notification system for data breaches [96761]"),
        in.items(Section.SYSTEM));
    assertEquals(
        List.of(
            "Possible state actors from Iran, Israel, and Malaysia were responsible for attempting"
                + " to access user phone numbers associated with Twitter accounts [96761]."),
        in.items(Section.RESPONSIBLE_ORGANIZATION));
    assertEquals(1, in.items(Section.IMPACTED_ORGANIZATION).size());
    assertEquals(1, in.items(Section.SOFTWARE_CAUSES).size());
    assertEquals(
        List.of(
            "Attempted unauthorized access by possible state actors [96761]",
            "Exploitation of a flaw in the \"contacts upload\" feature [96761]",
            "High volume of requests from IP addresses in Iran, Israel, and Malaysia [96761]",
            "Lack of individual notifications to users whose phone numbers were accessed [96761]"),
        in.items(Section.NON_SOFTWARE_CAUSES));
    List<String> impacts = in.items(Section.IMPACTS);
    assertEquals(5, impacts.size());
    assertEquals(
        "Twitter has made changes to the feature to prevent revealing specific account names in"
            + " response to requests and has suspended accounts believed to have abused the tool"
            + " [96761].",
        impacts.get(4));
    assertEquals(3, in.items(Section.PREVENTIONS).size());
    assertEquals(3, in.items(Section.FIXES).size());
    assertEquals(
        "Implement stricter access controls and monitoring mechanisms to prevent unauthorized"
            + " access to user data [96761].",
        in.items(Section.FIXES).get(0));
    assertEquals(
        List.of(
            "Security researcher Ibrahim Balic [96761]",
            "Tech publication TechCrunch [96761]",
            "Twitter's privacy blog [96761]"),
        in.items(Section.REFERENCES));

    assertOptions(in, Category.RECURRING, "one_organization");
    assertOptions(in, Category.PHASE, "design", "operation");
    assertOptions(in, Category.BOUNDARY, "within_system", "outside_system");
    assertOptions(in, Category.NATURE, "non-human_actions", "human_actions");
    assertOptions(in, Category.DIMENSION, "software");
    assertOptions(in, Category.OBJECTIVE, "malicious");
    assertOptions(in, Category.INTENT, "poor_decisions");
    assertOptions(in, Category.CAPABILITY, "development_incompetence", "accidental");
    assertOptions(in, Category.DURATION, "temporary");
    assertOptions(in, Category.BEHAVIOUR, "value", "other");
    assertOptions(in, Category.CONSEQUENCE, "property", "theoretical_consequence");
    assertOptions(in, Category.DOMAIN, "information");
    assertTrue(in.taxonomy().get(Category.PERCEPTION).isEmpty());
    assertTrue(in.taxonomy().get(Category.COMMUNICATION).isEmpty());
    assertTrue(in.taxonomy().get(Category.APPLICATION).isEmpty());
    assertTrue(in.taxonomy().get(Category.CPS).isEmpty());
    assertTrue(
        in.taxonomy()
            .get(Category.RECURRING)
            .rationale()
            .startsWith("(a) The software failure incident related to Twitter's security flaw"));
    assertTrue(
        in.taxonomy()
            .get(Category.RECURRING)
            .rationale()
            .endsWith("similar incident happening at other organizations or with their products"
                + " and services."));
    assertTrue(
        in.taxonomy()
            .get(Category.DURATION)
            .rationale()
            .startsWith("The software failure incident reported in Article 96761 can be"));
    assertTrue(
        in.taxonomy()
            .get(Category.CONSEQUENCE)
            .rationale()
            .startsWith("(d) property: People's material goods"));
    assertTrue(
        in.taxonomy()
            .get(Category.DOMAIN)
            .rationale()
            .startsWith("(a) The failed system in the incident reported in Article 96761"));
    assertEquals(List.of("96761"), in.articleIds());
  }

  private static void assertOptions(Incident in, Category c, String... expected) {
    assertEquals(List.of(expected), in.taxonomy().options(c), c.label());
    assertFalse(in.taxonomy().get(c).rationale().isEmpty(), c.label() + " rationale");
  }
}
