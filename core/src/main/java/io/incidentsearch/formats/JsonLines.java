package io.incidentsearch.formats;

import io.incidentsearch.model.Record;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.function.Consumer;

/** This project's JSON Lines interchange format: one record per line. STUB: to be implemented. */
public final class JsonLines {
  private JsonLines() {}

  /**
   * Reads every line; a bad line is reported with its line number and skipped.
   *
   * @param in the text (BOM already removed)
   * @param source the file, for problems and the records' source
   * @param records receives each record
   * @param problems receives what is wrong
   */
  public static void read(Reader in, Path source, Consumer<Record> records, Consumer<Problem> problems)
      throws IOException {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The record as one line of JSON (no line end). */
  public static String toJson(Record record) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
