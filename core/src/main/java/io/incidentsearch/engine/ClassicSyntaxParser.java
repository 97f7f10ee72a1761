package io.incidentsearch.engine;

import static io.incidentsearch.engine.QueryFields.DATE_FIELD;

import io.incidentsearch.model.Category;
import io.incidentsearch.schema.Schema;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * One parse of Lucene's classic syntax over this index: the query field names resolved to their
 * index fields ({@link QueryFields}), bare words scored as {@link BareWords}, dates, categories,
 * ids and keys read as whole values, and every prefix, wildcard, fuzzy term and regular expression
 * checked against {@link QueryLimits} before Lucene compiles it. Holds the state of one parse: not
 * reused.
 */
final class ClassicSyntaxParser extends MultiFieldQueryParser {
  private final QueryFields fields;
  private final Ranking ranking;
  private final String query;

  /** The cost of the prefix, wildcard and fuzzy terms compiled so far. */
  private int multiTermCost;

  ClassicSyntaxParser(QueryFields fields, Ranking ranking, String query) {
    super(
        ranking.fieldBoosts().keySet().toArray(String[]::new),
        Schema.get().analyzer(),
        ranking.fieldBoosts());
    this.fields = fields;
    this.ranking = ranking;
    this.query = query;
    setDefaultOperator(QueryParser.OR_OPERATOR);
    setAllowLeadingWildcard(false);
  }

  /** The index fields a query field name stands for; throws for an unknown name. */
  private List<String> resolve(String name) {
    List<String> targets = fields.targets(name);
    if (targets == null) {
      throw QueryErrors.unknownField(name, query, fields.names());
    }
    return targets;
  }

  /**
   * Bare words (the parser passes a run of them at once) as {@link BareWords#anyOf}; null when the
   * query requires every word ({@code AND} as default operator: the per-field form handles that).
   */
  private Query bareWords(String text) {
    if (getDefaultOperator() != QueryParser.OR_OPERATOR) {
      return null;
    }
    return BareWords.anyOf(text, ranking);
  }

  /** Applies {@code per} to each index field of {@code name}, ORing the results. */
  private Query expand(String name, FieldQuery per) throws ParseException {
    List<String> targets = resolve(name);
    if (targets.size() == 1) {
      return per.apply(targets.get(0));
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    int clauses = 0;
    for (String t : targets) {
      Query q = per.apply(t);
      if (q != null) {
        b.add(q, BooleanClause.Occur.SHOULD);
        clauses++;
      }
    }
    return clauses == 0 ? null : b.build();
  }

  @Override
  protected Query getFieldQuery(String field, String text, boolean quoted) throws ParseException {
    if (field == null) {
      Query word = quoted ? null : bareWords(text);
      return word != null ? word : super.getFieldQuery(null, text, quoted);
    }
    return expand(
        field,
        f -> {
          if (f.equals(DATE_FIELD)) {
            return PublishedDates.within(text, query);
          }
          Category c = fields.category(f);
          if (c != null) {
            String option = Category.normalizeOption(text);
            return option.isEmpty() ? null : new TermQuery(new Term(f, option));
          }
          if (f.equals(Schema.ID) || f.equals(Schema.KEY)) {
            return idQuery(f, text);
          }
          return super.getFieldQuery(f, text, quoted);
        });
  }

  /**
   * An id or key as written, or in lower case: ids are indexed as their files name them ({@code
   * Twitter leak 9003}), and the lower-case form keeps {@code key:Incident:2750} working.
   */
  private static Query idQuery(String f, String text) {
    String lower = QueryFields.lower(text);
    if (lower.equals(text)) {
      return new TermQuery(new Term(f, text));
    }
    return new BooleanQuery.Builder()
        .add(new TermQuery(new Term(f, text)), BooleanClause.Occur.SHOULD)
        .add(new TermQuery(new Term(f, lower)), BooleanClause.Occur.SHOULD)
        .build();
  }

  @Override
  protected Query getFieldQuery(String field, String text, int slop) throws ParseException {
    if (field == null) {
      return super.getFieldQuery(null, text, slop);
    }
    if (fields.takesWholeValues(resolve(field))) {
      return getFieldQuery(field, text, true);
    }
    return expand(field, f -> super.getFieldQuery(f, text, slop));
  }

  @Override
  protected Query getRangeQuery(
      String field, String part1, String part2, boolean startInclusive, boolean endInclusive)
      throws ParseException {
    if (field == null) {
      return super.getRangeQuery(null, part1, part2, startInclusive, endInclusive);
    }
    return expand(
        field,
        f -> {
          if (f.equals(DATE_FIELD)) {
            return PublishedDates.between(part1, part2, startInclusive, endInclusive, query);
          }
          // A term range is compiled to an automaton too.
          String bounds = String.valueOf(part1) + String.valueOf(part2);
          multiTermCost = QueryLimits.addMultiTerm(multiTermCost, bounds, bounds, query);
          return super.getRangeQuery(f, part1, part2, startInclusive, endInclusive);
        });
  }

  @Override
  protected Query getPrefixQuery(String field, String text) throws ParseException {
    if (field == null) {
      return super.getPrefixQuery(null, text);
    }
    return expand(
        field,
        f -> {
          countMultiTerm(f, text, text);
          return super.getPrefixQuery(f, text);
        });
  }

  @Override
  protected Query getWildcardQuery(String field, String written) throws ParseException {
    String text = QueryLimits.collapseStars(written);
    QueryLimits.checkWildcards(text, written, query);
    if (field == null) {
      return super.getWildcardQuery(null, text);
    }
    return expand(
        field,
        f -> {
          countMultiTerm(f, text, written);
          return super.getWildcardQuery(f, text);
        });
  }

  @Override
  protected Query getFuzzyQuery(String field, String text, float minSimilarity)
      throws ParseException {
    if (field == null) {
      return super.getFuzzyQuery(null, text, minSimilarity);
    }
    int length = text.codePointCount(0, text.length());
    int edits =
        Math.min(FuzzyQuery.floatToEdits(minSimilarity, length), QueryLimits.autoEdits(length));
    return expand(
        field,
        f -> {
          countMultiTerm(f, text, text);
          return super.getFuzzyQuery(f, text, edits);
        });
  }

  @Override
  protected Query getRegexpQuery(String field, String text) throws ParseException {
    QueryLimits.checkRegex(text, query);
    if (field == null) {
      return super.getRegexpQuery(null, text);
    }
    return expand(
        field,
        f -> {
          notDate(f, text);
          return super.getRegexpQuery(f, text);
        });
  }

  /**
   * Counts a prefix, wildcard or fuzzy term {@code text} compiled for index field {@code f} against
   * the query's budget; refuses it on the date field.
   */
  private void countMultiTerm(String f, String text, String written) {
    multiTermCost = QueryLimits.addMultiTerm(multiTermCost, text, written, query);
    notDate(f, text);
  }

  /** Refuses a term that is no date on the date field. */
  private void notDate(String f, String text) {
    if (f.equals(DATE_FIELD)) {
      throw PublishedDates.notATerm(text, query);
    }
  }

  @FunctionalInterface
  private interface FieldQuery {
    Query apply(String indexField) throws ParseException;
  }
}
