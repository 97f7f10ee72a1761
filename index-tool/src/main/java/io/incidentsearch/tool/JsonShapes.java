package io.incidentsearch.tool;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.incidentsearch.index.IndexStats;
import io.incidentsearch.index.Manifest;
import io.incidentsearch.search.Completion;
import io.incidentsearch.search.FacetCounts;
import io.incidentsearch.search.FacetValue;
import io.incidentsearch.search.Hit;
import io.incidentsearch.search.ScoreExplanation;
import io.incidentsearch.search.SearchResult;
import io.incidentsearch.search.SimilarIncident;
import io.incidentsearch.search.Snippet;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON documents of the commands' {@code --json} output, built once for the commands and the
 * HTTP API ({@code serve}), so both always have the same shapes (src/docs/CLI.md, "JSON output").
 * Each is a record, serialised by {@link Json} in its components' order.
 */
final class JsonShapes {
  private JsonShapes() {}

  /** {@code search --json}; {@code facets} only when counted, {@code explain} only when asked. */
  record SearchJson(
      String query,
      String interpretedAs,
      long total,
      boolean totalExact,
      List<SearchHitJson> hits,
      @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, List<FacetJson>> facets,
      String next,
      String suggestion,
      long tookMs) {}

  /** A hit of a search: the hit's fields, its snippets, its explanation when asked. */
  record SearchHitJson(
      @JsonUnwrapped HitJson hit,
      List<SnippetJson> snippets,
      @JsonInclude(JsonInclude.Include.NON_NULL) ExplanationJson explain) {}

  /** {@code {"field","text","article"}}. */
  record SnippetJson(String field, String text, String article) {}

  /** {@code {"score","matched","contributions":[{"field","term","score"}]}}. */
  record ExplanationJson(double score, boolean matched, List<ContributionJson> contributions) {
    static ExplanationJson of(ScoreExplanation e) {
      return new ExplanationJson(
          e.score(),
          e.matched(),
          e.contributions().stream()
              .map(c -> new ContributionJson(c.field(), c.term(), c.contribution()))
              .toList());
    }
  }

  /** One term's part of a score. */
  record ContributionJson(String field, String term, double score) {}

  /** {@code similar --json}. */
  record SimilarJson(String id, String title, List<SimilarHitJson> similar, long tookMs) {}

  /** A similar incident: the hit's fields, what it shares with the incident. */
  record SimilarHitJson(
      @JsonUnwrapped HitJson hit,
      Map<String, List<String>> sharedTaxonomy,
      List<String> sharedTerms) {}

  /** The fields every hit has: {@code "id","type","title","published","score","taxonomy"}. */
  record HitJson(
      String id,
      String type,
      String title,
      String published,
      float score,
      Map<String, List<String>> taxonomy) {
    static HitJson of(Hit h) {
      return new HitJson(
          h.key(), h.type(), h.title(), Json.stringOrNull(h.published()), h.score(), h.taxonomy());
    }
  }

  /** {@code facets --json}. */
  record FacetsJson(String query, long total, Map<String, List<FacetJson>> facets, long tookMs) {}

  /** {@code {"value","count"(,"children")}}: children only when there are some. */
  record FacetJson(
      String value,
      int count,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FacetJson> children) {}

  /** {@code stats --json}; {@code manifest} is null for an index built before manifests. */
  record StatsJson(
      String index,
      Map<String, Long> records,
      PublishedJson published,
      Map<String, List<Json.CountJson>> facets,
      Map<String, List<String>> missingArticles,
      Map<String, List<String>> unknownOptions,
      ManifestJson manifest) {}

  /** The earliest and latest published dates, null when no record has one. */
  record PublishedJson(String first, String last) {}

  /** What the index was built from. */
  record ManifestJson(
      int schemaVersion,
      String luceneVersion,
      String inputDigest,
      int inputFiles,
      String builtAt) {}

  /** {@code {"prefix","completions":[{"text","kind","key","dimension","count"}]}}. */
  record CompletionsJson(String prefix, List<CompletionJson> completions) {}

  /** One completion. */
  record CompletionJson(String text, String kind, String key, String dimension, int count) {}

  /** {@code search --json}. */
  static SearchJson search(
      String query,
      SearchResult r,
      boolean withFacets,
      Map<String, ScoreExplanation> explanations,
      long tookMs) {
    List<SearchHitJson> hits =
        r.hits().stream()
            .map(
                h -> {
                  ScoreExplanation e = explanations.get(h.key());
                  return new SearchHitJson(
                      HitJson.of(h),
                      h.snippets().stream().map(JsonShapes::snippet).toList(),
                      e == null ? null : ExplanationJson.of(e));
                })
            .toList();
    return new SearchJson(
        query,
        r.interpretedAs().orElse(null),
        r.totalHits(),
        r.totalIsExact(),
        hits,
        withFacets ? facets(r.facets()) : null,
        r.nextCursor(),
        r.suggestion().orElse(null),
        tookMs);
  }

  private static SnippetJson snippet(Snippet s) {
    return new SnippetJson(s.field(), s.text(), s.articleKey());
  }

  /** {@code similar --json}. */
  static SimilarJson similar(String key, String title, List<SimilarIncident> similar, long tookMs) {
    List<SimilarHitJson> hits =
        similar.stream()
            .map(
                si ->
                    new SimilarHitJson(HitJson.of(si.hit()), si.sharedTaxonomy(), si.sharedTerms()))
            .toList();
    return new SimilarJson(key, title, hits, tookMs);
  }

  /** {@code facets --json}. */
  static FacetsJson facets(String query, SearchResult r, long tookMs) {
    return new FacetsJson(query, r.totalHits(), facets(r.facets()), tookMs);
  }

  /** {@code {"<dim>":[{"value","count"(,"children")}..]..}} in the dimensions' order. */
  static Map<String, List<FacetJson>> facets(FacetCounts counts) {
    Map<String, List<FacetJson>> dims = new LinkedHashMap<>();
    counts.dimensions().forEach((dim, values) -> dims.put(dim, facetValues(values)));
    return dims;
  }

  private static List<FacetJson> facetValues(List<FacetValue> values) {
    return values.stream()
        .map(v -> new FacetJson(v.value(), v.count(), facetValues(v.children())))
        .toList();
  }

  /** {@code stats --json}. */
  static StatsJson stats(Path location, IndexStats stats, Manifest manifest) {
    Map<String, List<Json.CountJson>> facets = new LinkedHashMap<>();
    stats.facetCounts().forEach((dim, counts) -> facets.put(dim, Json.CountJson.all(counts)));
    return new StatsJson(
        location.toString(),
        stats.recordCounts(),
        new PublishedJson(
            Json.stringOrNull(stats.firstPublished()), Json.stringOrNull(stats.lastPublished())),
        facets,
        stats.missingArticles(),
        stats.unknownOptions(),
        manifest == null
            ? null
            : new ManifestJson(
                manifest.schemaVersion(),
                manifest.luceneVersion(),
                manifest.inputDigest(),
                manifest.inputFiles(),
                manifest.builtAt()));
  }

  /** {@code {"prefix","completions":[..]}}. */
  static CompletionsJson completions(String prefix, List<Completion> completions) {
    return new CompletionsJson(
        prefix,
        completions.stream()
            .map(
                c ->
                    new CompletionJson(
                        c.text(),
                        c.kind().name().toLowerCase(Locale.ROOT),
                        c.key(),
                        c.dimension(),
                        c.count()))
            .toList());
  }
}
