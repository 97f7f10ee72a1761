package io.incidentsearch.tool;

import io.incidentsearch.tool.generate.GeneratorException;
import io.incidentsearch.tool.generate.GeneratorOptions;
import io.incidentsearch.tool.generate.SyntheticArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code index-tool generate}: writes a synthetic FAIL archive (see {@link SyntheticArchive}) for
 * benchmarks and tests.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Writes a synthetic archive of N incidents, each citing K articles of its own, with text"
          + " recombined from real FAIL exports (by default fail-dev's, built in): postmortem"
          + " pages in OUT/incidents and news pages in OUT/articles, or with --format csv the"
          + " two exports OUT/incident_data.csv and OUT/article_data.csv. The same options give"
          + " the same bytes, whatever --threads is. A one-line summary goes to standard error."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  index-tool generate --incidents 1000 --out /tmp/synth",
      "  index-tool generate --incidents 100000 --format csv --seed 7 --threads 2 --out /tmp/csv",
      "  index-tool generate --incidents 50 --src my-exports/ --out /tmp/small",
      "",
      "Exit codes: 0 written; 2 usage error (bad option, unreadable --src, OUT cannot be"
          + " made); 1 unexpected failure (e.g. a write failed)."
    })
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-n", "--incidents"},
      paramLabel = "N",
      required = true,
      description = "Incidents to generate.")
  int incidents;

  @Option(
      names = {"-k", "--articles-per-incident"},
      paramLabel = "K",
      defaultValue = "2",
      description = "Articles per incident (default: ${DEFAULT-VALUE}).")
  int articlesPerIncident;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "The seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (pages) or csv (FAIL's two exports) (default: ${DEFAULT-VALUE}).")
  GeneratorOptions.Format format;

  @Option(
      names = "--src",
      paramLabel = "DIR",
      description =
          "A folder with incident_data.csv and article_state0.csv to take the text from"
              + " (default: fail-dev's, built in).")
  Path src;

  @Option(
      names = {"-j", "--threads"},
      paramLabel = "J",
      description = "Chunks made at once (default: the number of processors).")
  Integer threads;

  @Option(
      names = "--first-incident-id",
      paramLabel = "ID",
      defaultValue = "3000",
      description = "The first incident's id (default: ${DEFAULT-VALUE}).")
  long firstIncidentId;

  @Option(
      names = "--first-article-id",
      paramLabel = "ID",
      defaultValue = "200000",
      description = "The first article's id (default: ${DEFAULT-VALUE}).")
  long firstArticleId;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "DIR",
      required = true,
      description =
          "The folder to write into (made when missing; files of the same name" + " are replaced).")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (incidents < 1) {
      throw usage("--incidents must be at least 1");
    }
    if (articlesPerIncident < 1) {
      throw usage("--articles-per-incident must be at least 1");
    }
    if (threads != null && threads < 1) {
      throw usage("--threads must be at least 1");
    }
    if (src != null && !Files.isDirectory(src)) {
      throw usage("--src: no such folder: " + src);
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw usage("--out is not a folder: " + out);
    }
    GeneratorOptions options =
        new GeneratorOptions(
            incidents,
            articlesPerIncident,
            seed,
            format,
            src,
            threads != null ? threads : Runtime.getRuntime().availableProcessors(),
            firstIncidentId,
            firstArticleId,
            out);
    SyntheticArchive.Summary s;
    try {
      s = SyntheticArchive.generate(options);
    } catch (GeneratorException e) {
      throw usage(e.getMessage());
    }
    spec.commandLine()
        .getErr()
        .println(
            String.format(
                Locale.ROOT,
                "wrote %d files, %.1f MB in %.1f s (%d incidents x %d articles, seed %d,"
                    + " %d threads)",
                s.files(),
                s.bytes() / 1e6,
                s.seconds(),
                incidents,
                articlesPerIncident,
                seed,
                options.threads()));
    return ExitCodes.OK;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
