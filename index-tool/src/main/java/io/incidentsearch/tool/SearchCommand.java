package io.incidentsearch.tool;

import io.incidentsearch.search.Hit;
import io.incidentsearch.search.ScoreContribution;
import io.incidentsearch.search.ScoreExplanation;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import io.incidentsearch.search.Snippet;
import io.incidentsearch.search.SortOrder;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code index-tool search}: one page of hits, with facet counts and score explanations. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Searches incidents and articles: one page of hits (rank, id, date, title, taxonomy,"
          + " snippets with the matched words marked), optionally the counts of every facet and"
          + " why each hit scored as it did. With no QUERY every record matches."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  index-tool search \"phone numbers\"",
      "  index-tool search --facets --filter phase=design --filter domain=information outage",
      "  index-tool search --type article --from 2020 --to 2021-06 --sort newest twitter",
      "  index-tool search 'title:hack AND cause:\"third party\"' --explain",
      "  index-tool search --limit 20 --json bug | jq -r .next   (then --after CURSOR)",
      "",
      "Exit codes: 0 ok (also with no results); 2 usage or query syntax error; 4 no index or"
          + " of another schema version; 1 unexpected failure."
    })
final class SearchCommand implements Callable<Integer> {
  /** Marks around matched words asked of the core, replaced by the renderer. */
  static final String PRE = "\u0002";

  static final String POST = "\u0003";

  /** The largest page; everything is for {@code export}. */
  static final int MAX_LIMIT = 10_000;

  @Spec CommandSpec spec;
  @ParentCommand IndexTool top;
  @Mixin IndexOption index;
  @Mixin QueryOptions query;

  @Option(
      names = {"-s", "--sort"},
      paramLabel = "ORDER",
      defaultValue = "relevance",
      description = "relevance, newest or oldest (default: ${DEFAULT-VALUE}).")
  SortOrder sort;

  @Option(
      names = {"-n", "--limit"},
      paramLabel = "N",
      defaultValue = "10",
      description = "Show N hits (default: ${DEFAULT-VALUE}; at most 10000, see export).")
  int limit;

  @Option(
      names = "--offset",
      paramLabel = "N",
      defaultValue = "0",
      description = "Skip the first N hits.")
  int offset;

  @Option(
      names = "--after",
      paramLabel = "CURSOR",
      description = "Continue after the page that printed this cursor (same query and sort).")
  String after;

  @Option(names = "--facets", description = "Also count every facet (category, year, ...).")
  boolean facets;

  @Option(names = "--explain", description = "Show which fields and terms made each score.")
  boolean explain;

  @Option(names = "--json", description = "Print the results as one JSON document.")
  boolean json;

  @Option(
      names = "--fast-total",
      description =
          "Count matches only as far as needed for the page (faster on large indexes): a large"
              + " total is then shown as 'at least N' (JSON: \"totalExact\": false). Without"
              + " it, and always with --facets, the total is exact.")
  boolean fastTotal;

  @Option(
      names = "--feedback",
      description =
          "Also rank by the words the first 10 hits use most (relevance feedback): finds the other"
              + " reports of a story whose headline you paste, told in other words. Changes the"
              + " order only, never what matches; each search takes several times as long.")
  boolean feedback;

  @Override
  public Integer call() throws IOException {
    if (limit < 0 || limit > MAX_LIMIT) {
      throw new ParameterException(
          spec.commandLine(),
          "--limit must be between 0 and " + MAX_LIMIT + "; use `index-tool export` for all");
    }
    if (offset < 0) {
      throw new ParameterException(spec.commandLine(), "--offset must be 0 or more");
    }
    if (after != null && offset > 0) {
      throw new ParameterException(spec.commandLine(), "give --offset or --after, not both");
    }
    SearchRequest request =
        query.toBuilder()
            .sort(sort)
            .limit(limit)
            .offset(offset)
            .after(after)
            .countFacets(facets)
            .exactTotal(!fastTotal)
            .feedback(feedback)
            .highlight(true)
            .tags(json ? "<em>" : PRE, json ? "</em>" : POST)
            .build();
    try (Searching s = Searching.open(index.resolve(top.environment))) {
      long start = System.nanoTime();
      SearchResult result = s.search(request);
      Map<String, ScoreExplanation> explanations = new LinkedHashMap<>();
      if (explain) {
        for (Hit h : result.hits()) {
          explanations.put(h.key(), s.explain(query.query(), h.key()));
        }
      }
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        writeJson(out, result, explanations, tookMs);
      } else {
        writeHuman(new Human(out, top.environment), result, explanations, tookMs);
      }
      out.flush();
    }
    return ExitCodes.OK;
  }

  private void writeJson(
      PrintWriter out, SearchResult r, Map<String, ScoreExplanation> explanations, long tookMs) {
    Json.write(out, JsonShapes.search(query.query(), r, facets, explanations, tookMs));
  }

  private void writeHuman(
      Human h, SearchResult r, Map<String, ScoreExplanation> explanations, long tookMs) {
    PrintWriter out = h.out();
    String q = query.query();
    int first = after == null ? offset + 1 : 1;
    StringBuilder head =
        new StringBuilder(
            (r.totalIsExact() ? "" : "at least ") + Human.count(r.totalHits(), "result"));
    head.append(q.isEmpty() ? " (all records)" : " for \"" + q + "\"");
    if (!query.describeFilters().isEmpty()) {
      head.append(" with ").append(query.describeFilters());
    }
    if (!r.hits().isEmpty() && (r.hits().size() < r.totalHits())) {
      String shown =
          after == null ? first + "-" + (first + r.hits().size() - 1) : "next " + r.hits().size();
      head.append("; ").append(shown).append(" shown");
    }
    head.append(" (").append(tookMs).append(" ms)");
    out.println(head);
    r.interpretedAs()
        .ifPresent(
            w ->
                out.println(
                    h.dim(
                        "searched as words: " + (w.isEmpty() ? "(none: nothing to search)" : w))));
    int rankWidth = Integer.toString(first + Math.max(0, r.hits().size() - 1)).length();
    int rank = first;
    for (Hit hit : r.hits()) {
      out.println();
      hitLines(h, hit, after == null ? rank : -1, rankWidth, true);
      ScoreExplanation e = explanations.get(hit.key());
      if (e != null) {
        explanationLines(h, e, rankWidth);
      }
      rank++;
    }
    if (facets) {
      Searching.facetBars(h, r.facets(), 8);
    }
    out.println();
    if (r.totalHits() == 0) {
      out.println(
          query.describeFilters().isEmpty()
              ? "no results; try fewer or other words"
              : "no results; try fewer words or remove filters (" + query.describeFilters() + ")");
    } else if (r.nextCursor() != null) {
      out.println(h.dim("more: --after " + r.nextCursor()));
    }
    r.suggestion().ifPresent(s -> out.println("did you mean: " + s));
  }

  /** A hit: rank, id, date, title; then taxonomy tags and snippets, indented. */
  static void hitLines(Human h, Hit hit, int rank, int rankWidth, boolean withTags) {
    String indent = " ".repeat(rankWidth + 2);
    String date = hit.published() == null ? "----------" : hit.published().toString();
    String number = rank > 0 ? Human.padLeft(Integer.toString(rank), rankWidth) + ". " : indent;
    String line = number + h.bold(hit.key()) + "  " + date + "  ";
    int room = Math.max(20, h.width() - Human.visibleLength(line));
    h.out().println(line + Human.cut(hit.title(), room));
    String tags = tags(hit.taxonomy());
    if (withTags && !tags.isEmpty()) {
      // One line: the whole taxonomy is on `show`.
      h.out().println(indent + h.dim(Human.cut(tags, Math.max(20, h.width() - indent.length()))));
    }
    for (Snippet sn : hit.snippets()) {
      String where = sn.fromCitedArticle() ? sn.articleKey() : sn.field();
      String text = marked(h, sn.text().replaceAll("\\s+", " ").strip());
      h.wrapped(h.dim(where + ":") + " " + text, indent);
    }
  }

  /** {@code phase design, operation · boundary within_system}: known options only. */
  static String tags(Map<String, List<String>> taxonomy) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : taxonomy.entrySet()) {
      List<String> options =
          e.getValue().stream().filter(o -> !o.equals("missing") && !o.equals("unknown")).toList();
      if (!options.isEmpty()) {
        parts.add(e.getKey() + " " + String.join(",", options));
      }
    }
    return String.join(" \u00b7 ", parts);
  }

  /** Replaces the core's marks with bold (terminal) or brackets. */
  static String marked(Human h, String text) {
    StringBuilder s = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int a = text.indexOf(PRE, i);
      int b = a < 0 ? -1 : text.indexOf(POST, a);
      if (a < 0 || b < 0) {
        s.append(text, i, text.length());
        break;
      }
      s.append(text, i, a).append(h.match(text.substring(a + 1, b)));
      i = b + 1;
    }
    return s.toString().replace(PRE, "").replace(POST, "");
  }

  private static void explanationLines(Human h, ScoreExplanation e, int rankWidth) {
    String indent = " ".repeat(rankWidth + 2);
    if (!e.matched() || e.contributions().isEmpty()) {
      h.out()
          .println(
              indent
                  + h.dim(
                      "score "
                          + String.format("%.3f", e.score())
                          + (e.matched() ? " (every record scores alike)" : " (does not match)")));
      return;
    }
    h.out().println(indent + h.dim(String.format("score %.3f =", e.score())));
    int fieldWidth = 0;
    for (ScoreContribution c : e.contributions()) {
      fieldWidth = Math.max(fieldWidth, c.field().length());
    }
    for (ScoreContribution c : e.contributions()) {
      h.out()
          .println(
              indent
                  + "  "
                  + Human.padLeft(String.format("%.3f", c.contribution()), 8)
                  + "  "
                  + Human.pad(c.field(), fieldWidth)
                  + "  "
                  + c.term());
    }
  }
}
