package io.incidentsearch.tool.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link PyCsv}, {@link PyText} and the slug against what CPython 3.11 gives for the same input
 * (each expectation was printed by python3 on the input shown).
 */
class PythonSemanticsTest {
  /** Written to a file, read with open(newline="") as Python's reader sees it. */
  private static final String CSV =
      "h1,h2,h3\r\na,\"b\r\nc\"d,e\r\n\r\nf,\"g\"\"h\"\rx,\"y\n\n\"\n,\n\"z";

  @Test
  void csvReaderKeepsPythonsCorners() {
    // list(csv.reader(f)): a CRLF inside quotes is kept, text after a closing quote joins the
    // field, a lone CR ends a record, a blank line is [], a quote left open runs to the end.
    assertEquals(
        List.of(
            List.of("h1", "h2", "h3"),
            List.of("a", "b\r\ncd", "e"),
            List.of(),
            List.of("f", "g\"h"),
            List.of("x", "y\n\n"),
            List.of("", ""),
            List.of("z")),
        PyCsv.read(CSV));
    // csv.DictReader: blank records skipped, missing cells absent (None).
    List<Map<String, String>> rows = PyCsv.readDicts(CSV);
    assertEquals(5, rows.size());
    assertEquals(Map.of("h1", "f", "h2", "g\"h"), rows.get(1));
    assertEquals(Map.of("h1", "z"), rows.get(4));
  }

  @Test
  void csvWriterQuotesAsPython311() {
    // csv.writer(b, lineterminator="\n").writerow(...) for [""], ["", ""], and
    // ["a\rb", "c\nd", "e,f", 'g"h', " i ", "\u2028\x85\x1c"]
    StringBuilder b = new StringBuilder();
    PyCsv.writeRow(b, List.of(""));
    PyCsv.writeRow(b, List.of("", ""));
    PyCsv.writeRow(b, List.of("a\rb", "c\nd", "e,f", "g\"h", " i ", "\u2028\u0085\u001c"));
    assertEquals(
        "\"\"\n,\na\rb,\"c\nd\",\"e,f\",\"g\"\"h\", i ,\u2028\u0085\u001c\n", b.toString());
  }

  @Test
  void stripAndSplitUsePythonsWhitespace() {
    // "\x1c a\xa0b\u2028c\x85 \u3000".strip() and .split(); "\u200b" is not whitespace
    String s = "\u001c a\u00a0b\u2028c\u0085 \u3000";
    assertEquals("a\u00a0b\u2028c", PyText.strip(s));
    assertEquals(List.of("a", "b", "c"), PyText.split(s));
    assertEquals(List.of("\u200bx"), PyText.split(" \u200bx "));
  }

  @Test
  void formatFillsFieldsAndUnescapesBraces() {
    // "{{{0}}} {P} {Q} {H} {1}}}".format("a", "b", P="p", Q="q", H="h")
    assertEquals(
        "{a} p q h b}",
        PyText.format("{{{0}}} {P} {Q} {H} {1}}}", List.of("a", "b"), "p", "q", "h"));
  }

  @Test
  void slugLowercasesAsPython() {
    // re.sub(r"[^a-z0-9]+", "-", h.lower()).strip("-")[:60]
    assertEquals(
        "playstati-on-hackers-app-le",
        ChunkGenerator.slug(" PlayStat\u0130on: Hac\u212aers App\ud83d\ude00le!"));
    assertEquals("a".repeat(60), ChunkGenerator.slug("A".repeat(70)));
  }
}
