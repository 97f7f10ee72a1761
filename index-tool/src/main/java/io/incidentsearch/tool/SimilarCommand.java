package io.incidentsearch.tool;

import io.incidentsearch.model.Record;
import io.incidentsearch.search.SimilarIncident;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code index-tool similar}: incidents like a given incident or article. */
@Command(
    name = "similar",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Lists the incidents most like an incident or article, by the distinctive words both"
          + " use and the taxonomy options both have, with those reasons."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  index-tool similar incident:2750",
      "  index-tool similar --limit 3 article:96761",
      "  index-tool similar --json 2750 | jq -r '.similar[].id'",
      "",
      "Exit codes: 0 ok; 2 no such record, or a bare id both types have; 4 no index;"
          + " 1 unexpected failure."
    })
final class SimilarCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand IndexTool top;
  @Mixin IndexOption index;

  @Option(
      names = {"-n", "--limit"},
      paramLabel = "N",
      defaultValue = "10",
      description = "Show N incidents (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print the results as one JSON document.")
  boolean json;

  @Parameters(
      paramLabel = "ID",
      description = "incident:ID, article:ID, or a bare ID when only one type has it.")
  String id;

  @Override
  public Integer call() throws IOException {
    if (limit < 1 || limit > SearchCommand.MAX_LIMIT) {
      throw new ParameterException(
          spec.commandLine(), "--limit must be between 1 and " + SearchCommand.MAX_LIMIT);
    }
    try (Searching s = Searching.open(index.resolve(top.environment))) {
      long start = System.nanoTime();
      Record record = RecordIds.resolve(s.index, id);
      String key = RecordIds.key(record);
      List<SimilarIncident> similar = s.similar(key, limit);
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Json.write(out, JsonShapes.similar(key, record.title(), similar, tookMs));
      } else {
        Human h = new Human(out, top.environment);
        out.println(
            "incidents like "
                + h.bold(key)
                + "  "
                + Human.cut(record.title(), Math.max(20, h.width() - key.length() - 17)));
        int width = Integer.toString(Math.max(1, similar.size())).length();
        int rank = 1;
        for (SimilarIncident si : similar) {
          out.println();
          SearchCommand.hitLines(h, si.hit(), rank++, width, false);
          String indent = " ".repeat(width + 2);
          List<String> shared = new ArrayList<>();
          for (Map.Entry<String, List<String>> e : si.sharedTaxonomy().entrySet()) {
            shared.add(e.getKey() + " " + String.join(",", e.getValue()));
          }
          if (!shared.isEmpty()) {
            h.wrapped("both   " + String.join(" \u00b7 ", shared), indent);
          }
          if (!si.sharedTerms().isEmpty()) {
            h.wrapped("words  " + String.join(", ", si.sharedTerms()), indent);
          }
        }
        if (similar.isEmpty()) {
          out.println();
          out.println("no similar incidents found");
        }
      }
      out.flush();
    }
    return ExitCodes.OK;
  }
}
