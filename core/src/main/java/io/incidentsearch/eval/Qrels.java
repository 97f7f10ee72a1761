package io.incidentsearch.eval;

import io.incidentsearch.formats.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a judgment (qrels) file in the layout of FAIL's dev judgments: a header line, then one
 * tab-separated row per judgment, {@code query_id query relevant_id relevance}; extra columns are
 * ignored. Several rows may share a query id (one per relevant record).
 *
 * <p>Bad rows never stop the reading: a row with fewer than four columns, an empty id or a
 * relevance that is not a whole number is reported as a {@link Problem} and skipped. A row with
 * relevance 0 or less says "not relevant" and is dropped silently. A repeated (query, record) pair
 * keeps its highest grade, so a duplicated row cannot count twice; a query id whose text differs
 * between rows keeps the first text and gets a warning.
 *
 * @param queries the queries in order of first appearance, each with at least one relevant record
 * @param problems what was wrong with the file, with 1-based line numbers
 */
public record Qrels(List<JudgedQuery> queries, List<Problem> problems) {
  /** Copies the lists. */
  public Qrels {
    queries = List.copyOf(queries);
    problems = List.copyOf(problems);
  }

  /**
   * Reads {@code file} (UTF-8).
   *
   * @param file the judgment file; its first line is the header
   * @return the judgments, and the problems of bad rows
   * @throws IOException when the file cannot be read at all, or is not valid UTF-8
   */
  public static Qrels read(Path file) throws IOException {
    return parse(file, Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * These judgments completed with {@code other}'s judgments of the same queries (same id and
   * text): for an index holding several judged collections, where another collection's judgments
   * say which of its records are also relevant to this one's queries. The queries are this file's,
   * in its order; a record judged in both keeps its higher grade; the problems are this file's.
   *
   * @param other judgments of another collection; not null
   * @return the completed judgments; this object is unchanged
   */
  public Qrels completedWith(Qrels other) {
    Map<String, JudgedQuery> others = new LinkedHashMap<>();
    for (JudgedQuery q : other.queries()) {
      others.put(q.id(), q);
    }
    List<JudgedQuery> completed = new ArrayList<>();
    for (JudgedQuery q : queries) {
      JudgedQuery o = others.get(q.id());
      if (o == null || !o.text().equals(q.text())) {
        completed.add(q);
        continue;
      }
      Map<String, Integer> grades = new LinkedHashMap<>(q.relevance());
      o.relevance().forEach((id, grade) -> grades.merge(id, grade, Math::max));
      completed.add(new JudgedQuery(q.id(), q.text(), grades));
    }
    return new Qrels(completed, problems);
  }

  /**
   * Reads judgments from {@code text}; {@code file} only names them in problems.
   *
   * @param file the name the problems give the judgments (not read)
   * @param text the judgment file's content; its first line is the header
   * @return the judgments, and the problems of bad rows (an error when the text is blank)
   */
  public static Qrels parse(Path file, String text) {
    List<Problem> problems = new ArrayList<>();
    Map<String, String> texts = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> grades = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n", -1);
    if (lines.length == 0 || text.isBlank()) {
      problems.add(
          Problem.error(
              file,
              "the judgment file is empty; expected a header line and"
                  + " rows of query_id, query, relevant_id, relevance separated by tabs"));
    }
    for (int i = 1; i < lines.length; i++) { // line 1 is the header
      int lineNo = i + 1;
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      if (cols.length < 4) {
        problems.add(
            Problem.error(
                file,
                lineNo,
                "expected 4 tab-separated columns (query_id,"
                    + " query, relevant_id, relevance), found "
                    + cols.length
                    + "; row skipped"));
        continue;
      }
      String qid = cols[0].strip();
      String query = cols[1].strip();
      String rid = cols[2].strip();
      if (qid.isEmpty() || rid.isEmpty()) {
        problems.add(Problem.error(file, lineNo, "empty query id or relevant id; row skipped"));
        continue;
      }
      int grade;
      try {
        grade = Integer.parseInt(cols[3].strip());
      } catch (NumberFormatException e) {
        problems.add(
            Problem.error(
                file,
                lineNo,
                "relevance '" + cols[3].strip() + "' is not a whole number; row skipped"));
        continue;
      }
      String known = texts.putIfAbsent(qid, query);
      if (known != null && !known.equals(query)) {
        problems.add(
            Problem.warning(
                file,
                lineNo,
                "query "
                    + qid
                    + " has another text here"
                    + " than on its first row; the first text is used"));
      }
      if (grade > 0) {
        grades.computeIfAbsent(qid, k -> new LinkedHashMap<>()).merge(rid, grade, Math::max);
      }
    }
    List<JudgedQuery> queries = new ArrayList<>();
    for (Map.Entry<String, Map<String, Integer>> e : grades.entrySet()) {
      queries.add(new JudgedQuery(e.getKey(), texts.get(e.getKey()), e.getValue()));
    }
    return new Qrels(queries, problems);
  }
}
