package io.incidentsearch.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code index-tool generate}: its output is byte for byte that of the Python reference generator,
 * {@code gen_corpus.py}, whose runs are recorded here as digests (see {@link #digest}), and it does
 * not depend on the number of threads.
 */
class GenerateCommandTest {
  @TempDir Path tmp;

  /**
   * Each row: the generate options, the files written and the digest of what {@code python3
   * gen_corpus.py} wrote with the same options ({@code --jobs} for {@code --threads}), as printed
   * by the digest of {@link #digest} computed in Python over its output folder:
   *
   * <pre>
   * gen_corpus.py --incidents 30 --articles-per-incident 1 --jobs 1 --out OUT
   * gen_corpus.py --incidents 30 --articles-per-incident 2 --format csv --jobs 1 --out OUT
   * gen_corpus.py --incidents 25 --articles-per-incident 3 --seed 2 --jobs 1 --out OUT
   * gen_corpus.py --incidents 1100 --articles-per-incident 2 --seed 9 --jobs 2 --out OUT
   * gen_corpus.py --incidents 1100 --articles-per-incident 3 --seed 4 --format csv --jobs 2
   *     --out OUT
   * gen_corpus.py --incidents 700 --articles-per-incident 1 --seed 123 --format csv
   *     --first-incident-id 1 --first-article-id 5 --jobs 2 --out OUT
   * </pre>
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--incidents 30 --articles-per-incident 1 --threads 1 | 60"
            + " | 667fd7769877a0edab98154c50714366c7787bad8475ba2ab7c32555bc569744",
        "--incidents 30 --articles-per-incident 2 --format csv --threads 1 | 2"
            + " | 74c91d10254ae73f963d146d80cd5d8bda890d427687dc8e9d9c2c9cc5ecbc75",
        "--incidents 25 --articles-per-incident 3 --seed 2 --threads 1 | 100"
            + " | 57d8cc5fb013ad61755aa375ff2e5df44e3e91b4d3d35b712198ef8d6d3474a9",
        "--incidents 1100 --articles-per-incident 2 --seed 9 --threads 2 | 3300"
            + " | 0115ef85175a16f2640da98876e04c4f3ec44eb511429b95de4bc37c83427033",
        "--incidents 1100 --articles-per-incident 3 --seed 4 --format csv --threads 2 | 2"
            + " | b23aa2b34ce849b96cda117283d3ee5a3888d11bb5bbc9c677cc4f52d86a42d7",
        "--incidents 700 --articles-per-incident 1 --seed 123 --format csv --first-incident-id 1"
            + " --first-article-id 5 --threads 2 | 2"
            + " | 927f8b6bffe7852fa24869347aa498c861e6a75deeccfc8bdb4480563119a9f0",
      })
  void writesWhatThePythonReferenceWrites(String options, int files, String expected)
      throws IOException {
    Path out = tmp.resolve("out");
    ToolRun r = generate(out, options.trim().split(" "));
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    assertEquals(files, fileCount(out));
    assertEquals(expected, digest(out), options);
    assertTrue(r.err().startsWith("wrote " + files + " files"), r.err());
  }

  @Test
  void theThreadCountAndRepeatedRunsDoNotChangeTheOutput() throws IOException {
    for (String format : List.of("text", "csv")) {
      String one = digestOf(format, "1", "a");
      assertEquals(one, digestOf(format, "4", "b"), format + ": 1 vs 4 threads");
      assertEquals(one, digestOf(format, "4", "c"), format + ": a second run with 4 threads");
    }
  }

  private String digestOf(String format, String threads, String name) throws IOException {
    Path out = tmp.resolve(format + "-" + name);
    ToolRun r =
        generate(
            out,
            "--incidents",
            "1600", // four chunks, the last one short
            "--format",
            format,
            "--seed",
            "3",
            "--threads",
            threads);
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    return digest(out);
  }

  /**
   * fail-dev's exports with the corners where Python's str, re and csv semantics differ from
   * Java's, made by literal replacements (Python's {@code str.replace}) and an appended tail. The
   * same replacements applied in Python gave the source digests below, and then
   *
   * <pre>
   * gen_corpus.py --incidents 600 --seed 3 --jobs 2 --src SRC --out OUT
   * gen_corpus.py --incidents 600 --articles-per-incident 3 --seed 11 --format csv --jobs 2
   *     --src SRC --out OUT
   * </pre>
   */
  @Test
  void hostileSourceTextStillMatchesThePythonReference() throws IOException {
    Path src = hostileSource(tmp.resolve("src"));
    assertEquals(
        "8d7296ad2f615df2c142600d1918431732e6abef30e59679ce5a0a86152259a4",
        sha256(Files.readAllBytes(src.resolve("incident_data.csv"))));
    assertEquals(
        "8e11d19b151dcfa10fa0d8c506a97b8c4fc5c4a3f16e96c3ac9d5f484891bea9",
        sha256(Files.readAllBytes(src.resolve("article_state0.csv"))));

    Path text = tmp.resolve("text");
    ToolRun r =
        generate(text, "--incidents", "600", "--seed", "3", "--threads", "2", "--src", src + "");
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    assertEquals("69a69507b005fe388254b7785015e6b5ea6e51487817846b3ea392ed2b843757", digest(text));

    Path csv = tmp.resolve("csv");
    r =
        generate(
            csv,
            "--incidents",
            "600",
            "--articles-per-incident",
            "3",
            "--seed",
            "11",
            "--format",
            "csv",
            "--threads",
            "2",
            "--src",
            src.toString());
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    assertEquals("364d7e2b738d0c38a48b63e7ab299b68280076ae4e933c6c6cd5a9290ff115e0", digest(csv));
    // The corners reached the output: the \b next to a letter outside the BMP, CRs in cells
    // (a lone one unquoted, as Python 3.11 writes it).
    String articles = Files.readString(csv.resolve("article_data.csv"));
    assertTrue(articles.contains("\ud835\udc00Article 104834"), "no math-letter citation");
    String incidents = Files.readString(csv.resolve("incident_data.csv"));
    assertTrue(incidents.contains("\r\n"), "no CRLF");
    assertTrue(incidents.contains(",Sys\rtem,"), "no lone CR");
  }

  private static Path hostileSource(Path dir) throws IOException {
    Path from = ToolRun.testdata().resolve("fail-dev/csv");
    Files.createDirectories(dir);
    String inc = Files.readString(from.resolve("incident_data.csv"), StandardCharsets.UTF_8);
    String[][] incReplacements = {
      {"\n", "\r\n"},
      {"[104834]", "[104834] {a}}"},
      {"the article", "the\u00a0article"},
      {". The ", ".\u2028The "},
      {
        "(a) ",
        "(a) \u0663104834 \ud835\udc00Article 104834, Article 104834x, Articles 104834 and"
            + " a104834, a104834; #104834, #104834 "
      },
      {
        "suddenly [104834]",
        "suddenly (see Article 104834) and \ud835\udc00Article 104834, Article 1048345 and"
            + " Articles 104834 [104834]"
      },
      {"1.8m", "\u0661.\u0668m"},
      {"software", "soft\u001cware"},
      {"Software", "Soft\u0085ware"},
    };
    for (String[] rep : incReplacements) {
      inc = inc.replace(rep[0], rep[1]);
    }
    // Text after a closing quote, short rows, a blank line, lone CRs inside quoted cells.
    inc += "9999,\"[1]\"x,2020\r\n\r\n9998,\"[2]\",2021,\"T\rCR: x\",\"S.\rT\",,\"Sys\rtem\"\r\n";
    String art = Files.readString(from.resolve("article_state0.csv"), StandardCharsets.UTF_8);
    String[][] artReplacements = {
      {"\n\n", "\n\r\n"},
      {" - WIRED", " | WIRED"},
      {" - BBC.com", "\u00a0\u2013\u00a0BBC.com"},
      {"PlayStation", "PlayStat\u0130on"},
      {"Hackers", "Hac\u212aers"},
      {"Sony", "So\u2028ny"},
      {"Apple", "App\ud83d\ude00le"},
      {"hack", "ha\u001fck"},
    };
    for (String[] rep : artReplacements) {
      art = art.replace(rep[0], rep[1]);
    }
    Files.writeString(dir.resolve("incident_data.csv"), inc, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("article_state0.csv"), art, StandardCharsets.UTF_8);
    return dir;
  }

  @Test
  void theBuiltInSourceIsFailDev() throws IOException {
    Path builtIn = tmp.resolve("built-in");
    Path given = tmp.resolve("given");
    ToolRun a = generate(builtIn, "--incidents", "40", "--format", "csv");
    ToolRun b =
        generate(
            given,
            "--incidents",
            "40",
            "--format",
            "csv",
            "--src",
            ToolRun.testdata().resolve("fail-dev/csv").toString());
    assertEquals(ExitCodes.OK, a.exitCode(), a.toString());
    assertEquals(ExitCodes.OK, b.exitCode(), b.toString());
    assertEquals(digest(given), digest(builtIn));
  }

  @Test
  void badArgumentsAreOneLineUsageErrors() throws IOException {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    Path out = tmp.resolve("out");
    List<List<String>> cases =
        List.of(
            List.of("--incidents", "0", "--out", out.toString()),
            List.of("--incidents", "-3", "--out", out.toString()),
            List.of("--incidents", "5", "--articles-per-incident", "0", "--out", out.toString()),
            List.of("--incidents", "5", "--threads", "0", "--out", out.toString()),
            List.of("--incidents", "5", "--out", file.toString()),
            List.of("--incidents", "5", "--out", file.resolve("sub").toString()),
            List.of("--incidents", "5", "--src", tmp.resolve("nope").toString(), "--out", out + ""),
            List.of("--incidents", "5", "--src", tmp.toString(), "--out", out.toString()),
            List.of("--incidents", "5", "--format", "xml", "--out", out.toString()),
            List.of("--incidents", "many", "--out", out.toString()),
            List.of("--incidents", "5"));
    for (List<String> args : cases) {
      List<String> all = new ArrayList<>(List.of("generate"));
      all.addAll(args);
      ToolRun r = ToolRun.run(all.toArray(String[]::new));
      assertEquals(ExitCodes.USAGE, r.exitCode(), args + ": " + r);
      String first = r.err().lines().findFirst().orElse("");
      assertTrue(first.startsWith("index-tool generate: "), args + ": " + r.err());
      assertFalse(r.err().contains("Exception"), args + ": " + r.err());
      assertFalse(r.err().contains("\tat "), args + ": " + r.err());
    }
    assertFalse(Files.exists(out), "a rejected run wrote something");
    ToolRun noCsv =
        ToolRun.run("generate", "--incidents", "5", "--src", tmp.toString(), "--out", "" + out);
    assertTrue(noCsv.err().contains("incident_data.csv"), noCsv.err());
    ToolRun notFolder = ToolRun.run("generate", "--incidents", "5", "--out", file.toString());
    assertTrue(notFolder.err().contains("not a folder"), notFolder.err());
  }

  @Test
  void helpListsTheOptions() {
    ToolRun r = ToolRun.run("generate", "--help");
    assertEquals(ExitCodes.OK, r.exitCode(), r.toString());
    for (String option :
        List.of(
            "--incidents",
            "--articles-per-incident",
            "--seed",
            "--format",
            "--src",
            "--threads",
            "--first-incident-id",
            "--first-article-id",
            "--out")) {
      assertTrue(r.out().contains(option), option + " in " + r.out());
    }
    assertTrue(ToolRun.run("--help").out().contains("generate"));
  }

  private static ToolRun generate(Path out, String... options) {
    List<String> all = new ArrayList<>(List.of("generate"));
    all.addAll(List.of(options));
    all.addAll(List.of("--out", out.toString()));
    return ToolRun.run(all.toArray(String[]::new));
  }

  private static long fileCount(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  /**
   * The SHA-256 of the listing "{@code sha256(file) relative/path\n}" over the files under {@code
   * dir} sorted by path, as this Python computes it on the reference output:
   *
   * <pre>
   * paths = sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root)
   *                for f in fs)
   * listing = "".join("%s  %s\n" % (sha256(open(os.path.join(root, p), "rb").read())
   *                                 .hexdigest(), p) for p in paths)
   * print(sha256(listing.encode()).hexdigest())
   * </pre>
   */
  static String digest(Path dir) throws IOException {
    List<String> paths;
    try (Stream<Path> s = Files.walk(dir)) {
      paths =
          s.filter(Files::isRegularFile)
              .map(p -> dir.relativize(p).toString().replace('\\', '/'))
              .sorted()
              .toList();
    }
    StringBuilder listing = new StringBuilder();
    for (String p : paths) {
      listing.append(sha256(Files.readAllBytes(dir.resolve(p)))).append("  ").append(p);
      listing.append('\n');
    }
    return sha256(listing.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
