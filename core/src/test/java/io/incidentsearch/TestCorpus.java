package io.incidentsearch;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where tests find real fixtures: the project's {@code testdata/} folder (see its {@code NOTICE}).
 * Surefire passes its path as a system property; a missing folder or file fails the test with a
 * message naming it rather than skipping the test.
 */
public final class TestCorpus {
  private TestCorpus() {}

  /** The project's {@code testdata/} folder. */
  public static Path testdata() {
    return existing("incidentsearch.testdata", "testdata");
  }

  /** {@code testdata/fail-dev}: 31 incident pages, 76 article pages, CSV, judgments. */
  public static Path failDev() {
    return folder("fail-dev");
  }

  /**
   * {@code testdata/fail-extra}: 56 more FAIL incident pages (35 title-only), 77 article pages,
   * FAIL's other CSV export layouts and judgments.
   */
  public static Path failExtra() {
    return folder("fail-extra");
  }

  /**
   * The page folders of fail-dev and fail-extra: every FAIL incident page of testdata (the
   * archive's and the seed's among them) and the articles they cite.
   */
  public static java.util.List<Path> failPages() {
    return java.util.List.of(
        failDev().resolve("incidents"),
        failDev().resolve("articles"),
        failExtra().resolve("incidents"),
        failExtra().resolve("articles"));
  }

  /** {@code testdata/ko-dev}: 700 news texts of Ko's study, grouped in stories, and judgments. */
  public static Path koDev() {
    return folder("ko-dev");
  }

  /** A folder of {@code testdata/}, which must exist. */
  public static Path folder(String name) {
    Path dir = testdata().resolve(name);
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("test fixture folder missing: " + dir);
    }
    return dir;
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
