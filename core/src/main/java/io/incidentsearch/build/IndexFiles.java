package io.incidentsearch.build;

import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.index.BuildReport;
import io.incidentsearch.index.IndexCheck;
import io.incidentsearch.index.IndexDamagedException;
import io.incidentsearch.index.IndexLockedException;
import io.incidentsearch.index.IndexMissingException;
import io.incidentsearch.schema.ManifestData;
import io.incidentsearch.schema.Schema;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * The index folder as files, below the facade: a build that clears a damaged index before a full
 * rebuild, the checksum check, and the empty commit a new index starts with.
 */
public final class IndexFiles {
  private IndexFiles() {}

  /**
   * Builds into {@code location} (which exists); a full build of a damaged index clears its files
   * first, an incremental one fails with {@link IndexDamagedException}.
   */
  public static BuildReport build(Path location, List<Path> archives, BuildOptions options)
      throws IOException {
    try (Directory directory = FSDirectory.open(location)) {
      try {
        return new IndexBuilder(directory, location, new ScannerArchiveSource())
            .build(archives, options);
      } catch (IOException e) {
        if (!isDamage(e, location)) {
          throw e;
        }
        if (!options.full()) {
          throw new IndexDamagedException(location, e);
        }
        // Lucene's writer reads the last commit even to replace it, and a full build replaces
        // everything anyway: start from an empty folder.
        clearIndexFiles(directory, location);
        return new IndexBuilder(directory, location, new ScannerArchiveSource())
            .build(archives, options);
      }
    }
  }

  /** Whether {@code e} says the index files are damaged (not an input file or the disk). */
  private static boolean isDamage(IOException e, Path location) {
    if (e instanceof CorruptIndexException) {
      return true;
    }
    String where =
        e instanceof NoSuchFileException n ? n.getFile() : String.valueOf(e.getMessage());
    return (e instanceof NoSuchFileException
            || e instanceof FileNotFoundException
            || e instanceof EOFException)
        && where != null
        && where.contains(location.toString());
  }

  /** Deletes the index files (segments and commit points) of a damaged index. */
  private static void clearIndexFiles(Directory directory, Path location) throws IOException {
    try (org.apache.lucene.store.Lock lock = directory.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
      for (String name : directory.listAll()) {
        if (name.startsWith("segments")
            || name.startsWith("pending_segments")
            || name.startsWith("_")) {
          directory.deleteFile(name);
        }
      }
    } catch (LockObtainFailedException e) {
      throw new IndexLockedException(location, e);
    }
  }

  /** The check behind {@code IncidentIndex.check}, of the index in {@code location}. */
  public static IndexCheck check(Path location) throws IOException {
    if (!Files.isDirectory(location)) {
      throw new IndexMissingException(location, null);
    }
    try (Directory directory = FSDirectory.open(location)) {
      if (!DirectoryReader.indexExists(directory)) {
        throw new IndexMissingException(location, null);
      }
      CheckIndex.Status status;
      try (CheckIndex checker = new CheckIndex(directory)) {
        checker.setLevel(CheckIndex.Level.MIN_LEVEL_FOR_CHECKSUM_CHECKS);
        status = checker.checkIndex();
      } catch (LockObtainFailedException e) {
        throw new IndexLockedException(location, e);
      }
      List<String> problems = new ArrayList<>();
      if (status.missingSegments) {
        problems.add("the commit point (segments file) cannot be read");
      }
      if (status.toolOutOfDate) {
        problems.add(
            "the index was written by a Lucene newer than "
                + org.apache.lucene.util.Version.LATEST);
      }
      long documents = 0;
      for (CheckIndex.Status.SegmentInfoStatus seg : status.segmentInfos) {
        if (seg.error != null) {
          problems.add("segment " + seg.name + " is damaged: " + seg.error.getMessage());
        } else {
          documents += seg.maxDoc;
        }
      }
      if (!status.clean && problems.isEmpty()) {
        problems.add(status.numBadSegments + " segment(s) are damaged");
      }
      String version =
          status.userData == null
              ? "unknown"
              : status.userData.getOrDefault(Schema.VERSION_KEY, "none");
      int expected = Schema.VERSION;
      if (!version.equals(Integer.toString(expected))) {
        problems.add(
            "the index has schema version " + version + ", this incident-search reads " + expected);
      }
      return new IndexCheck(location, status.numSegments, documents, version, expected, problems);
    }
  }

  /** Writes an empty commit carrying a manifest, so readers can open the index at once. */
  public static void createEmpty(Directory directory, Path location) throws IOException {
    IndexWriterConfig config =
        new IndexWriterConfig(Schema.get().analyzer())
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
            .setCommitOnClose(false);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      if (!DirectoryReader.indexExists(directory)) { // another process may have been quicker
        writer.setLiveCommitData(ManifestData.toUserData(ManifestData.empty()).entrySet());
        writer.commit();
      }
    } catch (LockObtainFailedException e) {
      throw new IndexLockedException(location, e);
    }
  }
}
