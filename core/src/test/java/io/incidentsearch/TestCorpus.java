package io.incidentsearch;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where tests find real fixtures: the project's {@code testdata/} and the shared FAIL developer
 * corpus beside the checkout ({@code ../shared/corpus}). Surefire passes both paths as system
 * properties; a missing folder fails the test with a message rather than skipping it.
 */
public final class TestCorpus {
  private TestCorpus() {}

  /** The project's {@code testdata/} folder. */
  public static Path testdata() {
    return existing("incidentsearch.testdata", "testdata");
  }

  /** The shared corpus folder ({@code ../shared/corpus} beside the checkout). */
  public static Path sharedCorpus() {
    return existing("incidentsearch.sharedCorpus", "../shared/corpus");
  }

  /** {@code ../shared/corpus/fail-dev}: 31 incident pages, 76 article pages, CSV, judgments. */
  public static Path failDev() {
    return sharedCorpus().resolve("fail-dev");
  }

  /** The seed postmortem page (FAIL incident 2750). */
  public static Path seedPostmortem() {
    return testdata().resolve("seeds/004_ced7e3d45e6bbcb9.txt");
  }

  /** The seed TechCrunch article page. */
  public static Path seedArticle() {
    return testdata().resolve("seeds/000_0ab139ba9eb7d695.txt");
  }

  private static Path existing(String property, String fallback) {
    String configured = System.getProperty(property);
    Path dir = Path.of(configured != null ? configured : fallback).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "test fixtures not found at " + dir + " (set -D" + property + "=DIR)");
    }
    return dir;
  }
}
