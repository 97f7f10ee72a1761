package io.incidentsearch.formats;

import io.incidentsearch.model.Article;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads a news article page (seed layout or news-archive layout). STUB: to be implemented. */
public final class ArticlePageReader {
  private ArticlePageReader() {}

  /**
   * Parses one article page.
   *
   * @param text the page, decoded, line ends normalised to {@code \n}, no BOM
   * @param id the article id (the file stem)
   * @param source the file, for problems and the record's source
   * @param problems receives what is wrong, with 1-based line numbers
   * @return the article, or empty when the page was rejected (an error was reported)
   */
  public static Optional<Article> read(
      String text, String id, Path source, Consumer<Problem> problems) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
