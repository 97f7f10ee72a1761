package io.incidentsearch.tool.bench;

import io.incidentsearch.formats.ArchiveScanner;
import io.incidentsearch.tool.generate.GeneratorException;
import io.incidentsearch.tool.generate.GeneratorOptions;
import io.incidentsearch.tool.generate.SyntheticArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The archive a run measures, always in the scratch folder (the 1% change must not touch user
 * files): generated, or mirrored from the user's folder with hard links.
 *
 * @param archive its folder
 * @param generated the generate command that made it, or null when mirrored
 * @param files its input files
 * @param bytes their total size
 */
record ScratchArchive(Path archive, String generated, List<Path> files, long bytes) {

  /** Generates or mirrors the archive into {@code scratch}/corpus. */
  static ScratchArchive prepare(RunContext run, Path scratch) throws IOException {
    Bench.Options o = run.options();
    Path archive = scratch.resolve("corpus");
    String generated = null;
    if (o.corpus() == null) {
      generated =
          String.format(
              Locale.ROOT,
              "index-tool generate --incidents %d --articles-per-incident %d --seed %d",
              o.generate(),
              o.articlesPerIncident(),
              o.seed());
      generate(run, archive);
    } else {
      if (!Files.isDirectory(o.corpus())) {
        throw new Bench.Failure("--corpus: no such folder: " + o.corpus());
      }
      run.log().accept("mirroring " + o.corpus() + " (hard links where possible) ...");
      BenchFiles.mirror(o.corpus(), archive);
    }
    List<Path> files = new ArchiveScanner().listFiles(List.of(archive)).files();
    if (files.isEmpty()) {
      throw new Bench.Failure("the archive holds no input file: " + o.corpus());
    }
    long bytes = BenchFiles.totalBytes(files);
    run.log()
        .accept(
            String.format(Locale.ROOT, "archive: %d files, %.1f MB", files.size(), bytes / 1e6));
    return new ScratchArchive(archive, generated, files, bytes);
  }

  private static void generate(RunContext run, Path archive) throws IOException {
    Bench.Options o = run.options();
    run.log().accept("generating " + o.generate() + " incidents ...");
    SyntheticArchive.Summary made;
    try {
      made =
          SyntheticArchive.generate(
              new GeneratorOptions(
                  o.generate(),
                  o.articlesPerIncident(),
                  o.seed(),
                  GeneratorOptions.Format.TEXT,
                  null,
                  o.threads(),
                  3000,
                  200000,
                  archive));
    } catch (GeneratorException e) {
      throw new Bench.Failure(e.getMessage(), e);
    }
    run.log()
        .accept(
            String.format(
                Locale.ROOT,
                "generated %d files, %.1f MB in %.1f s",
                made.files(),
                made.bytes() / 1e6,
                made.seconds()));
  }
}
