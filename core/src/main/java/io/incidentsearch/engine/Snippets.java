package io.incidentsearch.engine;

import io.incidentsearch.formats.JsonLines;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.schema.RecordTexts;
import io.incidentsearch.schema.Schema;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.Snippet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;

/**
 * The snippets of a page of hits: passages of the stored text the query matched, marked by the
 * {@link UnifiedHighlighter}, or of a cited article. Immutable (a highlighter is made per page).
 */
final class Snippets {
  /** The cap on a stored value the highlighter reads (article bodies are long). */
  private static final int HIGHLIGHT_MAX_LENGTH = 1_000_000;

  /** The stored fields a cited-article snippet needs. */
  private static final Set<String> CITED_SNIPPET_FIELDS = Set.of(Schema.TYPE, Schema.LINKED_ID);

  private static final Set<String> RECORD_JSON_ONLY = Set.of(Schema.RECORD_JSON);

  private final Schema schema;

  Snippets(Schema schema) {
    this.schema = schema;
  }

  /** The stored text fields a snippet can come from, in {@code Schema.textFields()} order. */
  static List<String> snippetFields() {
    return Schema.ownTextFields();
  }

  private UnifiedHighlighter highlighter(IndexSearcher searcher, SearchRequest request) {
    return new RecordHighlighter(
        UnifiedHighlighter.builder(searcher, schema.analyzer())
            .withFormatter(
                new DefaultPassageFormatter(request.preTag(), request.postTag(), "… ", false))
            .withMaxLength(HIGHLIGHT_MAX_LENGTH)
            .withMaxNoHighlightPassages(0)); // no match in a field: no snippet from it
  }

  /**
   * A highlighter that takes a hit's text from its stored record ({@link RecordTexts}), where the
   * text is stored once, instead of from stored fields. Values of a multi-valued field are joined
   * and cut at the maximum length exactly as Lucene's stored-field loader does, so the offsets in
   * the postings fit.
   */
  private static final class RecordHighlighter extends UnifiedHighlighter {
    RecordHighlighter(UnifiedHighlighter.Builder builder) {
      super(builder);
    }

    /**
     * A word the query sought in the page field ({@link Schema#TEXT}, where bare words are scored)
     * is marked in every field the page is made of.
     */
    @Override
    protected java.util.function.Predicate<String> getFieldMatcher(String field) {
      return queryField -> queryField.equals(field) || queryField.equals(Schema.TEXT);
    }

    @Override
    protected List<CharSequence[]> loadFieldValues(
        String[] fields, DocIdSetIterator docs, int cacheCharsThreshold) throws IOException {
      List<CharSequence[]> out = new ArrayList<>();
      StoredFields stored = searcher.storedFields();
      long chars = 0;
      do {
        int doc = docs.nextDoc();
        if (doc == DocIdSetIterator.NO_MORE_DOCS) {
          break;
        }
        Map<String, List<String>> texts =
            ownText(stored.document(doc, RECORD_JSON_ONLY).get(Schema.RECORD_JSON));
        CharSequence[] values = new CharSequence[fields.length];
        for (int i = 0; i < fields.length; i++) {
          List<String> v = texts.get(fields[i]);
          if (v != null) {
            values[i] = joined(v, getMaxLength());
            chars += values[i].length();
          }
        }
        out.add(values);
      } while (chars <= cacheCharsThreshold && cacheCharsThreshold != 0);
      return out;
    }

    /** What {@code UnifiedHighlighter.LimitedStoredFieldVisitor} makes of these values. */
    private static CharSequence joined(List<String> values, int maxLength) {
      StringBuilder sb = new StringBuilder();
      for (String value : values) {
        if (sb.isEmpty()) {
          sb.append(value, 0, Math.min(maxLength, value.length()));
          continue;
        }
        int budget = maxLength - sb.length();
        if (budget <= 0) {
          break;
        }
        sb.append(MULTIVAL_SEP_CHAR).append(value, 0, Math.min(budget - 1, value.length()));
      }
      return sb.toString();
    }
  }

  /** A record's own text ({@link RecordTexts}) from its stored JSON; empty when unreadable. */
  static Map<String, List<String>> ownText(String json) {
    if (json == null) {
      return Map.of();
    }
    return JsonLines.fromJson(json, Path.of("<index>"), 1, problem -> {})
        .map(RecordTexts::of)
        .orElse(Map.of());
  }

  /**
   * Snippets per hit: for each stored text field (in schema order) that the query matched in, its
   * best passages. An incident that matched only through {@code CITED_TEXT} (not stored) gets a
   * passage of the matching cited article's body instead, marked with that article.
   */
  Map<Integer, List<Snippet>> ofPage(
      IndexSearcher searcher, Query query, ScoreDoc[] page, SearchRequest request)
      throws IOException {
    if (request.maxSnippets() == 0) {
      return Map.of();
    }
    List<String> fields = snippetFields();
    int[] docs = new int[page.length];
    for (int i = 0; i < page.length; i++) {
      docs[i] = page[i].doc;
    }
    int[] passages = new int[fields.size()];
    java.util.Arrays.fill(passages, 2);
    UnifiedHighlighter uh = highlighter(searcher, request);
    Map<String, String[]> byField =
        uh.highlightFields(fields.toArray(String[]::new), query, docs, passages);
    Map<Integer, List<Snippet>> out = new LinkedHashMap<>();
    StoredFields stored = searcher.storedFields();
    for (int i = 0; i < docs.length; i++) {
      List<Snippet> list = new ArrayList<>();
      for (String f : fields) {
        String[] texts = byField.get(f);
        if (texts != null && texts[i] != null && list.size() < request.maxSnippets()) {
          list.add(new Snippet(f, texts[i].strip(), null));
        }
      }
      if (list.isEmpty()) {
        Document d = stored.document(docs[i], CITED_SNIPPET_FIELDS);
        if (RecordType.INCIDENT.key().equals(d.get(Schema.TYPE))) {
          Snippet cited = citedSnippet(searcher, uh, query, d.getValues(Schema.LINKED_ID));
          if (cited != null) {
            list.add(cited);
          }
        }
      }
      out.put(docs[i], List.copyOf(list));
    }
    return out;
  }

  /**
   * A passage from the first cited article whose title or body has a term the query sought in
   * {@code CITED_TEXT}; null when the query had no such term or no cited article is indexed.
   */
  private Snippet citedSnippet(
      IndexSearcher searcher, UnifiedHighlighter uh, Query query, String[] articleIds)
      throws IOException {
    Set<String> words = new LinkedHashSet<>();
    query.visit(
        new QueryVisitor() {
          @Override
          public void consumeTerms(Query q, Term... terms) {
            for (Term t : terms) {
              if (t.field().equals(Schema.CITED_TEXT) || t.field().equals(Schema.CITED_TITLE)) {
                words.add(t.text());
              }
            }
          }

          @Override
          public QueryVisitor getSubVisitor(Occur occur, Query parent) {
            return occur == Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
          }
        });
    if (words.isEmpty() || articleIds.length == 0) {
      return null;
    }
    BooleanQuery.Builder text = new BooleanQuery.Builder();
    for (String w : words) {
      text.add(new TermQuery(new Term(Schema.BODY, w)), Occur.SHOULD);
      text.add(new TermQuery(new Term(Schema.TITLE, w)), Occur.SHOULD);
    }
    Query articleText = text.build();
    List<BytesRef> ids = new ArrayList<>();
    for (String id : articleIds) {
      ids.add(new BytesRef(id));
    }
    Query articles =
        new BooleanQuery.Builder()
            .add(articleText, Occur.MUST)
            .add(new TermQuery(new Term(Schema.KIND, Schema.KIND_RECORD)), Occur.FILTER)
            .add(new TermQuery(new Term(Schema.TYPE, RecordType.ARTICLE.key())), Occur.FILTER)
            .add(new TermInSetQuery(Schema.ID, ids), Occur.FILTER)
            .build();
    TopDocs top = searcher.search(articles, new TopScoreDocCollectorManager(1, 1));
    if (top.scoreDocs.length == 0) {
      return null;
    }
    int doc = top.scoreDocs[0].doc;
    Map<String, String[]> hl =
        uh.highlightFields(
            new String[] {Schema.BODY, Schema.TITLE},
            articleText,
            new int[] {doc},
            new int[] {2, 1});
    String passage =
        hl.get(Schema.BODY)[0] != null ? hl.get(Schema.BODY)[0] : hl.get(Schema.TITLE)[0];
    if (passage == null) {
      return null;
    }
    String key = searcher.storedFields().document(doc).get(Schema.KEY);
    return new Snippet(Schema.CITED_TEXT, passage.strip(), key);
  }
}
