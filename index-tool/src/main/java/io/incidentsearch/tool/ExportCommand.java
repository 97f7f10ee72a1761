package io.incidentsearch.tool;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.formats.JsonLines;
import io.incidentsearch.model.Article;
import io.incidentsearch.model.Category;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import io.incidentsearch.search.Hit;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import io.incidentsearch.search.SortOrder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code index-tool export}: every matching record, streamed page by page with the search cursor
 * (no cap), as JSON Lines in the parse schema or as CSV.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Writes every record matching QUERY and the filters (all records when none) as JSON Lines"
          + " in the schema 'parse' writes (so 'build' can read it back), or as CSV with one"
          + " column per taxonomy category. Records are fetched page by page, so any number is"
          + " fine. A one-line summary goes to standard error."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  index-tool export --out /tmp/all.jsonl",
      "  index-tool export --format csv --type incident --filter domain=finance --out fin.csv",
      "  index-tool export --from 2020 \"data breach\" | wc -l",
      "  index-tool export --out all.jsonl && index-tool build --index copy all.jsonl",
      "",
      "Exit codes: 0 ok; 2 usage or query syntax error; 4 no index; 1 unexpected failure"
          + " (e.g. FILE cannot be written)."
    })
final class ExportCommand implements Callable<Integer> {
  /** Records fetched per search page. */
  static final int PAGE = 500;

  /** The output formats. */
  enum Format {
    JSONL,
    CSV
  }

  @Spec CommandSpec spec;
  @ParentCommand IndexTool top;
  @Mixin IndexOption index;
  @Mixin QueryOptions query;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "Write to FILE (replaced atomically) instead of standard output.")
  Path out;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "jsonl",
      description = "jsonl or csv (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = {"-s", "--sort"},
      paramLabel = "ORDER",
      defaultValue = "relevance",
      description =
          "relevance, newest or oldest (default: ${DEFAULT-VALUE}; with no query: by id).")
  SortOrder sort;

  @Override
  public Integer call() throws IOException {
    if (out != null) {
      Path parent = out.toAbsolutePath().getParent();
      if (Files.isDirectory(out)) {
        throw new ParameterException(spec.commandLine(), "--out is a folder: " + out);
      }
      if (parent == null || !Files.isDirectory(parent)) {
        throw new ParameterException(spec.commandLine(), "--out: folder does not exist: " + parent);
      }
    }
    SearchRequest first =
        query.toBuilder().sort(sort).limit(PAGE).countFacets(false).highlight(false).build();
    long count;
    try (Searching s = Searching.open(index.resolve(top.environment))) {
      s.search(first.toBuilder().limit(0).build()); // a bad query fails before FILE is touched
      if (out == null) {
        PrintWriter stdout = spec.commandLine().getOut();
        count = write(s, first, stdout);
        stdout.flush();
        if (stdout.checkError()) {
          throw new CommandFailure(ExitCodes.UNEXPECTED, "cannot write to standard output", null);
        }
      } else {
        count = writeAtomically(s, first, out);
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        "exported "
            + Human.count(count, "record")
            + " as "
            + format.name().toLowerCase(java.util.Locale.ROOT)
            + (out == null ? "" : " to " + out));
    return ExitCodes.OK;
  }

  private long writeAtomically(Searching s, SearchRequest first, Path target) {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      long n;
      try (BufferedWriter w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        n = write(s, first, w);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return n;
    } catch (IOException | UncheckedIOException e) {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the write already failed; that is the error to report
        }
      }
      throw new CommandFailure(
          ExitCodes.UNEXPECTED, "cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  private long write(Searching s, SearchRequest first, Writer w) throws IOException {
    return write(s.index, first, format, w);
  }

  /**
   * Pages through every hit with the cursor and writes each record; returns how many. Memory stays
   * constant: one page of hits and one record at a time.
   */
  static long write(IncidentIndex index, SearchRequest first, Format format, Writer w)
      throws IOException {
    CSVPrinter csv = null;
    if (format == Format.CSV) {
      csv = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(csvHeader()).get());
    }
    long n = 0;
    SearchRequest request = first;
    while (true) {
      SearchResult page = index.search(request);
      for (Hit hit : page.hits()) {
        Record r = index.get(hit.key()).orElse(null);
        if (r == null) {
          continue; // deleted by a build since the page was read
        }
        if (csv != null) {
          csv.printRecord(csvRow(r));
        } else {
          w.write(JsonLines.toJson(r));
          w.write('\n');
        }
        n++;
      }
      if (page.nextCursor() == null || page.hits().isEmpty()) {
        break;
      }
      request = request.toBuilder().after(page.nextCursor()).build();
    }
    if (csv != null) {
      csv.flush();
    }
    w.flush();
    return n;
  }

  /**
   * id, type, title, published, publication, its aliases, url, linked ids, summary, each category,
   * file.
   */
  static String[] csvHeader() {
    List<String> h =
        new ArrayList<>(
            List.of(
                "id",
                "type",
                "title",
                "published",
                "publication",
                "publication_aliases",
                "url",
                "linked_ids"));
    h.add("summary");
    for (Category c : Category.values()) {
      h.add(c.key());
    }
    h.add("file");
    return h.toArray(String[]::new);
  }

  /** A record's cells; several values in one cell are joined with {@code ;}. */
  static List<String> csvRow(Record r) {
    List<String> row = new ArrayList<>();
    row.add(RecordIds.key(r));
    row.add(r.type().key());
    row.add(r.title());
    row.add(r.publishedDate().map(Object::toString).orElse(""));
    switch (r) {
      case Incident i -> {
        row.add("");
        row.add("");
        row.add("");
        row.add(String.join(";", i.articleIds()));
        row.add(i.summary() == null ? "" : i.summary());
        for (Category c : Category.values()) {
          row.add(String.join(";", i.taxonomy().options(c)));
        }
      }
      case Article a -> {
        row.add(a.publication() == null ? "" : a.publication());
        row.add(String.join(";", a.publicationAliases()));
        row.add(a.url() == null ? "" : a.url());
        row.add(String.join(";", a.incidentIds()));
        row.add("");
        for (int k = 0; k < Category.values().length; k++) {
          row.add("");
        }
      }
    }
    row.add(r.source() == null ? "" : r.source().toString());
    return row;
  }
}
