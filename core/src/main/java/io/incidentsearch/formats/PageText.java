package io.incidentsearch.formats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text helpers the article readers share: trimming, paragraphs, comment-form junk, dates. */
final class PageText {
  /**
   * Lines of a site's comment form, as scraped below an article (lower case, final punctuation
   * removed). Only a run of them at the very end of a body is removed; the same words inside
   * the text are the author's.
   */
  private static final Set<String> COMMENT_FORM_LINES =
      Set.of(
          "be the first to comment",
          "leave a reply",
          "leave a comment",
          "leave a reply cancel reply",
          "cancel reply",
          "your email address will not be published",
          "your email address will not be published. required fields are marked",
          "required fields are marked",
          "required fields are marked *",
          "comment",
          "comments",
          "0 comments",
          "no comments",
          "name",
          "name *",
          "email",
          "email *",
          "website",
          "post comment",
          "submit comment",
          "join the conversation",
          "you must be logged in to post a comment",
          "save my name, email, and website in this browser for the next time i comment",
          "*");

  /** FAIL's first body sentence: {@code Published on 2010-09-27 07:00:00+00:00.}. */
  private static final Pattern PUBLISHED_ON =
      Pattern.compile("^Published on (\\d{4})-(\\d{2})-(\\d{2})[^\\n]*?\\.(?:\\s+|$)");

  private PageText() {}

  /** Trims whitespace including no-break spaces and other Unicode spaces. */
  static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
  }

  /**
   * Normalises a body: paragraphs are separated by blank lines; each is trimmed (its inner line
   * breaks kept), empty ones dropped, and they are joined by one blank line. Trailing
   * comment-form lines are removed.
   */
  static String body(List<String> lines) {
    List<String> paragraphs = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : lines) {
      String line = strip(raw.replace("\r", ""));
      if (line.isEmpty()) {
        flush(paragraphs, current);
      } else {
        if (!current.isEmpty()) {
          current.append('\n');
        }
        current.append(line);
      }
    }
    flush(paragraphs, current);
    dropCommentForm(paragraphs);
    return String.join("\n\n", paragraphs);
  }

  /** {@link #body(List)} over one text. */
  static String body(String text) {
    return body(List.of(text.split("\n", -1)));
  }

  private static void flush(List<String> paragraphs, StringBuilder current) {
    if (!current.isEmpty()) {
      paragraphs.add(current.toString());
      current.setLength(0);
    }
  }

  private static void dropCommentForm(List<String> paragraphs) {
    while (!paragraphs.isEmpty()) {
      int last = paragraphs.size() - 1;
      List<String> lines = new ArrayList<>(List.of(paragraphs.get(last).split("\n")));
      while (!lines.isEmpty() && isCommentFormLine(lines.get(lines.size() - 1))) {
        lines.remove(lines.size() - 1);
      }
      if (lines.isEmpty()) {
        paragraphs.remove(last);
      } else {
        paragraphs.set(last, String.join("\n", lines));
        return;
      }
    }
  }

  static boolean isCommentFormLine(String line) {
    String s = strip(line).toLowerCase(Locale.ROOT);
    if (s.equals("*")) {
      return true;
    }
    s = s.replaceAll("[\\s.:!*]+$", "");
    return COMMENT_FORM_LINES.contains(s);
  }

  /**
   * A body without FAIL's leading {@code Published on <timestamp>.} sentence, and the date it
   * gave. The sentence is FAIL's record of the date, not the author's text: news-archive pages
   * print the date on a line of its own instead, so removing it makes every layout give the same
   * body (and keeps it out of snippets).
   */
  record DatedBody(String body, LocalDate published) {}

  /** Splits off a leading {@code Published on …} sentence; the date is null when there is none. */
  static DatedBody publishedOn(String body) {
    Matcher m = PUBLISHED_ON.matcher(body);
    if (!m.find()) {
      return new DatedBody(body, null);
    }
    try {
      LocalDate date =
          LocalDate.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)));
      return new DatedBody(strip(body.substring(m.end())), date);
    } catch (java.time.DateTimeException e) {
      return new DatedBody(body, null);
    }
  }
}
