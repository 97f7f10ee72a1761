package io.incidentsearch.formats;

import io.incidentsearch.model.Incident;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The package-private readers, for tests in other packages that check the scanner against them. */
public final class FormatReaders {
  private FormatReaders() {}

  /** {@link FailIncidentCsvReader#read}. */
  public static void readIncidentCsv(
      Reader in, Path source, Consumer<Incident> incidents, Consumer<Problem> problems)
      throws IOException {
    FailIncidentCsvReader.read(in, source, incidents, problems);
  }
}
