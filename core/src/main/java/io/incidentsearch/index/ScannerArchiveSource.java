package io.incidentsearch.index;

import io.incidentsearch.formats.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The archive source of the library: the archive scanner's discovery and readers. Placeholder
 * until {@code io.incidentsearch.formats.ArchiveScanner} is merged; then it delegates to it.
 */
public final class ScannerArchiveSource implements ArchiveSource {
  /** A source with the scanner's default limits. */
  public ScannerArchiveSource() {}

  @Override
  public List<Path> discover(Path root, Consumer<Problem> problems) {
    throw new UnsupportedOperationException("the archive scanner is not merged yet");
  }

  @Override
  public Parsed parse(Path file) {
    throw new UnsupportedOperationException("the archive scanner is not merged yet");
  }
}
