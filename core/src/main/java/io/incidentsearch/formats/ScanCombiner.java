package io.incidentsearch.formats;

import io.incidentsearch.model.Article;
import io.incidentsearch.model.Category;
import io.incidentsearch.model.Classification;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import io.incidentsearch.model.Section;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Combines parsed files into a scan result: one record per key by {@link DuplicateRule}, warnings
 * for copies that say something else, articles linked to the incidents citing them. The bodies of
 * {@link ArchiveScanner#combine}, {@link ArchiveScanner#duplicateProblem} and {@link
 * ArchiveScanner#fileProblems}.
 */
final class ScanCombiner {
  private ScanCombiner() {}

  private static final java.util.regex.Pattern WHITE_SPACE =
      java.util.regex.Pattern.compile("[\\s\\p{Z}]+");

  private static final java.util.regex.Pattern PUBLISHED_ON =
      java.util.regex.Pattern.compile("^Published on \\S+(?: \\S+)?\\.\\s+");

  /**
   * Combines parsed files into a scan result: removes duplicate ids (warning), links articles to
   * the incidents citing them, sorts records and problems. {@link ArchiveScanner#scan} calls this;
   * an indexer that parses (or re-uses) files itself calls it directly.
   *
   * @param discovery the listing the files came from (its problems and skip count are kept)
   * @param parsed the parsed files, in any order
   */
  static ScanResult combine(Discovery discovery, List<ParsedFile> parsed) {
    List<ParsedFile> files = new ArrayList<>(parsed);
    files.sort(Comparator.comparing(ParsedFile::path, DuplicateRule.FILE_ORDER));
    List<Problem> problems = new ArrayList<>(discovery.problems());
    Map<String, Incident> incidents = new HashMap<>();
    Map<String, Article> articles = new HashMap<>();
    Map<String, Path> keptFiles = new HashMap<>();
    int rejected = 0;
    for (ParsedFile file : files) {
      if (file.rejected()) {
        rejected++;
      }
      List<Problem> duplicates = new ArrayList<>();
      for (Record record : file.records()) {
        String key = record.key();
        Path keptFrom = keptFiles.putIfAbsent(key, file.path());
        if (keptFrom != null) {
          Record kept =
              record instanceof Incident ? incidents.get(record.id()) : articles.get(record.id());
          duplicateProblem(kept, keptFrom, record, file.path()).ifPresent(duplicates::add);
        } else if (record instanceof Incident i) {
          incidents.put(i.id(), i);
        } else if (record instanceof Article a) {
          articles.put(a.id(), a);
        }
      }
      problems.addAll(fileProblems(file.path(), file.problems(), duplicates));
    }
    Map<String, TreeSet<String>> citing = new HashMap<>();
    for (Incident incident : incidents.values()) {
      for (String articleId : incident.articleIds()) {
        citing
            .computeIfAbsent(articleId, k -> new TreeSet<>(ArchiveScanner.ID_ORDER))
            .add(incident.id());
      }
    }
    List<Incident> sortedIncidents = new ArrayList<>(incidents.values());
    sortedIncidents.sort(Comparator.comparing(Incident::id, ArchiveScanner.ID_ORDER));
    List<Article> linkedArticles = new ArrayList<>();
    for (Article article : articles.values()) {
      TreeSet<String> ids = citing.get(article.id());
      linkedArticles.add(article.withIncidentIds(ids == null ? List.of() : List.copyOf(ids)));
    }
    linkedArticles.sort(Comparator.comparing(Article::id, ArchiveScanner.ID_ORDER));
    // By file; within a file by line, its count of left-out problems last (stable sort).
    problems.sort(Comparator.comparing(Problem::file));
    return new ScanResult(
        sortedIncidents, linkedArticles, problems, files.size(), rejected, discovery.skipped());
  }

  /**
   * The warning {@link #combine} gives a copy of a record that it drops for the one kept, or empty
   * when the two say the same ({@link #differences}): a duplicate is only reported when it differs.
   * Public so that an index build, which finds its duplicates itself, reports exactly the ones a
   * scan reports, with the same words.
   *
   * @param kept the record kept (from the file whose path sorts first, or earlier in the file)
   * @param keptFile the file of {@code kept}
   * @param copy the record dropped, of the same type and id
   * @param copyFile the file of {@code copy}; the warning is about this file
   */
  static Optional<Problem> duplicateProblem(
      Record kept, Path keptFile, Record copy, Path copyFile) {
    List<String> differences = differences(kept, copy);
    return differences.isEmpty()
        ? Optional.empty()
        : Optional.of(duplicate(copy, keptFile, copyFile, differences));
  }

  /**
   * The problems {@link #combine} reports for one file: its own, as {@link ArchiveScanner#parse}
   * gave them (which may end with a count of left-out problems), then its duplicate warnings
   * ({@link #duplicateProblem}, in record order), sharing one cap: at most {@link
   * ArchiveScanner#PROBLEMS_PER_FILE} kept, by line, and the others counted in one last problem,
   * {@code and N more problems in FILE}. Public for an index build, so that its problems of a file
   * are the scan's.
   *
   * @param file the file
   * @param own the problems parsing the file gave
   * @param duplicates the file's duplicate warnings, in the order of its records
   */
  static List<Problem> fileProblems(Path file, List<Problem> own, List<Problem> duplicates) {
    ProblemCap cap = new ProblemCap(file, ArchiveScanner.PROBLEMS_PER_FILE);
    for (Problem p : own) {
      if (ProblemCap.isLeftOutCount(p)) {
        cap.leftOut(ProblemCap.leftOutCount(p), p.isError());
      } else {
        cap.accept(p);
      }
    }
    duplicates.forEach(cap);
    return cap.problems();
  }

  private static Problem duplicate(
      Record dropped, Path keptFile, Path droppedFile, List<String> differences) {
    String what = dropped.type().key() + " id " + dropped.id();
    String differing = " (it differs in " + String.join(", ", differences) + ")";
    if (keptFile.equals(droppedFile)) {
      return Problem.warning(
          droppedFile,
          what + " appears more than once in this file" + differing + "; the first one is kept");
    }
    return Problem.warning(
        droppedFile,
        "duplicate "
            + what
            + differing
            + ": ignored, the one in "
            + keptFile
            + " is kept (first path wins)");
  }

  /**
   * What two records of the same type and id say differently, by field name; empty when they are
   * the same record read from two files. Text is compared modulo white space, as a postmortem page
   * collapses the line breaks its CSV row keeps, and an article body without FAIL's stored {@code
   * Published on <timestamp>.} sentence (FAIL's raw news layout) is the body with it. A field one
   * of them leaves empty is not a difference (a title-only page beside a full export row, a page
   * without the export's URL, a page without the CPS row): the copy says less, not something else.
   * The source, and an article's links (which the scan sets), are not compared; cited articles are
   * compared as a set, their order being the citing text's.
   */
  static List<String> differences(Record kept, Record other) {
    List<String> out = new ArrayList<>();
    if (conflict(words(kept.title()), words(other.title()))) {
      out.add("title");
    }
    if (conflict(kept.publishedDate().orElse(null), other.publishedDate().orElse(null))) {
      out.add("published");
    }
    if (kept instanceof Incident a && other instanceof Incident b) {
      if (conflict(words(a.summary()), words(b.summary()))) {
        out.add("summary");
      }
      for (Section section : Section.values()) {
        if (conflict(
            words(String.join(" ", a.items(section))), words(String.join(" ", b.items(section))))) {
          out.add("sections");
          break;
        }
      }
      for (Category category : Category.values()) {
        if (conflict(classification(a, category), classification(b, category))) {
          out.add("taxonomy");
          break;
        }
      }
      if (conflict(Set.copyOf(a.articleIds()), Set.copyOf(b.articleIds()))) {
        out.add("cited articles");
      }
    } else if (kept instanceof Article a && other instanceof Article b) {
      if (conflict(a.publication(), b.publication())) {
        out.add("publication");
      }
      if (conflict(a.url(), b.url())) {
        out.add("url");
      }
      if (conflict(words(withoutPublishedOn(a.body())), words(withoutPublishedOn(b.body())))) {
        out.add("body");
      }
    }
    return out;
  }

  /** Text with every run of white space as one space, stripped; null stays null. */
  private static String words(String text) {
    return text == null ? null : WHITE_SPACE.matcher(text).replaceAll(" ").strip();
  }

  private static String withoutPublishedOn(String body) {
    return PUBLISHED_ON.matcher(body).replaceFirst("");
  }

  /** A classification's options and rationale modulo white space, or null when it is empty. */
  private static String classification(Incident incident, Category category) {
    Classification c = incident.taxonomy().get(category);
    return c.isEmpty() ? null : c.options() + " " + words(c.rationale());
  }

  /** Whether both say something (not null, not empty) and not the same. */
  private static boolean conflict(Object a, Object b) {
    return !isEmptyValue(a) && !isEmptyValue(b) && !a.equals(b);
  }

  private static boolean isEmptyValue(Object o) {
    return o == null
        || (o instanceof String s && s.isEmpty())
        || (o instanceof java.util.Collection<?> c && c.isEmpty());
  }

  static int compareIds(String a, String b) {
    boolean digitsA = isDigits(a);
    boolean digitsB = isDigits(b);
    if (digitsA && digitsB) {
      String x = stripZeros(a);
      String y = stripZeros(b);
      int c = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
      return c != 0 ? c : a.compareTo(b);
    }
    if (digitsA != digitsB) {
      return digitsA ? -1 : 1;
    }
    return a.compareTo(b);
  }

  private static boolean isDigits(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static String stripZeros(String digits) {
    int i = 0;
    while (i < digits.length() - 1 && digits.charAt(i) == '0') {
      i++;
    }
    return digits.substring(i);
  }
}
