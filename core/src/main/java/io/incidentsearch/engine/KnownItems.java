package io.incidentsearch.engine;

import io.incidentsearch.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;

/**
 * The known-item tier of the ranking ({@link Ranking#knownItem()}): a record whose title equals a
 * query of bare words, case, accents and punctuation aside, scores {@link #EXACT_TITLE_SCORE} more,
 * and one whose title holds all the query's words in order scores {@link #TITLE_PHRASE_SCORE} more.
 * Both only reorder: such a record matches the query's words anyway (the title is searched by every
 * bare word). Queries naming a field get neither.
 */
final class KnownItems {
  private KnownItems() {}

  /**
   * The score of a record whose title equals the query ({@link Schema#foldTitle}): far above what
   * words alone score, so that record ranks first.
   */
  static final float EXACT_TITLE_SCORE = 10_000f;

  /**
   * The score of a record whose title contains the whole query (two words or more) as a phrase:
   * above what words alone score, below an exact title.
   */
  static final float TITLE_PHRASE_SCORE = 1_000f;

  /**
   * {@code q} with the known-item bonuses of {@code query} when {@code ranking} has them and the
   * query ({@code relaxed}, as parsed) names no field.
   */
  static Query apply(Query q, String query, String relaxed, Ranking ranking) {
    if (!ranking.knownItem() || BareWords.namesField(relaxed)) {
      return q;
    }
    List<Query> bonuses = bonuses(query);
    if (bonuses.isEmpty()) {
      return q;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    if (q instanceof BooleanQuery bq && DisjunctionClauses.isPure(bq, true)) {
      bq.clauses().forEach(b::add);
    } else {
      b.add(q, BooleanClause.Occur.MUST);
    }
    bonuses.forEach(bonus -> b.add(bonus, BooleanClause.Occur.SHOULD));
    return b.build();
  }

  /** The known-item clauses of a query of bare words: exact title, and title phrase. */
  static List<Query> bonuses(String query) {
    String folded = Schema.get().foldTitle(query);
    if (folded.isEmpty()) {
      return List.of();
    }
    List<Query> bonuses = new ArrayList<>();
    bonuses.add(
        new BoostQuery(
            new ConstantScoreQuery(new TermQuery(new Term(Schema.TITLE_FOLDED, folded))),
            EXACT_TITLE_SCORE));
    Query phrase =
        new QueryBuilder(Schema.get().textAnalyzer())
            .createPhraseQuery(Schema.TITLE, BareWords.withoutSyntax(query));
    if (phrase instanceof PhraseQuery p && p.getTerms().length >= 2) {
      bonuses.add(new BoostQuery(new ConstantScoreQuery(p), TITLE_PHRASE_SCORE));
    }
    return bonuses;
  }
}
