package io.incidentsearch.formats;

import io.incidentsearch.model.Article;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Reads the FAIL article CSV export. STUB: to be implemented. */
public final class FailArticleCsvReader {
  private FailArticleCsvReader() {}

  /**
   * Reads every row; a bad row is reported (with its line) and skipped, the rest still read.
   *
   * @param in the CSV text (BOM already removed)
   * @param source the file, for problems and the records' source
   * @param articles receives each article
   * @param problems receives what is wrong
   */
  public static void read(
      Reader in, Path source, Consumer<Article> articles, Consumer<Problem> problems)
      throws IOException {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
