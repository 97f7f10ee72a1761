package io.incidentsearch.formats;

import io.incidentsearch.model.Article;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a news article page, in either of the two layouts FAIL's article text comes in.
 *
 * <p><b>Seed layout</b> ({@code seeds/000_...txt}, most {@code fail-dev/articles/}): the headline
 * line ({@code Title – Publication}, split by {@link Headline#parse(String)}), a blank line, then
 * paragraphs separated by blank lines.
 *
 * <p><b>News-archive layout</b> (FAIL's raw news data): the title line, a {@code MM/DD/YYYY} date
 * line, the publication line, a short lower-case code line ({@code ln}, {@code fv}, {@code pq}: 1
 * to 4 letters, skipped; when absent that line is body text), then one paragraph per line. The
 * layout is recognised by its second line being such a date. The title line usually has no
 * publication suffix; one is removed only when it names the same publication as the publication
 * line ({@link Headline#samePublication}), because an unrelated suffix is part of the title ({@code
 * PlayStation 3 hack – how it happened and what it means}). The publication line wins over the
 * suffix. The publication line may name the publication and other names for it joined by {@code *}
 * ({@code The Wall Street Journal*Wall Street Journal}): the first name is the publication, the
 * others are its {@link Article#publicationAliases()} (a suffix naming one of them is removed too).
 * A page whose first non-blank line is the date line is this layout with a blank headline (it
 * occurs in Ko's data): it has no title, which is reported.
 *
 * <p>In both layouts the body is normalised by {@link #normalizeBody(String)}, which also drops the
 * web site's comment form when it ends the page ({@code Be the first to comment}, {@code Leave a
 * Reply}, ...). The published date is the news-archive date line or, failing that, the date of the
 * {@code Published on <timestamp>.} sentence FAIL puts at the start of bodies; that sentence is
 * kept in the body, as the FAIL CSV has it too.
 *
 * <p>A page gives no URL and no incident links: those come from the CSV and from the incidents
 * citing the article.
 */
final class ArticlePageReader {
  private static final Pattern US_DATE_LINE = Pattern.compile("\\d{1,2}/\\d{1,2}/\\d{4}");
  private static final Pattern CODE_LINE = Pattern.compile("[a-z]{1,4}");
  private static final Pattern PUBLISHED_ON =
      Pattern.compile("^Published on (\\d{4}-\\d{1,2}-\\d{1,2})");

  /**
   * Comment-form lines that only a site's comment form prints; a trailing block is removed only
   * when it holds at least one of these.
   */
  private static final Set<String> FORM_PHRASES =
      Set.of(
          "be the first to comment",
          "leave a reply",
          "leave a comment",
          "your email address will not be published",
          "required fields are marked",
          "post comment",
          "cancel reply",
          "save my name, email, and website in this browser for the next time i comment");

  /**
   * Comment-form field labels: removed only inside a trailing block that also holds one of {@link
   * #FORM_PHRASES}, since on their own they may well end an article.
   */
  private static final Set<String> FORM_LABELS = Set.of("", "comment", "name", "email", "website");

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
    Path where = source != null ? source : Path.of(id);
    String[] lines = lines(text == null ? "" : text);
    int t = 0;
    while (t < lines.length && isBlank(lines[t])) {
      t++;
    }
    if (t == lines.length) {
      problems.accept(
          Problem.error(where, "the article page is empty; expected a headline line and a body"));
      return Optional.empty();
    }
    boolean newsArchive =
        t + 1 < lines.length && US_DATE_LINE.matcher(strip(lines[t + 1])).matches();
    // A news-archive page whose headline line is blank starts with its date line.
    boolean untitledNewsArchive =
        !newsArchive && t + 1 < lines.length && US_DATE_LINE.matcher(strip(lines[t])).matches();
    if (untitledNewsArchive) {
      t--; // the blank headline line, or none before the first line
    }
    Article article =
        newsArchive || untitledNewsArchive
            ? readNewsArchive(lines, t, id, source, where, problems)
            : readSeed(lines, t, id, source);
    if (article.title().isEmpty()) {
      problems.accept(
          Problem.warning(
              where, Math.max(t + 1, 1), "the headline line has no title; the article has none"));
    }
    if (article.body().isEmpty()) {
      problems.accept(
          Problem.warning(
              where, t + 1, "the page has a headline but no body text; only the title is indexed"));
    }
    return Optional.of(article);
  }

  private static Article readSeed(String[] lines, int t, String id, Path source) {
    Headline headline = Headline.parse(lines[t]);
    String body = normalizeBody(String.join("\n", List.of(lines).subList(t + 1, lines.length)));
    LocalDate published = publishedOn(body).orElse(null);
    return new Article(
        id, headline.title(), headline.publication(), null, published, body, List.of(), source);
  }

  private static Article readNewsArchive(
      String[] lines, int t, String id, Path source, Path where, Consumer<Problem> problems) {
    LocalDate published = FailCsv.date(strip(lines[t + 1])).orElse(null);
    if (published == null) {
      problems.accept(
          Problem.warning(
              where,
              t + 2,
              "the date line '"
                  + strip(lines[t + 1])
                  + "' is not a valid MM/DD/YYYY date; the article has no date from it"));
    }
    // "The Wall Street Journal*Wall Street Journal": the publication, then other names for it.
    List<String> names = new ArrayList<>();
    for (String name : (t + 2 < lines.length ? lines[t + 2] : "").split("\\*")) {
      if (!strip(name).isEmpty()) {
        names.add(strip(name));
      }
    }
    String publication = names.isEmpty() ? "" : names.get(0);
    List<String> aliases = names.size() > 1 ? names.subList(1, names.size()) : List.of();
    if (publication.isEmpty()) {
      publication = null;
      problems.accept(
          Problem.warning(
              where,
              Math.min(t + 3, lines.length),
              "no publication line after the date line (news-archive layout)"));
    }
    int bodyStart = t + 3;
    if (bodyStart < lines.length && CODE_LINE.matcher(strip(lines[bodyStart])).matches()) {
      bodyStart++;
    }
    List<String> paragraphs = new ArrayList<>();
    for (int i = bodyStart; i < lines.length; i++) {
      if (!isBlank(lines[i])) {
        paragraphs.add(lines[i]);
      }
    }
    String body = normalizeBody(String.join("\n\n", paragraphs));
    if (published == null) {
      published = publishedOn(body).orElse(null);
    }
    String titleLine = t < 0 ? "" : strip(lines[t]);
    String title = titleLine;
    Headline headline = Headline.parse(titleLine);
    if (headline.publication() != null
        && (publication == null
            || Headline.samePublication(headline.publication(), publication)
            || aliases.stream()
                .anyMatch(a -> Headline.samePublication(headline.publication(), a)))) {
      title = headline.title();
      if (publication == null) {
        publication = headline.publication();
      }
    }
    return new Article(id, title, publication, null, published, body, List.of(), source, aliases);
  }

  /**
   * Normalises article text the same way for pages and the CSV: line ends to {@code \n}; paragraphs
   * (runs of non-blank lines) stripped and separated by exactly one blank line; a trailing comment
   * form removed. Text inside a paragraph (single line breaks, tabs, no-break spaces, emoji
   * sequences) is kept as it is.
   *
   * <p>The comment form is a block at the very end made only of blank lines, form phrases ({@code
   * Be the first to comment}, {@code Leave a Reply}, {@code Leave a Comment}, {@code Your email
   * address will not be published.}, {@code Required fields are marked *}, {@code Post Comment},
   * ...) and field labels ({@code Comment}, {@code Name}, {@code Email}, {@code Website}, {@code
   * *}), holding at least one form phrase; it is cut from its first form phrase. The same phrases
   * elsewhere in the text are kept.
   *
   * @param text the raw body text; null is read as empty
   * @return the normalised body, empty when there is no text
   */
  public static String normalizeBody(String text) {
    if (text == null) {
      return "";
    }
    String[] lines = lines(text);
    int end = withoutCommentForm(lines);
    StringBuilder out = new StringBuilder();
    StringBuilder paragraph = new StringBuilder();
    for (int i = 0; i <= end; i++) {
      if (i == end || isBlank(lines[i])) {
        String p = strip(paragraph.toString());
        if (!p.isEmpty()) {
          if (out.length() > 0) {
            out.append("\n\n");
          }
          out.append(p);
        }
        paragraph.setLength(0);
      } else {
        if (paragraph.length() > 0) {
          paragraph.append('\n');
        }
        paragraph.append(lines[i]);
      }
    }
    return out.toString();
  }

  /**
   * The date of the {@code Published on <timestamp>.} sentence that starts FAIL's article bodies
   * ({@code Published on 2010-09-27 07:00:00+00:00.}), if the body starts with one.
   */
  public static Optional<LocalDate> publishedOn(String body) {
    if (body == null) {
      return Optional.empty();
    }
    Matcher m = PUBLISHED_ON.matcher(strip(body));
    return m.find() ? FailCsv.date(m.group(1)) : Optional.empty();
  }

  /** The number of lines before the trailing comment form (all of them when there is none). */
  private static int withoutCommentForm(String[] lines) {
    int cut = lines.length;
    for (int i = lines.length - 1; i >= 0; i--) {
      if (isBlank(lines[i])) {
        continue;
      }
      FormLine kind = formLine(lines[i]);
      if (kind == FormLine.TEXT) {
        break;
      }
      if (kind == FormLine.PHRASE) {
        cut = i;
      }
    }
    return cut;
  }

  private enum FormLine {
    PHRASE,
    LABEL,
    TEXT
  }

  /** Whether a line is comment-form boilerplate: sentences that are all form phrases or labels. */
  private static FormLine formLine(String line) {
    String s = strip(line).toLowerCase(Locale.ROOT).replaceAll("[\\s\\p{Zs}]+", " ");
    boolean phrase = false;
    for (String part : s.split("[.!:]")) {
      String p = strip(part.replace("*", ""));
      if (FORM_PHRASES.contains(p)) {
        phrase = true;
      } else if (!FORM_LABELS.contains(p)) {
        return FormLine.TEXT;
      }
    }
    return phrase ? FormLine.PHRASE : FormLine.LABEL;
  }

  /** Splits text into lines; {@code \r\n} and a stray {@code \r} also end a line. */
  private static String[] lines(String text) {
    return text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
  }

  private static boolean isBlank(String line) {
    return strip(line).isEmpty();
  }

  private static String strip(String s) {
    return Headline.strip(s);
  }
}
