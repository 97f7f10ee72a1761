package io.incidentsearch.search;

import io.incidentsearch.formats.JsonLines;
import io.incidentsearch.schema.RecordTexts;
import io.incidentsearch.schema.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/**
 * Pseudo-relevance feedback, RM3 (Abdul-Jaleel et al., UMass at TREC 2004; the form and defaults of
 * Anserini): the records a query ranks first are taken to be about its topic, and the words they
 * use most, weighted by how well each record matched, are added to the query. A headline then also
 * finds the other reports of the same story, which tell it in other words, and an article's
 * headline finds the title-only incident whose title paraphrases it.
 *
 * <p>The parameters are the method's published defaults, not fitted here: {@value #DOCS} feedback
 * records, {@value #TERMS} expansion words, and the original query weighted {@value
 * #ORIGINAL_WEIGHT} against the expansion.
 *
 * <p>The expansion only reorders: it is added beside the query, which stays required, so what
 * matches (totals, facet counts) is what the user's words match.
 */
final class RelevanceFeedback {
  /** How many top records the expansion is drawn from. */
  static final int DOCS = 10;

  /** How many words the expansion holds. */
  static final int TERMS = 10;

  /** The weight of the original query; the expansion gets the rest (RM3's lambda). */
  static final float ORIGINAL_WEIGHT = 0.5f;

  private static final Set<String> RECORD_JSON = Set.of(Schema.RECORD_JSON);

  /** Orders entries by weight, largest first (ties by word). */
  private static final Comparator<Map.Entry<String, Double>> BY_WEIGHT =
      Map.Entry.<String, Double>comparingByValue()
          .reversed()
          .thenComparing(Map.Entry.comparingByKey());

  private RelevanceFeedback() {}

  /**
   * {@code query} with its RM3 expansion: {@code query} required, plus the expansion words, each
   * scored like a bare word of {@code ranking} and weighted by its feedback probability, their sum
   * scaled so that the expansion weighs against the query's {@code queryWords} words as {@code 1 -
   * ORIGINAL_WEIGHT} against {@code ORIGINAL_WEIGHT}. {@code query} alone when there is nothing to
   * learn from (no record matches).
   *
   * @param searcher the searcher; the feedback records are the first {@link #DOCS} records {@code
   *     first} ranks among all records, whatever the request's filters (the words of a topic do not
   *     depend on which kind of record the user wants listed)
   */
  static Query expand(
      IndexSearcher searcher, Query first, Query query, int queryWords, Ranking ranking)
      throws IOException {
    Query records =
        new BooleanQuery.Builder()
            .add(first, Occur.MUST)
            .add(new TermQuery(new Term(Schema.KIND, Schema.KIND_RECORD)), Occur.FILTER)
            .build();
    TopDocs top;
    try {
      top = searcher.search(records, DOCS);
    } catch (IndexSearcher.TooManyClauses e) {
      return query; // the search itself refuses it, with the message for the user
    }
    if (top.scoreDocs.length == 0 || queryWords == 0) {
      return query;
    }
    Map<String, Double> weights = relevanceModel(searcher, top.scoreDocs);
    List<Map.Entry<String, Double>> best = new ArrayList<>(weights.entrySet());
    best.sort(BY_WEIGHT);
    best = best.subList(0, Math.min(TERMS, best.size()));
    double sum = best.stream().mapToDouble(Map.Entry::getValue).sum();
    if (best.isEmpty() || !(sum > 0)) {
      return query;
    }
    BooleanQuery.Builder expansion = new BooleanQuery.Builder();
    for (Map.Entry<String, Double> e : best) {
      expansion.add(
          new BoostQuery(
              IncidentQueryParser.bareWord(e.getKey(), ranking), (float) (e.getValue() / sum)),
          Occur.SHOULD);
    }
    // The query's words weigh 1 each; the expansion's weights sum to 1.
    float scale = queryWords * (1 - ORIGINAL_WEIGHT) / ORIGINAL_WEIGHT;
    return new BooleanQuery.Builder()
        .add(query, Occur.MUST)
        .add(new BoostQuery(expansion.build(), scale), Occur.SHOULD)
        .build();
  }

  /**
   * RM1: P(w|R) = sum over feedback records D of P(w|D) P(D|Q), with P(w|D) the word's share of D's
   * own text and P(D|Q) D's share of the feedback records' total score.
   */
  private static Map<String, Double> relevanceModel(IndexSearcher searcher, ScoreDoc[] docs)
      throws IOException {
    double total = 0;
    for (ScoreDoc d : docs) {
      total += d.score;
    }
    Map<String, Double> model = new HashMap<>();
    StoredFields stored = searcher.storedFields();
    Analyzer analyzer = Schema.get().textAnalyzer();
    for (ScoreDoc d : docs) {
      String json = stored.document(d.doc, RECORD_JSON).get(Schema.RECORD_JSON);
      Map<String, Integer> counts = new LinkedHashMap<>();
      int length = 0;
      if (json != null) {
        var text =
            JsonLines.fromJson(json, Path.of("<index>"), 1, problem -> {})
                .map(RecordTexts::of)
                .orElse(Map.of());
        for (Map.Entry<String, List<String>> field : text.entrySet()) {
          if (!Schema.textFields().contains(field.getKey())) {
            continue; // publication names are not topic words
          }
          for (String value : field.getValue()) {
            length += count(analyzer, value, counts);
          }
        }
      }
      if (length == 0) {
        continue;
      }
      double docWeight = total > 0 ? d.score / total : 1.0 / docs.length;
      for (Map.Entry<String, Integer> c : counts.entrySet()) {
        model.merge(c.getKey(), docWeight * c.getValue() / length, Double::sum);
      }
    }
    return model;
  }

  /** Adds the topic words of {@code text} to {@code counts}; returns how many words it has. */
  private static int count(Analyzer analyzer, String text, Map<String, Integer> counts) {
    int n = 0;
    try (TokenStream ts = analyzer.tokenStream(Schema.BODY, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        n++;
        if (topicWord(term)) {
          counts.merge(term.toString(), 1, Integer::sum);
        }
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // analysing a String does no I/O
    }
    return n;
  }

  /** Words of two letters or more, letters only (no numbers, ids or citation marks). */
  private static boolean topicWord(CharSequence term) {
    if (term.length() < 2) {
      return false;
    }
    for (int i = 0; i < term.length(); i++) {
      if (!Character.isLetter(term.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
