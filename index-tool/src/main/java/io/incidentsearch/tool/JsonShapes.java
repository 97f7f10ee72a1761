package io.incidentsearch.tool;

import com.fasterxml.jackson.core.JsonGenerator;
import io.incidentsearch.index.IndexStats;
import io.incidentsearch.index.Manifest;
import io.incidentsearch.search.Completion;
import io.incidentsearch.search.Hit;
import io.incidentsearch.search.ScoreContribution;
import io.incidentsearch.search.ScoreExplanation;
import io.incidentsearch.search.SearchResult;
import io.incidentsearch.search.SimilarIncident;
import io.incidentsearch.search.Snippet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON documents of the commands' {@code --json} output, written once for the commands and the
 * HTTP API ({@code serve}), so both always have the same shapes (src/docs/CLI.md, "JSON output").
 */
final class JsonShapes {
  private JsonShapes() {}

  /** {@code search --json}. */
  static void search(
      JsonGenerator g,
      String query,
      SearchResult r,
      boolean withFacets,
      Map<String, ScoreExplanation> explanations,
      long tookMs)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("query", query);
    Json.stringOrNull(g, "interpretedAs", r.interpretedAs().orElse(null));
    g.writeNumberField("total", r.totalHits());
    g.writeBooleanField("totalExact", r.totalIsExact());
    g.writeArrayFieldStart("hits");
    for (Hit h : r.hits()) {
      g.writeStartObject();
      Searching.hitFields(g, h);
      g.writeArrayFieldStart("snippets");
      for (Snippet sn : h.snippets()) {
        g.writeStartObject();
        g.writeStringField("field", sn.field());
        g.writeStringField("text", sn.text());
        Json.stringOrNull(g, "article", sn.articleKey());
        g.writeEndObject();
      }
      g.writeEndArray();
      ScoreExplanation e = explanations.get(h.key());
      if (e != null) {
        g.writeFieldName("explain");
        explanation(g, e);
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    if (withFacets) {
      g.writeFieldName("facets");
      Searching.facets(g, r.facets());
    }
    Json.stringOrNull(g, "next", r.nextCursor());
    Json.stringOrNull(g, "suggestion", r.suggestion().orElse(null));
    g.writeNumberField("tookMs", tookMs);
    g.writeEndObject();
  }

  /** {@code {"score","matched","contributions":[{"field","term","score"}]}}. */
  static void explanation(JsonGenerator g, ScoreExplanation e) throws IOException {
    g.writeStartObject();
    g.writeNumberField("score", e.score());
    g.writeBooleanField("matched", e.matched());
    g.writeArrayFieldStart("contributions");
    for (ScoreContribution c : e.contributions()) {
      g.writeStartObject();
      g.writeStringField("field", c.field());
      g.writeStringField("term", c.term());
      g.writeNumberField("score", c.contribution());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** {@code similar --json}. */
  static void similar(
      JsonGenerator g, String key, String title, List<SimilarIncident> similar, long tookMs)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("id", key);
    g.writeStringField("title", title);
    g.writeArrayFieldStart("similar");
    for (SimilarIncident si : similar) {
      g.writeStartObject();
      Searching.hitFields(g, si.hit());
      Searching.taxonomy(g, "sharedTaxonomy", si.sharedTaxonomy());
      g.writeArrayFieldStart("sharedTerms");
      for (String t : si.sharedTerms()) {
        g.writeString(t);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeNumberField("tookMs", tookMs);
    g.writeEndObject();
  }

  /** {@code facets --json}. */
  static void facets(JsonGenerator g, String query, SearchResult r, long tookMs)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("query", query);
    g.writeNumberField("total", r.totalHits());
    g.writeFieldName("facets");
    Searching.facets(g, r.facets());
    g.writeNumberField("tookMs", tookMs);
    g.writeEndObject();
  }

  /** {@code stats --json}. */
  static void stats(JsonGenerator g, Path location, IndexStats stats, Manifest manifest)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("index", location.toString());
    g.writeObjectFieldStart("records");
    for (Map.Entry<String, Long> e : stats.recordCounts().entrySet()) {
      g.writeNumberField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
    g.writeObjectFieldStart("published");
    Json.stringOrNull(g, "first", stats.firstPublished());
    Json.stringOrNull(g, "last", stats.lastPublished());
    g.writeEndObject();
    g.writeObjectFieldStart("facets");
    for (Map.Entry<String, Map<String, Integer>> e : stats.facetCounts().entrySet()) {
      g.writeFieldName(e.getKey());
      Json.counts(g, e.getValue());
    }
    g.writeEndObject();
    Searching.taxonomy(g, "missingArticles", stats.missingArticles());
    Searching.taxonomy(g, "unknownOptions", stats.unknownOptions());
    g.writeFieldName("manifest");
    if (manifest == null) {
      g.writeNull();
    } else {
      g.writeStartObject();
      g.writeNumberField("schemaVersion", manifest.schemaVersion());
      g.writeStringField("luceneVersion", manifest.luceneVersion());
      g.writeStringField("inputDigest", manifest.inputDigest());
      g.writeNumberField("inputFiles", manifest.inputFiles());
      g.writeStringField("builtAt", manifest.builtAt());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  /** {@code {"prefix","completions":[{"text","kind","key","dimension","count"}]}}. */
  static void completions(JsonGenerator g, String prefix, List<Completion> completions)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("prefix", prefix);
    g.writeArrayFieldStart("completions");
    for (Completion c : completions) {
      g.writeStartObject();
      g.writeStringField("text", c.text());
      g.writeStringField("kind", c.kind().name().toLowerCase(Locale.ROOT));
      Json.stringOrNull(g, "key", c.key());
      Json.stringOrNull(g, "dimension", c.dimension());
      g.writeNumberField("count", c.count());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
