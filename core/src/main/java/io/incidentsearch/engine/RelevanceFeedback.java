package io.incidentsearch.engine;

import io.incidentsearch.schema.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * #ORIGINAL_WEIGHT} against the expansion. The words are chosen by their probability times their
 * idf ({@link #informative}), as Robertson's term selection and Rocchio's tf-idf do, rather than by
 * probability alone.
 *
 * <p>The expansion only reorders: it is added beside the query, which stays required, so what
 * matches (totals, facet counts) is what the user's words match.
 */
final class RelevanceFeedback {
  /** How many top records the expansion is drawn from. */
  static final int DOCS = 10;

  /** How many words the expansion holds. */
  static final int TERMS = 10;

  /**
   * The largest share of records an expansion word may be used by: a word of more than a tenth of
   * the records names no topic (as {@code MoreLikeThis} drops words of too many documents).
   */
  static final double MAX_SHARE = 0.1;

  /** How many of the most probable feedback words are weighed by their rarity. */
  static final int CANDIDATES = 100;

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
   *     query} ranks among all records, whatever the request's filters (the words of a topic do not
   *     depend on which kind of record the user wants listed)
   */
  static Query expand(IndexSearcher searcher, Query query, int queryWords, Ranking ranking)
      throws IOException {
    Query records =
        new BooleanQuery.Builder()
            .add(query, Occur.MUST)
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
    List<Map.Entry<String, Double>> best = informative(searcher, weights, ranking);
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
   * The {@link #TERMS} words of the relevance model that say most about the topic: ranked by P(w|R)
   * times the word's BM25 idf (its document frequency in the own-text field; the largest over them
   * when there are several, as {@code CombinedFieldQuery} counts it), each keeping its P(w|R) as
   * weight. Plain RM3 ranks by P(w|R) alone, which on postmortems picks "software", "failure",
   * "incident" and "system": words nearly every record uses, which say nothing of the topic and,
   * being in nearly every record, make the expanded query score nearly every record again. Only the
   * {@link #CANDIDATES} most probable words are weighed, so a long feedback text stays cheap.
   */
  private static List<Map.Entry<String, Double>> informative(
      IndexSearcher searcher, Map<String, Double> model, Ranking ranking) throws IOException {
    List<Map.Entry<String, Double>> candidates = new ArrayList<>(model.entrySet());
    candidates.sort(BY_WEIGHT);
    candidates = candidates.subList(0, Math.min(CANDIDATES, candidates.size()));
    long n = Math.max(1, searcher.getIndexReader().numDocs());
    Map<String, Double> selection = new HashMap<>();
    for (Map.Entry<String, Double> c : candidates) {
      long df = 0;
      for (String field : ranking.ownFields().keySet()) {
        df = Math.max(df, searcher.getIndexReader().docFreq(new Term(field, c.getKey())));
      }
      if (df > n * MAX_SHARE) {
        continue; // a word of most records: no topic, and long postings to score
      }
      double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      selection.put(c.getKey(), c.getValue() * idf);
    }
    List<Map.Entry<String, Double>> best = new ArrayList<>(selection.entrySet());
    best.sort(BY_WEIGHT);
    List<Map.Entry<String, Double>> out = new ArrayList<>();
    for (Map.Entry<String, Double> b : best.subList(0, Math.min(TERMS, best.size()))) {
      out.add(Map.entry(b.getKey(), model.get(b.getKey())));
    }
    return out;
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
      for (Map.Entry<String, List<String>> field : Snippets.ownText(json).entrySet()) {
        if (!Schema.ownTextFields().contains(field.getKey())) {
          continue; // publication names are not topic words
        }
        for (String value : field.getValue()) {
          length += count(analyzer, value, counts);
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
