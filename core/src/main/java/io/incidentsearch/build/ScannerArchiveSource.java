package io.incidentsearch.build;

import io.incidentsearch.formats.ArchiveScanner;
import io.incidentsearch.formats.Discovery;
import io.incidentsearch.formats.ParsedFile;
import io.incidentsearch.formats.Problem;
import io.incidentsearch.index.ArchiveSource;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** The archive source of the library: {@link ArchiveScanner}'s discovery and readers. */
public final class ScannerArchiveSource implements ArchiveSource {
  private final ArchiveScanner scanner;

  /** A source with the scanner's default limits. */
  public ScannerArchiveSource() {
    this(new ArchiveScanner());
  }

  /** A source over {@code scanner}. */
  public ScannerArchiveSource(ArchiveScanner scanner) {
    this.scanner = scanner;
  }

  @Override
  public List<Path> discover(Path root, Consumer<Problem> problems) {
    Discovery d = scanner.listFiles(List.of(root));
    d.problems().forEach(problems);
    return d.files();
  }

  @Override
  public Parsed parse(Path file) {
    ParsedFile p = scanner.parse(file);
    return new Parsed(file, p.contentHash(), p.records(), p.problems());
  }
}
