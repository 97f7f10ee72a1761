package io.incidentsearch.engine;

import io.incidentsearch.engine.IncidentQueryParser.Parsed;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.spell.SuggestWord;

/**
 * The typo tier of the ranking: a word no record uses also matches its indexed neighbours, so
 * {@code Transmisison failure} finds and ranks what {@code transmission failure} does, a little
 * lower, and the corrected query may still be a known item ({@link KnownItems}).
 */
final class TypoNeighbours {
  private TypoNeighbours() {}

  /** As {@link IncidentQueryParser#withNeighbours}. */
  static Parsed apply(
      Parsed parsed, String searched, List<Spelling.Correction> corrections, Ranking ranking) {
    if (parsed.bareWords().isEmpty() || searched.indexOf('"') >= 0) {
      return parsed;
    }
    List<Query> alternatives = new ArrayList<>();
    for (Spelling.Correction c : corrections) {
      if (!c.unknown()) {
        continue;
      }
      for (SuggestWord near : c.neighbours()) {
        for (String term : BareWords.analyzed(near.string)) {
          alternatives.add(new BoostQuery(BareWords.bareWord(term, ranking), near.score));
        }
      }
    }
    if (alternatives.isEmpty()) {
      return parsed;
    }
    List<Query> scored = new ArrayList<>(alternatives);
    if (ranking.knownItem()) {
      // The query as corrected may be a title: it is what the user meant to type.
      Spelling.suggestion(
              searched, corrections.stream().filter(Spelling.Correction::unknown).toList())
          .ifPresent(corrected -> scored.addAll(KnownItems.bonuses(corrected)));
    }
    Query matching = orElse(parsed.matching(), alternatives);
    Query scoring = orElse(parsed.scoring(), scored);
    if (matching == null || scoring == null) {
      return parsed;
    }
    return new Parsed(matching, scoring, parsed.interpretedAs(), parsed.bareWords());
  }

  /** {@code q} or any of {@code alternatives}, kept flat; null when {@code q} requires a clause. */
  private static Query orElse(Query q, List<Query> alternatives) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    if (q instanceof BooleanQuery bq) {
      if (!DisjunctionClauses.isPure(bq, true)) {
        return null;
      }
      bq.clauses().forEach(b::add);
    } else {
      b.add(q, BooleanClause.Occur.SHOULD);
    }
    alternatives.forEach(a -> b.add(a, BooleanClause.Occur.SHOULD));
    return b.build();
  }
}
