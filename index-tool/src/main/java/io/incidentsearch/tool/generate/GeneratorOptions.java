package io.incidentsearch.tool.generate;

import java.nio.file.Path;

/**
 * What to generate.
 *
 * @param incidents incidents to write (at least 1)
 * @param articlesPerIncident articles each incident cites (at least 1)
 * @param seed the seed; with the other settings it fixes every byte written
 * @param format text pages or the two CSV exports
 * @param source the folder holding {@code incident_data.csv} and {@code article_state0.csv}, or
 *     null for the fail-dev exports inside the jar
 * @param threads how many chunks are made at once (at least 1); never changes the output
 * @param firstIncidentId the id of the first incident
 * @param firstArticleId the id of the first article
 * @param out the folder to write into (created when missing)
 */
public record GeneratorOptions(
    int incidents,
    int articlesPerIncident,
    long seed,
    Format format,
    Path source,
    int threads,
    long firstIncidentId,
    long firstArticleId,
    Path out) {

  /** The output forms. */
  public enum Format {
    /** {@code incidents/<id>.txt} postmortem pages and {@code articles/<id>.txt} news pages. */
    TEXT,
    /** {@code incident_data.csv} and {@code article_data.csv} with FAIL's export columns. */
    CSV
  }

  /** Validates. */
  public GeneratorOptions {
    if (incidents < 1) {
      throw new IllegalArgumentException("the number of incidents must be at least 1");
    }
    if (articlesPerIncident < 1) {
      throw new IllegalArgumentException("the articles per incident must be at least 1");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("the number of threads must be at least 1");
    }
    if (format == null || out == null) {
      throw new IllegalArgumentException("a format and an output folder are needed");
    }
  }
}
