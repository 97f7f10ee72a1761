package io.incidentsearch.tool.bench;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.formats.ArchiveScanner;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.index.BuildReport;
import io.incidentsearch.tool.bench.BenchResult.Build;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Full builds of both systems, timed with their heap use. */
final class BuildTimings {
  private final RunContext run;

  BuildTimings(RunContext run) {
    this.run = run;
  }

  /** A small build of each system first, so that neither pays for JIT warm-up in its figures. */
  void warmUp(List<Path> files, Path archive, Path dir) throws IOException {
    List<Path> some = BenchFiles.evenly(files, 300);
    run.log().accept("warm-up builds of " + some.size() + " files ...");
    Path part = dir.resolve("files");
    for (Path f : some) {
      Path target = part.resolve(archive.relativize(f).toString());
      Files.createDirectories(target.getParent());
      Files.copy(f, target);
    }
    int threads = run.options().threads();
    IncidentIndex.build(
        dir.resolve("index"), List.of(part), BuildOptions.defaults().full(true).threads(threads));
    Files.createDirectories(dir.resolve("baseline"));
    BaselineIndex.build(
        new ArchiveScanner().listFiles(List.of(part)).files(), dir.resolve("baseline"), threads);
    BenchFiles.deleteTree(dir);
  }

  /** A full build of incident-search into {@code dir}. */
  Build project(Path archive, Path dir, int threads, long bytes) throws IOException {
    run.log().accept("full build, incident-search, " + threads + " thread(s) ...");
    HeapMonitor heap = HeapMonitor.start();
    long t0 = System.nanoTime();
    BuildReport r;
    try {
      r =
          IncidentIndex.build(
              dir, List.of(archive), BuildOptions.defaults().full(true).threads(threads));
    } catch (OutOfMemoryError e) {
      heap.stop();
      throw new Bench.Failure(
          "incident-search's full build ran out of memory with -Xmx"
              + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / (1 << 20)
              + "m; give the JVM more heap or generate fewer incidents",
          e);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long records = r.manifest().recordCounts().values().stream().mapToLong(Long::longValue).sum();
    return figure(BenchResult.PROJECT, threads, seconds, records, bytes, dir, heap.stop());
  }

  /** A full build of the baseline into {@code dir}. */
  Build baseline(List<Path> files, Path dir, int threads, long bytes) throws IOException {
    run.log().accept("full build, baseline, " + threads + " thread(s) ...");
    Files.createDirectories(dir);
    HeapMonitor heap = HeapMonitor.start();
    long t0 = System.nanoTime();
    BaselineIndex.Built r = BaselineIndex.build(files, dir, threads);
    double seconds = (System.nanoTime() - t0) / 1e9;
    return figure(BenchResult.BASELINE, threads, seconds, r.records(), bytes, dir, heap.stop());
  }

  private Build figure(
      String system,
      int threads,
      double seconds,
      long records,
      long bytes,
      Path dir,
      HeapMonitor.Usage u)
      throws IOException {
    Build b =
        new Build(
            system,
            threads,
            seconds,
            records,
            bytes,
            BenchFiles.sizeOf(dir),
            u.peakUsedBytes(),
            u.peakLiveBytes(),
            u.gcCount(),
            u.gcMillis());
    run.log()
        .accept(
            String.format(
                Locale.ROOT,
                "  %.2f s, %.0f docs/s, %.1f MB/s, index %.1f MB, peak heap %.0f MB (live %.0f MB)",
                b.seconds(),
                b.docsPerSecond(),
                b.mbPerSecond(),
                b.indexBytes() / 1e6,
                b.peakHeapBytes() / 1e6,
                b.peakLiveBytes() / 1e6));
    return b;
  }
}
