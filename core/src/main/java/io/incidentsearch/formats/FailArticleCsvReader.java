package io.incidentsearch.formats;

import io.incidentsearch.model.Article;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads FAIL's article CSV export ({@code article_state0.csv}), header-driven and tolerant of
 * column variants ({@code Article ID} or {@code ID}; missing columns are empty).
 *
 * <ul>
 *   <li>Title and publication come from {@code Headline} split by {@link Headline}; FAIL's
 *       {@code Title} column holds the <em>incident</em> title of its analysis and is used only
 *       when there is no headline. Without a headline suffix, the publication is the host name of
 *       {@code Source} (without {@code www.}).
 *   <li>The date is {@code Published}, else the body's leading {@code Published on …} sentence,
 *       which is removed from the body as the page reader does.
 *   <li>The body is normalised as the page reader does (paragraphs, comment-form lines), so a
 *       page and its CSV row give the same article.
 *   <li>{@code incidentIds} stay empty: FAIL's {@code Related Incident IDs} use an older incident
 *       numbering that does not match the incident export; {@link ArchiveScanner} links articles
 *       from the incidents that cite them.
 * </ul>
 */
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
    CSVParser parser;
    try {
      parser = FailCsv.parser(in);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      problems.accept(Problem.error(source, 1, "unreadable CSV header: " + e.getMessage()));
      return;
    }
    try (parser) {
      FailCsv.Header header = new FailCsv.Header(parser.getHeaderNames());
      if (!header.has("Article ID", "ID", "article_id")) {
        problems.accept(
            Problem.error(source, 1, "no \"Article ID\" column: not a FAIL article export"));
        return;
      }
      Iterator<CSVRecord> rows = parser.iterator();
      while (true) {
        long line = parser.getCurrentLineNumber() + 1;
        CSVRecord row;
        try {
          if (!rows.hasNext()) {
            break;
          }
          row = rows.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          problems.accept(
              Problem.error(
                  source,
                  (int) Math.min(line, Integer.MAX_VALUE),
                  "malformed CSV from here on (" + rootMessage(e) + "); rest of file skipped"));
          return;
        }
        String id = header.get(row, "Article ID", "ID", "article_id");
        if (id.isEmpty()) {
          problems.accept(
              Problem.error(
                  source, (int) Math.min(line, Integer.MAX_VALUE), "row has no article id; skipped"));
          continue;
        }
        articles.accept(article(header, row, id, source));
      }
    }
  }

  private static Article article(FailCsv.Header header, CSVRecord row, String id, Path source) {
    String headlineCell = header.get(row, "Headline");
    Headline headline =
        Headline.parse(headlineCell.isEmpty() ? header.get(row, "Title") : headlineCell);
    String publication = headline.publication();
    if (publication == null) {
      publication = host(header.get(row, "Source", "Publication"));
    }
    PageText.DatedBody dated = PageText.publishedOn(PageText.body(header.get(row, "Body", "Text")));
    String body = dated.body();
    LocalDate published =
        FailCsv.date(header.get(row, "Published", "Published Date", "Date"))
            .orElse(dated.published());
    String url = header.get(row, "URL", "Url", "Link");
    return new Article(
        id,
        headline.title(),
        publication,
        url.isEmpty() ? null : url,
        published,
        body,
        List.of(),
        source);
  }

  /** {@code https://www.wired.com/} gives {@code wired.com}; a name that is no URL stays. */
  private static String host(String source) {
    String s = source.strip();
    if (s.isEmpty()) {
      return null;
    }
    s = s.replaceFirst("(?i)^[a-z]+://", "");
    int slash = s.indexOf('/');
    if (slash >= 0) {
      s = s.substring(0, slash);
    }
    if (s.toLowerCase(Locale.ROOT).startsWith("www.")) {
      s = s.substring(4);
    }
    return s.isEmpty() ? null : s;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
