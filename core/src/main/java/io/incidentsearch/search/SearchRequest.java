package io.incidentsearch.search;

import io.incidentsearch.model.RecordType;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to search for and how to return it. Immutable; build with {@link #builder()} or {@link
 * #of(String)}.
 *
 * @param query the query in Lucene's classic syntax (the query language of src/docs/CLI.md); null
 *     or blank matches every record
 * @param filters facet filters, dimension to values: records must match every dimension (AND) and,
 *     within one dimension, any of its values (OR). Dimensions are those of {@link
 *     io.incidentsearch.IncidentIndex#facetDimensions()}; an {@code iot} value is a layer ({@code
 *     perception}) or a layer and option ({@code perception/sensor})
 * @param from the earliest published date, inclusive, or null
 * @param to the latest published date, inclusive, or null
 * @param type the record type to return, or null for both
 * @param sort the order of hits
 * @param limit the page size, at least 0
 * @param offset how many hits to skip (ignored when {@code after} is given)
 * @param after a cursor from {@link SearchResult#nextCursor()} of the same query and sort, or null
 * @param countFacets whether to count facets
 * @param highlight whether to add snippets to hits
 * @param preTag the mark before a matched word in a snippet
 * @param postTag the mark after a matched word in a snippet
 * @param maxSnippets the most snippets per hit
 * @param timeout how long the search may take before it is refused with a {@link
 *     QueryTimeoutException} (default {@link #DEFAULT_TIMEOUT}; null means the default)
 * @param exactTotal whether {@link SearchResult#totalHits()} must be the exact number of matching
 *     records (the default). When false and facets are not counted, a query matching more than
 *     about a thousand records may return a lower bound ({@link SearchResult#totalIsExact()} false)
 *     and runs faster: counting every match is skipped. For callers that show only the first hits,
 *     e.g. type-ahead
 * @param strictSyntax whether a query that is not valid syntax, or names an unknown field, is
 *     refused with a {@link QuerySyntaxException}. False (the default) searches it as its words
 *     instead ({@link SearchResult#interpretedAs()}), so pasted text never fails; the query
 *     parser's limits refuse a query either way
 * @param feedback whether a query of bare words ranked by relevance is also ranked by the words its
 *     first records use most (pseudo-relevance feedback, RM3): it finds the other reports of a
 *     story whose headline is the query, told in other words. It changes the order only, never what
 *     matches, and costs a first search and the reading of 10 records (default false)
 */
public record SearchRequest(
    String query,
    Map<String, Set<String>> filters,
    LocalDate from,
    LocalDate to,
    RecordType type,
    SortOrder sort,
    int limit,
    int offset,
    String after,
    boolean countFacets,
    boolean highlight,
    String preTag,
    String postTag,
    int maxSnippets,
    Duration timeout,
    boolean exactTotal,
    boolean strictSyntax,
    boolean feedback) {

  /** The default page size. */
  public static final int DEFAULT_LIMIT = 10;

  /** The default time a search may take: far more than any sensible query needs. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** Validates and copies the filters. */
  public SearchRequest {
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    if (filters != null) {
      filters.forEach(
          (dim, values) -> {
            if (values != null && !values.isEmpty()) {
              copy.put(dim, Collections.unmodifiableSet(new LinkedHashSet<>(values)));
            }
          });
    }
    filters = Collections.unmodifiableMap(copy);
    sort = Objects.requireNonNullElse(sort, SortOrder.RELEVANCE);
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be 0 or more, was " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be 0 or more, was " + offset);
    }
    if (maxSnippets < 0) {
      throw new IllegalArgumentException("maxSnippets must be 0 or more, was " + maxSnippets);
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw new IllegalArgumentException("date range is empty: from " + from + " is after " + to);
    }
    preTag = Objects.requireNonNullElse(preTag, "<em>");
    postTag = Objects.requireNonNullElse(postTag, "</em>");
    timeout = Objects.requireNonNullElse(timeout, DEFAULT_TIMEOUT);
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
  }

  /**
   * A request for {@code query} with every default.
   *
   * @param query the query in Lucene's classic syntax; null or blank matches every record
   * @return the request: relevance order, the first {@value #DEFAULT_LIMIT} hits with snippets,
   *     facets counted
   */
  public static SearchRequest of(String query) {
    return builder().query(query).build();
  }

  /**
   * A builder with the defaults: all records, relevance, 10 hits, facets and snippets.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from this request.
   *
   * @return a new builder holding every value of this request; changing it leaves this one as it is
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.query = query;
    filters.forEach((dim, values) -> b.filters.put(dim, new LinkedHashSet<>(values)));
    b.from = from;
    b.to = to;
    b.type = type;
    b.sort = sort;
    b.limit = limit;
    b.offset = offset;
    b.after = after;
    b.countFacets = countFacets;
    b.highlight = highlight;
    b.preTag = preTag;
    b.postTag = postTag;
    b.maxSnippets = maxSnippets;
    b.timeout = timeout;
    b.exactTotal = exactTotal;
    b.strictSyntax = strictSyntax;
    b.feedback = feedback;
    return b;
  }

  /**
   * Whether the query string is empty, i.e. the request browses every record.
   *
   * @return true when {@link #query()} is null or blank
   */
  public boolean isMatchAll() {
    return query == null || query.isBlank();
  }

  /** Builds {@link SearchRequest}s. Not thread-safe. */
  public static final class Builder {
    private String query;
    private final Map<String, Set<String>> filters = new LinkedHashMap<>();
    private LocalDate from;
    private LocalDate to;
    private RecordType type;
    private SortOrder sort = SortOrder.RELEVANCE;
    private int limit = DEFAULT_LIMIT;
    private int offset;
    private String after;
    private boolean countFacets = true;
    private boolean highlight = true;
    private String preTag = "<em>";
    private String postTag = "</em>";
    private int maxSnippets = 3;
    private Duration timeout = DEFAULT_TIMEOUT;
    private boolean exactTotal = true;
    private boolean strictSyntax;
    private boolean feedback;

    private Builder() {}

    /**
     * The query string; null or blank for all records.
     *
     * @param q the query in Lucene's classic syntax ({@code phone numbers}, {@code title:"contacts
     *     upload"}, {@code objective:malicious}), or null or blank for all records
     * @return this builder
     */
    public Builder query(String q) {
      this.query = q;
      return this;
    }

    /**
     * Adds values to a dimension's filter (OR within the dimension).
     *
     * @param dim a facet dimension as {@code IncidentIndex.facetDimensions()} lists it ({@code
     *     type}, a category key such as {@code phase}, {@code iot}, {@code year}, {@code
     *     publication}); case is ignored; an unknown one fails the search, not this call
     * @param values the values to accept, none null: category options are normalised as {@link
     *     io.incidentsearch.model.Category#normalizeOption} does, an {@code iot} value is a layer
     *     or {@code layer/option}, a {@code type} value ignores case, {@code year} and {@code
     *     publication} values are compared exactly
     * @return this builder
     * @throws NullPointerException when a value is null
     */
    public Builder filter(String dim, String... values) {
      return filter(dim, java.util.List.of(values));
    }

    /**
     * Adds values to a dimension's filter (OR within the dimension).
     *
     * @param dim a facet dimension, as for {@link #filter(String, String...)}
     * @param values the values to accept, as for {@link #filter(String, String...)}; an empty
     *     collection adds no filter
     * @return this builder
     */
    public Builder filter(String dim, Collection<String> values) {
      filters.computeIfAbsent(dim, d -> new LinkedHashSet<>()).addAll(values);
      return this;
    }

    /**
     * The published date range, both ends inclusive, either may be null. Records without a date are
     * left out when either end is set.
     *
     * @param fromDate the earliest published date, or null for no lower bound
     * @param toDate the latest published date, or null for no upper bound; not before {@code
     *     fromDate}, else {@link #build()} throws
     * @return this builder
     */
    public Builder dateRange(LocalDate fromDate, LocalDate toDate) {
      this.from = fromDate;
      this.to = toDate;
      return this;
    }

    /**
     * Restricts hits to one record type; null for both.
     *
     * @param recordType the type of the records to return, or null for both
     * @return this builder
     */
    public Builder type(RecordType recordType) {
      this.type = recordType;
      return this;
    }

    /**
     * The order of hits.
     *
     * @param order the order; null means {@link SortOrder#RELEVANCE}
     * @return this builder
     */
    public Builder sort(SortOrder order) {
      this.sort = order;
      return this;
    }

    /**
     * The page size.
     *
     * @param n how many hits to return, 0 or more (0 for only the total and facets; default {@value
     *     SearchRequest#DEFAULT_LIMIT}); {@link #build()} throws for a negative one
     * @return this builder
     */
    public Builder limit(int n) {
      this.limit = n;
      return this;
    }

    /**
     * How many hits to skip.
     *
     * @param n the number of hits before the page, 0 or more (default 0); ignored when a cursor is
     *     set; {@link #build()} throws for a negative one
     * @return this builder
     */
    public Builder offset(int n) {
      this.offset = n;
      return this;
    }

    /**
     * The cursor of the previous page.
     *
     * @param cursor {@link SearchResult#nextCursor()} of the previous page of the same query and
     *     sort, or null to start at {@link #offset}; another cursor makes the search fail with an
     *     {@link IllegalArgumentException}
     * @return this builder
     */
    public Builder after(String cursor) {
      this.after = cursor;
      return this;
    }

    /**
     * Whether to count facets.
     *
     * @param count true (the default) to return the counts of every dimension with the hits
     * @return this builder
     */
    public Builder countFacets(boolean count) {
      this.countFacets = count;
      return this;
    }

    /**
     * Whether to add snippets.
     *
     * @param h true (the default) to add passages with the matched words marked to each hit
     * @return this builder
     */
    public Builder highlight(boolean h) {
      this.highlight = h;
      return this;
    }

    /**
     * The marks around matched words in snippets (default {@code <em>} and {@code </em>}).
     *
     * @param pre the text before a matched word; null means {@code <em>}
     * @param post the text after a matched word; null means {@code </em>}
     * @return this builder
     */
    public Builder tags(String pre, String post) {
      this.preTag = pre;
      this.postTag = post;
      return this;
    }

    /**
     * The most snippets per hit (default 3).
     *
     * @param n the number of snippets, 0 or more; {@link #build()} throws for a negative one
     * @return this builder
     */
    public Builder maxSnippets(int n) {
      this.maxSnippets = n;
      return this;
    }

    /**
     * How long the search may take before it is refused (default {@link #DEFAULT_TIMEOUT}).
     *
     * @param t the time allowed, positive; null means the default; {@link #build()} throws for zero
     *     or a negative one
     * @return this builder
     */
    public Builder timeout(Duration t) {
      this.timeout = t;
      return this;
    }

    /**
     * Whether the total must be exact (default true). False lets a search that counts no facets
     * stop counting matches once the page is certain, and report a lower bound instead ({@link
     * SearchResult#totalIsExact()}): cheaper for large results, for callers that show only the
     * first hits (type-ahead). The hits and their order are the same either way.
     *
     * @param exact false to allow a lower bound for the total
     * @return this builder
     */
    public Builder exactTotal(boolean exact) {
      this.exactTotal = exact;
      return this;
    }

    /**
     * Whether a query that is not valid syntax is an error (default false: it is searched as its
     * words, and {@link SearchResult#interpretedAs()} says how it was read). For callers whose
     * users write query syntax on purpose and want to hear about a mistake.
     *
     * @param strict true to refuse malformed queries with a {@link QuerySyntaxException}
     * @return this builder
     */
    public Builder strictSyntax(boolean strict) {
      this.strictSyntax = strict;
      return this;
    }

    /**
     * Whether a query of bare words ranked by relevance is also ranked by the words its first
     * records use most (default false; {@link SearchRequest#feedback()}).
     *
     * @param feedback true to rank by pseudo-relevance feedback as well
     * @return this builder
     */
    public Builder feedback(boolean feedback) {
      this.feedback = feedback;
      return this;
    }

    /**
     * The request.
     *
     * @return a new request with this builder's values; the builder may be used again
     * @throws IllegalArgumentException when the limit, offset or snippet count is negative, the
     *     timeout is not positive, or the date range ends before it starts
     */
    public SearchRequest build() {
      return new SearchRequest(
          query,
          filters,
          from,
          to,
          type,
          sort,
          limit,
          offset,
          after,
          countFacets,
          highlight,
          preTag,
          postTag,
          maxSnippets,
          timeout,
          exactTotal,
          strictSyntax,
          feedback);
    }
  }
}
