package io.incidentsearch.build;

import io.incidentsearch.common.Sha256;
import io.incidentsearch.index.BuildReport;
import io.incidentsearch.index.Manifest;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.schema.ManifestData;
import io.incidentsearch.schema.Schema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;

/**
 * Stage 6 of a build: the {@link Manifest} and the one commit that makes everything the build wrote
 * visible at once, with the manifest as the commit's user data. When nothing changed the last
 * commit stands, with its time. Then the report.
 */
final class BuildCommit {
  private static final System.Logger LOG = System.getLogger(IndexBuilder.class.getName());

  private BuildCommit() {}

  /** What a build changed, for its report. */
  record Changes(
      int added,
      int updated,
      int deleted,
      int relinked,
      int filesParsed,
      int filesUnchanged,
      int filesGone) {}

  static BuildReport commit(
      IndexWriter writer,
      Path location,
      IndexBefore before,
      FileTable files,
      Changes changes,
      BuildProblems problems,
      long startNanos)
      throws IOException {
    Map<String, Long> counts = countRecords(writer);
    Manifest manifest =
        new Manifest(
            Schema.VERSION,
            org.apache.lucene.util.Version.LATEST.toString(),
            inputDigest(files),
            files.size(),
            counts,
            Instant.now().toString());
    Manifest previous = ManifestData.fromUserData(before.commitData());
    if (writer.hasUncommittedChanges() || !manifest.sameContent(previous)) {
      writer.setLiveCommitData(ManifestData.toUserData(manifest).entrySet());
      writer.commit();
    } else {
      manifest = previous;
    }
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    int unchangedRecords = (int) (total - changes.added() - changes.updated());
    long tookMs = (System.nanoTime() - startNanos) / 1_000_000;
    LOG.log(
        System.Logger.Level.DEBUG,
        "built {0}: +{1} ~{2} -{3} in {4} ms",
        location,
        changes.added(),
        changes.updated(),
        changes.deleted(),
        tookMs);
    return new BuildReport(
        changes.added(),
        changes.updated(),
        changes.deleted(),
        unchangedRecords,
        changes.relinked(),
        files.size(),
        changes.filesParsed(),
        changes.filesUnchanged(),
        changes.filesGone(),
        problems.all(),
        manifest,
        tookMs);
  }

  private static Map<String, Long> countRecords(IndexWriter writer) throws IOException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (DirectoryReader after = DirectoryReader.open(writer)) {
      IndexSearcher s = new IndexSearcher(after);
      for (RecordType t : RecordType.values()) {
        counts.put(t.key(), (long) s.count(new TermQuery(new Term(Schema.TYPE, t.key()))));
      }
    }
    return counts;
  }

  /** The input digest of {@link Manifest} over "relative path, tab, hash" lines. */
  static String inputDigest(List<String> pathTabHashLines) {
    MessageDigest md = Sha256.digest();
    List<String> lines = new ArrayList<>();
    pathTabHashLines.forEach(l -> lines.add(l + "\n"));
    lines.sort(null);
    lines.forEach(l -> md.update(l.getBytes(StandardCharsets.UTF_8)));
    return Sha256.hex(md);
  }

  /**
   * {@link #inputDigest(List)} over the files of {@code files}. The table's path order is nearly
   * always the lines' order already, so the lines are streamed; when one is out of order (several
   * roots, or names beyond the Basic Multilingual Plane) they are sorted as usual.
   */
  static String inputDigest(FileTable files) {
    MessageDigest md = Sha256.digest();
    String previous = null;
    for (int f = 0; f < files.size(); f++) {
      String line = digestLine(files, f) + "\n";
      if (previous != null && previous.compareTo(line) > 0) {
        List<String> lines = new ArrayList<>(files.size());
        for (int g = 0; g < files.size(); g++) {
          lines.add(digestLine(files, g));
        }
        return inputDigest(lines);
      }
      md.update(line.getBytes(StandardCharsets.UTF_8));
      previous = line;
    }
    return Sha256.hex(md);
  }

  private static String digestLine(FileTable files, int f) {
    return files.relative(f) + "\t" + Objects.requireNonNullElse(files.hash(f), "-");
  }
}
