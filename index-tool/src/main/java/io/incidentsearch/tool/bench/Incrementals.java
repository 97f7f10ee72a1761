package io.incidentsearch.tool.bench;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.index.BuildReport;
import io.incidentsearch.tool.bench.BenchResult.Incremental;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Incremental rebuilds of incident-search: a no-op, then one after changing 1% of the files. */
final class Incrementals {
  private final RunContext run;

  Incrementals(RunContext run) {
    this.run = run;
  }

  /**
   * Both rebuilds of {@code index}; changes the archive, so it runs last.
   *
   * @param fullSeconds the full build's time they are compared to
   */
  List<Incremental> measure(
      Path archive, List<Path> files, Path index, int threads, double fullSeconds)
      throws IOException {
    List<Incremental> out = new ArrayList<>();
    BuildOptions options = BuildOptions.defaults().full(false).threads(threads);

    run.log().accept("no-op incremental build ...");
    out.add(incremental("no-op", 0, archive, index, options, fullSeconds));

    List<Path> pages = files.stream().filter(f -> BenchFiles.lower(f).endsWith(".txt")).toList();
    int change = (int) Math.ceil(files.size() / 100.0);
    if (pages.size() < change) {
      run.notes().add("1% incremental build skipped: the archive has too few page files to change");
      return out;
    }
    // Evenly spaced over the sorted files: incidents and articles alike.
    double step = (double) pages.size() / change;
    for (int i = 0; i < change; i++) {
      touch(pages.get((int) (i * step)), i);
    }
    run.log().accept("incremental build after changing " + change + " files (1%) ...");
    out.add(incremental("1% changed", change, archive, index, options, fullSeconds));
    return out;
  }

  private Incremental incremental(
      String phase, int changed, Path archive, Path index, BuildOptions options, double fullSeconds)
      throws IOException {
    HeapMonitor heap = HeapMonitor.start();
    long t0 = System.nanoTime();
    BuildReport r = IncidentIndex.build(index, List.of(archive), options);
    double seconds = (System.nanoTime() - t0) / 1e9;
    HeapMonitor.Usage u = heap.stop();
    run.log()
        .accept(
            String.format(
                Locale.ROOT,
                "  %.2f s (%.1f%% of the full build), %d files parsed, +%d ~%d -%d, %d relinked",
                seconds,
                100 * seconds / fullSeconds,
                r.filesParsed(),
                r.added(),
                r.updated(),
                r.deleted(),
                r.relinked()));
    return new Incremental(
        phase,
        changed,
        seconds,
        fullSeconds,
        r.filesParsed(),
        r.added() + r.updated() + r.deleted() + r.relinked(),
        u.peakUsedBytes());
  }

  /**
   * Changes a page as an editor would: a word added to an incident's title, or a paragraph to an
   * article. The file is replaced (new file, then rename), so a hard-linked mirror never changes
   * the user's original.
   */
  private static void touch(Path page, int n) throws IOException {
    String text = Files.readString(page, StandardCharsets.UTF_8);
    String changed =
        text.startsWith("Incident: ")
            ? "Incident: Revised " + text.substring("Incident: ".length())
            : text.stripTrailing() + "\n\nUpdated by the benchmark, revision " + n + ".\n";
    Path tmp = page.resolveSibling(page.getFileName() + ".bench-tmp");
    Files.writeString(tmp, changed, StandardCharsets.UTF_8);
    Files.move(tmp, page, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
