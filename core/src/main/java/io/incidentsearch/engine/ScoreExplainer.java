package io.incidentsearch.engine;

import io.incidentsearch.schema.Schema;
import io.incidentsearch.search.ScoreContribution;
import io.incidentsearch.search.ScoreExplanation;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;

/**
 * A record's score for a query taken apart: the (field, term) clauses that make it, read from
 * Lucene's explanation. Stateless.
 */
final class ScoreExplainer {
  private static final Pattern WEIGHT = Pattern.compile("^weight\\((.+) in \\d+\\)");

  /** A BM25F clause: {@code weight(CombinedFieldQuery((f1 f2 ...)(term)) in 12)}. */
  private static final Pattern COMBINED_WEIGHT =
      Pattern.compile("^weight\\(CombinedFieldQuery\\(\\(([^)]*)\\)\\((.*)\\)\\) in \\d+\\)");

  /** Whether the explained record has a term in a field. */
  @FunctionalInterface
  private interface FieldHasTerm {
    boolean test(String field, String term) throws IOException;
  }

  private static final Pattern FIELD_TERM =
      Pattern.compile("^\\(?([\\w$]+):(.+?)\\)?(\\^[\\d.]+)?$");

  private static final Pattern DAY_RANGE = Pattern.compile("\\[(-?\\d+) TO (-?\\d+)]");

  private ScoreExplainer() {}

  /**
   * The explanation of {@code doc}'s score for {@code query}, as {@link IncidentSearcher#explain}.
   */
  static ScoreExplanation explain(IndexSearcher searcher, Query query, int doc) throws IOException {
    Explanation e = searcher.explain(query, doc);
    List<ScoreContribution> parts = new ArrayList<>();
    if (e.isMatch()) {
      collect(
          e,
          parts,
          (field, term) ->
              RecordLookup.hasTerm(searcher.getIndexReader(), doc, new Term(field, term)));
    }
    parts.sort(
        Comparator.comparingDouble(ScoreContribution::contribution)
            .reversed()
            .thenComparing(ScoreContribution::field)
            .thenComparing(ScoreContribution::term));
    String recordKey = searcher.storedFields().document(doc).get(Schema.KEY);
    return new ScoreExplanation(
        recordKey, query.toString(), e.isMatch(), e.getValue().doubleValue(), parts, e.toString());
  }

  /** Walks the explanation tree down to the clauses that name a field and a term. */
  private static void collect(Explanation e, List<ScoreContribution> out, FieldHasTerm has)
      throws IOException {
    if (!e.isMatch()) {
      return;
    }
    String description = e.getDescription();
    Matcher combined = COMBINED_WEIGHT.matcher(description);
    if (combined.find()) {
      // BM25F reads its fields as one: the contribution names those of them holding the term.
      String term = combined.group(2);
      List<String> holding = new ArrayList<>();
      for (String field : combined.group(1).split(" ")) {
        if (has.test(field, term)) {
          holding.add(field);
        }
      }
      holding.sort(Comparator.comparingInt(Schema.textFields()::indexOf)); // title first
      out.add(
          new ScoreContribution(
              holding.isEmpty() ? combined.group(1) : String.join("+", holding),
              term,
              e.getValue().doubleValue()));
      return;
    }
    Matcher w = WEIGHT.matcher(description);
    if (w.find()) {
      String fieldTerm = w.group(1);
      int colon = fieldTerm.indexOf(':');
      if (colon > 0) {
        out.add(
            new ScoreContribution(
                fieldTerm.substring(0, colon),
                fieldTerm.substring(colon + 1),
                e.getValue().doubleValue()));
        return;
      }
    }
    if (e.getDetails().length == 0) {
      String d =
          description.startsWith("ConstantScore(")
              ? description.substring("ConstantScore(".length())
              : description;
      Matcher ft = FIELD_TERM.matcher(d.strip());
      if (ft.matches()) {
        String term = ft.group(2);
        if (ft.group(1).equals(Schema.PUBLISHED)) {
          term = readableDays(term);
        }
        out.add(new ScoreContribution(ft.group(1), term, e.getValue().doubleValue()));
      }
      return;
    }
    for (Explanation child : e.getDetails()) {
      collect(child, out, has);
    }
  }

  /** {@code [18262 TO 18627]} (epoch days) as {@code [2020-01-01 TO 2020-12-31]}. */
  private static String readableDays(String range) {
    Matcher m = DAY_RANGE.matcher(range);
    if (!m.matches()) {
      return range;
    }
    return "[" + day(m.group(1), Long.MIN_VALUE) + " TO " + day(m.group(2), Long.MAX_VALUE) + "]";
  }

  private static String day(String epochDay, long open) {
    long d = Long.parseLong(epochDay);
    return d == open ? "*" : LocalDate.ofEpochDay(d).toString();
  }
}
