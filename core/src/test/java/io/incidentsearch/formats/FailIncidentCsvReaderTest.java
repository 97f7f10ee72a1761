package io.incidentsearch.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.TestCorpus;
import io.incidentsearch.model.Category;
import io.incidentsearch.model.Classification;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Section;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailIncidentCsvReaderTest {
  private static final Path FILE = Path.of("incident_data.csv");

  private static List<Incident> read(String csv, List<Problem> problems) throws IOException {
    List<Incident> out = new ArrayList<>();
    FailIncidentCsvReader.read(new StringReader(csv), FILE, out::add, problems::add);
    return out;
  }

  @Test
  void realExportRowWithMultiLineCells() throws IOException {
    Path csv = TestCorpus.failDev().resolve("csv/incident_data.csv");
    List<Incident> out = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      FailIncidentCsvReader.read(r, csv, out::add, problems::add);
    }
    assertEquals(List.of(), problems);
    Incident i = out.get(0);
    assertEquals("2751", i.id());
    assertEquals(csv, i.source());
    assertEquals("River Avon Boat Tour Company Revenue Loss Due to Software Fault", i.title());
    assertEquals(LocalDate.of(2020, 9, 18), i.published());
    assertEquals(List.of("104834"), i.articleIds());
    assertEquals(1, i.items(Section.TIMELINE).size());
    assertTrue(i.items(Section.TIMELINE).get(0).contains("\nStep 2: The article was published"));
    assertEquals(
        List.of("Software operating the vertical sluice gate [104834]"), i.items(Section.SYSTEM));
    assertEquals(2, i.items(Section.IMPACTED_ORGANIZATION).size());
    assertTrue(
        i.items(Section.IMPACTED_ORGANIZATION)
            .get(1)
            .startsWith("Boat owners and workers on the river"));
  }

  /**
   * A header whose group label lost its comma ({@code POSTMORTEM FIELDSPublished}, {@code
   * FixesResponsibleOrg}) has fewer names than the rows have cells: the glued names are split at a
   * known column name, so every cell is read under its own column.
   */
  @Test
  void gluedHeaderNamesAreSplitWhenTheRowsAreWider() throws IOException {
    String csv =
        """
        ID,POSTMORTEM FIELDSPublished,Title,Preventions,FixesResponsibleOrg,Phase Option,Phase Rationale
        25,,2011-01-06 08:00:00+00:00,Hackers Decrypt PlayStation 3 Security,1. Keep keys [3710],\
        1. Patch [3710],Sony [3710],system design,The design was weak. [3710]
        """;
    List<Problem> problems = new ArrayList<>();
    List<Incident> out = read(csv, problems);
    assertEquals(List.of(), problems);
    Incident i = out.get(0);
    assertEquals("Hackers Decrypt PlayStation 3 Security", i.title());
    assertEquals(LocalDate.of(2011, 1, 6), i.published());
    assertEquals(List.of("Keep keys [3710]"), i.items(Section.PREVENTIONS));
    assertEquals(List.of("Patch [3710]"), i.items(Section.FIXES));
    assertEquals(List.of("Sony [3710]"), i.items(Section.RESPONSIBLE_ORGANIZATION));
    assertEquals(
        new Classification(List.of("design"), "The design was weak. [3710]"),
        i.taxonomy().get(Category.PHASE));
  }

  /** Rows wider than a header that cannot be repaired are read as they are, with a warning. */
  @Test
  void rowsWiderThanTheHeaderAreReported() throws IOException {
    String csv =
        """
        ID,Title,Phase Option
        25,A title,design,extra cell
        26,Another title,operation
        """;
    List<Problem> problems = new ArrayList<>();
    List<Incident> out = read(csv, problems);
    assertEquals(2, out.size());
    assertEquals(1, problems.size(), problems.toString());
    assertEquals(2, problems.get(0).line());
    assertTrue(problems.get(0).message().contains("4 cells"), problems.toString());
  }

  /** FAIL's evaluation export with the glued header: real rows read under their own columns. */
  @Test
  void failEvaluationExportWithGluedHeader() throws IOException {
    Path csv =
        TestCorpus.failExtra().resolve("csv/auto_evaluation__experiment_data_auto_incidents.csv");
    List<Incident> out = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      FailIncidentCsvReader.read(r, csv, out::add, problems::add);
    }
    assertEquals(List.of(), problems);
    assertEquals(17, out.size());
    Incident first = out.get(0);
    assertEquals("25", first.id());
    assertEquals("Hackers Decrypt PlayStation 3 Security", first.title());
    assertEquals(LocalDate.of(2011, 1, 6), first.published());
    assertEquals(List.of("design"), first.taxonomy().options(Category.PHASE));
    assertEquals(List.of("both"), first.taxonomy().options(Category.BOUNDARY));
    Incident last = out.get(16);
    assertEquals("2229", last.id());
    assertEquals(List.of("neither"), last.taxonomy().options(Category.PHASE));
    for (Incident i : out) {
      assertTrue(FailCsv.date(i.title()).isEmpty(), "a date read as the title: " + i.title());
    }
  }

  /** An incident without a title is rejected like a page without one, naming the line. */
  @Test
  void aRowWithoutTitleIsAnError() throws IOException {
    String csv =
        """
        Incident ID,Title,Summary,Phase Option
        1,A title,"A summary
        on two lines",design
        2,,Only a summary,operation
        """;
    List<Problem> problems = new ArrayList<>();
    List<Incident> out = read(csv, problems);
    assertEquals(List.of("1"), out.stream().map(Incident::id).toList());
    assertEquals(1, problems.size(), problems.toString());
    assertEquals(4, problems.get(0).line());
    assertTrue(problems.get(0).isError());
    assertTrue(problems.get(0).message().contains("incident 2"), problems.toString());
  }

  /**
   * An empty option cell whose rationale starts {@code Option: unknown ;} (FAIL's evaluation
   * export) has that option, as the same row printed on a postmortem page has.
   */
  @Test
  void anOptionLabelledInTheRationaleIsTheOption() throws IOException {
    String csv =
        """
        Incident ID,Title,Capability Option,Capability Rationale,Phase Option,Phase Rationale
        1,A title,,Option: unknown ; The context says nothing.,design,Option: it was designed.
        """;
    List<Problem> problems = new ArrayList<>();
    Incident i = read(csv, problems).get(0);
    assertEquals(List.of(), problems);
    assertEquals(
        new Classification(List.of("unknown"), "The context says nothing."),
        i.taxonomy().get(Category.CAPABILITY));
    assertEquals(
        new Classification(List.of("design"), "Option: it was designed."),
        i.taxonomy().get(Category.PHASE));
  }

  @Test
  void columnVariantsMissingColumnsMultiLineCellsAndARowWithoutId() throws IOException {
    String csv =
        """
        ID,Title,Published,Summary,Time,System,Mitigations,Behavior Option,Behaviour Rationale,\
        Communication Option,CPS Option,CPS Rationale,Related Article IDs
        2751,Sluice gate fault,2020-09-18 07:00:00+00:00,"A gate opened.
        The river drained [104834].","1. It happened on Tuesday [104834].

        Therefore, the timeline was:
        Step 1: Tuesday.","1. Gate software
        2. Gate sensor [104834]","1. Test the gate [104834].
        2. Add a manual override, version 2.0 [104834].",\
        "crash, value","(a) crash: the gate stopped [104834].",\
        "wired/wireless link level, connectivity level",cps,The gate is cyber-physical.,[104834]
        ,Row without id,2020-09-19,,,"1. Lost
        id",,,,,,,[1]
        2752,Second gate,09/20/2020,,,1. Gate [Article 3663] and [#3710],,,,,,,
        """;
    List<Problem> problems = new ArrayList<>();
    List<Incident> out = read(csv, problems);
    assertEquals(2, out.size());
    assertEquals(1, problems.size(), problems.toString());
    Problem p = problems.get(0);
    assertEquals(Problem.Severity.ERROR, p.severity());
    assertEquals(9, p.line());
    assertEquals(FILE, p.file());

    Incident a = out.get(0);
    assertEquals("2751", a.id());
    assertEquals(LocalDate.of(2020, 9, 18), a.published());
    assertEquals("A gate opened.\nThe river drained [104834].", a.summary());
    assertEquals(
        List.of(
            "It happened on Tuesday [104834].\n\nTherefore, the timeline was:\nStep 1: Tuesday."),
        a.items(Section.TIMELINE));
    assertEquals(List.of("Gate software", "Gate sensor [104834]"), a.items(Section.SYSTEM));
    assertEquals(
        List.of("Test the gate [104834].", "Add a manual override, version 2.0 [104834]."),
        a.items(Section.PREVENTIONS));
    assertEquals(List.of(), a.items(Section.IMPACTS));
    assertEquals(
        new Classification(List.of("crash", "value"), "(a) crash: the gate stopped [104834]."),
        a.taxonomy().get(Category.BEHAVIOUR));
    assertEquals(
        List.of("link_level", "connectivity_level"), a.taxonomy().options(Category.COMMUNICATION));
    assertEquals(
        new Classification(List.of("cps"), "The gate is cyber-physical."),
        a.taxonomy().get(Category.CPS));
    assertEquals(Classification.EMPTY, a.taxonomy().get(Category.PHASE));
    assertEquals(List.of("104834"), a.articleIds());

    Incident b = out.get(1);
    assertEquals("2752", b.id());
    assertEquals(LocalDate.of(2020, 9, 20), b.published());
    assertNull(b.summary());
    // No Related Article IDs cell: the ids cited in the text.
    assertEquals(List.of("3663", "3710"), b.articleIds());
  }

  @Test
  void incidentIdVariantAndPageLabelColumns() throws IOException {
    String csv =
        """
        incident_id,title,Software Causes,Non-software Causes,Phase Option,Phase Rationale
        7,Gate,1. Bug [3663] 2. Another bug,"1. Rain
        2. Wind",system design,The design was wrong.
        """;
    List<Problem> problems = new ArrayList<>();
    List<Incident> out = read(csv, problems);
    assertEquals(List.of(), problems);
    assertEquals(1, out.size());
    Incident i = out.get(0);
    assertEquals("7", i.id());
    assertNull(i.published());
    assertEquals(List.of("Bug [3663]", "Another bug"), i.items(Section.SOFTWARE_CAUSES));
    assertEquals(List.of("Rain", "Wind"), i.items(Section.NON_SOFTWARE_CAUSES));
    assertEquals(List.of("design"), i.taxonomy().options(Category.PHASE));
    assertEquals(List.of("3663"), i.articleIds());
  }

  @Test
  void unreadableDateIsAWarningAndTheRowIsKept() throws IOException {
    List<Problem> problems = new ArrayList<>();
    List<Incident> out = read("Incident ID,Title,Published\n1,Gate,soon\n", problems);
    assertEquals(1, out.size());
    assertNull(out.get(0).published());
    assertEquals(1, problems.size());
    assertEquals(Problem.Severity.WARNING, problems.get(0).severity());
    assertEquals(2, problems.get(0).line());
  }

  @Test
  void unclosedQuoteKeepsEarlierRowsAndReportsTheLine() throws IOException {
    List<Problem> problems = new ArrayList<>();
    List<Incident> out =
        read("Incident ID,Title\n1,Gate\n2,Sensor\n3,\"Broken\nquote never closed\n", problems);
    assertEquals(List.of("1", "2"), out.stream().map(Incident::id).toList());
    assertEquals(1, problems.size());
    assertEquals(Problem.Severity.ERROR, problems.get(0).severity());
    assertEquals(4, problems.get(0).line());
  }

  @Test
  void fileWithoutIdColumnIsRejected() throws IOException {
    List<Problem> problems = new ArrayList<>();
    List<Incident> out = read("Title,Summary\nGate,Broken\n", problems);
    assertEquals(List.of(), out);
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).isError());
  }

  @Test
  void blankLinesAreNotRows() throws IOException {
    List<Problem> problems = new ArrayList<>();
    List<Incident> out = read("Incident ID,Title\n1,Gate\n\n2,Sensor\n\n", problems);
    assertEquals(List.of(), problems);
    assertEquals(2, out.size());
  }
}
