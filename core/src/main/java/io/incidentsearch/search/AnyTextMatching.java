package io.incidentsearch.search;

import io.incidentsearch.schema.Schema;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Rewrites a parsed query into one that matches the same records at less cost, for counting
 * (totals and facet counts), never for scoring: a bare word expands to one clause per field it
 * searches, and where those fields are exactly the ones {@link Schema#ANY_TEXT} gathers, the
 * word's clauses become one term of that field. A record has the term there exactly when one of
 * the fields has it, so the matches stay the same; prefixes and wildcards likewise. Everything
 * else (phrases, fuzzy terms, which expand to a bounded number of terms per field, field
 * queries) is kept. Stateless.
 */
final class AnyTextMatching {
  private static final Set<String> SOURCES = Schema.get().defaultFieldBoosts().keySet();

  private AnyTextMatching() {}

  /** {@code q} with every expanded bare word on {@link Schema#ANY_TEXT}; {@code q} if none. */
  static Query rewrite(Query q) {
    if (q instanceof BoostQuery b) {
      Query inner = rewrite(b.getQuery());
      return inner == b.getQuery() ? b : new BoostQuery(inner, b.getBoost());
    }
    if (!(q instanceof BooleanQuery bq)) {
      return q;
    }
    Query word = asAnyText(bq);
    if (word != null) {
      return word;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.setMinimumNumberShouldMatch(bq.getMinimumNumberShouldMatch());
    boolean changed = false;
    for (BooleanClause c : bq.clauses()) {
      Query r = rewrite(c.query());
      changed |= r != c.query();
      b.add(r, c.occur());
    }
    return changed ? b.build() : q;
  }

  /**
   * The {@link Schema#ANY_TEXT} form of {@code q} when it is one word's expansion: optional
   * clauses only, one per source field, all the same term, prefix or wildcard; else null.
   */
  private static Query asAnyText(BooleanQuery q) {
    List<BooleanClause> clauses = q.clauses();
    if (q.getMinimumNumberShouldMatch() > 0 || clauses.size() != SOURCES.size()) {
      return null;
    }
    Set<String> fields = new HashSet<>();
    Query first = null;
    for (BooleanClause c : clauses) {
      Query inner = c.query();
      while (inner instanceof BoostQuery b) {
        inner = b.getQuery();
      }
      String field = fieldOf(inner);
      if (c.occur() != BooleanClause.Occur.SHOULD || field == null || !fields.add(field)) {
        return null;
      }
      if (first == null) {
        first = inner;
      } else if (!sameWord(first, inner)) {
        return null;
      }
    }
    if (!fields.equals(SOURCES)) {
      return null;
    }
    return onAnyText(first);
  }

  private static String fieldOf(Query q) {
    return switch (q) {
      case TermQuery t -> t.getTerm().field();
      case PrefixQuery p -> p.getPrefix().field();
      case WildcardQuery w -> w.getTerm().field();
      default -> null;
    };
  }

  private static boolean sameWord(Query a, Query b) {
    return a.getClass() == b.getClass() && bytes(a).equals(bytes(b));
  }

  private static BytesRef bytes(Query q) {
    return switch (q) {
      case TermQuery t -> t.getTerm().bytes();
      case PrefixQuery p -> p.getPrefix().bytes();
      case WildcardQuery w -> w.getTerm().bytes();
      default -> throw new IllegalArgumentException(q.toString());
    };
  }

  private static Query onAnyText(Query q) {
    Function<Query, Term> term = x -> new Term(Schema.ANY_TEXT, bytes(x));
    return switch (q) {
      case TermQuery t -> new TermQuery(term.apply(t));
      case PrefixQuery p -> new PrefixQuery(term.apply(p));
      case WildcardQuery w -> new WildcardQuery(term.apply(w));
      default -> throw new IllegalArgumentException(q.toString());
    };
  }
}
