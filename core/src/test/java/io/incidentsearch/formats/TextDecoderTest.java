package io.incidentsearch.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TextDecoderTest {
  private static final Path FILE = Path.of("archive/page.txt");

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void stripsBomAndNormalisesLineEnds() {
    byte[] bytes =
        concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("a\r\nb\rc\n\nd"));
    DecodedText decoded = TextDecoder.decode(bytes);
    assertEquals("a\nb\nc\n\nd", decoded.text());
    assertTrue(decoded.isClean());
    assertTrue(decoded.problem(FILE).isEmpty());
  }

  @Test
  void bomOnlyAtTheStartIsDropped() {
    // A U+FEFF inside the text is a zero-width no-break space: content, kept.
    assertEquals("x\uFEFFy", TextDecoder.decode(utf8("\uFEFFx\uFEFFy")).text());
  }

  @Test
  void everyLeadingBomIsDropped() {
    // A file saved twice by a tool that adds a BOM (found by fuzzing): the page must still start
    // with its first line, or no reader recognises it.
    assertEquals("Incident: x", TextDecoder.decode(utf8("\uFEFF\uFEFFIncident: x")).text());
  }

  @Test
  void keepsNbspEmojiAndZeroWidthJoiners() {
    String text = "Twitter\u00a0outage \uD83D\uDC68\u200D\uD83D\uDCBB fixed\u200B";
    assertEquals(text, TextDecoder.decode(utf8(text)).text());
  }

  @Test
  void invalidUtf8IsReplacedAndReportedWithItsFirstLine() {
    // Windows-1252 curly quotes in line 3 and a stray continuation byte in line 5.
    byte[] bytes =
        concat(
            utf8("Title\r\n\r\nHe said "),
            new byte[] {(byte) 0x93},
            utf8("hello"),
            new byte[] {(byte) 0x94},
            utf8("\r\nok\r\nend "),
            new byte[] {(byte) 0x80});
    DecodedText decoded = TextDecoder.decode(bytes);
    assertEquals("Title\n\nHe said \uFFFDhello\uFFFD\nok\nend \uFFFD", decoded.text());
    assertEquals(3, decoded.badSequences());
    assertEquals(3, decoded.firstBadLine());
    Problem p = decoded.problem(FILE).orElseThrow();
    assertEquals(Problem.Severity.WARNING, p.severity());
    assertEquals(3, p.line());
    assertTrue(p.message().contains("3 byte sequences"), p.message());
    assertTrue(p.message().contains("line 3"), p.message());
  }

  @Test
  void truncatedSequenceAtTheEndIsReplaced() {
    byte[] bytes = concat(utf8("caf"), new byte[] {(byte) 0xC3});
    DecodedText decoded = TextDecoder.decode(bytes);
    assertEquals("caf\uFFFD", decoded.text());
    assertEquals(1, decoded.badSequences());
  }

  @Test
  void noFinalNewlineAndEmptyInputAreFine() {
    assertEquals("last line", TextDecoder.decode(utf8("last line")).text());
    assertEquals("", TextDecoder.decode(new byte[0]).text());
  }

  /** Delivers one byte per read, so every multi-byte sequence and CRLF spans reads. */
  private static final class Trickle extends InputStream {
    private final byte[] bytes;
    private int pos;

    Trickle(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read() {
      return pos < bytes.length ? bytes[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= bytes.length) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      b[off] = bytes[pos++];
      return 1;
    }
  }

  private static String readAll(Reader reader) throws IOException {
    StringBuilder sb = new StringBuilder();
    char[] buf = new char[7];
    int n;
    while ((n = reader.read(buf, 0, buf.length)) >= 0) {
      sb.append(buf, 0, n);
    }
    return sb.toString();
  }

  @Test
  void streamingReaderMatchesWholeDecodingAcrossReadBoundaries() throws IOException {
    byte[] bytes =
        concat(
            new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
            utf8("Incident ID,Title\r\n1,\"Caf\u00e9 \uD83D\uDE00\r\nline\"\r\n2,x"),
            new byte[] {(byte) 0xFF},
            utf8("\r"));
    String whole = TextDecoder.decode(bytes).text();
    assertEquals("Incident ID,Title\n1,\"Caf\u00e9 \uD83D\uDE00\nline\"\n2,x\uFFFD\n", whole);
    try (DecodingReader reader = TextDecoder.reader(new Trickle(bytes))) {
      assertEquals(whole, readAll(reader));
      assertEquals(1, reader.badSequences());
      assertEquals(4, reader.firstBadLine());
      assertEquals(4, reader.problem(FILE).orElseThrow().line());
    }
  }

  @Test
  void streamsLargeInputInBlocks() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      sb.append("row ").append(i).append(",\u00e9\u20ac\r\n");
    }
    byte[] bytes = utf8(sb.toString());
    try (DecodingReader reader = TextDecoder.reader(new ByteArrayInputStream(bytes))) {
      String text = readAll(reader);
      assertEquals(sb.toString().replace("\r\n", "\n"), text);
      assertFalse(reader.problem(FILE).isPresent());
    }
  }
}
