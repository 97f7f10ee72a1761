package io.incidentsearch.tool;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.formats.JsonLines;
import io.incidentsearch.model.Article;
import io.incidentsearch.model.Category;
import io.incidentsearch.model.Classification;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import io.incidentsearch.model.Section;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code index-tool show}: one whole incident or article. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Shows one incident (summary, every postmortem section, the taxonomy with rationales,"
          + " the cited articles) or one article (headline, publication, the incidents citing"
          + " it, the text) as a readable page, or with --json as one JSON Lines record."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  index-tool show incident:2750",
      "  index-tool show article:96761",
      "  index-tool show 2750            (a bare id, when only one type has it)",
      "  index-tool show --json incident:2750 | jq .taxonomy",
      "",
      "Exit codes: 0 ok; 2 no such record, or a bare id both types have; 4 no index;"
          + " 1 unexpected failure."
    })
final class ShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand IndexTool top;
  @Mixin IndexOption index;

  @Option(names = "--json", description = "Print the record in the JSON Lines schema.")
  boolean json;

  @Parameters(
      paramLabel = "ID",
      description = "incident:ID, article:ID, or a bare ID when only one type has it.")
  String id;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    try (IncidentIndex idx = IncidentIndex.open(index.resolve(top.environment))) {
      Record r = RecordIds.resolve(idx, id);
      if (json) {
        out.println(JsonLines.toJson(r));
      } else {
        Human h = new Human(out, top.environment);
        switch (r) {
          case Incident i -> incident(h, idx, i);
          case Article a -> article(h, idx, a);
        }
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void heading(Human h, Record r, String extra) {
    String date = r.publishedDate().map(Object::toString).orElse("no date");
    h.out().println(h.bold(RecordIds.key(r)) + "  " + date + (extra == null ? "" : "  " + extra));
    h.wrapped(h.bold(r.title().isEmpty() ? "(no title)" : r.title()), "");
    if (r.source() != null) {
      h.out().println(h.dim("from " + r.source()));
    }
  }

  private static void incident(Human h, IncidentIndex idx, Incident i) throws IOException {
    PrintWriter out = h.out();
    heading(h, i, null);
    if (i.summary() != null && !i.summary().isBlank()) {
      out.println();
      out.println(h.bold("Summary"));
      h.wrapped(i.summary(), "  ");
    }
    for (Section s : Section.values()) {
      List<String> items = i.items(s);
      if (items.isEmpty()) {
        continue;
      }
      out.println();
      out.println(h.bold(s.label()));
      for (int n = 0; n < items.size(); n++) {
        String number = items.size() > 1 ? (n + 1) + ". " : "";
        List<String> lines = Human.wrap(number + items.get(n), h.width() - 2 - number.length());
        for (int l = 0; l < lines.size(); l++) {
          out.println("  " + (l == 0 ? "" : " ".repeat(number.length())) + lines.get(l));
        }
      }
    }
    out.println();
    out.println(h.bold("Taxonomy"));
    int labelWidth = 0;
    for (Category c : Category.values()) {
      labelWidth = Math.max(labelWidth, c.key().length());
    }
    boolean any = false;
    for (Category c : Category.values()) {
      Classification cl = i.taxonomy().get(c);
      if (cl.isEmpty()) {
        continue;
      }
      any = true;
      String options = cl.options().isEmpty() ? "(none)" : String.join(", ", cl.options());
      out.println("  " + Human.pad(c.key(), labelWidth) + "  " + options);
      if (!cl.rationale().isBlank()) {
        h.wrapped(cl.rationale(), " ".repeat(labelWidth + 4));
      }
    }
    if (!any) {
      out.println("  " + h.dim("(not classified)"));
    }
    out.println();
    out.println(h.bold("Articles") + " (" + i.articleIds().size() + ")");
    for (String articleId : i.articleIds()) {
      Optional<Record> a = idx.get("article:" + articleId);
      String line =
          a.map(
                  r ->
                      "article:"
                          + articleId
                          + "  "
                          + r.publishedDate().map(Object::toString).orElse("          ")
                          + "  "
                          + r.title())
              .orElse("article:" + articleId + "  " + h.dim("(not in the index)"));
      out.println("  " + Human.cut(line, Math.max(40, h.width() - 2)));
    }
  }

  private static void article(Human h, IncidentIndex idx, Article a) throws IOException {
    PrintWriter out = h.out();
    heading(h, a, a.publication());
    if (a.url() != null) {
      out.println(a.url());
    }
    out.println();
    out.println(h.bold("Cited by") + " (" + a.incidentIds().size() + ")");
    for (String incidentId : a.incidentIds()) {
      String title = idx.get("incident:" + incidentId).map(Record::title).orElse("");
      out.println("  " + Human.cut("incident:" + incidentId + "  " + title, h.width() - 2));
    }
    out.println();
    for (String paragraph : a.body().split("\n\\s*\n")) {
      if (!paragraph.isBlank()) {
        h.wrapped(paragraph.replace('\n', ' '), "");
        out.println();
      }
    }
  }
}
