package io.incidentsearch.formats;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Text decoded by {@link TextDecoder}: ready for a page reader (no BOM, {@code \n} line ends), plus
 * what went wrong while decoding.
 *
 * @param text the decoded text; invalid UTF-8 sequences stand as U+FFFD
 * @param badSequences how many invalid UTF-8 sequences were replaced
 * @param firstBadLine the 1-based line of the first invalid sequence, 0 when there was none
 */
record DecodedText(String text, int badSequences, int firstBadLine) {

  public DecodedText {
    Objects.requireNonNull(text, "text");
  }

  /** Whether every byte was valid UTF-8. */
  public boolean isClean() {
    return badSequences == 0;
  }

  /**
   * A warning naming the first bad line and the number of replaced sequences, or empty when the
   * bytes were valid UTF-8.
   *
   * @param file the file the bytes came from
   */
  public Optional<Problem> problem(Path file) {
    return DecodingReader.invalidUtf8Problem(file, badSequences, firstBadLine);
  }
}
