package io.incidentsearch.formats;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    return column.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /** The header of a parsed CSV, looked up by canonical column name. */
  static final class Header {
    private final Map<String, Integer> index = new HashMap<>();

    Header(List<String> names) {
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        if (name != null) {
          index.putIfAbsent(canonical(name), i);
        }
      }
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
     * The value of the first of {@code names} that is a column of this header, stripped; empty
     * when no such column exists or the row is short.
     */
    String get(CSVRecord row, String... names) {
      for (String n : names) {
        Integer i = index.get(canonical(n));
        if (i != null) {
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
   * The date of a FAIL timestamp ({@code 2020-09-18 07:00:00+00:00}, {@code 2020-09-18}, or
   * {@code 09/18/2020}); empty when blank or unreadable.
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
}
