package io.incidentsearch.formats;

import io.incidentsearch.model.Category;
import io.incidentsearch.model.Section;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * What the FAIL CSV readers share: a tolerant header (columns looked up by any of their known
 * names, case and spacing ignored), list cells such as {@code [104834, 3740]}, and FAIL's
 * timestamps.
 */
final class FailCsv {
  private static final Pattern ID_IN_LIST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]*");
  private static final Pattern LEADING_DATE = Pattern.compile("^(\\d{4})-(\\d{1,2})-(\\d{1,2})");
  private static final Pattern US_DATE = Pattern.compile("^(\\d{1,2})/(\\d{1,2})/(\\d{4})");

  private FailCsv() {}

  /** A parser over RFC 4180 CSV with a header row; multi-line quoted cells allowed. */
  static CSVParser parser(Reader in) throws IOException {
    return CSVFormat.RFC4180
        .builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .setAllowMissingColumnNames(true)
        .setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL)
        .setIgnoreSurroundingSpaces(false)
        .get()
        .parse(in);
  }

  /** Column names reduced to letters and digits in lower case: "Incident ID" = "incident_id". */
  static String canonical(String column) {
    // A loop, not replaceAll: this runs for every cell looked up, and a regex compiled per call
    // costs more garbage than a short row itself.
    String lower = column.toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Every column name the FAIL readers know, canonical: what a glued header name may end with. */
  private static final Set<String> KNOWN_COLUMNS = knownColumns();

  private static Set<String> knownColumns() {
    Set<String> names = new HashSet<>();
    for (Section s : Section.values()) {
      names.add(canonical(s.csvColumn()));
      names.add(canonical(s.label()));
      names.add(canonical(s.key()));
    }
    for (Category c : Category.values()) {
      for (String suffix : List.of("Option", "Rationale")) {
        names.add(canonical(c.label() + suffix));
        names.add(canonical(c.key() + suffix));
      }
    }
    for (String n :
        List.of(
            "Mitigations",
            "Behavior Option",
            "Behavior Rationale",
            "Incident ID",
            "ID",
            "Article ID",
            "Related Article IDs",
            "Related Articles",
            "Article IDs",
            "Related Incident IDs",
            "Published",
            "Published Date",
            "Date",
            "Title",
            "Summary",
            "Article Summary",
            "Headline",
            "Body",
            "Text",
            "URL",
            "Link",
            "Source")) {
      names.add(canonical(n));
    }
    return Set.copyOf(names);
  }

  /** The header of a parsed CSV, looked up by canonical column name. */
  static final class Header {
    private final Map<String, Integer> index = new HashMap<>();

    /** Column positions by the names the readers ask for (a few constants), or -1. */
    private final Map<String, Integer> asked = new HashMap<>();

    /** The canonical names in column order (null for a column without a name). */
    private List<String> names;

    /** Whether a row wider than the header was met (it is looked at once). */
    private boolean widthChecked;

    Header(List<String> names) {
      List<String> canonical = new ArrayList<>(names.size());
      for (String name : names) {
        canonical.add(name == null ? null : canonical(name));
      }
      index(canonical);
    }

    private void index(List<String> canonicalNames) {
      names = canonicalNames;
      index.clear();
      asked.clear();
      for (int i = 0; i < names.size(); i++) {
        if (names.get(i) != null) {
          index.putIfAbsent(names.get(i), i);
        }
      }
    }

    /**
     * Fits the header to the first row wider than it. Some FAIL exports lost the comma between a
     * group label and the next column ({@code POSTMORTEM FIELDSPublished}, {@code
     * FixesResponsibleOrg}), so every cell after it sits one column to the right of its name. When
     * exactly as many names as cells are missing are unknown names ending in a known one, each is
     * split in two and the cells line up again; otherwise the header is kept.
     *
     * @return a warning for the user when the row is wider and the header could not be repaired
     */
    Optional<String> fit(int width) {
      if (width <= names.size() || widthChecked) {
        return Optional.empty();
      }
      widthChecked = true;
      List<String> repaired = new ArrayList<>(width);
      int splits = 0;
      for (String name : names) {
        String known = name == null || KNOWN_COLUMNS.contains(name) ? null : knownSuffix(name);
        if (known != null) {
          repaired.add(name.substring(0, name.length() - known.length()));
          repaired.add(known);
          splits++;
        } else {
          repaired.add(name);
        }
      }
      if (splits == width - names.size()) {
        index(repaired);
        return Optional.empty();
      }
      return Optional.of(
          "the row has "
              + width
              + " cells but the header names "
              + names.size()
              + " columns; cells past the header are ignored and the columns may be misread"
              + " (is a comma missing from the header?)");
    }

    /**
     * The longest known column name {@code name} ends with, shorter than it, or null. Compared in
     * place: a header cell can be long, and cutting every suffix of it allocated its length
     * squared.
     */
    private static String knownSuffix(String name) {
      String longest = null;
      for (String known : KNOWN_COLUMNS) {
        if (known.length() < name.length()
            && name.endsWith(known)
            && (longest == null || known.length() > longest.length())) {
          longest = known;
        }
      }
      return longest;
    }

    /** Whether any of {@code names} is a column. */
    boolean has(String... names) {
      for (String n : names) {
        if (index.containsKey(canonical(n))) {
          return true;
        }
      }
      return false;
    }

    /**
     * The value of the first of {@code names} that is a column of this header, stripped; empty when
     * no such column exists or the row is short.
     */
    String get(CSVRecord row, String... names) {
      for (String n : names) {
        int i = asked.computeIfAbsent(n, k -> index.getOrDefault(canonical(k), -1));
        if (i >= 0) {
          return i < row.size() ? row.get(i).strip() : "";
        }
      }
      return "";
    }
  }

  /** The ids of a list cell: {@code [104834, 3740]}, {@code 104834;3740}, or a bare id. */
  static List<String> idList(String cell) {
    List<String> ids = new ArrayList<>();
    Matcher m = ID_IN_LIST.matcher(cell.replace("'", " ").replace("\"", " "));
    while (m.find()) {
      String id = m.group();
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  /**
   * The date of a FAIL timestamp ({@code 2020-09-18 07:00:00+00:00}, {@code 2020-09-18}, or {@code
   * 09/18/2020}); empty when blank or unreadable.
   */
  static Optional<LocalDate> date(String cell) {
    String s = cell.strip();
    try {
      Matcher iso = LEADING_DATE.matcher(s);
      if (iso.find()) {
        return Optional.of(
            LocalDate.of(
                Integer.parseInt(iso.group(1)),
                Integer.parseInt(iso.group(2)),
                Integer.parseInt(iso.group(3))));
      }
      Matcher us = US_DATE.matcher(s);
      if (us.find()) {
        return Optional.of(
            LocalDate.of(
                Integer.parseInt(us.group(3)),
                Integer.parseInt(us.group(1)),
                Integer.parseInt(us.group(2))));
      }
    } catch (java.time.DateTimeException | NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** What a reader does with one data row; {@code line} is where the row starts (1-based). */
  @FunctionalInterface
  interface RowHandler {
    void row(Header header, CSVRecord row, int line);
  }

  /**
   * The row loop both FAIL readers share: reads the header, rejects a file without an id column,
   * runs {@code headerChecks} (for warnings about other missing columns), then hands each non-blank
   * row to {@code handler} with the line where it starts. A CSV syntax error (an unclosed quote) is
   * reported at the record where it starts and ends the file; the rows before it are kept.
   *
   * @param kind {@code incident} or {@code article}, for messages
   * @param idColumns the accepted names of the id column
   */
  static void readRows(
      Reader in,
      Path source,
      String kind,
      List<String> idColumns,
      Consumer<Problem> problems,
      Consumer<Header> headerChecks,
      RowHandler handler)
      throws IOException {
    CSVParser parser;
    try {
      parser = parser(in);
    } catch (IllegalArgumentException | UncheckedIOException | CSVException e) {
      // CSVException: a syntax error in the header (e.g. a stray quote), found by the fuzzer.
      problems.accept(Problem.error(source, 1, "cannot read the CSV header: " + rootMessage(e)));
      return;
    }
    try (parser) {
      Header header = new Header(parser.getHeaderNames());
      if (!header.has(idColumns.toArray(String[]::new))) {
        problems.accept(
            Problem.error(
                source,
                1,
                "no "
                    + kind
                    + " id column (expected one of "
                    + String.join(", ", idColumns.stream().map(c -> "'" + c + "'").toList())
                    + "); not a FAIL "
                    + kind
                    + " export, file skipped"));
        return;
      }
      headerChecks.accept(header);
      Iterator<CSVRecord> rows = parser.iterator();
      long previousEnd = parser.getCurrentLineNumber();
      while (true) {
        long start = previousEnd + 1;
        CSVRecord row;
        try {
          // next() without hasNext(): hasNext() reads ahead and moves the line counter.
          row = rows.next();
        } catch (NoSuchElementException e) {
          return;
        } catch (UncheckedIOException | IllegalStateException e) {
          problems.accept(
              Problem.error(
                  source,
                  (int) Math.min(Integer.MAX_VALUE, start),
                  "CSV syntax error in the record starting here ("
                      + rootMessage(e)
                      + "); the rest of the file is skipped. Check for an unclosed quote."));
          return;
        }
        previousEnd = parser.getCurrentLineNumber();
        if (row.stream().allMatch(v -> v == null || v.isBlank())) {
          continue;
        }
        int line = (int) Math.min(Integer.MAX_VALUE, start);
        header.fit(row.size()).ifPresent(m -> problems.accept(Problem.warning(source, line, m)));
        handler.row(header, row, line);
      }
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }
}
