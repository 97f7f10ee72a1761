package io.incidentsearch.formats;

import io.incidentsearch.model.Article;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the FAIL article CSV export ({@code article_state0.csv}).
 *
 * <p>Columns are found by name, in any order and spelling of case and spacing ({@link
 * FailCsv.Header}): the id from {@code Article ID} (or {@code ID}); the headline from {@code
 * Headline}; {@code URL}; {@code Published}; {@code Body}; {@code Source}. Missing columns give
 * empty values.
 *
 * <ul>
 *   <li>Title and publication: {@code Headline} split by {@link Headline#parse(String)}, exactly as
 *       an article page's headline line. In FAIL's export {@code Title} is the title of the
 *       <em>incident</em> FAIL derived from the article and is usually empty; it is used as the
 *       title, unsplit, only when {@code Headline} is empty.
 *   <li>Publication, when the headline has no suffix: the host name of {@code Source} (else of
 *       {@code URL}) without scheme and {@code www.}, e.g. {@code https://www.wired.com} gives
 *       {@code wired.com}.
 *   <li>Date: {@code Published}, else the body's {@code Published on <timestamp>.} sentence.
 *   <li>Body: {@code Body} normalised by {@link ArticlePageReader#normalizeBody(String)}, so a page
 *       and its CSV row give the same text.
 *   <li>Incident links: always empty. {@code Related Incident IDs} uses an older FAIL incident
 *       numbering that does not resolve against the incident ids of {@code incident_data.csv} (the
 *       Twitter incident is 1752 there, 2750 in the incidents); the links are made from the
 *       incidents' {@code Related Article IDs} instead, by whoever reads both.
 * </ul>
 *
 * <p>A row without a headline or title is kept (its text is searchable) and reported as a warning,
 * as an article page without one is. A row without an id is reported as an error at the line where
 * the row starts and skipped; blank rows are skipped silently. CSV that cannot be parsed further
 * (an unterminated quote) is reported and ends the read; the rows before it are kept.
 */
final class FailArticleCsvReader {
  private static final String[] ID = {"Article ID", "ID"};
  private static final String[] HEADLINE = {"Headline"};
  private static final String[] TITLE = {"Title"};

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
    Path where = source != null ? source : Path.of("article.csv");
    FailCsv.readRows(
        in,
        where,
        "article",
        List.of(ID),
        problems,
        header -> {
          if (!header.has(HEADLINE) && !header.has(TITLE)) {
            problems.accept(
                Problem.warning(
                    where, 1, "no 'Headline' or 'Title' column: articles have no title"));
          }
          if (!header.has("Body")) {
            problems.accept(Problem.warning(where, 1, "no 'Body' column: articles have no text"));
          }
        },
        (header, row, line) -> {
          String id = header.get(row, ID);
          if (id.isEmpty()) {
            problems.accept(
                Problem.error(where, line, "the row has no article id; the row is skipped"));
          } else {
            Article article = article(header, row, id, source);
            if (article.title().isEmpty()) {
              problems.accept(
                  Problem.warning(
                      where,
                      line,
                      "article "
                          + id
                          + " has no headline (columns 'Headline', 'Title'); it is kept without"
                          + " a title"));
            }
            articles.accept(article);
          }
        });
  }

  private static Article article(FailCsv.Header header, CSVRecord row, String id, Path source) {
    Headline headline = Headline.parse(header.get(row, HEADLINE));
    if (headline.title().isEmpty()) {
      headline = new Headline(Headline.strip(header.get(row, TITLE)), headline.publication());
    }
    String url = emptyToNull(header.get(row, "URL", "Link"));
    String publication = headline.publication();
    if (publication == null) {
      publication = host(header.get(row, "Source"));
    }
    if (publication == null && url != null) {
      publication = host(url);
    }
    String body = ArticlePageReader.normalizeBody(header.get(row, "Body", "Text"));
    LocalDate published =
        FailCsv.date(header.get(row, "Published", "Published Date", "Date"))
            .or(() -> ArticlePageReader.publishedOn(body))
            .orElse(null);
    return new Article(id, headline.title(), publication, url, published, body, List.of(), source);
  }

  /**
   * The host name of an address without scheme and {@code www.} ({@code https://www.wired.com}
   * gives {@code wired.com}), or null when blank. A value that is not an address is returned
   * stripped.
   */
  static String host(String value) {
    String s = Headline.strip(value == null ? "" : value);
    if (s.isEmpty()) {
      return null;
    }
    String host = null;
    try {
      host = new URI(s.contains("://") ? s : "http://" + s).getHost();
    } catch (URISyntaxException e) {
      // not an address: fall through and keep the text as the publication name
    }
    if (host == null || (!s.contains("://") && !host.contains("."))) {
      return s; // a name such as "Reuters", not an address
    }
    host = host.toLowerCase(Locale.ROOT);
    return host.startsWith("www.") ? host.substring(4) : host;
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
