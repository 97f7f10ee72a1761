package io.incidentsearch;

import io.incidentsearch.index.ArchiveSource;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.index.BuildReport;
import io.incidentsearch.index.IndexBuilder;
import io.incidentsearch.index.IndexCheck;
import io.incidentsearch.index.IndexQueries;
import io.incidentsearch.index.IndexStats;
import io.incidentsearch.index.Manifest;
import io.incidentsearch.index.ScannerArchiveSource;
import io.incidentsearch.model.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * An incident-search index on disk: build it from archives, get records, read its statistics
 * and manifest, and search it (through {@link #searcherManager()}).
 *
 * <p>Thread-safe. Any number of threads may read while one builds: readers use a {@link
 * SearcherManager} over the last commit, refreshed after every build of this instance, and
 * never take the write lock. A build holds Lucene's write lock only while it runs, so a second
 * build of the same directory (here or in another process) fails with {@link
 * IndexLockedException}; builds through one instance wait for each other.
 */
public final class IncidentIndex implements AutoCloseable {
  private final Path location;
  private final Directory directory;
  private final SearcherManager searchers;
  private final ArchiveSource source;
  private final ReentrantLock buildLock = new ReentrantLock();

  private IncidentIndex(Path location, Directory directory, ArchiveSource source)
      throws IOException {
    this.location = location;
    this.directory = directory;
    this.source = source;
    this.searchers = new SearcherManager(directory, null);
  }

  /**
   * Opens an existing index.
   *
   * @throws IndexMissingException when {@code dir} holds no index
   * @throws IndexVersionException when it was built with another schema version
   */
  public static IncidentIndex open(Path dir) throws IOException {
    Path location = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(location)) {
      throw new IndexMissingException(location, null);
    }
    return openChecked(location, FSDirectory.open(location), new ScannerArchiveSource());
  }

  /**
   * Opens the index in {@code dir}, creating the folder and an empty index when there is none.
   *
   * @throws IndexVersionException when an index is there but was built with another schema
   *     version
   * @throws IndexLockedException when an index must be created while a build holds the lock
   */
  public static IncidentIndex openOrCreate(Path dir) throws IOException {
    return openOrCreate(dir, new ScannerArchiveSource());
  }

  /**
   * Like {@link #openOrCreate(Path)}, with another way of finding and parsing input files.
   */
  public static IncidentIndex openOrCreate(Path dir, ArchiveSource source) throws IOException {
    Path location = dir.toAbsolutePath().normalize();
    Files.createDirectories(location);
    Directory directory = FSDirectory.open(location);
    try {
      if (!DirectoryReader.indexExists(directory)) {
        createEmpty(directory, location);
      }
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
    return openChecked(location, directory, source);
  }

  /**
   * Builds the index in {@code dir} without opening it for reading first: the way to rebuild
   * ({@code options.full(true)}) an index of another schema version, which {@link #open}
   * refuses. Creates {@code dir} when needed.
   */
  public static BuildReport build(Path dir, List<Path> archives, BuildOptions options)
      throws IOException {
    Path location = dir.toAbsolutePath().normalize();
    Files.createDirectories(location);
    try (Directory directory = FSDirectory.open(location)) {
      return new IndexBuilder(directory, location, new ScannerArchiveSource())
          .build(archives, options);
    }
  }

  /**
   * Verifies the index in {@code dir} without opening it for search: Lucene's {@link
   * CheckIndex} at checksum level (every byte of every file is checksummed, then each segment
   * is read through) and the schema version of the last commit. Never changes the index.
   *
   * @throws IndexMissingException when {@code dir} holds no index
   * @throws IndexLockedException when a build is writing it (checking needs a still index)
   */
  public static IndexCheck check(Path dir) throws IOException {
    Path location = dir.toAbsolutePath().normalize();
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
            "the index was written by a Lucene newer than " + org.apache.lucene.util.Version.LATEST);
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
              : status.userData.getOrDefault(
                  io.incidentsearch.schema.Schema.VERSION_KEY, "none");
      int expected = io.incidentsearch.schema.Schema.VERSION;
      if (!version.equals(Integer.toString(expected))) {
        problems.add(
            "the index has schema version " + version + ", this incident-search reads " + expected);
      }
      return new IndexCheck(location, status.numSegments, documents, version, expected, problems);
    }
  }

  private static IncidentIndex openChecked(Path location, Directory directory, ArchiveSource src)
      throws IOException {
    try {
      IndexQueries.checkVersion(directory, location);
      return new IncidentIndex(location, directory, src);
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /** Writes an empty commit carrying a manifest, so readers can open the index at once. */
  private static void createEmpty(Directory directory, Path location) throws IOException {
    IndexWriterConfig config =
        new IndexWriterConfig(io.incidentsearch.schema.Schema.get().analyzer())
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
            .setCommitOnClose(false);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      if (!DirectoryReader.indexExists(directory)) { // another process may have been quicker
        writer.setLiveCommitData(Manifest.empty().toUserData().entrySet());
        writer.commit();
      }
    } catch (LockObtainFailedException e) {
      throw new IndexLockedException(location, e);
    }
  }

  /**
   * Builds or updates this index from the files under {@code archives} (see {@link
   * IndexBuilder}), then makes the new commit visible to readers.
   */
  public BuildReport build(List<Path> archives, BuildOptions options) throws IOException {
    buildLock.lock();
    try {
      BuildReport report =
          new IndexBuilder(directory, location, source).build(archives, options);
      searchers.maybeRefreshBlocking();
      return report;
    } finally {
      buildLock.unlock();
    }
  }

  /** The record with key {@code type:id} (e.g. {@code incident:2750}), if indexed. */
  public Optional<Record> get(String key) throws IOException {
    Objects.requireNonNull(key, "key");
    IndexSearcher s = searchers.acquire();
    try {
      return IndexQueries.get(s, key);
    } finally {
      searchers.release(s);
    }
  }

  /** Statistics of the indexed records. */
  public IndexStats stats() throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      return IndexQueries.stats(s);
    } finally {
      searchers.release(s);
    }
  }

  /** The manifest of the commit readers currently see. */
  public Manifest manifest() throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      return IndexQueries.manifest((DirectoryReader) s.getIndexReader());
    } finally {
      searchers.release(s);
    }
  }

  /**
   * The searchers over the last commit: the search package builds on this. Acquire and release
   * a searcher per request; this instance refreshes it after its builds (see {@link
   * #refresh()} for commits made by other processes).
   */
  public SearcherManager searcherManager() {
    return searchers;
  }

  /** Makes commits written by other processes visible to readers. */
  public void refresh() throws IOException {
    searchers.maybeRefreshBlocking();
  }

  /** The index folder. */
  public Path location() {
    return location;
  }

  /** Closes the readers and the directory. Builds in progress must have finished. */
  @Override
  public void close() throws IOException {
    try {
      searchers.close();
    } finally {
      directory.close();
    }
  }
}
