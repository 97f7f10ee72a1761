package io.incidentsearch;

import io.incidentsearch.build.IndexBuilder;
import io.incidentsearch.build.IndexFiles;
import io.incidentsearch.build.ScannerArchiveSource;
import io.incidentsearch.engine.Completer;
import io.incidentsearch.engine.IncidentSearcher;
import io.incidentsearch.engine.OpenIndexes;
import io.incidentsearch.index.ArchiveSource;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.index.BuildReport;
import io.incidentsearch.index.IndexCheck;
import io.incidentsearch.index.IndexDamagedException;
import io.incidentsearch.index.IndexLockedException;
import io.incidentsearch.index.IndexMissingException;
import io.incidentsearch.index.IndexStats;
import io.incidentsearch.index.IndexVersionException;
import io.incidentsearch.index.Manifest;
import io.incidentsearch.model.Record;
import io.incidentsearch.schema.IndexQueries;
import io.incidentsearch.schema.Schema;
import io.incidentsearch.search.Completion;
import io.incidentsearch.search.FacetCounts;
import io.incidentsearch.search.QuerySyntaxException;
import io.incidentsearch.search.ScoreExplanation;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import io.incidentsearch.search.SimilarIncident;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * An incident-search index on disk: build it from archives, search it with facets, find similar
 * incidents, get records, and read its statistics and manifest.
 *
 * <p>Thread-safe. Any number of threads may read while one builds: readers use a {@link
 * SearcherManager} over the last commit, refreshed after every build of this instance, and never
 * take the write lock. Searches also pick up commits made by other processes (checked at most every
 * {@value #REFRESH_INTERVAL_MS} ms), so nobody has to reopen by hand. A build holds Lucene's write
 * lock only while it runs, so a second build of the same directory (here or in another process)
 * fails with {@link IndexLockedException}; builds through one instance wait for each other.
 */
public final class IncidentIndex implements AutoCloseable {
  private final Path location;
  private final Directory directory;
  private final SearcherManager searchers;
  private final ArchiveSource source;
  private final ReentrantLock buildLock = new ReentrantLock();
  private final IncidentSearcher searcher;
  private final Completer completer;
  private volatile long lastRefreshCheck;

  /** How often, at most, a search checks for commits made by other processes. */
  static final long REFRESH_INTERVAL_MS = 500;

  private IncidentIndex(Path location, Directory directory, ArchiveSource source)
      throws IOException {
    this.location = location;
    this.directory = directory;
    this.source = source;
    this.searchers = new SearcherManager(directory, null);
    this.searcher = new IncidentSearcher(searchers);
    this.completer = new Completer(searchers);
    OpenIndexes.register(this, new OpenIndexes.Engine(searchers, searcher));
  }

  /**
   * Opens an existing index.
   *
   * @param dir the index folder (a relative path is resolved against the working directory)
   * @return the open index, to be closed when done
   * @throws IndexMissingException when {@code dir} holds no index
   * @throws IndexVersionException when it was built with another schema version
   * @throws IndexDamagedException when its files are truncated or missing (a byte changed in the
   *     middle of a file is found by {@link #check}, which reads every byte)
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
   * @param dir the index folder, created with its parents when missing
   * @return the open index (without records when just created), to be closed when done
   * @throws IndexVersionException when an index is there but was built with another schema version
   * @throws IndexLockedException when an index must be created while a build holds the lock
   * @throws IndexDamagedException when the index there has truncated or missing files
   * @throws IOException when the folder cannot be created or read
   */
  public static IncidentIndex openOrCreate(Path dir) throws IOException {
    return openOrCreate(dir, new ScannerArchiveSource());
  }

  /**
   * Like {@link #openOrCreate(Path)}, with another way of finding and parsing input files.
   *
   * @param dir the index folder, created with its parents when missing
   * @param source finds and parses the input files of this instance's {@link #build(List,
   *     BuildOptions)} (thread-safe; the other factory methods use the library's archive scanner)
   * @return the open index (without records when just created), to be closed when done
   * @throws IOException as {@link #openOrCreate(Path)} throws it
   */
  public static IncidentIndex openOrCreate(Path dir, ArchiveSource source) throws IOException {
    Path location = dir.toAbsolutePath().normalize();
    Files.createDirectories(location);
    Directory directory = FSDirectory.open(location);
    try {
      if (!DirectoryReader.indexExists(directory)) {
        IndexFiles.createEmpty(directory, location);
      }
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
    return openChecked(location, directory, source);
  }

  /**
   * Builds the index in {@code dir} without opening it for reading first: the way to rebuild
   * ({@code options.full(true)}) an index of another schema version, which {@link #open} refuses,
   * or a damaged one. Creates {@code dir} when needed.
   *
   * @param dir the index folder, created with its parents when missing
   * @param archives the archive folders and files to index, each of which must exist; they are the
   *     whole input, so records of files indexed before and no longer found under them are deleted
   * @param options full or incremental, parsing threads, progress listener
   * @return what the build changed, and the problems of the files it parsed
   * @throws IndexLockedException when another build holds the index's write lock
   * @throws IndexVersionException when an incremental build finds an index of another schema
   *     version
   * @throws java.nio.file.NoSuchFileException when an archive does not exist (nothing is changed)
   * @throws IndexDamagedException when an incremental build finds the index damaged (a full build
   *     then clears the damaged files, under the write lock, and builds anew)
   */
  public static BuildReport build(Path dir, List<Path> archives, BuildOptions options)
      throws IOException {
    Path location = dir.toAbsolutePath().normalize();
    Files.createDirectories(location);
    return IndexFiles.build(location, archives, options);
  }

  /**
   * Verifies the index in {@code dir} without opening it for search: Lucene's {@link CheckIndex} at
   * checksum level (every byte of every file is checksummed, then each segment is read through) and
   * the schema version of the last commit. Never changes the index.
   *
   * @param dir the index folder
   * @return what is wrong, if anything: {@link IndexCheck#healthy()} says whether the index is
   *     usable
   * @throws IndexMissingException when {@code dir} holds no index
   * @throws IndexLockedException when a build is writing it (checking needs a still index)
   * @throws IOException when the folder cannot be read
   */
  public static IndexCheck check(Path dir) throws IOException {
    return IndexFiles.check(dir.toAbsolutePath().normalize());
  }

  private static IncidentIndex openChecked(Path location, Directory directory, ArchiveSource src)
      throws IOException {
    try {
      IndexQueries.checkVersion(directory, location);
      return new IncidentIndex(location, directory, src);
    } catch (CorruptIndexException | EOFException | NoSuchFileException | FileNotFoundException e) {
      // Lucene checks each file's structure and footer when it opens it (not every byte's
      // checksum: check() does that); a file truncated or gone shows here.
      directory.close();
      throw new IndexDamagedException(location, e);
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /**
   * Builds or updates this index from the files under {@code archives}, then makes the new commit
   * visible to readers. Builds through one instance run one at a time; searches go on meanwhile and
   * see the previous commit until this one is made. On any failure the index stays as its last
   * commit had it.
   *
   * @param archives the archive folders and files to index, each of which must exist; they are the
   *     whole input, so records of files indexed before and no longer found under them are deleted
   * @param options full or incremental, parsing threads, progress listener ({@link
   *     BuildOptions#defaults()} for an incremental build)
   * @return what the build changed, and the problems of the files it parsed
   * @throws IndexLockedException when another build (another instance or process) holds the lock
   * @throws IndexVersionException when an incremental build finds an index of another schema
   *     version
   * @throws java.nio.file.NoSuchFileException when an archive does not exist (nothing is changed)
   * @throws IOException when reading the inputs or writing the index fails
   */
  public BuildReport build(List<Path> archives, BuildOptions options) throws IOException {
    buildLock.lock();
    try {
      BuildReport report = new IndexBuilder(directory, location, source).build(archives, options);
      searchers.maybeRefreshBlocking();
      return report;
    } finally {
      buildLock.unlock();
    }
  }

  /**
   * Runs a search: hits, snippets and, if asked, facet counts with drill-sideways semantics.
   *
   * @param request the query, filters, page and options ({@link SearchRequest#of(String)} for the
   *     defaults)
   * @return one page of hits, the total, and the facet counts when the request asks for them
   * @throws QuerySyntaxException when the query is over a limit, or, with {@link
   *     SearchRequest#strictSyntax()}, does not parse (otherwise it is searched as its words); its
   *     message says where
   * @throws io.incidentsearch.search.QueryTimeoutException when the search takes longer than {@link
   *     SearchRequest#timeout()}
   * @throws IllegalArgumentException when a filter names an unknown dimension (see {@link
   *     #facetDimensions()}) or the cursor ({@link SearchRequest#after()}) is not one of this query
   *     and sort
   * @throws java.io.UncheckedIOException when the index cannot be read during the search
   * @throws IOException when checking for a newer commit fails
   */
  public SearchResult search(SearchRequest request) throws IOException {
    refreshIfStale();
    return searcher.search(request);
  }

  /**
   * Facet counts for every dimension under the request's query and filters, without hits.
   *
   * @param request the query and filters; its page, cursor, snippet and facet settings are ignored
   * @return the counts of every dimension, drill-sideways
   * @throws QuerySyntaxException as {@link #search} throws it
   * @throws io.incidentsearch.search.QueryTimeoutException when counting takes longer than {@link
   *     SearchRequest#timeout()}
   * @throws IllegalArgumentException when a filter names an unknown dimension
   * @throws java.io.UncheckedIOException when the index cannot be read during the count
   * @throws IOException when checking for a newer commit fails
   */
  public FacetCounts facets(SearchRequest request) throws IOException {
    refreshIfStale();
    return searcher.facets(request);
  }

  /**
   * The incidents most like the record with key {@code key}, excluding itself, each with the shared
   * taxonomy options and distinctive terms that make it similar.
   *
   * @param key a record key ({@code incident:2750}, {@code article:96761}) or a bare id, which
   *     means the incident of that id, else the article
   * @param limit the most incidents returned; 0 or less gives none
   * @return the incidents, most alike first
   * @throws java.util.NoSuchElementException when no record has that key
   * @throws java.io.UncheckedIOException when the index cannot be read
   * @throws IOException when checking for a newer commit fails
   */
  public List<SimilarIncident> similar(String key, int limit) throws IOException {
    refreshIfStale();
    return searcher.similar(key, limit);
  }

  /**
   * Which fields and terms made the score of record {@code key} for {@code query}.
   *
   * @param query a query string as {@link SearchRequest#query()} takes it
   * @param key a record key ({@code incident:2750}) or a bare id, as for {@link #similar}
   * @return every matched (field, term) clause and its part of the score, largest first, and
   *     Lucene's full explanation
   * @throws QuerySyntaxException when the query is over a limit
   * @throws java.util.NoSuchElementException when no record has that key
   * @throws java.io.UncheckedIOException when the index cannot be read
   * @throws IOException when checking for a newer commit fails
   */
  public ScoreExplanation explain(String query, String key) throws IOException {
    refreshIfStale();
    return searcher.explain(query, key);
  }

  /**
   * Autocomplete for a search box: up to {@code limit} record titles and taxonomy options starting
   * with {@code prefix} (or with a word starting with it), case and accents ignored. Built from the
   * index once per commit and rebuilt after builds and refreshes.
   *
   * @param prefix what the user has typed so far; null or blank gives no completions
   * @param limit the most completions returned; 0 or less gives none
   * @return the completions: those starting with the prefix first, then those with a later word
   *     starting with it; options before incident titles before article headlines
   * @throws java.io.UncheckedIOException when the index cannot be read
   * @throws IOException when checking for a newer commit fails
   */
  public List<Completion> complete(String prefix, int limit) throws IOException {
    refreshIfStale();
    return completer.complete(prefix, limit);
  }

  /**
   * The record with key {@code type:id} (e.g. {@code incident:2750}), if indexed.
   *
   * @param key the record's key exactly as {@link Record#key()} gives it (no bare id, case as
   *     indexed); not null
   * @return the record as it was indexed, or empty when no record has that key
   * @throws IOException when the index cannot be read (a {@link
   *     org.apache.lucene.index.CorruptIndexException} when its files are damaged)
   */
  public Optional<Record> get(String key) throws IOException {
    Objects.requireNonNull(key, "key");
    return read(s -> IndexQueries.get(s, key));
  }

  /**
   * Statistics of the indexed records.
   *
   * @return record counts by type, facet counts, date range, cited articles missing from the index
   *     and options outside the taxonomy's vocabulary
   * @throws IOException when the index cannot be read (a {@link
   *     org.apache.lucene.index.CorruptIndexException} when its files are damaged)
   */
  public IndexStats stats() throws IOException {
    return read(IndexQueries::stats);
  }

  /** Reading done with a searcher of the last commit. */
  private interface Read<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  /**
   * Runs {@code read} with a searcher of the last commit; a failure that the index's checksums
   * explain becomes Lucene's {@link CorruptIndexException}, naming the damaged file.
   */
  private <T> T read(Read<T> read) throws IOException {
    refreshIfStale();
    IndexSearcher s = searchers.acquire();
    try {
      return read.apply(s);
    } catch (IOException e) {
      throw IndexQueries.diagnose(s.getIndexReader(), e);
    } catch (RuntimeException | AssertionError e) {
      CorruptIndexException damage = IndexQueries.damageBehind(s.getIndexReader(), e);
      if (damage == null) {
        throw e;
      }
      throw damage;
    } finally {
      searchers.release(s);
    }
  }

  /**
   * The manifest of the commit readers currently see.
   *
   * @return what the index was built from, or null when the commit carries no manifest
   * @throws IOException when the index cannot be read
   */
  public Manifest manifest() throws IOException {
    refreshIfStale();
    IndexSearcher s = searchers.acquire();
    try {
      return IndexQueries.manifest((DirectoryReader) s.getIndexReader());
    } finally {
      searchers.release(s);
    }
  }

  /**
   * Makes commits written by other processes visible to readers now, rather than at the next check
   * (at most {@value #REFRESH_INTERVAL_MS} ms later).
   *
   * @throws IOException when the new commit cannot be opened
   */
  public void refresh() throws IOException {
    searchers.maybeRefreshBlocking();
  }

  // Cheap enough per request (a time check), and bounded to one directory listing per interval.
  private void refreshIfStale() throws IOException {
    long now = System.currentTimeMillis();
    if (now - lastRefreshCheck >= REFRESH_INTERVAL_MS) {
      lastRefreshCheck = now;
      searchers.maybeRefresh();
    }
  }

  /**
   * The facet dimensions, in the order {@link FacetCounts} and {@link IndexStats} list them: the
   * names {@link SearchRequest#filters()} takes.
   *
   * @return the dimension names, unmodifiable
   */
  public static List<String> facetDimensions() {
    return List.copyOf(Schema.facetDimensions());
  }

  /**
   * The schema version this library writes, and the only one it opens (see {@link
   * IndexVersionException}).
   *
   * @return the version recorded in every manifest it writes
   */
  public static int schemaVersion() {
    return Schema.VERSION;
  }

  /**
   * The index folder.
   *
   * @return the folder, absolute and normalised
   */
  public Path location() {
    return location;
  }

  /** Closes the readers and the directory. Builds in progress must have finished. */
  @Override
  public void close() throws IOException {
    OpenIndexes.unregister(this);
    try {
      searchers.close();
    } finally {
      directory.close();
    }
  }
}
