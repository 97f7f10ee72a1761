package io.incidentsearch.tool;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.index.IndexCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code index-tool check}: verifies the index files and the schema version. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Verifies the index: Lucene's CheckIndex reads every segment and checks every file's"
          + " checksum, and the schema version must be this tool's. Changes nothing; a damaged"
          + " index is rebuilt with 'index-tool build --full'."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  index-tool check --index /tmp/incident-index",
      "  index-tool check --json | jq .healthy",
      "",
      "Exit codes: 0 healthy; 4 damaged, of another schema version, missing or locked by a"
          + " build; 1 unexpected failure."
    })
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand IndexTool top;
  @Mixin IndexOption index;

  @Option(names = "--json", description = "Print the result as one JSON document.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    IndexCheck check = IncidentIndex.check(index.resolve(top.environment));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Json.write(
          out,
          new CheckJson(
              check.location().toString(),
              check.healthy(),
              check.segments(),
              check.documents(),
              check.schemaVersion(),
              check.expectedSchemaVersion(),
              check.problems()));
    } else {
      out.println(
          (check.healthy() ? "ok: " : "DAMAGED: ")
              + check.location()
              + " ("
              + Human.count(check.segments(), "segment")
              + ", "
              + Human.count(check.documents(), "document")
              + ", schema version "
              + check.schemaVersion()
              + ")");
      for (String p : check.problems()) {
        out.println("  " + p);
      }
      if (!check.healthy()) {
        out.println(
            "rebuild it: index-tool build --full --index " + check.location() + " ARCHIVE...");
      }
    }
    out.flush();
    return check.healthy() ? ExitCodes.OK : ExitCodes.INDEX_PROBLEM;
  }

  /** {@code check --json}. */
  record CheckJson(
      String index,
      boolean healthy,
      int segments,
      long documents,
      String schemaVersion,
      int expectedSchemaVersion,
      List<String> problems) {}
}
