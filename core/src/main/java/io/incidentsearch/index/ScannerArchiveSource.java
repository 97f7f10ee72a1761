package io.incidentsearch.index;

import io.incidentsearch.formats.ArchiveScanner;
import io.incidentsearch.formats.Discovery;
import io.incidentsearch.formats.ParsedFile;
import io.incidentsearch.formats.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The archive source of the library: the {@link ArchiveScanner}'s discovery and readers, so a
 * build finds and reads files exactly as {@code index-tool parse} does.
 */
public final class ScannerArchiveSource implements ArchiveSource {
  private final ArchiveScanner scanner;

  /** A source with the scanner's default limits. */
  public ScannerArchiveSource() {
    this(new ArchiveScanner());
  }

  /** A source over {@code scanner} (e.g. with other size limits). */
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
    return new Parsed(p.path(), p.contentHash(), p.records(), p.problems());
  }
}
