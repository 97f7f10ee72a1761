package io.incidentsearch.tool;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.eval.EvalReport;
import io.incidentsearch.eval.Evaluator;
import io.incidentsearch.eval.IndexRanker;
import io.incidentsearch.eval.JudgedQuery;
import io.incidentsearch.eval.Qrels;
import io.incidentsearch.eval.QueryOutcome;
import io.incidentsearch.eval.Ranker;
import io.incidentsearch.eval.SingleFieldBaseline;
import io.incidentsearch.formats.Problem;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.search.IncidentSearcher;
import io.incidentsearch.search.Ranking;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code index-tool eval}: ranking quality on a judgment file (MRR, recall, nDCG at 10). */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measures the ranking on a judgment file: runs each query, ranks the records of the"
          + " judged type, and prints MRR@10, Recall@10 and nDCG@10 with the worst queries and"
          + " the rank where each of their relevant records came (\"none\" below 100).",
      "The file is tab-separated with a header line: query_id, query, relevant_id, relevance"
          + " (extra columns ignored; one row per relevant record)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  index-tool eval --qrels testdata/fail-dev/qrels/article-to-incident.tsv",
      "  index-tool eval --qrels incident-to-articles.tsv --type article --json | jq .mrr10",
      "  index-tool eval --qrels article-to-incident.tsv --ranking baseline",
      "",
      "Exit codes: 0 ok (a query that cannot run counts as a miss); 2 usage error or no"
          + " judgment; 3 some judgment rows rejected (the rest was evaluated); 4 no index or of"
          + " another schema version; 1 unexpected failure."
    })
final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand IndexTool top;
  @Mixin IndexOption index;

  @Option(
      names = "--qrels",
      paramLabel = "FILE",
      required = true,
      description = "The judgment file (TSV: query_id, query, relevant_id, relevance).")
  Path qrels;

  @Option(
      names = {"-t", "--type"},
      paramLabel = "TYPE",
      description =
          "The type of record the relevant ids name, and the only type ranked: incident or"
              + " article (default: the type under which the ids are indexed).")
  RecordType type;

  @Option(
      names = "--ranking",
      paramLabel = "NAME",
      defaultValue = "default",
      description =
          "The ranking to measure: default (what search uses), baseline (plain BM25 over each"
              + " record's whole page in one field), or a named stage of src/docs/RELEVANCE.md"
              + " (${COMPLETION-CANDIDATES}).",
      completionCandidates = RankingNames.class)
  String ranking;

  @Option(
      names = "--worst",
      paramLabel = "N",
      defaultValue = "10",
      description = "List the N worst queries (default: ${DEFAULT-VALUE}).")
  int worst;

  @Option(names = "--json", description = "Print the results as one JSON document.")
  boolean json;

  /** The names {@code --ranking} takes. */
  static final class RankingNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      List<String> names = new ArrayList<>(List.of(BASELINE));
      names.addAll(Ranking.names());
      return names.iterator();
    }
  }

  private static final String BASELINE = "baseline";

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(qrels)) {
      throw new ParameterException(spec.commandLine(), "no judgment file at " + qrels);
    }
    if (worst < 0) {
      throw new ParameterException(spec.commandLine(), "--worst must be 0 or more");
    }
    if (!ranking.equals(BASELINE) && Ranking.named(ranking).isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "unknown ranking '"
              + ranking
              + "'; known: "
              + BASELINE
              + ", "
              + String.join(", ", Ranking.names()));
    }
    Qrels judgments = Qrels.read(qrels);
    PrintWriter err = spec.commandLine().getErr();
    boolean rejected = false;
    for (Problem p : judgments.problems()) {
      err.println(p);
      rejected |= p.isError();
    }
    if (judgments.queries().isEmpty()) {
      throw new CommandFailure(
          ExitCodes.USAGE, "no judgment with a relevant record in " + qrels, null);
    }
    EvalReport report;
    RecordType judged;
    try (IncidentIndex idx = IncidentIndex.open(index.resolve(top.environment))) {
      judged = type != null ? type : IndexRanker.inferType(idx, relevantIds(judgments));
      if (ranking.equals(BASELINE)) {
        try (SingleFieldBaseline baseline = SingleFieldBaseline.of(idx)) {
          report = Evaluator.evaluate(judgments.queries(), baseline, judged);
        }
      } else {
        Ranker ranker =
            new IndexRanker(
                new IncidentSearcher(idx.searcherManager(), Ranking.named(ranking).orElseThrow()));
        report = Evaluator.evaluate(judgments.queries(), ranker, judged);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      writeJson(out, report, judged);
    } else {
      writeHuman(new Human(out, top.environment), report, judged);
    }
    out.flush();
    return rejected ? ExitCodes.INPUTS_REJECTED : ExitCodes.OK;
  }

  private static Set<String> relevantIds(Qrels q) {
    Set<String> ids = new LinkedHashSet<>();
    for (JudgedQuery jq : q.queries()) {
      ids.addAll(jq.relevance().keySet());
    }
    return ids;
  }

  private void writeJson(PrintWriter out, EvalReport r, RecordType judged) {
    Json.write(
        out,
        g -> {
          g.writeStartObject();
          g.writeStringField("qrels", qrels.toString());
          g.writeStringField("type", judged.key());
          g.writeStringField("ranking", ranking);
          g.writeNumberField("queries", r.queries());
          g.writeNumberField("mrr10", round(r.mrr10()));
          g.writeNumberField("recall10", round(r.recall10()));
          g.writeNumberField("ndcg10", round(r.ndcg10()));
          g.writeArrayFieldStart("worst");
          for (QueryOutcome o : r.worst(worst)) {
            g.writeStartObject();
            g.writeStringField("id", o.id());
            g.writeStringField("query", o.query());
            g.writeNumberField("rr", round(o.reciprocalRank()));
            g.writeNumberField("recall", round(o.recall()));
            g.writeNumberField("ndcg", round(o.ndcg()));
            g.writeObjectFieldStart("ranks");
            for (Map.Entry<String, Integer> e : o.ranks().entrySet()) {
              if (e.getValue() > 0) {
                g.writeNumberField(e.getKey(), e.getValue());
              } else {
                g.writeNullField(e.getKey());
              }
            }
            g.writeEndObject();
            g.writeArrayFieldStart("top");
            for (String id : o.top()) {
              g.writeString(id);
            }
            g.writeEndArray();
            Json.stringOrNull(g, "error", o.error());
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  private void writeHuman(Human h, EvalReport r, RecordType judged) {
    PrintWriter out = h.out();
    out.println(
        r.queries()
            + (r.queries() == 1 ? " query" : " queries")
            + " from "
            + qrels
            + ", ranking "
            + judged.key()
            + " records ("
            + ranking
            + ")");
    out.println();
    out.println("  MRR@10     " + format(r.mrr10()));
    out.println("  Recall@10  " + format(r.recall10()));
    out.println("  nDCG@10    " + format(r.ndcg10()));
    List<QueryOutcome> bad = r.worst(worst);
    if (bad.isEmpty()) {
      if (worst > 0) {
        out.println();
        out.println("every query ranks all its relevant records first");
      }
      return;
    }
    out.println();
    out.println(h.bold("worst queries") + h.dim("  (nDCG, then rank of each relevant record)"));
    for (QueryOutcome o : bad) {
      out.println();
      out.println(
          "  "
              + format(o.ndcg())
              + "  "
              + o.id()
              + "  "
              + Human.cut(o.query(), Math.max(20, h.width() - 16 - o.id().length())));
      List<String> ranks = new ArrayList<>();
      for (Map.Entry<String, Integer> e : o.ranks().entrySet()) {
        ranks.add(
            judged.key()
                + ":"
                + e.getKey()
                + " at "
                + (e.getValue() > 0 ? Integer.toString(e.getValue()) : "none"));
      }
      out.println("          " + String.join(", ", ranks));
      if (o.failed()) {
        out.println("          " + h.dim("failed: " + o.error()));
      } else if (!o.top().isEmpty()) {
        out.println("          " + h.dim("top: " + String.join(" ", o.top())));
      }
    }
  }

  private static String format(double v) {
    return String.format(java.util.Locale.ROOT, "%.4f", v);
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
