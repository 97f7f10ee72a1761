package io.incidentsearch.tool.generate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Python 3.11's {@code csv} module with the default dialect, as the generator uses it: {@code
 * csv.DictReader} over a file opened with {@code newline=""}, and {@code csv.writer(...,
 * lineterminator="\n")}. Both are ports of {@code _csv.c} rather than a general CSV library, whose
 * lenient corners (text after a closing quote, a lone CR, blank lines, short rows) differ.
 */
final class PyCsv {
  private PyCsv() {}

  /** The reader's states ({@code _csv.c}; no escape character in the default dialect). */
  private enum State {
    START_RECORD,
    START_FIELD,
    IN_FIELD,
    IN_QUOTED_FIELD,
    QUOTE_IN_QUOTED_FIELD,
    EAT_CRNL
  }

  /** {@code list(csv.reader(f))}: records, blank lines as empty lists. */
  static List<List<String>> read(String text) {
    List<List<String>> records = new ArrayList<>();
    Reader r = new Reader(records);
    int n = text.length();
    int i = 0;
    // The file object yields lines split at \n, \r or \r\n (kept); the reader sees an end-of-line
    // mark after each line, which inside a quoted field means nothing.
    while (i < n) {
      char c = text.charAt(i++);
      r.process(c);
      if (c == '\n' || (c == '\r' && (i >= n || text.charAt(i) != '\n')) || i >= n) {
        r.endOfLine();
      }
    }
    r.endOfInput();
    return records;
  }

  /**
   * {@code list(csv.DictReader(f))}: the first record names the columns; blank records are skipped;
   * a missing cell is absent from the map (Python's None, read as "" by the generator); a later
   * column of the same name wins.
   */
  static List<Map<String, String>> readDicts(String text) {
    List<List<String>> records = read(text);
    List<Map<String, String>> rows = new ArrayList<>();
    if (records.isEmpty()) {
      return rows;
    }
    List<String> header = records.get(0);
    for (List<String> record : records.subList(1, records.size())) {
      if (record.isEmpty()) {
        continue;
      }
      Map<String, String> row = new HashMap<>();
      for (int c = 0; c < Math.min(header.size(), record.size()); c++) {
        row.put(header.get(c), record.get(c));
      }
      rows.add(row);
    }
    return rows;
  }

  private static final class Reader {
    private final List<List<String>> records;
    private List<String> fields = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private State state = State.START_RECORD;

    Reader(List<List<String>> records) {
      this.records = records;
    }

    private void save() {
      fields.add(field.toString());
      field.setLength(0);
    }

    private void emit() {
      records.add(fields);
      fields = new ArrayList<>();
    }

    void process(char c) {
      switch (state) {
        case START_RECORD:
          if (c == '\n' || c == '\r') {
            state = State.EAT_CRNL;
            return;
          }
          state = State.START_FIELD;
          startField(c);
          return;
        case START_FIELD:
          startField(c);
          return;
        case IN_FIELD:
          if (c == '\n' || c == '\r') {
            save();
            state = State.EAT_CRNL;
          } else if (c == ',') {
            save();
            state = State.START_FIELD;
          } else {
            field.append(c);
          }
          return;
        case IN_QUOTED_FIELD:
          if (c == '"') {
            state = State.QUOTE_IN_QUOTED_FIELD;
          } else {
            field.append(c);
          }
          return;
        case QUOTE_IN_QUOTED_FIELD:
          if (c == '"') {
            field.append(c);
            state = State.IN_QUOTED_FIELD;
          } else if (c == ',') {
            save();
            state = State.START_FIELD;
          } else if (c == '\n' || c == '\r') {
            save();
            state = State.EAT_CRNL;
          } else {
            field.append(c); // not strict: text after a closing quote joins the field
            state = State.IN_FIELD;
          }
          return;
        case EAT_CRNL:
          if (c != '\n' && c != '\r') {
            // Cannot happen with lines split at every \r and \n; Python raises here.
            throw new IllegalStateException("new-line character seen in unquoted field");
          }
          return;
        default:
          throw new IllegalStateException(state.toString());
      }
    }

    private void startField(char c) {
      if (c == '\n' || c == '\r') {
        save();
        state = State.EAT_CRNL;
      } else if (c == '"') {
        state = State.IN_QUOTED_FIELD;
      } else if (c == ',') {
        save();
      } else {
        field.append(c);
        state = State.IN_FIELD;
      }
    }

    /** The end-of-line mark ({@code EOL} in {@code _csv.c}) after each line of the file. */
    void endOfLine() {
      switch (state) {
        case START_RECORD -> emit(); // an empty line: []
        case START_FIELD, IN_FIELD, QUOTE_IN_QUOTED_FIELD -> {
          save();
          state = State.START_RECORD;
          emit();
        }
        case EAT_CRNL -> {
          state = State.START_RECORD;
          emit();
        }
        case IN_QUOTED_FIELD -> {
          // the line break is part of the quoted field, already added
        }
      }
    }

    /** End of file: a record cut inside a quoted field is kept (the non-strict reader). */
    void endOfInput() {
      if (field.length() != 0 || state == State.IN_QUOTED_FIELD) {
        save();
        emit();
      }
    }
  }

  /**
   * Appends one row as {@code csv.writer(f, lineterminator="\n").writerow(row)} writes it: a field
   * is quoted when it holds a comma, a quote (doubled) or a \n (the line terminator; Python 3.11
   * leaves a lone \r unquoted), and a row that would be empty is written as {@code ""}.
   */
  static void writeRow(StringBuilder out, List<String> row) {
    int start = out.length();
    for (int i = 0; i < row.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String f = row.get(i);
      boolean quote = false;
      for (int k = 0; k < f.length() && !quote; k++) {
        char c = f.charAt(k);
        quote = c == ',' || c == '"' || c == '\n';
      }
      if (!quote) {
        out.append(f);
        continue;
      }
      out.append('"');
      for (int k = 0; k < f.length(); k++) {
        char c = f.charAt(k);
        if (c == '"') {
          out.append('"');
        }
        out.append(c);
      }
      out.append('"');
    }
    if (!row.isEmpty() && out.length() == start) {
      out.append("\"\"");
    }
    out.append('\n');
  }
}
