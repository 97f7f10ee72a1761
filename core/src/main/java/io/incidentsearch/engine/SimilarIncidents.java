package io.incidentsearch.engine;

import io.incidentsearch.model.RecordType;
import io.incidentsearch.schema.Schema;
import io.incidentsearch.search.Hit;
import io.incidentsearch.search.SimilarIncident;
import io.incidentsearch.search.SortOrder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;

/**
 * The incidents most like a record, by text and taxonomy, excluding the record itself ({@link
 * IncidentSearcher#similar}). Immutable.
 *
 * <p>Design: the record's distinctive terms are chosen by {@link MoreLikeThis} over its stored text
 * fields (title, summary, sections, rationales; an article's body): terms used at least twice in
 * the record and by at least one other document, but by at most half of the incidents (words every
 * postmortem uses, like "software" or "incident", say nothing), at most {@value
 * #SIMILAR_QUERY_TERMS}, each weighted by TF-IDF. To this text query (scored by BM25) is added one
 * optional clause per taxonomy option of the record, {@code missing} and {@code unknown} excepted
 * (sharing ignorance is no likeness); BM25 on these keyword fields weighs an option by its rarity,
 * so sharing {@code malicious} counts more than sharing {@code software}. Text carries most of the
 * score; taxonomy lifts incidents of the same kind and separates near ties. Each result names the
 * options and distinctive terms both share.
 */
final class SimilarIncidents {
  /** How much a shared taxonomy option weighs against text similarity. */
  private static final float TAXONOMY_WEIGHT = 1.0f;

  /** How many distinctive terms are taken from the given record. */
  private static final int SIMILAR_QUERY_TERMS = 25;

  private static final Set<String> KEY_AND_RECORD_JSON = Set.of(Schema.KEY, Schema.RECORD_JSON);

  private final Schema schema;
  private final HitReader hitReader;

  SimilarIncidents(Schema schema, HitReader hitReader) {
    this.schema = schema;
    this.hitReader = hitReader;
  }

  /** At most {@code limit} incidents most like the record of {@code key}, most alike first. */
  List<SimilarIncident> find(IndexSearcher searcher, String key, int limit) throws IOException {
    IndexReader reader = searcher.getIndexReader();
    int doc = RecordLookup.findDoc(searcher, key);
    // Key and record JSON in one read: the text comes from the JSON below.
    Document own = searcher.storedFields().document(doc, KEY_AND_RECORD_JSON);
    String ownKey = own.get(Schema.KEY);
    Map<String, List<String>> ownTaxonomy = hitReader.taxonomy(reader, doc);
    Query text = textQuery(searcher, own.get(Schema.RECORD_JSON));
    List<Term> textTerms = distinctiveTerms(text);
    Query likeness = likeness(text, ownTaxonomy, ownKey);

    Sort sort = SearchCursors.sortOf(SortOrder.RELEVANCE);
    // No total is shown: the collection may skip what cannot make the top.
    TopFieldDocs top =
        searcher.search(
            likeness,
            new TopFieldCollectorManager(
                sort, Math.max(1, limit), null, IncidentSearcher.PRUNING_HITS_THRESHOLD));
    List<SimilarIncident> out = new ArrayList<>();
    StoredFields stored = searcher.storedFields();
    for (int i = 0; i < Math.min(limit, top.scoreDocs.length); i++) {
      FieldDoc fd = (FieldDoc) top.scoreDocs[i];
      Hit h = hitReader.hit(searcher, stored, fd.doc, (Float) fd.fields[0], List.of());
      Map<String, List<String>> shared = sharedOptions(ownTaxonomy, h);
      Set<String> words = new LinkedHashSet<>();
      for (Term t : textTerms) {
        if (RecordLookup.hasTerm(reader, fd.doc, t)) {
          words.add(t.text());
        }
      }
      out.add(new SimilarIncident(h, shared, List.copyOf(words)));
    }
    return out;
  }

  /** The {@link MoreLikeThis} query of a record's distinctive terms, from its stored JSON. */
  private Query textQuery(IndexSearcher searcher, String recordJson) throws IOException {
    int incidents = searcher.count(new TermQuery(new Term(Schema.TYPE, RecordType.INCIDENT.key())));
    MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
    mlt.setAnalyzer(schema.analyzer());
    mlt.setFieldNames(Snippets.snippetFields().toArray(String[]::new));
    mlt.setMinTermFreq(2);
    mlt.setMinDocFreq(2);
    mlt.setMaxDocFreq(Math.max(2, incidents / 2));
    mlt.setMaxQueryTerms(SIMILAR_QUERY_TERMS);
    mlt.setMinWordLen(3);
    mlt.setBoost(true);
    // The record's text from its stored JSON (text fields are not stored one by one).
    Map<String, Collection<Object>> ownText = new HashMap<>();
    Snippets.ownText(recordJson).forEach((f, v) -> ownText.put(f, new ArrayList<>(v)));
    return mlt.like(ownText);
  }

  /** The terms of the text query, weightiest first. */
  private static List<Term> distinctiveTerms(Query text) {
    List<Term> textTerms = new ArrayList<>();
    if (text instanceof BooleanQuery bq) {
      List<BooleanClause> clauses = new ArrayList<>(bq.clauses());
      clauses.sort(Comparator.comparingDouble(c -> -boostOf(c.query())));
      for (BooleanClause c : clauses) {
        Query q = c.query() instanceof BoostQuery b ? b.getQuery() : c.query();
        if (q instanceof TermQuery tq) {
          textTerms.add(tq.getTerm());
        }
      }
    }
    return textTerms;
  }

  /** The text query or the record's informative options, over other incidents only. */
  private static Query likeness(Query text, Map<String, List<String>> ownTaxonomy, String ownKey) {
    BooleanQuery.Builder taxonomyQuery = new BooleanQuery.Builder();
    int options = 0;
    for (Map.Entry<String, List<String>> e : ownTaxonomy.entrySet()) {
      for (String option : e.getValue()) {
        if (informative(option)) {
          taxonomyQuery.add(new TermQuery(new Term(e.getKey(), option)), Occur.SHOULD);
          options++;
        }
      }
    }

    BooleanQuery.Builder likeness = new BooleanQuery.Builder();
    likeness.add(text, Occur.SHOULD);
    if (options > 0) {
      likeness.add(new BoostQuery(taxonomyQuery.build(), TAXONOMY_WEIGHT), Occur.SHOULD);
    }
    likeness.setMinimumNumberShouldMatch(1);
    likeness.add(new TermQuery(new Term(Schema.KIND, Schema.KIND_RECORD)), Occur.FILTER);
    likeness.add(new TermQuery(new Term(Schema.TYPE, RecordType.INCIDENT.key())), Occur.FILTER);
    likeness.add(new TermQuery(new Term(Schema.KEY, ownKey)), Occur.MUST_NOT);
    return likeness.build();
  }

  /** The informative options of the record that the hit shares, by dimension. */
  private static Map<String, List<String>> sharedOptions(
      Map<String, List<String>> ownTaxonomy, Hit h) {
    Map<String, List<String>> shared = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : ownTaxonomy.entrySet()) {
      List<String> both =
          e.getValue().stream()
              .filter(SimilarIncidents::informative)
              .filter(h.taxonomy().getOrDefault(e.getKey(), List.of())::contains)
              .toList();
      if (!both.isEmpty()) {
        shared.put(e.getKey(), both);
      }
    }
    return shared;
  }

  private static boolean informative(String option) {
    return !option.equals(Schema.MISSING) && !option.equals("unknown");
  }

  private static float boostOf(Query q) {
    return q instanceof BoostQuery b ? b.getBoost() : 1f;
  }
}
