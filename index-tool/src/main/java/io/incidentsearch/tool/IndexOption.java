package io.incidentsearch.tool;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --index DIR} option every index command takes. */
final class IndexOption {
  @Option(
      names = {"-i", "--index"},
      paramLabel = "DIR",
      description = "The index folder (default: $INCIDENT_INDEX, else ./incident-index).")
  Path index;

  /** The folder: {@code --index}, else {@code $INCIDENT_INDEX}, else {@code ./incident-index}. */
  Path resolve(Environment env) {
    if (index != null) {
      return index;
    }
    String fromEnv = env.variables().get(Environment.INDEX);
    return Path.of(fromEnv != null && !fromEnv.isBlank() ? fromEnv : "incident-index");
  }
}
