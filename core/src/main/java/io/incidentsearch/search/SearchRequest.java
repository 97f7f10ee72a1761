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
 *     within one dimension, any of its values (OR). Dimensions are those of {@code
 *     Schema.facetDimensions()}; an {@code iot} value is a layer ({@code perception}) or a layer
 *     and option ({@code perception/sensor})
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

  /** A request for {@code query} with every default. */
  public static SearchRequest of(String query) {
    return builder().query(query).build();
  }

  /** A builder with the defaults: all records, relevance, 10 hits, facets and snippets. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this request. */
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

  /** Whether the query string is empty, i.e. the request browses every record. */
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

    /** The query string; null or blank for all records. */
    public Builder query(String q) {
      this.query = q;
      return this;
    }

    /** Adds values to a dimension's filter (OR within the dimension). */
    public Builder filter(String dim, String... values) {
      return filter(dim, java.util.List.of(values));
    }

    /** Adds values to a dimension's filter (OR within the dimension). */
    public Builder filter(String dim, Collection<String> values) {
      filters.computeIfAbsent(dim, d -> new LinkedHashSet<>()).addAll(values);
      return this;
    }

    /** The published date range, both ends inclusive, either may be null. */
    public Builder dateRange(LocalDate fromDate, LocalDate toDate) {
      this.from = fromDate;
      this.to = toDate;
      return this;
    }

    /** Restricts hits to one record type; null for both. */
    public Builder type(RecordType recordType) {
      this.type = recordType;
      return this;
    }

    /** The order of hits. */
    public Builder sort(SortOrder order) {
      this.sort = order;
      return this;
    }

    /** The page size. */
    public Builder limit(int n) {
      this.limit = n;
      return this;
    }

    /** How many hits to skip. */
    public Builder offset(int n) {
      this.offset = n;
      return this;
    }

    /** The cursor of the previous page. */
    public Builder after(String cursor) {
      this.after = cursor;
      return this;
    }

    /** Whether to count facets. */
    public Builder countFacets(boolean count) {
      this.countFacets = count;
      return this;
    }

    /** Whether to add snippets. */
    public Builder highlight(boolean h) {
      this.highlight = h;
      return this;
    }

    /** The marks around matched words in snippets (default {@code <em>} and {@code </em>}). */
    public Builder tags(String pre, String post) {
      this.preTag = pre;
      this.postTag = post;
      return this;
    }

    /** The most snippets per hit (default 3). */
    public Builder maxSnippets(int n) {
      this.maxSnippets = n;
      return this;
    }

    /** How long the search may take before it is refused (default {@link #DEFAULT_TIMEOUT}). */
    public Builder timeout(Duration t) {
      this.timeout = t;
      return this;
    }

    /**
     * Whether the total must be exact (default true). False lets a search that counts no facets
     * stop counting matches once the page is certain, and report a lower bound instead ({@link
     * SearchResult#totalIsExact()}): cheaper for large results, for callers that show only the
     * first hits (type-ahead). The hits and their order are the same either way.
     */
    public Builder exactTotal(boolean exact) {
      this.exactTotal = exact;
      return this;
    }

    /**
     * Whether a query that is not valid syntax is an error (default false: it is searched as its
     * words, and {@link SearchResult#interpretedAs()} says how it was read). For callers whose
     * users write query syntax on purpose and want to hear about a mistake.
     */
    public Builder strictSyntax(boolean strict) {
      this.strictSyntax = strict;
      return this;
    }

    /**
     * Whether a query of bare words ranked by relevance is also ranked by the words its first
     * records use most (default false; {@link SearchRequest#feedback()}).
     */
    public Builder feedback(boolean feedback) {
      this.feedback = feedback;
      return this;
    }

    /** The request. */
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
