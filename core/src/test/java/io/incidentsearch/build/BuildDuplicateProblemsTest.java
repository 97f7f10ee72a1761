package io.incidentsearch.build;

import static io.incidentsearch.build.IndexFixtures.copyTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.TestCorpus;
import io.incidentsearch.formats.ArchiveScanner;
import io.incidentsearch.formats.Discovery;
import io.incidentsearch.formats.JsonLines;
import io.incidentsearch.formats.ParsedFile;
import io.incidentsearch.formats.Problem;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.index.BuildReport;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build reports the duplicate problems a scan ({@code index-tool parse}) reports: only copies
 * that differ, in the scan's words, within the scan's cap of problems per file. A full build
 * reports the scan's problems of every file; an incremental build those of the files it parses,
 * which include the unchanged files holding a copy of a changed file's record that is not the one
 * kept.
 */
class BuildDuplicateProblemsTest {
  private static final BuildOptions OPTIONS = BuildOptions.defaults().threads(3);

  @TempDir Path tmp;

  @Test
  void aFullBuildOfTestdataReportsTheScansProblems() throws IOException {
    Path root = copyTree(TestCorpus.testdata(), tmp.resolve("testdata"));
    try (IncidentIndex index = IncidentIndex.openOrCreate(tmp.resolve("idx"))) {
      BuildReport r = index.build(List.of(root), OPTIONS);
      Scan scan = scan(root);
      assertEquals(scan.problems(), r.problems());
      assertTrue(
          r.problems().stream().anyMatch(p -> p.message().startsWith("duplicate incident id")),
          r.problems().toString());

      // One duplicated file changes: it and the other copies of its record are reported.
      Path changed = root.resolve("fail-extra/incidents/1269.txt");
      Files.writeString(
          changed, Files.readString(changed).replace("City of Atlanta", "Atlanta's City Hall"));
      BuildReport again = index.build(List.of(root), OPTIONS);
      Scan after = scan(root);
      Set<Path> reported = after.copiesLosingTo(changed);
      assertEquals(4, reported.size(), reported.toString()); // the page and three CSV copies
      assertEquals(reported.size(), again.filesParsed());
      assertEquals(after.problemsOf(reported), again.problems());
      assertTrue(again.problems().stream().anyMatch(p -> p.file().equals(changed)));

      // Nothing changed: nothing parsed, nothing reported (it was when the files were parsed).
      assertEquals(List.of(), index.build(List.of(root), OPTIONS).problems());
    }
  }

  @Test
  void duplicatesShareTheFilesCapWithItsOwnProblems() throws IOException {
    Path root = tmp.resolve("archive");
    copyTree(TestCorpus.testdata().resolve("archive/incidents"), root.resolve("incidents"));
    // "z-" sorts after "incidents/": the pages win. Every row but the last two says another
    // title; the last two are the pages' records again; one line is not JSON.
    List<Incident> pages = new ArrayList<>(new ArchiveScanner().scan(List.of(root)).incidents());
    assertEquals(13, pages.size());
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < pages.size(); i++) {
      String json = JsonLines.toJson(pages.get(i));
      jsonl.append(i < 11 ? json.replace("\"title\":\"", "\"title\":\"Another ") : json);
      jsonl.append(i == 2 ? "\nnot JSON\n" : "\n");
    }
    Path copies = root.resolve("z-copies.jsonl");
    Files.writeString(copies, jsonl);
    try (IncidentIndex index = IncidentIndex.openOrCreate(tmp.resolve("idx"))) {
      BuildReport r = index.build(List.of(root), OPTIONS);
      Scan scan = scan(root);
      assertEquals(scan.problems(), r.problems());
      List<Problem> ofCopies = r.problems().stream().filter(p -> p.file().equals(copies)).toList();
      assertEquals(ArchiveScanner.PROBLEMS_PER_FILE + 1, ofCopies.size(), ofCopies.toString());
      // 1 own problem and 11 differing copies: 7 more than the 5 reported.
      assertTrue(
          ofCopies.stream().anyMatch(p -> p.message().equals("and 7 more problems in " + copies)),
          ofCopies.toString());
      assertEquals(
          4, ofCopies.stream().filter(p -> p.message().contains("differs in title")).count());

      // A page that wins changes: the unchanged copies file is parsed again and reported.
      Path page = root.resolve("incidents/2750.txt");
      Files.writeString(page, Files.readString(page).replace("Twitter", "Twitter Inc."));
      BuildReport again = index.build(List.of(root), OPTIONS);
      Scan after = scan(root);
      assertEquals(Set.of(page, copies), after.copiesLosingTo(page));
      assertEquals(after.problemsOf(Set.of(page, copies)), again.problems());

      // The copies file changes: only it is parsed and reported.
      Files.writeString(copies, jsonl.toString().replace("not JSON\n", ""));
      BuildReport third = index.build(List.of(root), OPTIONS);
      assertEquals(1, third.filesParsed());
      assertEquals(scan(root).problemsOf(Set.of(copies)), third.problems());

      // The same inputs from scratch: the problems of every file, the scan's.
      BuildReport full = index.build(List.of(root), OPTIONS.full(true));
      assertEquals(scan(root).problems(), full.problems());
    }
  }

  /** A scan of one root through the scanner's own parse and combine, with its parsed files. */
  private record Scan(List<Problem> problems, List<ParsedFile> files) {
    /** The scan's problems of {@code files}, in the build report's order. */
    List<Problem> problemsOf(Set<Path> files) {
      return problems.stream().filter(p -> files.contains(p.file())).toList();
    }

    /**
     * {@code changed} and the files holding a copy of one of its records that is not kept (the
     * files whose duplicate warnings may change with it).
     */
    Set<Path> copiesLosingTo(Path changed) {
      Map<String, TreeSet<Path>> holders = new HashMap<>();
      for (ParsedFile f : files) {
        for (Record r : f.records()) {
          holders.computeIfAbsent(r.key(), k -> new TreeSet<>()).add(f.path());
        }
      }
      Set<Path> out = new TreeSet<>(Set.of(changed));
      for (ParsedFile f : files) {
        if (f.path().equals(changed)) {
          for (Record r : f.records()) {
            TreeSet<Path> h = holders.get(r.key());
            out.addAll(h.tailSet(h.first(), false));
          }
        }
      }
      return out;
    }
  }

  private static Scan scan(Path root) {
    ArchiveScanner scanner = new ArchiveScanner();
    Discovery d = scanner.listFiles(List.of(root));
    List<ParsedFile> parsed = d.files().stream().map(scanner::parse).toList();
    List<Problem> problems =
        ArchiveScanner.combine(d, parsed).problems().stream()
            .sorted(BuildReport.PROBLEM_ORDER)
            .toList();
    return new Scan(problems, parsed);
  }
}
