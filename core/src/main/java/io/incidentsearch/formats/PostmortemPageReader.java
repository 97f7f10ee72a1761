package io.incidentsearch.formats;

import io.incidentsearch.model.Category;
import io.incidentsearch.model.Classification;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Section;
import io.incidentsearch.model.Taxonomy;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a FAIL postmortem page (the layout of FAIL's incident pages, one incident per file).
 *
 * <p>The page: {@code Incident: <title>}, {@code Published Date: YYYY-MM-DD}, an optional {@code
 * Summary <text>} line, {@code Postmortem Analysis}, one line per section ({@link Section#label()}
 * then the text, {@code Mitigations} accepted for {@link Section#PREVENTIONS}; an empty section is
 * its bare label), then the taxonomy blocks ({@code Software Taxonomy of Faults}, {@code IoT System
 * Layer}, {@code Other Details}, each with a {@code Category|Layer Option Rationale} header) and
 * the trailer ({@code Sources}, {@code Back to List}), which is not content. Lines are recognised
 * by their label, not by position: labels are case-insensitive, may be followed by {@code :},
 * separated from the text by any spaces (NBSP, tabs), and sections or rows may come in any order. A
 * line that has no label inside the postmortem block continues the previous section (pages wrapped
 * by hand). Section text is split into items by {@link NumberedItems#split(String)}; text is
 * otherwise kept exactly (emoji, zero-width joiners).
 *
 * <p>A taxonomy row is {@code <label> [<hint>] <options> <rationale>}: the label names a {@link
 * Category} ({@link Category#byLabel(String)}), the optional hint is a parenthesised group with a
 * {@code /} such as {@code (Design/Operation)} (a group without one, like {@code (a)}, starts the
 * rationale). Then, from the left:
 *
 * <ol>
 *   <li>An option term is an older multi-word term of {@link Category#LEGACY_MULTI_WORD_TERMS}
 *       (longest first), or a single lower-case token of {@code [a-z0-9_/-]} holding a letter;
 *       either must end at a space, a comma or the row's end. Terms are case-sensitive: pages print
 *       options in lower case, and a rationale often starts with a capitalised word that is also an
 *       option ({@code Software}, {@code Unknown}).
 *   <li>A term in the vocabulary ({@link Category#allKnownOptions()}, the older terms of {@link
 *       Category#LEGACY_MULTI_WORD_TERMS} and {@link Category#LEGACY_TERMS}: {@code both}, {@code
 *       neither}, {@code deliberate}, {@code multiple}, and {@code true}/{@code false}, which older
 *       exports use for the IoT layers) is an option wherever it stands: {@code Behaviour timing
 *       timing [10012]} has option {@code timing} and rationale {@code timing [10012]}, {@code
 *       Phase neither neither [124780]} has option {@code neither}.
 *   <li>A term unknown to the vocabulary is an option only when the row ends after it, or the next
 *       text starts like a rationale (an upper-case letter, a digit, {@code (}, {@code [}, {@code
 *       <} or a quote), or a comma and another acceptable term follow. So {@code Duration the
 *       failure was…} is all rationale, while {@code Perception lidar (a)…} keeps the unknown
 *       option {@code lidar}.
 *   <li>Terms continue while {@code ,} and another acceptable term follow; the rest of the row is
 *       the rationale. Options are normalised with {@link Category#normalizeOption(String)}.
 *   <li>Options may be labelled, as some generated rows are: {@code Option: unknown ; <rationale>}
 *       (the label and the {@code ;} after the options are dropped).
 * </ol>
 *
 * <p>Either part may be absent: a bare label is an empty classification. A row whose label is no
 * category is reported (WARNING) and left out. The page shows no CPS row, so {@link Category#CPS}
 * stays empty unless a page has one. Cited article ids are {@link Citations#extract} over the
 * summary, sections and rationales in page order.
 *
 * <p>A page without an {@code Incident:} title line is rejected (ERROR); a missing or unreadable
 * published date gives a null date and a WARNING. Problems carry 1-based page line numbers.
 */
final class PostmortemPageReader {
  private static final String SP = "[\\s\\p{Z}]";

  private static final Pattern TITLE = labelPattern("Incident", true);
  private static final Pattern DATE = labelPattern("Published Date", false);
  private static final Pattern DATE_SHORT = labelPattern("Published", true);
  private static final Pattern SUMMARY = labelPattern("Summary", false);
  private static final Map<Pattern, Section> SECTIONS = sectionPatterns();
  private static final Pattern ROW_LABEL =
      Pattern.compile(
          "^(\\p{L}[\\p{L}-]*)"
              + "(?:"
              + SP
              + "*\\([^()0-9]*/[^()0-9]*\\))?"
              + SP
              + "*:?"
              + SP
              + "*");
  private static final Pattern SPACES = Pattern.compile(SP + "+");

  private PostmortemPageReader() {}

  /** More characters other than spaces than any heading below has (the longest has 24). */
  private static final int HEADING_LIMIT = 32;

  /**
   * False when {@code line} cannot be a heading: it has more characters other than spaces ({@link
   * #SP}) than any heading. Collapsing spaces and lower-casing never remove such characters.
   */
  private static boolean mayBeHeading(String line) {
    int others = 0;
    for (int i = 0; i < line.length(); i++) {
      if (!isSpace(line.charAt(i)) && ++others > HEADING_LIMIT) {
        return false;
      }
    }
    return true;
  }

  /** The headings, lower case, words separated by one space. */
  private static final List<String> HEADINGS =
      List.of(
          "postmortem analysis",
          "software taxonomy of faults",
          "iot system layer",
          "other details",
          "category option rationale",
          "layer option rationale",
          "sources",
          "back to list");

  /**
   * The heading {@code line} is (any case, any runs of spaces between the words), or the empty
   * string. Compared in place: making a lower-cased copy of every short line cost more than the
   * rest of reading it.
   */
  private static String heading(String line) {
    for (String h : HEADINGS) {
      if (isHeading(line, h)) {
        return h;
      }
    }
    return "";
  }

  private static boolean isHeading(String line, String heading) {
    int j = 0;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (isSpace(c)) {
        while (i < line.length() && isSpace(line.charAt(i))) {
          i++;
        }
        if (j >= heading.length() || heading.charAt(j) != ' ') {
          return false;
        }
        j++;
        continue;
      }
      if (j >= heading.length()) {
        return false;
      }
      // As String.toLowerCase(Locale.ROOT) compares: U+0130 lower-cases to two chars there.
      if (c == '\u0130' || Character.toLowerCase(c) != heading.charAt(j)) {
        return false;
      }
      i++;
      j++;
    }
    return j == heading.length();
  }

  /** Whether {@code c} is in {@link #SP}: {@code \s} (ASCII) or a Unicode separator. */
  private static boolean isSpace(char c) {
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.SPACE_SEPARATOR
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  /** Where the reader is on the page; decides what an unlabelled line means. */
  private enum Block {
    PREAMBLE,
    POSTMORTEM,
    TAXONOMY,
    TRAILER
  }

  /**
   * Parses one postmortem page.
   *
   * @param text the page, decoded, line ends normalised to {@code \n}, no BOM
   * @param id the incident id (the file stem)
   * @param source the file, for problems and the record's source
   * @param problems receives what is wrong, with 1-based line numbers
   * @return the incident, or empty when the page was rejected (an error was reported)
   */
  public static Optional<Incident> read(
      String text, String id, Path source, Consumer<Problem> problems) {
    String[] lines = (text == null ? "" : text).split("\n", -1);
    Page page = new Page(source, problems);
    for (int i = 0; i < lines.length; i++) {
      page.line(i + 1, lines[i]);
    }
    return page.finish(id);
  }

  /** What has been read of one page so far: the reader's state from line to line. */
  private static final class Page {
    private final Path source;
    private final Consumer<Problem> problems;
    private String title;
    private int titleLine;
    private LocalDate published;
    private boolean dateSeen;
    private StringBuilder summary;
    private final Map<Section, StringBuilder> sections = new EnumMap<>(Section.class);
    private final Map<Category, Classification> taxonomy = new EnumMap<>(Category.class);
    // Texts in page order, for citation order (builders may still grow by continuation lines).
    private final List<Object> citing = new ArrayList<>();
    private StringBuilder continued;
    private Block block = Block.PREAMBLE;
    private int firstContentLine;
    // One matcher per pattern for the whole page, reset for each line: a page of many short
    // lines otherwise allocated some sixteen matchers per line.
    private final Matcher titleLabel = TITLE.matcher("");
    private final Matcher date = DATE.matcher("");
    private final Matcher dateShort = DATE_SHORT.matcher("");
    private final Matcher summaryLabel = SUMMARY.matcher("");
    private final Matcher rowLabel = ROW_LABEL.matcher("");
    private final Map<Matcher, Section> sectionLabels = new LinkedHashMap<>();

    Page(Path source, Consumer<Problem> problems) {
      this.source = source;
      this.problems = problems;
      SECTIONS.forEach((pattern, section) -> sectionLabels.put(pattern.matcher(""), section));
    }

    /** Reads line {@code lineNo} of the page, as it is in the text. */
    void line(int lineNo, String raw) {
      // A stray \r left by a CRLF file is just a space.
      String line = TaxonomyRow.trim(raw.replace('\r', ' '));
      if (line.isEmpty()) {
        continued = null;
        return;
      }
      if (firstContentLine == 0) {
        firstContentLine = lineNo;
      }
      if (block == Block.TRAILER) {
        return;
      }
      if (heading(line)
          || title(lineNo, line)
          || date(lineNo, line)
          || summary(lineNo, line)
          || section(lineNo, line)
          || taxonomyRow(lineNo, line)) {
        return;
      }
      if (continued != null && block != Block.TAXONOMY) {
        // A wrapped section or summary: the line continues it.
        continued.append(' ').append(line);
        return;
      }
      unrecognised(lineNo, line);
    }

    /** Whether {@code line} is a heading; if so, moves to the block it starts. */
    private boolean heading(String line) {
      // Headings are short: long paragraph lines are not collapsed to be compared, which would
      // cost more than the rest of their parse.
      String heading = mayBeHeading(line) ? PostmortemPageReader.heading(line) : "";
      switch (heading) {
        case "postmortem analysis" -> {
          block = Block.POSTMORTEM;
          continued = null;
          return true;
        }
        case "software taxonomy of faults",
            "iot system layer",
            "other details",
            "category option rationale",
            "layer option rationale" -> {
          block = Block.TAXONOMY;
          continued = null;
          return true;
        }
        case "sources", "back to list" -> {
          // Navigation before the content (a saved web page) is skipped, not the end.
          if (block != Block.PREAMBLE) {
            block = Block.TRAILER;
          }
          return true;
        }
        default -> {
          return false; // content line
        }
      }
    }

    /** Whether {@code line} is an {@code Incident:} title line; if so, takes the first one. */
    private boolean title(int lineNo, String line) {
      Matcher m = titleLabel.reset(line);
      if (!m.lookingAt()) {
        return false;
      }
      if (title == null) {
        title = line.substring(m.end());
        titleLine = lineNo;
      } else {
        problems.accept(
            Problem.warning(
                source,
                lineNo,
                "second 'Incident:' title line ignored (first at line " + titleLine + ")"));
      }
      continued = null;
      return true;
    }

    /** Whether {@code line} is a published date line; if so, takes the first readable date. */
    private boolean date(int lineNo, String line) {
      Matcher m = date.reset(line);
      if (!m.lookingAt()) {
        m = dateShort.reset(line);
      }
      if (!m.lookingAt()) {
        return false;
      }
      String value = line.substring(m.end());
      Optional<LocalDate> d = FailCsv.date(value);
      if (d.isPresent() && !dateSeen) {
        published = d.get();
      } else if (d.isEmpty()) {
        problems.accept(
            Problem.warning(
                source,
                lineNo,
                "unreadable published date '"
                    + value
                    + "' (expected YYYY-MM-DD); date left empty"));
      }
      dateSeen = true;
      continued = null;
      return true;
    }

    /** Whether {@code line} is a Summary line; if so, the first one starts the summary. */
    private boolean summary(int lineNo, String line) {
      Matcher m = summaryLabel.reset(line);
      if (!m.lookingAt()) {
        return false;
      }
      if (summary == null) {
        summary = new StringBuilder(line.substring(m.end()));
        citing.add(summary);
        continued = summary;
      } else {
        problems.accept(Problem.warning(source, lineNo, "second Summary line ignored"));
        continued = null;
      }
      return true;
    }

    /** Whether {@code line} starts a section; if so, the first one of its section is kept. */
    private boolean section(int lineNo, String line) {
      Section section = null;
      Matcher m = null;
      for (Map.Entry<Matcher, Section> e : sectionLabels.entrySet()) {
        m = e.getKey().reset(line);
        if (m.lookingAt()) {
          section = e.getValue();
          break;
        }
      }
      if (section == null) {
        return false;
      }
      if (block == Block.PREAMBLE) {
        block = Block.POSTMORTEM;
      }
      if (sections.containsKey(section)) {
        problems.accept(
            Problem.warning(
                source,
                lineNo,
                "section '" + section.label() + "' appears twice; the second one is ignored"));
        continued = null;
      } else {
        StringBuilder sb = new StringBuilder(line.substring(m.end()));
        sections.put(section, sb);
        citing.add(sb);
        continued = sb;
      }
      return true;
    }

    /** Whether {@code line} is a row of a known category; if so, the first one is kept. */
    private boolean taxonomyRow(int lineNo, String line) {
      Matcher row = rowLabel.reset(line);
      Optional<Category> category =
          row.lookingAt() ? Category.byLabel(row.group(1)) : Optional.empty();
      if (category.isEmpty()) {
        return false;
      }
      continued = null;
      if (taxonomy.containsKey(category.get())) {
        problems.accept(
            Problem.warning(
                source,
                lineNo,
                "taxonomy category '"
                    + category.get().label()
                    + "' appears twice; the second row is ignored"));
        return true;
      }
      Classification c = TaxonomyRow.parse(line.substring(row.end()));
      taxonomy.put(category.get(), c);
      citing.add(c.rationale());
      return true;
    }

    /** Reports a line that is none of the others and continues nothing. */
    private void unrecognised(int lineNo, String unread) {
      if (block == Block.TAXONOMY) {
        ProblemCap.warning(
            problems,
            source,
            lineNo,
            () ->
                "unknown taxonomy category in '"
                    + abbreviate(unread)
                    + "'; row ignored (known labels: Recurring, Phase, Boundary, Nature,"
                    + " Dimension, Objective, Intent, Capability, Duration, Behaviour,"
                    + " Perception, Communication, Application, Consequence, Domain, CPS;"
                    + " correct the label to keep the row)");
      } else {
        ProblemCap.warning(
            problems,
            source,
            lineNo,
            () -> "unrecognised line '" + abbreviate(unread) + "' ignored (no section label)");
      }
    }

    /** The end checks after the last line, then the incident; empty when the page is rejected. */
    Optional<Incident> finish(String id) {
      if (title == null || title.isEmpty()) {
        int at = title == null ? Math.max(firstContentLine, 1) : titleLine;
        problems.accept(
            Problem.error(
                source,
                at,
                title == null
                    ? "not a postmortem page: no 'Incident: <title>' line; page skipped"
                    : "empty 'Incident:' title; page skipped"));
        return Optional.empty();
      }
      if (!dateSeen) {
        problems.accept(
            Problem.warning(
                source,
                titleLine,
                "no 'Published Date: YYYY-MM-DD' line after the title; date left empty"));
      }
      return Optional.of(incident(id));
    }

    private Incident incident(String id) {
      Map<Section, List<String>> items = new EnumMap<>(Section.class);
      sections.forEach((s, sb) -> items.put(s, NumberedItems.split(sb.toString())));
      StringBuilder all = new StringBuilder();
      for (Object o : citing) {
        all.append(o).append('\n');
      }
      String summaryText = summary == null ? null : TaxonomyRow.trim(summary.toString());
      if (summaryText != null && summaryText.isEmpty()) {
        summaryText = null;
      }
      return new Incident(
          id,
          title,
          published,
          summaryText,
          items,
          new Taxonomy(taxonomy),
          Citations.extract(all),
          source);
    }
  }

  private static String abbreviate(String line) {
    return line.length() <= 80 ? line : line.substring(0, 77) + "...";
  }

  /**
   * A case-insensitive pattern for a line label (words separated by any spaces), followed by {@code
   * :} (required when {@code colon}) or a space or the line end; matches the label with its
   * separator.
   */
  private static Pattern labelPattern(String label, boolean colon) {
    List<String> quoted = new ArrayList<>();
    for (String w : label.split(" ")) {
      quoted.add(Pattern.quote(w));
    }
    String words = String.join(SP + "+", quoted);
    String tail = colon ? SP + "*:" + SP + "*" : "(?:" + SP + "*:" + SP + "*|" + SP + "+|$)";
    return Pattern.compile("^" + words + tail, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  private static Map<Pattern, Section> sectionPatterns() {
    Map<Pattern, Section> m = new LinkedHashMap<>();
    for (Section s : Section.values()) {
      m.put(labelPattern(s.label(), false), s);
    }
    m.put(labelPattern("Mitigations", false), Section.PREVENTIONS);
    return m;
  }
}
