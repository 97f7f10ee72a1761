package io.incidentsearch.tool.generate;

/**
 * The generator cannot run as asked: its source text is missing or unreadable, or the output folder
 * cannot be made. The message says which, for the user.
 */
public final class GeneratorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure explained by {@code message}, caused by {@code cause}. */
  public GeneratorException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A failure explained by {@code message}. */
  public GeneratorException(String message) {
    super(message);
  }
}
