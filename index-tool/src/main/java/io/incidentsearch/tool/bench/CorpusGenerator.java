package io.incidentsearch.tool.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Writes a synthetic archive by running the project's generator, {@code gen_corpus.py} (from the
 * shared {@code bench} folder beside the checkout), with {@code python3}. The script is
 * deterministic: the same arguments give byte-identical files, so runs compare.
 */
final class CorpusGenerator {
  /** Where the script lives relative to the repository root. */
  static final String DEFAULT_RELATIVE = "../shared/bench/gen_corpus.py";

  private final Path script;
  private final String python;

  private CorpusGenerator(Path script, String python) {
    this.script = script;
    this.python = python;
  }

  /**
   * A generator running {@code script}, or, when null, the script found beside the repository that
   * holds the working folder (walking up from it) or this tool's jar.
   *
   * @throws BenchException when the script or {@code python3} cannot be found
   */
  static CorpusGenerator locate(Path script) {
    Path found = script != null ? script : defaultScript().orElse(null);
    if (found == null) {
      throw new BenchException(
          "cannot find the corpus generator "
              + DEFAULT_RELATIVE
              + " (looked beside the repository of the working folder and of this tool);"
              + " give its path with --generator FILE, or use --corpus DIR");
    }
    if (!Files.isRegularFile(found)) {
      throw new BenchException("--generator: no such file: " + found);
    }
    String python =
        findOnPath("python3")
            .orElseThrow(
                () ->
                    new BenchException(
                        "python3 is needed to run the corpus generator and is not on the PATH;"
                            + " install Python 3, or use --corpus DIR with an existing archive"));
    return new CorpusGenerator(found.toAbsolutePath().normalize(), python);
  }

  /** The script this generator runs. */
  Path script() {
    return script;
  }

  /**
   * Writes {@code incidents} incidents with {@code articlesPerIncident} articles each into {@code
   * out} ({@code out/incidents}, {@code out/articles}).
   *
   * @param log receives the script's own output (its summary line)
   */
  void generate(
      int incidents, int articlesPerIncident, int seed, int jobs, Path out, Consumer<String> log)
      throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                python,
                script.toString(),
                "--incidents",
                Integer.toString(incidents),
                "--articles-per-incident",
                Integer.toString(articlesPerIncident),
                "--seed",
                Integer.toString(seed),
                "--jobs",
                Integer.toString(jobs),
                "--out",
                out.toString()));
    log.accept("running " + String.join(" ", cmd));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    int code;
    try {
      code = p.waitFor();
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while generating the corpus");
    }
    if (code != 0) {
      throw new BenchException(
          "the corpus generator failed (exit code " + code + "): " + lastLines(output, 10));
    }
    if (!output.isEmpty()) {
      log.accept(lastLines(output, 1));
    }
  }

  private static Optional<Path> defaultScript() {
    List<Path> starts = new ArrayList<>();
    starts.add(Path.of("").toAbsolutePath());
    try {
      var location = CorpusGenerator.class.getProtectionDomain().getCodeSource().getLocation();
      starts.add(Path.of(location.toURI()).toAbsolutePath());
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // no code source (unusual class loader): the working folder is enough
    }
    for (Path start : starts) {
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("core"))) {
          Path candidate = dir.resolve(DEFAULT_RELATIVE).normalize();
          if (Files.isRegularFile(candidate)) {
            return Optional.of(candidate);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> findOnPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return Optional.of(candidate.toString());
      }
    }
    return Optional.empty();
  }

  private static String lastLines(String text, int n) {
    String[] lines = text.split("\n");
    return String.join(
        "\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - n), lines.length));
  }
}
