package io.incidentsearch.tool;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.index.IndexStats;
import io.incidentsearch.index.Manifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code index-tool stats}: what the index holds and what it was built from. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Shows what the index holds: records by type, the published date span, record counts"
          + " per value of every facet (taxonomy categories, IoT layers, year, publication),"
          + " cited articles that are not in the index, and the build manifest."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  index-tool stats --index /tmp/incident-index",
      "  index-tool stats --json | jq .records",
      "",
      "Exit codes: 0 ok; 4 no index, or of another schema version; 1 unexpected failure."
    })
final class StatsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand IndexTool top;
  @Mixin IndexOption index;

  @Option(names = "--json", description = "Print the statistics as one JSON document.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    Path dir = index.resolve(top.environment);
    IndexStats stats;
    Manifest manifest;
    Path location;
    try (IncidentIndex idx = IncidentIndex.open(dir)) {
      stats = idx.stats();
      manifest = idx.manifest();
      location = idx.location();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.write(out, JsonShapes.stats(location, stats, manifest));
      return ExitCodes.OK;
    }
    Human h = new Human(out, top.environment);
    out.println(h.bold("index") + "      " + location);
    if (manifest != null) {
      out.println(
          "built      "
              + manifest.builtAt()
              + " from "
              + Human.count(manifest.inputFiles(), "file")
              + " (schema "
              + manifest.schemaVersion()
              + ", Lucene "
              + manifest.luceneVersion()
              + ")");
    }
    StringBuilder records = new StringBuilder();
    stats
        .recordCounts()
        .forEach(
            (type, n) ->
                records.append(records.length() == 0 ? "" : ", ").append(Human.count(n, type)));
    out.println("records    " + records);
    if (stats.firstPublished() != null) {
      out.println("published  " + stats.firstPublished() + " .. " + stats.lastPublished());
    }
    if (!stats.missingArticles().isEmpty()) {
      out.println(
          "missing    "
              + Human.count(stats.missingArticles().size(), "cited article")
              + " not in the index: "
              + Human.cut(String.join(", ", stats.missingArticles().keySet()), 60));
    }
    stats
        .unknownOptions()
        .forEach(
            (category, options) ->
                out.println(
                    "unknown    "
                        + category
                        + " options outside FAIL's vocabulary: "
                        + String.join(", ", options)));
    for (Map.Entry<String, Map<String, Integer>> e : stats.facetCounts().entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      out.println();
      out.println(h.bold(e.getKey()));
      h.bars(e.getValue(), "  ");
    }
    out.flush();
    return ExitCodes.OK;
  }
}
