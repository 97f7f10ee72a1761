package io.incidentsearch.engine;

import io.incidentsearch.schema.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CombinedFieldQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Words written with no field: how a query's text is analysed into terms, and how each term is
 * scored as the {@link Ranking} says (BM25F over the record's own text, plus weighted BM25 over the
 * text of linked records). The known-item, proximity and typo tiers start from these words.
 */
final class BareWords {
  private BareWords() {}

  private static final Pattern FIELD_COLON = Pattern.compile("(?<!\\\\):");

  private static final Pattern SYNTAX =
      Pattern.compile("[\\\\\"()\\[\\]{}+\\-!^~*?:/]|\\b(AND|OR|NOT)\\b");

  /** Whether a relaxed query string names a field, range or keyword (it has an unescaped colon). */
  static boolean namesField(String relaxed) {
    return FIELD_COLON.matcher(relaxed).find();
  }

  /** {@code query} with the characters and operators of the syntax read as spaces. */
  static String withoutSyntax(String query) {
    return SYNTAX.matcher(query).replaceAll(" ");
  }

  /** The analysed words of a relaxed query string that names no field, else empty. */
  static List<String> ofQuery(String relaxed) {
    return namesField(relaxed) ? List.of() : analyzed(withoutSyntax(relaxed));
  }

  /**
   * Each analysed term of {@code text} scored as {@link #bareWord} says, any of them matching; null
   * when the text analyses to no term.
   */
  static Query anyOf(String text, Ranking ranking) {
    List<String> terms = analyzed(text);
    if (terms.isEmpty()) {
      return null;
    }
    if (terms.size() == 1) {
      return bareWord(terms.get(0), ranking);
    }
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (String term : terms) {
      any.add(bareWord(term, ranking), BooleanClause.Occur.SHOULD);
    }
    return any.build();
  }

  /** As {@link IncidentQueryParser#bareWord(String, Ranking)}. */
  static Query bareWord(String term, Ranking ranking) {
    Query own =
        ranking.ownFields().size() == 1
            ? new TermQuery(new Term(ranking.ownFields().keySet().iterator().next(), term))
            : combined(term, ranking.ownFields());
    if (ranking.linkedWeight() == 0 || ranking.linkedFields().isEmpty()) {
      return own;
    }
    BooleanQuery.Builder linked = new BooleanQuery.Builder();
    ranking
        .linkedFields()
        .forEach(
            (field, boost) ->
                linked.add(
                    new BoostQuery(new TermQuery(new Term(field, term)), boost),
                    BooleanClause.Occur.SHOULD));
    return new BooleanQuery.Builder()
        .add(own, BooleanClause.Occur.SHOULD)
        .add(new BoostQuery(linked.build(), ranking.linkedWeight()), BooleanClause.Occur.SHOULD)
        .build();
  }

  /** One term searched over {@code fields} as one BM25F field. */
  private static CombinedFieldQuery combined(String term, Map<String, Float> fields) {
    CombinedFieldQuery.Builder b = new CombinedFieldQuery.Builder(term);
    fields.forEach(b::addField);
    return b.build();
  }

  /** The terms English analysis makes of {@code text}, in order. */
  static List<String> analyzed(String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = Schema.get().textAnalyzer().tokenStream(Schema.TITLE, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // analysing a String does no I/O
    }
    return out;
  }
}
