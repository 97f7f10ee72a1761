package io.incidentsearch.build;

import io.incidentsearch.formats.ArchiveScanner;
import io.incidentsearch.formats.Problem;
import io.incidentsearch.model.Record;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The problems a build reports: those of walking the roots, and of each file it parses exactly as a
 * scan reports them: its own, then its duplicate warnings, sharing the file's cap ({@link
 * ArchiveScanner#fileProblems}). A file's duplicates are known only once every file is parsed, so
 * the two are joined at the end.
 */
final class BuildProblems {
  private final List<Problem> problems = new ArrayList<>();
  private final Map<Path, List<Problem>> own = new HashMap<>();
  private final Map<Path, List<Problem>> duplicates = new HashMap<>();

  /** Problems that belong to no parsed file (walking the roots). */
  void addAll(List<Problem> general) {
    problems.addAll(general);
  }

  /** A parsed file's own problems. */
  void own(Path file, List<Problem> fileProblems) {
    if (!fileProblems.isEmpty()) {
      own.put(file, fileProblems);
    }
  }

  /** Notes the warning a scan gives {@code copy} for {@code kept}, if it gives one. */
  void copy(Record kept, Path keptFile, Record copy, Path copyFile) {
    ArchiveScanner.duplicateProblem(kept, keptFile, copy, copyFile)
        .ifPresent(p -> duplicates.computeIfAbsent(copyFile, f -> new ArrayList<>()).add(p));
  }

  /** Every problem: each parsed file's own and duplicate problems joined under one cap. */
  List<Problem> all() {
    List<Problem> out = new ArrayList<>(problems);
    Map<Path, List<Problem>> copies = new HashMap<>(duplicates);
    own.forEach(
        (f, p) -> {
          List<Problem> c = copies.remove(f);
          out.addAll(c == null ? p : ArchiveScanner.fileProblems(f, p, c));
        });
    copies.forEach((f, c) -> out.addAll(ArchiveScanner.fileProblems(f, List.of(), c)));
    return out;
  }
}
