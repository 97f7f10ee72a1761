package io.incidentsearch.engine;

import io.incidentsearch.schema.Schema;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CombinedFieldQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.IndexSortSortedNumericDocValuesRangeQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PointRangeQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;

/**
 * Tells whether a query can only match records, never file entries: then searches and counts need
 * no {@code kind:record} filter, whose conjunction costs as much as reading a word's postings, and
 * a single word's count is its document frequency. Stateless.
 */
final class RecordQueries {
  private RecordQueries() {}

  /**
   * Whether every document {@code q} matches has a term or point of a field file entries lack
   * ({@link Schema#FILE_ENTRY_FIELDS}). False when unsure.
   */
  static boolean matchesRecordsOnly(Query q) {
    return switch (q) {
      case BoostQuery b -> matchesRecordsOnly(b.getQuery());
      case ConstantScoreQuery c -> matchesRecordsOnly(c.getQuery());
      case IndexOrDocValuesQuery i -> matchesRecordsOnly(i.getIndexQuery());
      case IndexSortSortedNumericDocValuesRangeQuery i -> matchesRecordsOnly(i.getFallbackQuery());
      case TermQuery t -> recordField(t.getTerm().field());
      case MultiTermQuery m -> recordField(m.getField());
      case PhraseQuery p -> recordField(p.getField());
      case CombinedFieldQuery c -> combinedFieldsOfRecords(c);
      case PointRangeQuery p -> recordField(p.getField());
      case MatchNoDocsQuery n -> true;
      case BooleanQuery b -> booleanMatchesRecordsOnly(b);
      default -> false;
    };
  }

  /**
   * A required clause that matches records only, or only optional clauses that all do; or no clause
   * at all (a query of stop words), which matches nothing.
   */
  private static boolean booleanMatchesRecordsOnly(BooleanQuery b) {
    if (b.clauses().isEmpty()) {
      return true;
    }
    boolean anyShould = false;
    boolean allShould = true;
    boolean anyRequired = false;
    for (BooleanClause c : b.clauses()) {
      switch (c.occur()) {
        case MUST, FILTER -> {
          anyRequired = true;
          if (matchesRecordsOnly(c.query())) {
            return true;
          }
        }
        case SHOULD -> {
          anyShould = true;
          allShould &= matchesRecordsOnly(c.query());
        }
        case MUST_NOT -> {}
      }
    }
    return !anyRequired && anyShould && allShould;
  }

  /** Whether every field a {@link CombinedFieldQuery} reads is a record field. */
  private static boolean combinedFieldsOfRecords(CombinedFieldQuery c) {
    boolean[] records = {true};
    c.visit(
        new QueryVisitor() {
          @Override
          public void consumeTerms(Query query, Term... terms) {
            for (Term t : terms) {
              records[0] &= recordField(t.field());
            }
          }
        });
    return records[0];
  }

  private static boolean recordField(String field) {
    return !Schema.FILE_ENTRY_FIELDS.contains(field);
  }
}
