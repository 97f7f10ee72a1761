package io.incidentsearch.engine;

import io.incidentsearch.schema.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CombinedFieldQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;

/**
 * The term and phrase queries a pure disjunction matches through (its optional clauses, boosts and
 * nested pure disjunctions): a record matching any of them matches the disjunction. The ranking
 * tiers read it to add their clauses to a query of bare words without changing what it matches.
 */
record DisjunctionClauses(Set<Term> terms, List<PhraseQuery> phrases) {
  static DisjunctionClauses of(BooleanQuery q) {
    DisjunctionClauses c = new DisjunctionClauses(new HashSet<>(), new ArrayList<>());
    c.collect(q);
    return c;
  }

  /**
   * Whether {@code q} matches the union of its optional clauses: no required or filter clause, no
   * minimum to match ({@code MUST_NOT} clauses only remove records, so they are allowed at the top
   * when {@code top}).
   */
  static boolean isPure(BooleanQuery q, boolean top) {
    if (q.getMinimumNumberShouldMatch() > 0) {
      return false;
    }
    boolean should = false;
    for (BooleanClause c : q.clauses()) {
      switch (c.occur()) {
        case SHOULD -> should = true;
        case MUST_NOT -> {
          if (!top) {
            return false;
          }
        }
        default -> {
          return false;
        }
      }
    }
    return should;
  }

  private void collect(Query q) {
    Query inner = q;
    while (inner instanceof BoostQuery b) {
      inner = b.getQuery();
    }
    if (inner instanceof TermQuery t) {
      terms.add(t.getTerm());
    } else if (inner instanceof CombinedFieldQuery c) {
      c.visit(
          new QueryVisitor() {
            @Override
            public void consumeTerms(Query query, Term... fieldTerms) {
              terms.addAll(List.of(fieldTerms));
            }
          });
    } else if (inner instanceof PhraseQuery p) {
      phrases.add(p);
    } else if (inner instanceof BooleanQuery b && isPure(b, false)) {
      for (BooleanClause c : b.clauses()) {
        collect(c.query());
      }
    }
  }

  boolean hasTerm(String field, String text) {
    return terms.contains(new Term(field, text));
  }

  /**
   * Whether every record with {@code text} in {@code field} matches a clause here: one of that
   * field, or of a field holding a copy of it (the page {@link Schema#TEXT} holds every own-text
   * field; the cited text holds the cited headlines).
   */
  boolean covers(String field, String text) {
    return hasTerm(field, text)
        || (Schema.ownTextFields().contains(field) && hasTerm(Schema.TEXT, text))
        || (field.equals(Schema.CITED_TITLE) && hasTerm(Schema.CITED_TEXT, text));
  }

  /**
   * A phrase with {@code a} right before {@code b} in {@code field} or in a field holding a copy of
   * it ({@link #covers}); null if none.
   */
  PhraseQuery coveringPhraseWith(String field, String a, String b) {
    PhraseQuery p = phraseWith(field, a, b);
    if (p == null && Schema.ownTextFields().contains(field)) {
      p = phraseWith(Schema.TEXT, a, b);
    }
    if (p == null && field.equals(Schema.CITED_TITLE)) {
      p = phraseWith(Schema.CITED_TEXT, a, b);
    }
    return p;
  }

  /** A phrase of {@code field} with {@code a} right before {@code b}; null if none. */
  PhraseQuery phraseWith(String field, String a, String b) {
    for (PhraseQuery p : phrases) {
      Term[] t = p.getTerms();
      int[] pos = p.getPositions();
      if (!p.getField().equals(field)) {
        continue;
      }
      for (int i = 0; i + 1 < t.length; i++) {
        if (t[i].text().equals(a) && t[i + 1].text().equals(b) && pos[i + 1] == pos[i] + 1) {
          return p;
        }
      }
    }
    return null;
  }
}
