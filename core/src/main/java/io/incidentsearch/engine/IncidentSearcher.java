package io.incidentsearch.engine;

import io.incidentsearch.schema.Schema;
import io.incidentsearch.search.FacetCounts;
import io.incidentsearch.search.Hit;
import io.incidentsearch.search.QuerySyntaxException;
import io.incidentsearch.search.QueryTimeoutException;
import io.incidentsearch.search.ScoreExplanation;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import io.incidentsearch.search.SimilarIncident;
import io.incidentsearch.search.Snippet;
import io.incidentsearch.search.SortOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.lucene.document.LongField;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.facet.DrillSideways;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHitCountCollectorManager;
import org.apache.lucene.search.TotalHits;

/**
 * Searches an incident index: query parsing, facet filters with drill-sideways counts, sorting,
 * paging, snippets, similar incidents and score explanations. Every call acquires a searcher from
 * the {@link SearcherManager} and releases it, so results always come from one point-in-time view
 * and a refresh never disturbs a running call.
 *
 * <p>Thread-safe: many threads may call any method concurrently. The only shared mutable state is
 * the facet ordinal map ({@link SortedSetDocValuesReaderState}) that {@link FacetCounting} holds,
 * built once per index reader (costly: it walks every facet label) and rebuilt when the manager
 * hands out a new reader.
 *
 * <p>Every query is restricted to records ({@code Schema.KIND:record}); the bookkeeping documents
 * of input files never appear or count.
 */
public final class IncidentSearcher {
  /**
   * Matches to count before a top-hits collection may skip non-competitive documents: Lucene's own
   * default ({@code IndexSearcher.search(Query, int)}).
   */
  static final int PRUNING_HITS_THRESHOLD = 1000;

  private final SearcherManager manager;
  private final Schema schema;
  private final IncidentQueryParser parser;
  private final Ranking ranking;
  private final Spelling spelling = new Spelling();
  private final FacetCounting facetCounting;
  private final HitReader hitReader;
  private final Snippets snippets;
  private final SimilarIncidents similarIncidents;

  /**
   * A searcher over the indexes {@code manager} opens, with the shared {@link Schema}.
   *
   * @param manager owned by the caller, who refreshes and closes it
   */
  public IncidentSearcher(SearcherManager manager) {
    this(manager, Ranking.DEFAULT);
  }

  /**
   * A searcher scoring bare words by {@code ranking} (to measure the stages of a ranking).
   *
   * @param manager owned by the caller, who refreshes and closes it
   */
  public IncidentSearcher(SearcherManager manager, Ranking ranking) {
    this.manager = manager;
    this.schema = Schema.get();
    this.parser = new IncidentQueryParser(ranking);
    this.ranking = ranking;
    this.facetCounting = new FacetCounting(schema);
    this.hitReader = new HitReader(schema);
    this.snippets = new Snippets(schema);
    this.similarIncidents = new SimilarIncidents(schema, hitReader);
  }

  /** The parser used for query strings (its field names help users and the CLI). */
  public IncidentQueryParser queryParser() {
    return parser;
  }

  // ------------------------------------------------------------------------------------------
  // search

  /**
   * Runs a search: hits of the requested page, the total (exact unless the request allows a lower
   * bound, {@link SearchRequest#exactTotal()}), and (when asked) the counts of every facet
   * dimension with drill-sideways semantics.
   *
   * @throws QuerySyntaxException for a query over a limit of {@link IncidentQueryParser} (length,
   *     nesting, clauses, regular expression size), or a malformed one under {@link
   *     SearchRequest#strictSyntax()} (otherwise it is searched as its words)
   * @throws QueryTimeoutException when it takes longer than {@link SearchRequest#timeout()}
   * @throws IllegalArgumentException for an unknown filter dimension or a bad cursor
   * @throws UncheckedIOException when the index cannot be read
   */
  public SearchResult search(SearchRequest request) {
    return withSearcher(s -> doSearch(s, request));
  }

  /** The facet counts of a request (its page, cursor and highlighting are ignored). */
  public FacetCounts facets(SearchRequest request) {
    return search(
            request.toBuilder()
                .limit(0)
                .offset(0)
                .after(null)
                .highlight(false)
                .countFacets(true)
                .build())
        .facets();
  }

  private SearchResult doSearch(IndexSearcher shared, SearchRequest request) throws IOException {
    // The clock starts now, so parsing counts; Lucene stops collecting hits when it runs out.
    QueryTimeoutImpl timeout = new QueryTimeoutImpl(request.timeout().toMillis());
    IncidentQueryParser.Parsed parsed = parser.parseRanked(request.query(), request.strictSyntax());
    SearchResult result = doSearch(shared, request, parsed, timeout);
    if (result.totalHits() == 0 && !request.strictSyntax() && !request.isMatchAll()) {
      // Pasted titles often come in quotes ("Title: \"...\""): an exact phrase that matches
      // nothing is searched again as its words, and the result says so.
      String loose = IncidentQueryParser.withoutPhrases(request.query());
      if (loose != null) {
        return doSearch(shared, request, parser.parseRanked(loose, false).as(loose), timeout);
      }
    }
    return result;
  }

  private SearchResult doSearch(
      IndexSearcher shared,
      SearchRequest request,
      IncidentQueryParser.Parsed parsed,
      QueryTimeoutImpl timeout)
      throws IOException {
    IndexSearcher searcher = timed(shared, timeout);
    Prepared prepared =
        prepare(
            searcher,
            parsed,
            request.query(),
            request.sort() == SortOrder.RELEVANCE && (request.feedback() || ranking.feedback()));
    parsed = prepared.parsed();
    Query userQuery = prepared.ranking();
    Query base = baseQuery(userQuery, request);
    DrillDownQuery ddq = facetCounting.drillDown(base, request);

    Sort sort = SearchCursors.sortOf(request.sort());
    FieldDoc after =
        request.after() == null ? null : SearchCursors.decode(request.after(), request.sort());
    int skip = after == null ? request.offset() : 0;
    int numHits = collectorSlots(searcher, skip, request.limit());
    SortedSetDocValuesReaderState state =
        request.countFacets() ? facetCounting.state(searcher) : null;
    TopFieldCollectorManager hitsManager = prunedPageCollector(sort, numHits, after);
    DrillDownQuery matching = counting(parsed, userQuery, ddq, request);

    TopFieldDocs topDocs;
    FacetCounts counts = FacetCounts.EMPTY;
    long total;
    boolean exact;
    try {
      if (state != null && request.filters().isEmpty()) {
        // Facets need every match but none of their scores: count them (and the exact total)
        // in one pass that scores nothing, then collect the page with pruning as without
        // facets. Two such passes cost less than scoring every match for the page
        // (src/docs/PERFORMANCE.md, "Text queries with facets").
        DrillSideways ds = new DrillSideways(searcher, schema.facetsConfig(), state);
        DrillSideways.ConcurrentDrillSidewaysResult<Integer> r =
            ds.search(matching, new TotalHitCountCollectorManager(searcher.getSlices()));
        counts = facetCounting.counts(r.facets, state);
        topDocs = searcher.search(ddq, hitsManager);
        total = r.collectorResult;
        exact = true;
      } else if (state != null) {
        // With filters, one drill-sideways pass that scores every match and collects the page
        // is faster than a separate counting pass (src/docs/PERFORMANCE.md, "Filtered +
        // drill-sideways").
        // Lucene's drill-sideways scorer must visit all documents in one go, which its
        // timeout (scoring in slices) cannot do: the time is checked when it is done.
        DrillSideways ds = new DrillSideways(shared, schema.facetsConfig(), state);
        DrillSideways.ConcurrentDrillSidewaysResult<TopFieldDocs> r =
            ds.search(ddq, new TopFieldCollectorManager(sort, numHits, after, Integer.MAX_VALUE));
        counts = facetCounting.counts(r.facets, state);
        topDocs = r.collectorResult;
        total = topDocs.totalHits.value();
        exact = true;
      } else {
        topDocs = searcher.search(ddq, hitsManager);
        if (request.countFacets()) {
          counts = FacetCounting.emptyCounts();
        }
        total = topDocs.totalHits.value();
        exact = topDocs.totalHits.relation() == TotalHits.Relation.EQUAL_TO;
        if (!exact && request.exactTotal()) {
          // Counting alone (no scores, no queue; Lucene may even answer from index
          // statistics) plus the pruned page costs far less than scoring every match.
          total = searcher.count(matching);
          exact = true;
        }
      }
    } catch (IndexSearcher.TooManyClauses e) {
      throw tooManyClauses(request.query());
    }
    checkTime(searcher.timedOut() || timeout.shouldExit(), request);
    return completed(
        searcher, request, prepared, base, topDocs.scoreDocs, skip, total, exact, counts, timeout);
  }

  /**
   * Collects the page only until it is certain, which lets Lucene skip blocks that cannot compete
   * (block-max WAND, or the sort field's points for date sorts): the same hits in the same order as
   * scoring every match, and a lower-bound total, made exact where the request needs it.
   */
  private static TopFieldCollectorManager prunedPageCollector(
      Sort sort, int numHits, FieldDoc after) {
    return new TopFieldCollectorManager(sort, numHits, after, PRUNING_HITS_THRESHOLD);
  }

  /**
   * The query that counting (totals, facets) runs: the drill-down {@code ddq} of {@code userQuery}
   * without the proximity bonus, which matches the same records and reads no positions.
   */
  private DrillDownQuery counting(
      IncidentQueryParser.Parsed parsed,
      Query userQuery,
      DrillDownQuery ddq,
      SearchRequest request) {
    return parsed.matching() == userQuery
        ? ddq
        : facetCounting.drillDown(baseQuery(parsed.matching(), request), request);
  }

  /**
   * The result of a search whose hits ({@code all}, one past the page) are collected: the page from
   * {@code skip} with its scores and snippets, and the cursor of the next page.
   */
  private SearchResult completed(
      IndexSearcher searcher,
      SearchRequest request,
      Prepared prepared,
      Query base,
      ScoreDoc[] all,
      int skip,
      long total,
      boolean exact,
      FacetCounts counts,
      QueryTimeoutImpl timeout)
      throws IOException {
    IncidentQueryParser.Parsed parsed = prepared.parsed();
    int from = Math.min(skip, all.length);
    int to = (int) Math.min(all.length, (long) from + request.limit());
    ScoreDoc[] page = java.util.Arrays.copyOfRange(all, from, to);
    if (request.sort() != SortOrder.RELEVANCE && page.length > 0) {
      // Date sorts do not compute scores; fill them so every hit has one.
      TopFieldCollector.populateScores(page, searcher, base);
    }

    List<Hit> hits = hits(searcher, request, parsed.scoring(), page, timeout);

    // One hit more than the page was collected: it says whether a next page exists.
    String next =
        all.length > to && page.length > 0
            ? SearchCursors.encode(request.sort(), (FieldDoc) page[page.length - 1])
            : null;
    Optional<String> suggestion = Spelling.suggestion(prepared.searched(), prepared.corrections());
    return new SearchResult(
        total,
        exact,
        hits,
        counts,
        next,
        parsed.scoring().toString(),
        suggestion,
        Optional.ofNullable(parsed.interpretedAs()));
  }

  /** The hits of a page, with their snippets when the request asks for them. */
  private List<Hit> hits(
      IndexSearcher searcher,
      SearchRequest request,
      Query scoring,
      ScoreDoc[] page,
      QueryTimeoutImpl timeout)
      throws IOException {
    List<Hit> hits = new ArrayList<>(page.length);
    Map<Integer, List<Snippet>> snippetsByDoc =
        request.highlight() && !request.isMatchAll() && page.length > 0
            ? snippets.ofPage(searcher, scoring, page, request)
            : Map.of();
    checkTime(timeout.shouldExit(), request); // highlighting is not stopped by Lucene's timeout
    StoredFields stored = searcher.storedFields();
    for (ScoreDoc sd : page) {
      float score =
          request.sort() == SortOrder.RELEVANCE ? (Float) ((FieldDoc) sd).fields[0] : sd.score;
      hits.add(
          hitReader.hit(
              searcher, stored, sd.doc, score, snippetsByDoc.getOrDefault(sd.doc, List.of())));
    }
    return hits;
  }

  /**
   * How many hits to collect: one slot past the page tells whether another page follows; never more
   * slots than records, so an offset beyond them gives an empty page instead of a queue sized by
   * the offset.
   */
  private static int collectorSlots(IndexSearcher searcher, int skip, int limit) {
    return (int)
        Math.min((long) skip + limit + 1, Math.max(1L, searcher.getIndexReader().maxDoc() + 1L));
  }

  /** The refusal of a query that has or expands to more clauses than Lucene allows. */
  private static QuerySyntaxException tooManyClauses(String query) {
    return new QuerySyntaxException(
        "Query '"
            + IncidentQueryParser.abbreviate(query)
            + "' has or expands to too many clauses (more than "
            + IndexSearcher.getMaxClauseCount()
            + " words or terms times fields); use fewer"
            + " words, longer prefixes and wildcards.",
        query,
        -1,
        null,
        true);
  }

  /**
   * A parsed query made ready to run: {@code parsed} with the neighbours of its misspelt words
   * ({@link IncidentQueryParser#withNeighbours}), the string they were found in, the corrections,
   * and the query that ranks (with relevance feedback when ranked by relevance).
   */
  private record Prepared(
      IncidentQueryParser.Parsed parsed,
      String searched,
      List<Spelling.Correction> corrections,
      Query ranking) {}

  private Prepared prepare(
      IndexSearcher searcher, IncidentQueryParser.Parsed parsed, String query, boolean feedback)
      throws IOException {
    // A query read as words is corrected as the words it was searched as.
    String searched = parsed.interpretedAs() != null ? parsed.interpretedAs() : query;
    List<Spelling.Correction> corrections =
        searched == null || searched.isBlank()
            ? List.of()
            : spelling.corrections(searcher.getIndexReader(), searched);
    parsed = parser.withNeighbours(parsed, searched, corrections);
    Query ranked = parsed.scoring();
    if (feedback && !parsed.bareWords().isEmpty()) {
      ranked = RelevanceFeedback.expand(searcher, ranked, parsed.bareWords().size(), ranking);
    }
    return new Prepared(parsed, searched, corrections, ranked);
  }

  /** The query that ranks a search of {@code query} by relevance, as {@link #search} runs it. */
  Query rankingQuery(String query) {
    return withSearcher(
        s -> prepare(s, parser.parseRanked(query), query, ranking.feedback()).ranking());
  }

  /**
   * A searcher over the same reader that stops collecting when {@code timeout} expires: the shared
   * one must not carry one request's timeout into another's.
   */
  private static IndexSearcher timed(IndexSearcher shared, QueryTimeoutImpl timeout) {
    IndexSearcher s = new IndexSearcher(shared.getIndexReader());
    s.setSimilarity(shared.getSimilarity());
    s.setQueryCache(shared.getQueryCache());
    s.setQueryCachingPolicy(shared.getQueryCachingPolicy());
    s.setTimeout(timeout);
    return s;
  }

  /** Refuses a search whose time is up: partial hits or counts would be silently wrong. */
  private static void checkTime(boolean expired, SearchRequest request) {
    if (expired) {
      throw new QueryTimeoutException(request.query(), request.timeout());
    }
  }

  private Query baseQuery(Query userQuery, SearchRequest request) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(userQuery, Occur.MUST);
    boolean dated = request.from() != null || request.to() != null;
    if (!RecordQueries.matchesRecordsOnly(userQuery) && request.type() == null && !dated) {
      // Only then can a file entry match: the type and date filters hold for records only.
      b.add(new TermQuery(new Term(Schema.KIND, Schema.KIND_RECORD)), Occur.FILTER);
    }
    if (request.type() != null) {
      b.add(new TermQuery(new Term(Schema.TYPE, request.type().key())), Occur.FILTER);
    }
    if (dated) {
      long lo = request.from() == null ? Long.MIN_VALUE : request.from().toEpochDay();
      long hi = request.to() == null ? Long.MAX_VALUE : request.to().toEpochDay();
      b.add(LongField.newRangeQuery(Schema.PUBLISHED, lo, hi), Occur.FILTER);
    }
    return b.build();
  }

  // ------------------------------------------------------------------------------------------
  // similar

  /**
   * The incidents most like a record, by text and taxonomy, excluding the record itself ({@link
   * SimilarIncidents} tells how). Each result names the options and distinctive terms both share.
   *
   * @param key a record key ({@code incident:2750}) or a bare incident id ({@code 2750})
   * @param limit the most results
   * @throws NoSuchElementException when no record has that key
   */
  public List<SimilarIncident> similar(String key, int limit) {
    return withSearcher(s -> similarIncidents.find(s, key, limit));
  }

  // ------------------------------------------------------------------------------------------
  // explain

  /**
   * Explains a record's score for a query: every matched (field, term) clause and its part of the
   * score, largest first, plus Lucene's full explanation.
   *
   * @param query a query string as for {@link #search}
   * @param key a record key or a bare incident id
   * @throws QuerySyntaxException for a malformed query
   * @throws NoSuchElementException when no record has that key
   */
  public ScoreExplanation explain(String query, String key) {
    return withSearcher(
        s -> {
          Query q = prepare(s, parser.parseRanked(query), query, ranking.feedback()).ranking();
          return ScoreExplainer.explain(s, q, RecordLookup.findDoc(s, key));
        });
  }

  private <T> T withSearcher(Searchers.SearcherCall<T> call) {
    return Searchers.with(manager, call);
  }
}
