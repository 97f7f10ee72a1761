package io.incidentsearch.formats;

import io.incidentsearch.model.Article;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a news article page, in either of the two layouts FAIL archives hold.
 *
 * <ul>
 *   <li><b>Headline layout</b> (the seed): a first line {@code Title – Publication} (see {@link
 *       Headline}), a blank line, then paragraphs separated by blank lines. A trailing block of
 *       the site's comment form ({@code Be the first to comment}, {@code Leave a Reply}, …,
 *       {@code *}) is not part of the article and is removed.
 *   <li><b>News-archive layout</b>: title, a {@code MM/DD/YYYY} date line, the publication, a
 *       short lower-case source code line ({@code ln}, {@code fv}, {@code pq}, …), then one
 *       paragraph per line. Recognised by its second line being such a date.
 * </ul>
 *
 * A body that starts with {@code Published on <timestamp>.} (as FAIL stores bodies) gives the
 * published date when the page has no other; the sentence is FAIL's, not the author's, and is
 * not kept in the body (news-archive pages print the date on its own line instead).
 * Pages have no URL and do not name the incidents that cite them: {@link ArchiveScanner} links
 * those.
 */
public final class ArticlePageReader {
  private static final Pattern US_DATE = Pattern.compile("^(\\d{1,2})/(\\d{1,2})/(\\d{4})$");
  private static final Pattern SOURCE_CODE = Pattern.compile("^[a-z]{1,4}$");

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
    List<String> lines = Arrays.asList(text.split("\n", -1));
    int first = 0;
    while (first < lines.size() && PageText.strip(lines.get(first)).isEmpty()) {
      first++;
    }
    if (first == lines.size()) {
      problems.accept(Problem.error(source, "empty article page: no title line; file skipped"));
      return Optional.empty();
    }
    String titleLine = lines.get(first);
    Optional<LocalDate> archiveDate =
        first + 1 < lines.size() ? usDate(lines.get(first + 1)) : Optional.empty();

    String title;
    String publication;
    LocalDate published = null;
    String body;
    if (archiveDate.isPresent()) {
      published = archiveDate.get();
      int next = first + 2;
      Headline headline = Headline.parse(titleLine);
      String publicationLine = next < lines.size() ? PageText.strip(lines.get(next)) : "";
      title = publicationLine.isEmpty() ? headline.title() : PageText.strip(titleLine);
      publication = publicationLine.isEmpty() ? headline.publication() : publicationLine;
      next++;
      if (next < lines.size() && SOURCE_CODE.matcher(PageText.strip(lines.get(next))).matches()) {
        next++;
      }
      // One paragraph per line: each line is its own paragraph.
      List<String> rest = lines.subList(Math.min(next, lines.size()), lines.size());
      body = PageText.body(String.join("\n\n", rest));
    } else {
      Headline headline = Headline.parse(titleLine);
      title = headline.title();
      publication = headline.publication();
      body = PageText.body(lines.subList(first + 1, lines.size()));
    }
    PageText.DatedBody dated = PageText.publishedOn(body);
    body = dated.body();
    if (published == null) {
      published = dated.published();
    }
    if (body.isEmpty()) {
      problems.accept(
          Problem.warning(source, first + 1, "article page has a title but no body text"));
    }
    return Optional.of(new Article(id, title, publication, null, published, body, List.of(), source));
  }

  private static Optional<LocalDate> usDate(String line) {
    Matcher m = US_DATE.matcher(PageText.strip(line));
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          LocalDate.of(
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2))));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }
}
