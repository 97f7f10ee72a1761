package io.incidentsearch.engine;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;

/**
 * The proximity tier of the ranking: for every two consecutive words of a query of bare words (stop
 * words skipped), records where they stand within {@link Ranking#proximitySlop()} positions of each
 * other in a proximity field score more. It never changes what matches, only the order. Queries
 * naming a field, range or keyword get no bonus (their author said precisely what to match).
 *
 * <p><b>Shape, for speed.</b> The bonus of a word pair in a field is a sloppy {@link PhraseQuery}
 * (a BM25 score of how often the two words stand close), weighted by the field's proximity boost
 * times {@link Ranking#proximityBoost()}. When the query is a pure disjunction (bare words, the
 * usual case), each such phrase is added as one more optional clause of that disjunction, next to
 * the term clauses of its words. This is safe because the phrase only matches records where its
 * words are in that field, which the query's own term clause for that word and field already
 * matches. One flat disjunction lets Lucene's block-max WAND / MaxScore skip records that cannot
 * reach the page, the phrase clauses included; an optional clause beside the required words lets it
 * skip nothing, so every match of any word would pay for the positions of every pair. The scores
 * are the same sums as with that clause beside (up to float rounding). A pair the user quoted is
 * scored by the quoted {@link PhraseQuery} itself in each proximity field, its boost raised by the
 * bonus weight (an exact phrase is as close as two words stand; a sloppy copy would match records
 * the quoted phrase does not). Only what cannot be placed this way (a query with required clauses,
 * {@code +word} or {@code AND}, or a pair whose words the query has in no clause of that field)
 * keeps the other shape: the query required, the remaining bonus beside it as one optional clause.
 */
final class ProximityBonus {
  /** The most word pairs a proximity bonus looks at (a pasted page must stay cheap). */
  private static final int MAX_PROXIMITY_PAIRS = 24;

  private final Ranking ranking;

  ProximityBonus(Ranking ranking) {
    this.ranking = ranking;
  }

  /**
   * {@code q} with the proximity bonus of {@code words}, the analysed bare words of the query it
   * was parsed from (empty when the query names a field).
   */
  Query apply(Query q, List<String> words) {
    if (ranking.proximityBoost() == 0 || ranking.proximityFields().isEmpty() || words.size() < 2) {
      return q;
    }
    DisjunctionClauses leaves =
        q instanceof BooleanQuery bq && DisjunctionClauses.isPure(bq, true)
            ? DisjunctionClauses.of(bq)
            : null;
    BooleanQuery.Builder flat = new BooleanQuery.Builder();
    if (leaves != null) {
      for (BooleanClause c : ((BooleanQuery) q).clauses()) {
        flat.add(c);
      }
    }
    Set<PhraseQuery> raised = new HashSet<>();
    BooleanQuery.Builder rest = new BooleanQuery.Builder();
    int restClauses = 0;
    for (Map.Entry<String, Float> f : ranking.proximityFields().entrySet()) {
      Query near = pairs(f.getKey(), f.getValue(), words, leaves, flat, raised);
      if (near != null) {
        rest.add(new BoostQuery(near, f.getValue()), BooleanClause.Occur.SHOULD);
        restClauses++;
      }
    }
    Query base = leaves != null ? flat.build() : q;
    if (restClauses == 0) {
      return base;
    }
    return new BooleanQuery.Builder()
        .add(base, BooleanClause.Occur.MUST)
        .add(new BoostQuery(rest.build(), ranking.proximityBoost()), BooleanClause.Occur.SHOULD)
        .build();
  }

  /**
   * Adds the bonus of each word pair in {@code field} to {@code flat} where the query's {@code
   * leaves} cover it; returns the pairs left over as one disjunction, or null when none is.
   */
  private Query pairs(
      String field,
      float fieldBoost,
      List<String> words,
      DisjunctionClauses leaves,
      BooleanQuery.Builder flat,
      Set<PhraseQuery> raised) {
    float weight = fieldBoost * ranking.proximityBoost();
    int pairs = Math.min(MAX_PROXIMITY_PAIRS, words.size() - 1);
    BooleanQuery.Builder near = new BooleanQuery.Builder();
    int nearClauses = 0;
    for (int i = 0; i < pairs; i++) {
      String a = words.get(i);
      String b = words.get(i + 1);
      PhraseQuery sloppy = new PhraseQuery(ranking.proximitySlop(), field, a, b);
      if (leaves != null && (leaves.covers(field, a) || leaves.covers(field, b))) {
        flat.add(new BoostQuery(sloppy, weight), BooleanClause.Occur.SHOULD);
        continue;
      }
      PhraseQuery quoted = leaves == null ? null : leaves.coveringPhraseWith(field, a, b);
      if (quoted != null) {
        if (raised.add(quoted)) {
          // Lucene's rewrite merges this with the query's own clause, summing the boosts.
          flat.add(new BoostQuery(quoted, weight), BooleanClause.Occur.SHOULD);
        }
        continue;
      }
      near.add(sloppy, BooleanClause.Occur.SHOULD);
      nearClauses++;
    }
    return nearClauses == 0 ? null : near.build();
  }
}
