package io.incidentsearch.tool;

import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code index-tool facets}: counts per category value of the matching records. */
@Command(
    name = "facets",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Counts the records matching QUERY (all records when none) per value of every facet:"
          + " record type, each taxonomy category, IoT layers and options, year, publication."
          + " A filtered category is counted as if its own filter were absent (drill sideways),"
          + " so its other values stay visible."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  index-tool facets",
      "  index-tool facets \"data breach\"",
      "  index-tool facets --filter domain=finance --type incident",
      "  index-tool facets --json outage | jq .facets.phase",
      "",
      "Exit codes: 0 ok; 2 usage or query syntax error; 4 no index; 1 unexpected failure."
    })
final class FacetsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand IndexTool top;
  @Mixin IndexOption index;
  @Mixin QueryOptions query;

  @Option(
      names = "--top",
      paramLabel = "N",
      defaultValue = "20",
      description = "Show at most N values per category (default: ${DEFAULT-VALUE}; JSON: all).")
  int topValues;

  @Option(names = "--json", description = "Print the counts as one JSON document.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    SearchRequest request = query.toBuilder().limit(0).countFacets(true).highlight(false).build();
    try (Searching s = Searching.open(index.resolve(top.environment))) {
      long start = System.nanoTime();
      SearchResult r = s.search(request);
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Json.write(out, JsonShapes.facets(query.query(), r, tookMs));
      } else {
        Human h = new Human(out, top.environment);
        String q = query.query();
        String filters = query.describeFilters();
        out.println(
            Human.count(r.totalHits(), "record")
                + (q.isEmpty() ? "" : " matching \"" + q + "\"")
                + (filters.isEmpty() ? "" : " with " + filters)
                + " ("
                + tookMs
                + " ms)");
        Searching.facetBars(h, r.facets(), Math.max(1, topValues));
        if (r.totalHits() == 0) {
          out.println();
          out.println("no results; try fewer words or remove filters");
        }
      }
      out.flush();
    }
    return ExitCodes.OK;
  }
}
