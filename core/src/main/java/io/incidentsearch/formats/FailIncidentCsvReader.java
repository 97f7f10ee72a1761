package io.incidentsearch.formats;

import io.incidentsearch.model.Category;
import io.incidentsearch.model.Classification;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Section;
import io.incidentsearch.model.Taxonomy;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the FAIL incident CSV export ({@code incident_data.csv}), one incident per row.
 *
 * <p>Columns are found by name, case, spaces and punctuation ignored, so exports that differ in
 * column order or naming read alike: the id is {@code Incident ID}, {@code ID} or {@code
 * incident_id}; sections are read from their FAIL column ({@link Section#csvColumn()}), their page
 * label or their JSON key ({@code Mitigations} for {@link Section#PREVENTIONS}); each category from
 * {@code <Category> Option} and {@code <Category> Rationale} (label or key, {@code Behavior}
 * accepted). A missing column means an empty value.
 *
 * <p>Section cells are split into items by {@link NumberedItems#split(String)}; option cells are
 * comma separated, each term normalised by {@link Category#normalizeOption(String)}. An empty
 * option cell whose rationale starts with labelled options ({@code Option: unknown ; <rationale>})
 * takes them from there, as a postmortem page's row does. The cited articles are the {@code Related
 * Article IDs} cell (FAIL's authoritative link) when it is present and not empty, otherwise {@link
 * Citations#extract} over the summary, sections and rationales.
 *
 * <p>A row without an id or without a title is reported (ERROR, with the CSV line where the record
 * starts) and skipped, as a postmortem page without a title is; blank rows are skipped silently. A
 * CSV syntax error (such as an unterminated quote) ends the file with an ERROR; the rows before it
 * are kept.
 */
final class FailIncidentCsvReader {
  /** Compiled once: a per-cell regex compile cost more than the rest of a row (fuzzing). */
  private static final java.util.regex.Pattern OPTION_SEPARATOR =
      java.util.regex.Pattern.compile("[,;]");

  /** The column names of each section and category, built once rather than per row. */
  private static final Map<Section, String[]> SECTION_COLUMNS = new EnumMap<>(Section.class);

  private static final Map<Category, String[]> OPTION_COLUMNS = new EnumMap<>(Category.class);
  private static final Map<Category, String[]> RATIONALE_COLUMNS = new EnumMap<>(Category.class);

  static {
    for (Section s : Section.values()) {
      SECTION_COLUMNS.put(s, sectionColumns(s));
    }
    for (Category c : Category.values()) {
      OPTION_COLUMNS.put(c, categoryColumns(c, "Option"));
      RATIONALE_COLUMNS.put(c, categoryColumns(c, "Rationale"));
    }
  }

  private static final String[] ID = {"Incident ID", "ID", "incident_id"};
  private static final String[] RELATED = {
    "Related Article IDs", "Related Articles", "Article IDs", "articleIds", "Articles"
  };
  private static final String[] PUBLISHED = {"Published", "Published Date", "Date"};
  private static final String[] TITLE = {"Title"};
  private static final String[] SUMMARY = {"Summary"};

  private FailIncidentCsvReader() {}

  /**
   * Reads every row; a bad row is reported (with its line) and skipped, the rest still read.
   *
   * @param in the CSV text (BOM already removed)
   * @param source the file, for problems and the records' source
   * @param incidents receives each incident
   * @param problems receives what is wrong
   */
  public static void read(
      Reader in, Path source, Consumer<Incident> incidents, Consumer<Problem> problems)
      throws IOException {
    FailCsv.readRows(
        in,
        source,
        "incident",
        List.of(ID),
        problems,
        header -> {},
        (header, row, line) ->
            toIncident(header, row, line, source, problems).ifPresent(incidents));
  }

  private static Optional<Incident> toIncident(
      FailCsv.Header h, CSVRecord row, int line, Path source, Consumer<Problem> problems) {
    String id = h.get(row, ID);
    if (id.isEmpty()) {
      problems.accept(
          Problem.error(
              source, line, "row has no incident id (column 'Incident ID'); row skipped"));
      return Optional.empty();
    }
    String title = h.get(row, TITLE);
    if (title.isEmpty()) {
      problems.accept(
          Problem.error(
              source, line, "incident " + id + " has no title (column 'Title'); row skipped"));
      return Optional.empty();
    }
    LocalDate published = published(h.get(row, PUBLISHED), id, line, source, problems);
    String summary = h.get(row, SUMMARY);
    StringBuilder citing = new StringBuilder(summary).append('\n');

    Map<Section, List<String>> sections = new EnumMap<>(Section.class);
    for (Section s : Section.values()) {
      String cell = h.get(row, SECTION_COLUMNS.get(s));
      citing.append(cell).append('\n');
      sections.put(s, NumberedItems.split(cell));
    }

    Map<Category, Classification> taxonomy = taxonomy(h, row, citing);

    String related = h.get(row, RELATED);
    List<String> articleIds = FailCsv.idList(related);
    if (articleIds.isEmpty()) {
      articleIds = Citations.extract(citing);
    }
    return Optional.of(
        new Incident(
            id,
            title,
            published,
            summary.isEmpty() ? null : summary,
            sections,
            new Taxonomy(taxonomy),
            articleIds,
            source));
  }

  /** The date of a Published cell; null (with a warning when not empty) when unreadable. */
  private static LocalDate published(
      String publishedCell, String id, int line, Path source, Consumer<Problem> problems) {
    LocalDate published = null;
    if (!publishedCell.isEmpty()) {
      published = FailCsv.date(publishedCell).orElse(null);
      if (published == null) {
        problems.accept(
            Problem.warning(
                source,
                line,
                "incident "
                    + id
                    + ": unreadable Published date '"
                    + publishedCell
                    + "' (expected YYYY-MM-DD); date left empty"));
      }
    }
    return published;
  }

  /** The row's classifications, every category; appends each rationale to {@code citing}. */
  private static Map<Category, Classification> taxonomy(
      FailCsv.Header h, CSVRecord row, StringBuilder citing) {
    Map<Category, Classification> taxonomy = new EnumMap<>(Category.class);
    for (Category c : Category.values()) {
      List<String> options = options(h.get(row, OPTION_COLUMNS.get(c)));
      String rationale = h.get(row, RATIONALE_COLUMNS.get(c));
      citing.append(rationale).append('\n');
      Classification labelled = options.isEmpty() ? TaxonomyRow.labelled(rationale) : null;
      taxonomy.put(c, labelled != null ? labelled : new Classification(options, rationale));
    }
    return taxonomy;
  }

  /** The terms of an option cell: {@code design, operation}, also {@code ['design']}. */
  static List<String> options(String cell) {
    String s = cell.strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    List<String> out = new ArrayList<>();
    if (s.isBlank()) {
      return out; // most option cells of a sparse export: nothing to split
    }
    for (String part : OPTION_SEPARATOR.split(s)) {
      String term = Category.normalizeOption(part.replace("'", "").replace("\"", ""));
      if (!term.isEmpty()) {
        out.add(term);
      }
    }
    return out;
  }

  private static String[] sectionColumns(Section s) {
    if (s == Section.PREVENTIONS) {
      return new String[] {s.csvColumn(), s.label(), s.key(), "Mitigations"};
    }
    return new String[] {s.csvColumn(), s.label(), s.key()};
  }

  private static String[] categoryColumns(Category c, String suffix) {
    if (c == Category.BEHAVIOUR) {
      return new String[] {c.label() + " " + suffix, "Behavior " + suffix};
    }
    return new String[] {c.label() + " " + suffix, c.key() + " " + suffix};
  }
}
