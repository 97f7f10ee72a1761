package io.incidentsearch.build;

import io.incidentsearch.formats.Problem;
import io.incidentsearch.index.ArchiveSource;
import io.incidentsearch.model.Record;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses one file from a pool thread and parks its records in the {@link RecordSpill} at once, so
 * only small references stay in memory. A record over Lucene's term limits ({@link RecordLimits})
 * becomes a problem of its file instead. Thread-safe.
 */
final class FileParser {
  /** A parsed file: its hash, its records in the spill in file order, and its problems. */
  record Spilled(String contentHash, List<RecordSpill.Ref> refs, List<Problem> problems) {
    /** The distinct keys of the file's records, in file order: its entry's keys. */
    List<String> keys() {
      return new ArrayList<>(
          new java.util.LinkedHashSet<>(refs.stream().map(RecordSpill.Ref::key).toList()));
    }
  }

  private final ArchiveSource source;
  private final RecordSpill spill;

  FileParser(ArchiveSource source, RecordSpill spill) {
    this.source = source;
    this.spill = spill;
  }

  Spilled parse(Path file) throws IOException {
    ArchiveSource.Parsed p = source.parse(file);
    List<RecordSpill.Ref> refs = new ArrayList<>(p.records().size());
    List<Problem> problems = new ArrayList<>(p.problems());
    for (Record r : p.records()) {
      Optional<String> unfit = RecordLimits.problem(r);
      if (unfit.isPresent()) {
        problems.add(Problem.error(file, unfit.get()));
      } else {
        refs.add(spill.append(r));
      }
    }
    return new Spilled(p.contentHash(), refs, problems);
  }
}
