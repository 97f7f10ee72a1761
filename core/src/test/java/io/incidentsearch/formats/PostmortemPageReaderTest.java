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
    assertTrue(
        timeline
            .get(0)
            .startsWith(
                "The software failure incident happened in December 2019"
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
            .endsWith(
                "similar incident happening at other organizations or with their products"
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

  private static final String HEAD =
      """
      Incident: Sluice Gate Software Fault Drains River Avon

      Published Date: 2020-09-18

      """;

  private static final String TRAILER =
      """

      Sources

      Back to List\
      """;

  @Test
  void summaryMissingAndEmptySectionsMitigationsAliasAndOtherOrder() {
    String page =
        HEAD
            + """
            Summary: A fault in the software operating a vertical sluice gate drained \
            the river [104834].
            Postmortem Analysis


            System: 1. Software operating the vertical sluice gate [104834]
            timeline 1. The incident happened on Tuesday [104834].
            Responsible Organization
            Mitigations 1. Regular testing of the gate software [104834]. 2. A manual \
            override [104834].
            Fixes 1. The gate was repaired [104834].

            Software Taxonomy of Faults

            Category Option Rationale
            Duration temporary
            """
            + TRAILER;
    List<Problem> problems = new ArrayList<>();
    Incident in = parse(page, problems);
    assertEquals(List.of(), problems);
    assertEquals(
        "A fault in the software operating a vertical sluice gate drained the river [104834].",
        in.summary());
    assertEquals(
        List.of("Software operating the vertical sluice gate [104834]"), in.items(Section.SYSTEM));
    assertEquals(List.of("The incident happened on Tuesday [104834]."), in.items(Section.TIMELINE));
    assertEquals(List.of(), in.items(Section.RESPONSIBLE_ORGANIZATION));
    assertEquals(List.of(), in.items(Section.IMPACTS));
    assertEquals(
        List.of("Regular testing of the gate software [104834].", "A manual override [104834]."),
        in.items(Section.PREVENTIONS));
    assertEquals(List.of("temporary"), in.taxonomy().options(Category.DURATION));
    assertEquals("", in.taxonomy().get(Category.DURATION).rationale());
    assertEquals(List.of("104834"), in.articleIds());
  }

  @Test
  void rowsWithOptionOnlyRationaleOnlyNeitherAndBoth() {
    String page =
        HEAD
            + """
            Postmortem Analysis
            System 1. Gate controller [104834]

            Software Taxonomy of Faults

            Category Option Rationale
            Recurring one_organization
            Duration The failure was temporary: the gate was closed the next day [104834].
            Behaviour timing timing [10012]
            Capability (Incompetence/Accidental) development_incompetence, accidental (a) The \
            gate software was poorly tested [104834]. (b) The opening was accidental.

            IoT System Layer

            Layer Option Rationale
            Perception
            Communication unknown Unknown
            Application

            Other Details

            Category Option Rationale
            Consequence property
            Domain (a) The failed system was part of the utilities industry [104834].
            """
            + TRAILER;
    List<Problem> problems = new ArrayList<>();
    Incident in = parse(page, problems);
    assertEquals(List.of(), problems);
    assertEquals(
        new Classification(List.of("one_organization"), ""), in.taxonomy().get(Category.RECURRING));
    assertEquals(
        new Classification(
            List.of(), "The failure was temporary: the gate was closed the next day [104834]."),
        in.taxonomy().get(Category.DURATION));
    assertEquals(
        new Classification(List.of("timing"), "timing [10012]"),
        in.taxonomy().get(Category.BEHAVIOUR));
    assertEquals(
        new Classification(
            List.of("development_incompetence", "accidental"),
            "(a) The gate software was poorly tested [104834]. (b) The opening was accidental."),
        in.taxonomy().get(Category.CAPABILITY));
    assertEquals(Classification.EMPTY, in.taxonomy().get(Category.PERCEPTION));
    assertEquals(
        new Classification(List.of("unknown"), "Unknown"),
        in.taxonomy().get(Category.COMMUNICATION));
    assertEquals(Classification.EMPTY, in.taxonomy().get(Category.APPLICATION));
    assertEquals(
        new Classification(List.of("property"), ""), in.taxonomy().get(Category.CONSEQUENCE));
    assertEquals(
        new Classification(
            List.of(), "(a) The failed system was part of the utilities industry [104834]."),
        in.taxonomy().get(Category.DOMAIN));
    assertEquals(Classification.EMPTY, in.taxonomy().get(Category.CPS));
    assertEquals(List.of("104834", "10012"), in.articleIds());
  }

  @Test
  void legacyMultiWordVocabulary() {
    String page =
        HEAD
            + """
            Software Taxonomy of Faults

            Category Option Rationale
            Phase (Design/Operation) system design (a) The gate logic was designed wrongly.
            Boundary (Internal/External) within the system, outside the system (a) The fault \
            was in the gate software [104834].
            Nature (Human/Non-human) non human actions, human actions (a) The gate opened by itself.
            Objective both The intent is unclear [104834].

            IoT System Layer

            Layer Option Rationale
            Perception embedded software The software failure was due to a fault in the gate.
            Communication wired/wireless link level, connectivity level true [47969]
            Application true true [26032]

            Other Details

            Category Option Rationale
            Consequence non_human The river wildlife suffered.
            Domain natural resources, consumer device (a) The river is a natural resource.
            """
            + TRAILER;
    List<Problem> problems = new ArrayList<>();
    Incident in = parse(page, problems);
    assertEquals(List.of(), problems);
    assertEquals(List.of("design"), in.taxonomy().options(Category.PHASE));
    assertEquals(
        "(a) The gate logic was designed wrongly.", in.taxonomy().get(Category.PHASE).rationale());
    assertEquals(
        List.of("within_system", "outside_system"), in.taxonomy().options(Category.BOUNDARY));
    assertEquals(
        List.of("non-human_actions", "human_actions"), in.taxonomy().options(Category.NATURE));
    assertEquals(List.of("both"), in.taxonomy().options(Category.OBJECTIVE));
    assertEquals(List.of("embedded_software"), in.taxonomy().options(Category.PERCEPTION));
    assertEquals(
        new Classification(List.of("link_level", "connectivity_level"), "true [47969]"),
        in.taxonomy().get(Category.COMMUNICATION));
    assertEquals(
        new Classification(List.of("true"), "true [26032]"),
        in.taxonomy().get(Category.APPLICATION));
    assertEquals(List.of("non-human"), in.taxonomy().options(Category.CONSEQUENCE));
    assertEquals(
        List.of("natural_resources", "consumer_device"), in.taxonomy().options(Category.DOMAIN));
    assertEquals(
        "(a) The river is a natural resource.", in.taxonomy().get(Category.DOMAIN).rationale());
  }

  /**
   * FAIL's older vocabulary (its TAXONOMY_OPTIONS table): {@code neither}, {@code both}, {@code
   * deliberate}, {@code multiple}, {@code sensors}, {@code incorrect value}, {@code within the same
   * impacted entity}... are options, never rationale, whatever follows them.
   */
  @Test
  void olderVocabularyNeitherAndTheOthersAreOptions() {
    String page =
        HEAD
            + """
            Software Taxonomy of Faults

            Category Option Rationale
            Recurring within the same impacted entity The software failure incident is a \
            recurring occurrence within the same impacted entity. [101056, 77003]
            Phase (Design/Operation) neither neither [124780]
            Boundary (Internal/External) neither both [124780]
            Nature (Human/Non-human) both neither [124780]
            Intent (Poor/Accidental Decisions) deliberate the fault was deliberate [9455]
            Capability (Incompetence/Accidental) Option: unknown ; The given context does not \
            provide any information about a software failure.
            Behaviour incorrect value, byzantine fault the values were wrong [9455]

            IoT System Layer

            Layer Option Rationale
            Perception sensors, actuators the sensors failed [9455]

            Other Details

            Category Option Rationale
            Domain multiple several domains [9455]
            Consequence neither
            """
            + TRAILER;
    List<Problem> problems = new ArrayList<>();
    Incident in = parse(page, problems);
    assertEquals(List.of(), problems);
    assertEquals(
        new Classification(
            List.of("one_organization"),
            "The software failure incident is a recurring occurrence within the same impacted"
                + " entity. [101056, 77003]"),
        in.taxonomy().get(Category.RECURRING));
    assertEquals(
        new Classification(List.of("neither"), "neither [124780]"),
        in.taxonomy().get(Category.PHASE));
    assertEquals(
        new Classification(List.of("neither"), "both [124780]"),
        in.taxonomy().get(Category.BOUNDARY));
    assertEquals(
        new Classification(List.of("both"), "neither [124780]"),
        in.taxonomy().get(Category.NATURE));
    assertEquals(List.of("deliberate"), in.taxonomy().options(Category.INTENT));
    assertEquals(
        new Classification(
            List.of("unknown"),
            "The given context does not provide any information about a software failure."),
        in.taxonomy().get(Category.CAPABILITY));
    assertEquals(
        new Classification(List.of("value", "byzantine"), "the values were wrong [9455]"),
        in.taxonomy().get(Category.BEHAVIOUR));
    assertEquals(List.of("sensor", "actuator"), in.taxonomy().options(Category.PERCEPTION));
    assertEquals(List.of("multiple"), in.taxonomy().options(Category.DOMAIN));
    assertEquals(
        new Classification(List.of("neither"), ""), in.taxonomy().get(Category.CONSEQUENCE));
  }

  /** The real page that says {@code neither}: fail-extra's incident 2229. */
  @Test
  void failExtraPageWithNeither() throws IOException {
    Path file = TestCorpus.failExtra().resolve("incidents/2229.txt");
    List<Problem> problems = new ArrayList<>();
    Incident in =
        PostmortemPageReader.read(
                Files.readString(file, StandardCharsets.UTF_8), "2229", file, problems::add)
            .orElseThrow();
    assertEquals(List.of(), problems);
    assertEquals(
        new Classification(List.of("neither"), "neither [124780]"),
        in.taxonomy().get(Category.PHASE));
    assertEquals(List.of("unknown"), in.taxonomy().options(Category.CAPABILITY));
  }

  @Test
  void unknownOptionsAreKeptWhenTheyLookLikeOptions() {
    String page =
        HEAD
            + """
            Software Taxonomy of Faults
            Recurring cross_vendor, one_organization (a) Similar gates failed elsewhere.
            Duration the failure was temporary according to the agency [104834].
            Perception lidar (a) sensor: The gate's level sensor misread [104834].
            Application unverified
            """;
    List<Problem> problems = new ArrayList<>();
    Incident in = parse(page, problems);
    assertEquals(List.of(), problems);
    assertEquals(
        List.of("cross_vendor", "one_organization"), in.taxonomy().options(Category.RECURRING));
    assertEquals(
        new Classification(
            List.of(), "the failure was temporary according to the agency [104834]."),
        in.taxonomy().get(Category.DURATION));
    assertEquals(
        new Classification(
            List.of("lidar"), "(a) sensor: The gate's level sensor misread [104834]."),
        in.taxonomy().get(Category.PERCEPTION));
    assertEquals(List.of("unverified"), in.taxonomy().options(Category.APPLICATION));
  }

  @Test
  void unknownTaxonomyLabelIsReportedAndLeftOut() {
    String page =
        HEAD
            + """
            Software Taxonomy of Faults

            Category Option Rationale
            Recurring one_organization (a) Only the agency.
            Severity high (a) The river dropped 1.8m [104834].
            Phase design (a) A design flaw.
            """
            + TRAILER;
    List<Problem> problems = new ArrayList<>();
    Incident in = parse(page, problems);
    assertEquals(1, problems.size(), problems.toString());
    Problem p = problems.get(0);
    assertEquals(Problem.Severity.WARNING, p.severity());
    assertEquals(9, p.line());
    assertTrue(p.message().contains("Severity high"), p.message());
    assertEquals(List.of("one_organization"), in.taxonomy().options(Category.RECURRING));
    assertEquals(List.of("design"), in.taxonomy().options(Category.PHASE));
    // The ignored row's citation is not counted.
    assertEquals(List.of(), in.articleIds());
  }

  @Test
  void strayCarriageReturnsNbspEmojiAndNoFinalNewline() {
    String family = "Family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 Sharing";
    String page =
        "Incident: "
            + family
            + " Outage\r\n\r\nPublished Date:\u00A02021-05-06\r\n\r\nPostmortem Analysis\r\n"
            + "System\u00A01. The "
            + family
            + " feature [128447] 2. The\u200Bsync service\r\n"
            + "Impacts\t1. Parents \uD83D\uDC69\u200D\uD83D\uDCBB lost access [128447].\r\n"
            + "\r\nSoftware Taxonomy of Faults\r\n"
            + "Duration:\u00A0temporary\u00A0The outage lasted a day [128447].";
    List<Problem> problems = new ArrayList<>();
    Incident in = parse(page, problems);
    assertEquals(List.of(), problems);
    assertEquals(family + " Outage", in.title());
    assertEquals(LocalDate.of(2021, 5, 6), in.published());
    assertEquals(
        List.of("The " + family + " feature [128447]", "The\u200Bsync service"),
        in.items(Section.SYSTEM));
    assertEquals(
        List.of("Parents \uD83D\uDC69\u200D\uD83D\uDCBB lost access [128447]."),
        in.items(Section.IMPACTS));
    assertEquals(
        new Classification(List.of("temporary"), "The outage lasted a day [128447]."),
        in.taxonomy().get(Category.DURATION));
    assertEquals(List.of("128447"), in.articleIds());
  }

  @Test
  void spacedOutHeadingsLongerThanAnyHeadingAreStillHeadings() {
    // Long lines skip the heading check unless their characters other than spaces could
    // still spell one: wide padding, NBSP, ideographic spaces and tabs must not hide a heading.
    String pad = " ".repeat(40);
    String page =
        HEAD
            + "Postmortem\u3000\u3000Analysis"
            + pad
            + "\n"
            + "System: 1. Software operating the vertical sluice gate [104834]\n"
            + "\n"
            + "SOFTWARE \u00A0\t TAXONOMY"
            + pad
            + "OF\u2003\u2003FAULTS"
            + pad
            + "\n"
            + "Duration temporary\n"
            + TRAILER;
    List<Problem> problems = new ArrayList<>();
    Incident in = parse(page, problems);
    assertEquals(List.of(), problems);
    assertEquals(
        List.of("Software operating the vertical sluice gate [104834]"), in.items(Section.SYSTEM));
    assertEquals(List.of("temporary"), in.taxonomy().options(Category.DURATION));
  }

  @Test
  void labelsAreCaseInsensitive() {
    String page =
        """
        INCIDENT: Gate fault
        published date: 2020-09-18
        SOFTWARE CAUSES: 1. A fault in the gate software [104834].
        non-software causes 1. Heavy rain [104834].
        behavior: crash, value (a) crash: the gate stopped.
        PHASE (DESIGN/OPERATION) operation (b) During operation.\
        """;
    List<Problem> problems = new ArrayList<>();
    Incident in = parse(page, problems);
    assertEquals(List.of(), problems);
    assertEquals("Gate fault", in.title());
    assertEquals(
        List.of("A fault in the gate software [104834]."), in.items(Section.SOFTWARE_CAUSES));
    assertEquals(List.of("Heavy rain [104834]."), in.items(Section.NON_SOFTWARE_CAUSES));
    assertEquals(List.of("crash", "value"), in.taxonomy().options(Category.BEHAVIOUR));
    assertEquals(List.of("operation"), in.taxonomy().options(Category.PHASE));
  }

  @Test
  void trailerEndsTheContent() {
    String page =
        HEAD
            + """
            Postmortem Analysis
            System 1. Gate [104834]

            Sources

            River Avon drained after sluice gate fault [104834]
            Back to List\
            """;
    List<Problem> problems = new ArrayList<>();
    Incident in = parse(page, problems);
    assertEquals(List.of(), problems);
    assertEquals(List.of("Gate [104834]"), in.items(Section.SYSTEM));
  }

  @Test
  void pageWithoutTitleIsRejectedWithItsLine() {
    String page = "\n\nPublished Date: 2020-09-18\n\nPostmortem Analysis\nSystem 1. Gate";
    List<Problem> problems = new ArrayList<>();
    assertTrue(PostmortemPageReader.read(page, "9", FILE, problems::add).isEmpty());
    assertEquals(1, problems.size());
    assertEquals(Problem.Severity.ERROR, problems.get(0).severity());
    assertEquals(3, problems.get(0).line());
    assertEquals(FILE, problems.get(0).file());
    assertTrue(problems.get(0).message().contains("Incident:"));
  }

  @Test
  void unreadableOrMissingDateIsAWarning() {
    List<Problem> problems = new ArrayList<>();
    Incident in =
        parse("Incident: Gate fault\n\nPublished Date: last Tuesday\nSystem 1. Gate", problems);
    assertNull(in.published());
    assertEquals(1, problems.size());
    assertEquals(Problem.Severity.WARNING, problems.get(0).severity());
    assertEquals(3, problems.get(0).line());
    assertTrue(problems.get(0).message().contains("last Tuesday"));

    problems.clear();
    in = parse("Incident: Gate fault\nSystem 1. Gate", problems);
    assertNull(in.published());
    assertEquals(1, problems.size());
    assertEquals(Problem.Severity.WARNING, problems.get(0).severity());
    assertEquals(1, problems.get(0).line());
  }

  @Test
  void citationsFromSectionsAndRationalesInPageOrder() {
    String page =
        HEAD
            + """
            Postmortem Analysis
            System 1. Gate [Article 115929, Article 116081] 2. Sensor [#37995]
            Impacts 1. Boats stranded, see Article 26032 and [a68976].
            Software Taxonomy of Faults
            Recurring one_organization (a) As [108649, 115853] and <Article 96761> report.
            Domain utilities (a) See [115929].
            """;
    List<Problem> problems = new ArrayList<>();
    Incident in = parse(page, problems);
    assertEquals(List.of(), problems);
    assertEquals(
        List.of("115929", "116081", "37995", "26032", "68976", "108649", "115853", "96761"),
        in.articleIds());
  }

  @Test
  void multiWordLegacyOptionOnAPageIsRecognised() {
    // "non human" (older Consequence vocabulary) once fell apart into "non" + rationale.
    String page =
        "Incident: Old export\n\nPublished Date: 2015-01-01\n\nSoftware Taxonomy of Faults\n\n"
            + "Category Option Rationale\n"
            + "Consequence non human, property The failure damaged equipment.";
    List<Object> problems = new ArrayList<>();
    Incident i =
        PostmortemPageReader.read(page, "1", Path.of("1.txt"), problems::add).orElseThrow();
    assertEquals(List.of("non-human", "property"), i.taxonomy().options(Category.CONSEQUENCE));
    assertEquals(
        "The failure damaged equipment.", i.taxonomy().get(Category.CONSEQUENCE).rationale());
    assertTrue(problems.isEmpty(), problems.toString());
  }
}
