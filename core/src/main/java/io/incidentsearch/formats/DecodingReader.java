package io.incidentsearch.formats;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Reader} that decodes UTF-8 from a byte stream the way every archive reader expects its
 * text: leading byte order marks are dropped, CRLF and lone CR become {@code \n}, and each invalid
 * byte sequence becomes U+FFFD instead of failing the read. It counts the invalid sequences and
 * remembers the line of the first, so the caller can warn the user ({@link #problem(Path)}).
 * Everything else (NBSP, emoji, zero-width joiners, ...) passes through as it is.
 *
 * <p>The input is read in small blocks, so arbitrarily large exports can be streamed. Not
 * thread-safe (like any {@code Reader}).
 */
final class DecodingReader extends Reader {
  private static final char REPLACEMENT = '\uFFFD';
  private static final char BOM = '\uFEFF';

  private final InputStream in;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(16 * 1024).flip();
  private final CharBuffer decoded = CharBuffer.allocate(16 * 1024);
  private final char[] out = new char[16 * 1024 + 16];
  private int outPos;
  private int outLimit;

  private boolean inputEnded;
  private boolean flushed;
  private boolean atStart = true;
  private boolean lastWasCr;
  private int newlines;
  private int badSequences;
  private int firstBadLine;

  /**
   * A reader over {@code in}; closing this reader closes {@code in}.
   *
   * @param in UTF-8 bytes, possibly with a BOM, possibly invalid in places
   */
  public DecodingReader(InputStream in) {
    this.in = Objects.requireNonNull(in, "in");
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, cbuf.length);
    if (len == 0) {
      return 0;
    }
    while (outPos == outLimit) {
      if (flushed) {
        return -1;
      }
      fill();
    }
    int n = Math.min(len, outLimit - outPos);
    System.arraycopy(out, outPos, cbuf, off, n);
    outPos += n;
    return n;
  }

  /** Decodes the next block into {@link #out}; sets {@link #flushed} once everything is out. */
  private void fill() throws IOException {
    outPos = 0;
    outLimit = 0;
    while (outLimit == 0 && !flushed) {
      if (!bytes.hasRemaining() && !inputEnded) {
        readBytes();
      }
      CoderResult result = decoder.decode(bytes, decoded, inputEnded);
      if (result.isUnderflow() && inputEnded && !bytes.hasRemaining()) {
        decoder.flush(decoded);
        drainDecoded();
        flushed = true;
        return;
      }
      drainDecoded();
      if (result.isError()) {
        // Skip the bad bytes and stand in U+FFFD: one replacement per invalid sequence.
        bytes.position(bytes.position() + result.length());
        badSequences++;
        if (firstBadLine == 0) {
          firstBadLine = newlines + 1;
        }
        emit(REPLACEMENT);
      } else if (result.isUnderflow() && !inputEnded) {
        readBytes();
      } else if (result.isUnderflow() && bytes.hasRemaining()) {
        // Cannot happen with endOfInput = true (a truncated sequence is reported as
        // malformed), but never loop on it: count the leftover bytes as one bad sequence.
        bytes.position(bytes.limit());
        badSequences++;
        if (firstBadLine == 0) {
          firstBadLine = newlines + 1;
        }
        emit(REPLACEMENT);
      }
    }
  }

  /** Moves more bytes from the stream into {@link #bytes}, keeping any unconsumed ones. */
  private void readBytes() throws IOException {
    bytes.compact();
    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (n < 0) {
      inputEnded = true;
    } else {
      bytes.position(bytes.position() + n);
    }
    bytes.flip();
  }

  /** Copies decoded chars to the output, normalising line ends and dropping a leading BOM. */
  private void drainDecoded() {
    decoded.flip();
    while (decoded.hasRemaining()) {
      emit(decoded.get());
    }
    decoded.clear();
  }

  private void emit(char c) {
    if (atStart) {
      if (c == BOM) {
        return; // every leading one: a file saved twice with a BOM has two (found by fuzzing)
      }
      atStart = false;
    }
    if (c == '\n' && lastWasCr) {
      lastWasCr = false;
      return;
    }
    lastWasCr = c == '\r';
    if (c == '\r') {
      c = '\n';
    }
    if (c == '\n') {
      newlines++;
    }
    out[outLimit++] = c;
  }

  /** How many invalid UTF-8 sequences were replaced by U+FFFD so far. */
  public int badSequences() {
    return badSequences;
  }

  /** The 1-based line of the first invalid sequence, or 0 when there was none so far. */
  public int firstBadLine() {
    return firstBadLine;
  }

  /**
   * A warning about the invalid UTF-8 read so far, naming the first bad line; empty when the text
   * was valid. Call it after reading everything.
   *
   * @param file the file the bytes came from
   */
  public Optional<Problem> problem(Path file) {
    return invalidUtf8Problem(file, badSequences, firstBadLine);
  }

  static Optional<Problem> invalidUtf8Problem(Path file, int bad, int line) {
    if (bad == 0) {
      return Optional.empty();
    }
    return Optional.of(
        Problem.warning(
            file,
            line,
            "invalid UTF-8: "
                + bad
                + (bad == 1 ? " byte sequence" : " byte sequences")
                + " replaced with U+FFFD (first on line "
                + line
                + "); the file is probably in another encoding: re-save it as UTF-8"));
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
