package io.incidentsearch.tool;

import io.incidentsearch.eval.EvalReport;
import io.incidentsearch.eval.EvalSuite;
import io.incidentsearch.eval.Qrels;
import io.incidentsearch.eval.QueryOutcome;
import io.incidentsearch.formats.Problem;
import io.incidentsearch.model.RecordType;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

/** {@code index-tool eval}: ranking quality on judgment files (MRR, recall, nDCG at 10). */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measures the ranking on one or more judgment files: runs each query, ranks the records"
          + " of the judged type, and prints one row per file (queries, MRR@10, Recall@10,"
          + " nDCG@10, and the queries that could not run) with each file's worst queries and"
          + " the rank where each of their relevant records came (\"none\" below 100).",
      "A file is tab-separated with a header line: query_id, query, relevant_id, relevance"
          + " (extra columns ignored; one row per relevant record).",
      "FILE+MORE completes FILE's judgments with MORE's judgments of the same queries (same"
          + " id and text), for an index holding both judged collections."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  index-tool eval --qrels testdata/fail-dev/qrels/article-to-incident.tsv",
      "  index-tool eval --index dev --qrels a2i.tsv --qrels i2a.tsv --qrels same-story.tsv=ko",
      "  index-tool eval --qrels incident-to-articles.tsv --type article --json | jq '.[0].mrr10'",
      "  index-tool eval --qrels article-to-incident.tsv --ranking baseline",
      "  index-tool eval --qrels extra/a2i.tsv+dev/a2i.tsv=dev-and-extra",
      "",
      "Exit codes: 0 ok (a query that cannot run counts as a miss and in the errors column); 2"
          + " usage error or a file with no judgment; 3 some judgment rows rejected (the rest was"
          + " evaluated); 4 no index or of another schema version; 1 unexpected failure."
    })
final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand IndexTool top;
  @Mixin IndexOption index;

  @Option(
      names = "--qrels",
      paramLabel = "FILE[+MORE][=INDEX]",
      required = true,
      description =
          "A judgment file (TSV: query_id, query, relevant_id, relevance), evaluated on INDEX"
              + " when given, else on --index; +MORE adds MORE's judgments of the same queries."
              + " Repeat it to evaluate several files in one run.")
  List<String> qrels;

  @Option(
      names = {"-t", "--type"},
      paramLabel = "TYPE",
      description =
          "The type of record the relevant ids name, and the only type ranked: incident or"
              + " article (default: per file, the type under which its ids are indexed).")
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
      description = "List the N worst queries of each file (default: ${DEFAULT-VALUE}).")
  int worst;

  @Option(
      names = "--json",
      description = "Print the results as one JSON array, one report per judgment file.")
  boolean json;

  /** The names {@code --ranking} takes. */
  static final class RankingNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return EvalSuite.rankings().iterator();
    }
  }

  /**
   * A {@code --qrels} value: the judgment file, the files completing its judgments (after {@code
   * +}), and the index when one follows {@code =}.
   */
  record Target(Path file, List<Path> completions, Path index) {
    static Target parse(String value, Path defaultIndex) {
      // A path holding '=' or '+' stays whole when it names a file.
      int eq = value.lastIndexOf('=');
      String files = value;
      Path idx = defaultIndex;
      if (eq >= 0 && !Files.isRegularFile(Path.of(value))) {
        files = value.substring(0, eq);
        idx = Path.of(value.substring(eq + 1));
      }
      if (files.indexOf('+') < 0 || Files.isRegularFile(Path.of(files))) {
        return new Target(Path.of(files), List.of(), idx);
      }
      List<Path> parts = Arrays.stream(files.split("\\+", -1)).map(Path::of).toList();
      return new Target(parts.get(0), parts.subList(1, parts.size()), idx);
    }

    /** How the judgments are named in the output: the files as given. */
    String name() {
      StringBuilder b = new StringBuilder(file.toString());
      completions.forEach(c -> b.append('+').append(c));
      return b.toString();
    }
  }

  @Override
  public Integer call() throws IOException {
    if (worst < 0) {
      throw new ParameterException(spec.commandLine(), "--worst must be 0 or more");
    }
    if (!EvalSuite.rankings().contains(ranking)) {
      throw new ParameterException(
          spec.commandLine(),
          "unknown ranking '" + ranking + "'; known: " + String.join(", ", EvalSuite.rankings()));
    }
    Path defaultIndex = index.resolve(top.environment);
    List<Target> targets = new ArrayList<>();
    for (String value : qrels) {
      Target t = Target.parse(value, defaultIndex);
      if (t.file().toString().isEmpty()
          || t.index().toString().isEmpty()
          || t.completions().stream().anyMatch(c -> c.toString().isEmpty())) {
        throw new ParameterException(
            spec.commandLine(),
            "--qrels takes FILE, FILE=INDEX or FILE+MORE...=INDEX, not '" + value + "'");
      }
      for (Path f : concat(t.file(), t.completions())) {
        if (!Files.isRegularFile(f)) {
          throw new ParameterException(spec.commandLine(), "no judgment file at " + f);
        }
      }
      targets.add(t);
    }
    PrintWriter err = spec.commandLine().getErr();
    boolean rejected = false;
    List<EvalSuite.Collection> collections = new ArrayList<>();
    for (Target t : targets) {
      Qrels judgments = Qrels.read(t.file());
      for (Problem p : judgments.problems()) {
        err.println(p);
        rejected |= p.isError();
      }
      if (judgments.queries().isEmpty()) {
        throw new CommandFailure(
            ExitCodes.USAGE, "no judgment with a relevant record in " + t.file(), null);
      }
      for (Path c : t.completions()) {
        Qrels more = Qrels.read(c);
        for (Problem p : more.problems()) {
          err.println(p);
          rejected |= p.isError();
        }
        judgments = judgments.completedWith(more);
      }
      collections.add(new EvalSuite.Collection(t.name(), judgments, t.index()));
    }
    List<EvalSuite.Result> results = EvalSuite.run(collections, ranking, type);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      writeJson(out, results);
    } else {
      writeHuman(new Human(out, top.environment), results);
    }
    out.flush();
    return rejected ? ExitCodes.INPUTS_REJECTED : ExitCodes.OK;
  }

  private static List<Path> concat(Path first, List<Path> rest) {
    List<Path> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  /** One qrels file's figures for one type, rounded to 4 decimals. */
  record EvalJson(
      String qrels,
      String index,
      String type,
      String ranking,
      int queries,
      int errors,
      double mrr10,
      double recall10,
      double recall10Ceiling,
      double ndcg10,
      List<WorstJson> worst) {}

  /** A worst query; {@code ranks} maps each relevant id to its rank, null when not found. */
  record WorstJson(
      String id,
      String query,
      double rr,
      double recall,
      double ndcg,
      Map<String, Integer> ranks,
      List<String> top,
      String error) {}

  private void writeJson(PrintWriter out, List<EvalSuite.Result> results) {
    List<EvalJson> all = new ArrayList<>();
    for (EvalSuite.Result res : results) {
      EvalReport r = res.report();
      List<WorstJson> worstJson = new ArrayList<>();
      for (QueryOutcome o : r.worst(worst)) {
        Map<String, Integer> ranks = new LinkedHashMap<>();
        o.ranks().forEach((id, rank) -> ranks.put(id, rank > 0 ? rank : null));
        worstJson.add(
            new WorstJson(
                o.id(),
                o.query(),
                round(o.reciprocalRank()),
                round(o.recall()),
                round(o.ndcg()),
                ranks,
                o.top(),
                o.error()));
      }
      all.add(
          new EvalJson(
              res.collection().name(),
              res.collection().index().toString(),
              res.type().key(),
              ranking,
              r.queries(),
              r.errors(),
              round(r.mrr10()),
              round(r.recall10()),
              round(r.recall10Ceiling()),
              round(r.ndcg10()),
              worstJson));
    }
    Json.write(out, all);
  }

  private void writeHuman(Human h, List<EvalSuite.Result> results) {
    PrintWriter out = h.out();
    out.println(
        "ranking "
            + ranking
            + ": MRR, recall and nDCG at 10; (max) = the highest Recall@10 possible (a query"
            + " with more than 10 relevant records has at most 10 in its top 10); errors ="
            + " queries that could not run (scored 0)");
    out.println();
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "qrels", "index", "type", "queries", "MRR@10", "Recall@10", "(max)", "nDCG@10", "errors"
        });
    for (EvalSuite.Result res : results) {
      EvalReport r = res.report();
      rows.add(
          new String[] {
            res.collection().name(),
            res.collection().index().toString(),
            res.type().key(),
            Integer.toString(r.queries()),
            format(r.mrr10()),
            format(r.recall10()),
            format(r.recall10Ceiling()),
            format(r.ndcg10()),
            Integer.toString(r.errors())
          });
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (int n = 0; n < rows.size(); n++) {
      String[] row = rows.get(n);
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        String cell =
            i < 3 ? String.format("%-" + widths[i] + "s", row[i]) : pad(row[i], widths[i]);
        line.append(i == 0 ? "" : "  ").append(cell);
      }
      String text = line.toString().stripTrailing();
      out.println(n == 0 ? h.dim(text) : text);
    }
    if (worst == 0) {
      return;
    }
    for (EvalSuite.Result res : results) {
      writeWorst(h, res);
    }
  }

  private static String pad(String s, int width) {
    return " ".repeat(Math.max(0, width - s.length())) + s;
  }

  private void writeWorst(Human h, EvalSuite.Result res) {
    PrintWriter out = h.out();
    List<QueryOutcome> bad = res.report().worst(worst);
    out.println();
    if (bad.isEmpty()) {
      out.println(res.collection().name() + ": every query ranks all its relevant records first");
      return;
    }
    out.println(
        h.bold("worst queries of " + res.collection().name())
            + h.dim("  (nDCG, then rank of each relevant record)"));
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
            res.type().key()
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
