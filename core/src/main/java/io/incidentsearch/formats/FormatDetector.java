package io.incidentsearch.formats;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Tells an archive file's {@link Format} from the start of its content, never from its name.
 *
 * <ul>
 *   <li>first non-blank character <code>{</code>: {@link Format#JSON_LINES};
 *   <li>a first line that is a CSV header with a {@code Headline} or {@code Body} column and an
 *       {@code Article ID} column, or an {@code ID} column and no {@code Incident ID} column
 *       (FAIL's article tables, whose rows also carry incident-like columns such as {@code Title}
 *       and {@code ... Option}): {@link Format#FAIL_ARTICLE_CSV};
 *   <li>a first line that is a CSV header with an {@code Incident ID} (or {@code ID}) column and a
 *       {@code Title}, {@code Related Article IDs} or {@code ... Option} column: {@link
 *       Format#FAIL_INCIDENT_CSV};
 *   <li>first non-blank line starting {@code Incident:}: {@link Format#POSTMORTEM_PAGE};
 *   <li>any other text: {@link Format#ARTICLE_PAGE}.
 * </ul>
 *
 * Header names are compared ignoring case, spaces and punctuation ({@code incident_id} = {@code
 * Incident ID}). Binary content is recognised by {@link #looksBinary(byte[], int)}. Stateless and
 * thread-safe.
 */
final class FormatDetector {
  /** How many leading bytes {@link #looksBinary} and the scanner look at. */
  public static final int SNIFF_BYTES = 8192;

  private FormatDetector() {}

  /**
   * The format of a text, judged from its start.
   *
   * @param head the start of the decoded text (a few KiB is enough; a BOM is ignored)
   * @return the format, or empty when the text is empty or only whitespace
   */
  public static Optional<Format> detect(CharSequence head) {
    String text = head.toString();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    String firstLine = firstNonBlankLine(text);
    if (firstLine == null) {
      return Optional.empty();
    }
    String stripped = firstLine.strip();
    if (stripped.startsWith("{")) {
      return Optional.of(Format.JSON_LINES);
    }
    Optional<Format> csv = csvFormat(stripped);
    if (csv.isPresent()) {
      return csv;
    }
    if (stripped.startsWith("Incident:")) {
      return Optional.of(Format.POSTMORTEM_PAGE);
    }
    return Optional.of(Format.ARTICLE_PAGE);
  }

  /**
   * Whether bytes look like a binary file rather than text: a NUL byte, or more than one in ten
   * bytes a control character other than tab, line feed, form feed and carriage return.
   *
   * @param head the first bytes of the file
   * @param length how many of them are valid
   */
  public static boolean looksBinary(byte[] head, int length) {
    int control = 0;
    for (int i = 0; i < length; i++) {
      int b = head[i] & 0xff;
      if (b == 0) {
        return true;
      }
      if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') || b == 0x7f) {
        control++;
      }
    }
    return length > 0 && control * 10 > length;
  }

  /** The CSV export a header line announces, if it is one. */
  static Optional<Format> csvFormat(String headerLine) {
    List<String> cells = splitCsvLine(headerLine);
    if (cells.size() < 2) {
      return Optional.empty();
    }
    Set<String> columns = new HashSet<>();
    boolean hasOption = false;
    for (String cell : cells) {
      String c = FailCsv.canonical(cell);
      columns.add(c);
      hasOption |= c.endsWith("option") && c.length() > "option".length();
    }
    // An article's own text columns make a row an article, even beside incident-like columns
    // (FAIL's evaluation article tables: ID, URL, ..., Body, ..., Headline, Title, ... Option).
    boolean articleText = columns.contains("headline") || columns.contains("body");
    if (articleText
        && (columns.contains("articleid")
            || (columns.contains("id") && !columns.contains("incidentid")))) {
      return Optional.of(Format.FAIL_ARTICLE_CSV);
    }
    if ((columns.contains("incidentid") || columns.contains("id"))
        && (columns.contains("title") || columns.contains("relatedarticleids") || hasOption)) {
      return Optional.of(Format.FAIL_INCIDENT_CSV);
    }
    return Optional.empty();
  }

  /** The cells of one CSV line (quotes honoured; a line break inside quotes is not expected). */
  private static List<String> splitCsvLine(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }

  private static String firstNonBlankLine(String text) {
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      String line = text.substring(start, end);
      if (!line.isBlank()) {
        return line;
      }
      start = end + 1;
    }
    return null;
  }
}
