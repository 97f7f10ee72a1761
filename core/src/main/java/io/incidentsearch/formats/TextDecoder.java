package io.incidentsearch.formats;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Turns the bytes of an archive file into the text the readers expect: UTF-8 with an optional BOM
 * (dropped), CRLF and lone CR normalised to {@code \n}, invalid sequences replaced by U+FFFD and
 * counted (see {@link DecodedText#problem}). A missing final newline is fine; all other characters
 * (NBSP, emoji, zero-width joiners) are kept as they are.
 *
 * <p>{@link #decode(byte[])} is for pages, which are read whole; {@link #reader(InputStream)}
 * streams CSV and JSON Lines exports with exactly the same rules. Stateless and thread-safe.
 */
final class TextDecoder {
  private TextDecoder() {}

  /**
   * Decodes a whole file.
   *
   * @param bytes the raw bytes
   * @return the text and the decoding report
   */
  public static DecodedText decode(byte[] bytes) {
    try (DecodingReader reader = new DecodingReader(new ByteArrayInputStream(bytes))) {
      StringBuilder text = new StringBuilder(bytes.length);
      char[] buffer = new char[8192];
      int n;
      while ((n = reader.read(buffer, 0, buffer.length)) >= 0) {
        text.append(buffer, 0, n);
      }
      return new DecodedText(text.toString(), reader.badSequences(), reader.firstBadLine());
    } catch (IOException e) {
      // A byte array cannot fail to read.
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A streaming reader over {@code in} with the same rules as {@link #decode(byte[])}; ask it for
   * its {@link DecodingReader#problem report} once everything was read.
   *
   * @param in the raw bytes; closed when the reader is closed
   */
  public static DecodingReader reader(InputStream in) {
    return new DecodingReader(in);
  }
}
