package io.incidentsearch.engine;

import static io.incidentsearch.engine.QueryErrors.abbreviate;
import static io.incidentsearch.engine.QueryFields.DATE_FIELD;

import io.incidentsearch.search.QuerySyntaxException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.apache.lucene.document.LongField;
import org.apache.lucene.search.Query;

/**
 * The {@code published:} field of the query language: a day ({@code 2020-02-03}), a month ({@code
 * 2020-02}) or a year ({@code 2020}) stands for all its days, and a range of these ({@code [2019 TO
 * 2020-06]}, {@code {2019 TO 2021}}, {@code *} for an open end) for the days between, searched as a
 * range of epoch days.
 */
final class PublishedDates {
  private PublishedDates() {}

  /** The records published on the day, month or year {@code text} of {@code query}. */
  static Query within(String text, String query) {
    LocalDate[] p = period(text, query);
    return LongField.newRangeQuery(DATE_FIELD, p[0].toEpochDay(), p[1].toEpochDay());
  }

  /**
   * The records published between {@code from} and {@code to} (days, months or years; null or
   * {@code *} for an open end); an exclusive end excludes its whole period.
   */
  static Query between(
      String from, String to, boolean fromInclusive, boolean toInclusive, String query) {
    long lo = Long.MIN_VALUE;
    long hi = Long.MAX_VALUE;
    if (from != null && !from.equals("*")) {
      LocalDate[] p = period(from, query);
      lo = fromInclusive ? p[0].toEpochDay() : p[1].toEpochDay() + 1;
    }
    if (to != null && !to.equals("*")) {
      LocalDate[] p = period(to, query);
      hi = toInclusive ? p[1].toEpochDay() : p[0].toEpochDay() - 1;
    }
    return LongField.newRangeQuery(DATE_FIELD, lo, hi);
  }

  /** The refusal of a prefix, wildcard, fuzzy term or regular expression on the date field. */
  static QuerySyntaxException notATerm(String text, String query) {
    return new QuerySyntaxException(
        "'"
            + DATE_FIELD
            + ":"
            + text
            + "' in query '"
            + abbreviate(query)
            + "': dates take a day"
            + " (2020-02-03), a month (2020-02), a year (2020) or a range such as ["
            + "2019-01-01 TO 2020-12-31], not wildcards or fuzzy terms.",
        query,
        -1,
        text);
  }

  /** The first and last day of a day, month or year written in a query. */
  private static LocalDate[] period(String text, String query) {
    String t = text.strip();
    try {
      if (t.matches("\\d{4}")) {
        int year = Integer.parseInt(t);
        return new LocalDate[] {LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)};
      }
      if (t.matches("\\d{4}-\\d{2}")) {
        YearMonth ym = YearMonth.parse(t);
        return new LocalDate[] {ym.atDay(1), ym.atEndOfMonth()};
      }
      LocalDate day = LocalDate.parse(t);
      return new LocalDate[] {day, day};
    } catch (DateTimeParseException e) {
      throw new QuerySyntaxException(
          "Cannot read date '"
              + text
              + "' in query '"
              + abbreviate(query)
              + "': write a day (2020-02-03),"
              + " a month (2020-02) or a year (2020); ranges read [2019-01-01 TO 2020-12-31],"
              + " with * for an open end.",
          query,
          QueryErrors.columnOf(query, text),
          text);
    }
  }
}
