package io.incidentsearch.tool.bench;

/** A benchmark that cannot run, with a message for the user saying why and what to do. */
public final class BenchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure explained by {@code message}. */
  public BenchException(String message) {
    super(message);
  }

  /** A failure explained by {@code message}, caused by {@code cause}. */
  public BenchException(String message, Throwable cause) {
    super(message, cause);
  }
}
