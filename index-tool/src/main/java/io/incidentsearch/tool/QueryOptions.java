package io.incidentsearch.tool;

import io.incidentsearch.model.RecordType;
import io.incidentsearch.search.SearchRequest;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * What to match, shared by {@code search}, {@code facets} and {@code export}: the query words,
 * facet filters, a published date range and the record type. Turned into a {@link SearchRequest}
 * builder; the query itself is parsed by the core.
 */
final class QueryOptions {
  /** The record types a user can ask for. */
  enum TypeChoice {
    INCIDENT,
    ARTICLE,
    ANY;

    RecordType recordType() {
      return switch (this) {
        case INCIDENT -> RecordType.INCIDENT;
        case ARTICLE -> RecordType.ARTICLE;
        case ANY -> null;
      };
    }
  }

  @Option(
      names = {"-f", "--filter"},
      paramLabel = "CATEGORY=VALUE",
      description =
          "Only records with this facet value, e.g. phase=design, domain=finance, year=2020,"
              + " iot=perception/sensor, type=article, publication=Reuters. Repeat it: values of"
              + " one category are ORed, categories are ANDed.")
  List<String> filters = new ArrayList<>();

  @Option(
      names = "--from",
      paramLabel = "DATE",
      converter = FromDate.class,
      description = "Published on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY).")
  LocalDate from;

  @Option(
      names = "--to",
      paramLabel = "DATE",
      converter = ToDate.class,
      description = "Published on or before DATE (YYYY-MM-DD, YYYY-MM or YYYY: its last day).")
  LocalDate to;

  @Option(
      names = {"-t", "--type"},
      paramLabel = "TYPE",
      defaultValue = "any",
      description = "incident, article or any (default: ${DEFAULT-VALUE}).")
  TypeChoice type;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description =
          "Refuse a search that takes longer than SECONDS (default: 5, the library's"
              + " SearchRequest.DEFAULT_TIMEOUT); it ends with exit code 2.")
  Double timeoutSeconds;

  @Option(
      names = "--strict",
      description =
          "Refuse a query that is not valid query syntax, or names an unknown field, with a"
              + " syntax error (exit code 2) that points at the mistake. Without it such a query is"
              + " searched as its words and the output says so (JSON: \"interpretedAs\").")
  boolean strict;

  @Parameters(
      arity = "0..*",
      paramLabel = "QUERY",
      description =
          "Words to look for (all documents when none). Lucene syntax: \"a phrase\", AND, OR,"
              + " NOT, -word, prefix*, fields such as title:, cause:, fix:, phase:design.")
  List<String> words = new ArrayList<>();

  /** The query string: the words joined by spaces; empty for every record. */
  String query() {
    return String.join(" ", words).strip();
  }

  /**
   * A builder holding the query, filters, dates and type.
   *
   * @throws CommandFailure (usage) for a filter without {@code =} or an empty date range
   */
  SearchRequest.Builder toBuilder() {
    SearchRequest.Builder b =
        SearchRequest.builder().query(query()).type(type.recordType()).strictSyntax(strict);
    for (String f : filters) {
      int eq = f.indexOf('=');
      if (eq <= 0 || eq == f.length() - 1) {
        throw new CommandFailure(
            ExitCodes.USAGE,
            "--filter '" + f + "' must be CATEGORY=VALUE, e.g. --filter phase=design",
            null);
      }
      b.filter(f.substring(0, eq).strip(), f.substring(eq + 1).strip());
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw new CommandFailure(
          ExitCodes.USAGE, "--from " + from + " is after --to " + to + ": nothing can match", null);
    }
    if (timeoutSeconds != null) {
      if (!(timeoutSeconds > 0) || timeoutSeconds > 3600) {
        throw new CommandFailure(
            ExitCodes.USAGE, "--timeout must be more than 0 and at most 3600 seconds", null);
      }
      b.timeout(java.time.Duration.ofMillis(Math.max(1, Math.round(timeoutSeconds * 1000))));
    }
    return b.dateRange(from, to);
  }

  /** A human description of the filters, for hints: {@code phase=design, from 2020-01-01}. */
  String describeFilters() {
    List<String> parts = new ArrayList<>(filters);
    if (from != null) {
      parts.add("from " + from);
    }
    if (to != null) {
      parts.add("to " + to);
    }
    if (type != TypeChoice.ANY) {
      parts.add("type " + type.name().toLowerCase(java.util.Locale.ROOT));
    }
    return String.join(", ", parts);
  }

  /** Reads a date, or the first day of a month or year. */
  static final class FromDate implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      return parse(value, false);
    }
  }

  /** Reads a date, or the last day of a month or year. */
  static final class ToDate implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      return parse(value, true);
    }
  }

  static LocalDate parse(String value, boolean end) {
    String v = value.strip();
    try {
      if (v.matches("\\d{4}")) {
        int year = Integer.parseInt(v);
        return end ? LocalDate.of(year, 12, 31) : LocalDate.of(year, 1, 1);
      }
      if (v.matches("\\d{4}-\\d{1,2}")) {
        YearMonth ym = YearMonth.parse(v.length() == 6 ? v.replace("-", "-0") : v);
        return end ? ym.atEndOfMonth() : ym.atDay(1);
      }
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY");
    }
  }
}
