package io.incidentsearch.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as the archive scanner and the build use it: a file's identity is the lower-case hex
 * digest of its bytes. One place, so that a hash the scanner reports is the hash a build compares.
 */
public final class Sha256 {
  private Sha256() {}

  /**
   * A fresh digest.
   *
   * @return a new SHA-256 digest
   */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * The lower-case hex form of a finished digest.
   *
   * @param digest a SHA-256 digest fed all the bytes; it is reset by this call
   * @return 64 lower-case hex digits
   */
  public static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * The SHA-256 of {@code bytes}, lower-case hex.
   *
   * @param bytes the content
   * @return 64 lower-case hex digits
   */
  public static String of(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  /**
   * The SHA-256 of a file's bytes, lower-case hex, read in 64 KiB blocks.
   *
   * @param file the file
   * @return 64 lower-case hex digits
   * @throws IOException when the file cannot be read
   */
  public static String ofFile(Path file) throws IOException {
    MessageDigest md = digest();
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return hex(md);
  }
}
