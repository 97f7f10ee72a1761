package io.incidentsearch.build;

import io.incidentsearch.formats.ArchiveScanner;
import io.incidentsearch.formats.JsonLines;
import io.incidentsearch.formats.Problem;
import io.incidentsearch.index.ArchiveSource;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.index.BuildReport;
import io.incidentsearch.index.IndexLockedException;
import io.incidentsearch.index.Manifest;
import io.incidentsearch.model.Article;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.schema.IndexQueries;
import io.incidentsearch.schema.RecordDocuments;
import io.incidentsearch.schema.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Builds or updates an index from archive roots, with one {@link IndexWriter} and a bounded pool of
 * threads that hash and parse files and write documents.
 *
 * <h2>Design</h2>
 *
 * <p><b>Bookkeeping.</b> Besides the records, the index holds one file entry per input file ({@link
 * RecordDocuments#fileEntry}): its absolute path, the SHA-256 of its bytes and the keys of every
 * record it holds, duplicates included. A build hashes every input file and compares: files that
 * are new or whose hash differs are parsed; files whose entry has no file any more are gone; the
 * rest are not parsed at all. A full build ({@link BuildOptions#full}) opens the writer in {@code
 * CREATE} mode (the same as {@code deleteAll}, and it also replaces an index of another schema
 * version) and treats every file as new. A build into an empty index (a full build, or the first)
 * takes a leaner path: nothing to compare, relink or delete, so documents are added, not updated,
 * and files are hashed as they are parsed; tests check that it gives what an update of the same
 * inputs gives.
 *
 * <p><b>Which record wins.</b> A key ({@code type:id}) may be held by several files, e.g. a page
 * and a CSV row. The record kept is the one from the file whose absolute path sorts first, and
 * within a file the first occurrence, as in {@link ArchiveScanner#combine}. Only keys held by
 * changed or gone files (before or after) can change winner, so the build recomputes exactly those
 * from the parsed files plus the entries of unchanged files. When the new winner is an unchanged
 * file whose record is not the one indexed (the previous winner was deleted or lost its copy), that
 * file is parsed again to get the record back. So an incremental build gives the documents a full
 * build of the same inputs gives.
 *
 * <p><b>Problems.</b> A build reports the problems of the files it parses, each file's exactly as
 * {@code index-tool parse} (a scan) reports them: its own, then its duplicates that differ from the
 * record kept ({@link ArchiveScanner#duplicateProblem}), sharing the file's cap ({@link
 * ArchiveScanner#fileProblems}). Files it does not parse report nothing: their problems were
 * reported by the build that parsed them, so a no-op build reports none and a full build reports
 * what a scan does. As a duplicate warning is about the copy that loses, an incremental build also
 * parses again the unchanged files holding a losing copy of a key it touches, whose warnings may
 * change with the winner; the copies compared are read back from the spill, and a kept record the
 * build did not touch from the index.
 *
 * <p><b>Cross-record data.</b> An incident document carries the text of the articles it cites; an
 * article document carries the ids and taxonomy of the incidents citing it. When an incident is
 * added, changed or deleted, the articles it cited before (its stored {@code linked_id}s) and cites
 * now are rewritten; when an article is, the incidents citing it (a {@code linked_id} term query on
 * incidents, plus changed incidents that now cite it) are rewritten. Neighbours are rebuilt from
 * their stored JSON, not by parsing their files. One hop is enough: a neighbour's own data, which
 * is what its neighbours copy, did not change.
 *
 * <p><b>Atomicity.</b> Everything a build writes becomes visible in one {@code commit()} at the
 * end, with the {@link Manifest} as the commit's user data. Any failure before that rolls the
 * writer back, leaving the previous commit as it was. The writer (and so Lucene's write lock)
 * exists only during a build: a second concurrent build fails with {@link IndexLockedException};
 * readers never need the lock.
 *
 * <p><b>Memory.</b> A pool thread that parses a file parks its records at once in a {@link
 * RecordSpill} (a compressed temporary file in the index directory) and keeps only a small
 * reference per record: key, cited article ids, position. Records are read back when their
 * document, or a neighbour's, is written. The input files are a compact {@link FileTable} (folder,
 * name bytes and hash: about 50 bytes a file); a build into an empty index keeps its keys in a
 * compact {@link KeyTable} too, and an update streams the index's file entries, keeping only those
 * of changed and gone files, and keeps per-key maps only for the keys those files touch. So the
 * heap grows by about 150 bytes per file, not with the archive's text, so a million-incident
 * archive builds in a 1 GB heap (src/docs/PERFORMANCE.md); the disk needs room for about half the
 * archive's size again during a build.
 *
 * <p><b>Threads.</b> The pool hashes, parses and then writes documents ({@link
 * IndexWriter#updateDocument} is thread-safe; Lucene indexes each thread's documents in its own
 * in-memory segment). Doc ids therefore depend on the thread count and timing; nothing else does:
 * documents, statistics, manifest and every result are the same, because results never depend on
 * doc ids (ties are broken by key). Listener calls stay on the building thread, in key order.
 *
 * <p>Instances are not thread-safe; use one build at a time per builder.
 */
public final class IndexBuilder {
  private static final System.Logger LOG = System.getLogger(IndexBuilder.class.getName());

  /** Large enough to flush big segments; less in a small heap (see {@link #ramBufferMb}). */
  private static final double RAM_BUFFER_MB = 128;

  /**
   * The writer's buffer for a heap of {@code maxHeapBytes}: a sixteenth of it, between 32 and
   * {@value #RAM_BUFFER_MB} MB. In a small heap a full-size buffer leaves the collector too little
   * room beside the build's bookkeeping (full collections; src/docs/PERFORMANCE.md, "Build memory
   * and disk").
   */
  static double ramBufferMb(long maxHeapBytes) {
    return Math.max(32, Math.min(RAM_BUFFER_MB, maxHeapBytes / (16.0 * 1024 * 1024)));
  }

  private final Directory directory;
  private final Path location;
  private final ArchiveSource source;
  private final Schema schema = Schema.get();
  private final RecordDocuments documents = new RecordDocuments(schema);

  /**
   * A builder writing into {@code directory}.
   *
   * @param directory the index directory
   * @param location where the directory is, for messages
   * @param source finds and parses input files
   */
  public IndexBuilder(Directory directory, Path location, ArchiveSource source) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.location = Objects.requireNonNull(location, "location");
    this.source = Objects.requireNonNull(source, "source");
  }

  /**
   * Builds or updates the index from the files under {@code roots} and commits once.
   *
   * @param roots archive folders or single files; each must exist
   * @param options full or incremental, threads, listener
   * @return what changed
   * @throws io.incidentsearch.index.IndexVersionException when an incremental build finds an index
   *     of another schema version
   * @throws IndexLockedException when another build holds the write lock
   * @throws IOException when reading inputs or writing the index fails; the index is then as its
   *     last commit left it
   */
  public BuildReport build(List<Path> roots, BuildOptions options) throws IOException {
    long start = System.nanoTime();
    if (!options.full() && DirectoryReader.indexExists(directory)) {
      IndexQueries.checkVersion(directory, location);
    }
    IndexWriterConfig config =
        new IndexWriterConfig(schema.analyzer())
            .setOpenMode(
                options.full()
                    ? IndexWriterConfig.OpenMode.CREATE
                    : IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
            .setRAMBufferSizeMB(ramBufferMb(Runtime.getRuntime().maxMemory()))
            .setCommitOnClose(false);
    IndexWriter writer;
    try {
      writer = new IndexWriter(directory, config);
    } catch (LockObtainFailedException e) {
      throw new IndexLockedException(location, e);
    }
    ExecutorService pool = Executors.newFixedThreadPool(options.threads(), daemonThreads());
    RecordSpill spill = null;
    try {
      RecordSpill.deleteStale(directory); // a killed build's leftovers; we hold the lock now
      spill = new RecordSpill(directory);
      BuildReport report = new Run(writer, pool, spill, options, start).run(roots);
      spill.close();
      writer.close();
      return report;
    } catch (Throwable t) {
      stop(pool); // no pool thread may still write when the writer rolls back
      if (spill != null) {
        closeQuietly(spill, t);
      }
      rollback(writer, t);
      throw t;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void stop(ExecutorService pool) {
    pool.shutdownNow();
    try {
      pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(RecordSpill spill, Throwable failure) {
    try {
      spill.close();
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static void rollback(IndexWriter writer, Throwable failure) {
    try {
      writer.rollback();
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return r -> {
      Thread t = new Thread(r, "incident-search-build");
      t.setDaemon(true);
      return t;
    };
  }

  private static String sha256OrNull(Path file) {
    if (!Files.isRegularFile(file)) {
      return null; // a pipe or device would block or never end; the scanner says what it is
    }
    try {
      return sha256(file);
    } catch (IOException e) {
      return null;
    }
  }

  /** The SHA-256 of a file's bytes, lower-case hex. */
  public static String sha256(Path file) throws IOException {
    MessageDigest md = newSha256();
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** The input digest of {@link Manifest} over "relative path, tab, hash" lines. */
  static String inputDigest(List<String> pathTabHashLines) {
    MessageDigest md = newSha256();
    List<String> lines = new ArrayList<>();
    pathTabHashLines.forEach(l -> lines.add(l + "\n"));
    lines.sort(null);
    lines.forEach(l -> md.update(l.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * {@link #inputDigest(List)} over the files of {@code files}. The table's path order is nearly
   * always the lines' order already, so the lines are streamed; when one is out of order (several
   * roots, or names beyond the Basic Multilingual Plane) they are sorted as usual.
   */
  static String inputDigest(FileTable files) {
    MessageDigest md = newSha256();
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
      md.update(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      previous = line;
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static String digestLine(FileTable files, int f) {
    return files.relative(f) + "\t" + Objects.requireNonNullElse(files.hash(f), "-");
  }

  /** A file entry of the index before the build. */
  private record Entry(String hash, List<String> keys) {}

  /** A record as indexed before the build. */
  private record Stored(Record record, String file, String hash, List<String> linkedIds) {}

  /** The record a key resolves to after the build, and where it comes from. */
  private record Resolved(RecordSpill.Ref ref, Path file, RecordSpill spill) {
    /** Reads the record back from the spill, with its file as source. */
    Record record() {
      try {
        return spill.read(ref, file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** One build's state. */
  private final class Run {
    private final IndexWriter writer;
    private final ExecutorService pool;
    private final RecordSpill spill;
    private final BuildOptions options;
    private final long start;
    private final List<Problem> problems = new ArrayList<>();
    // A parsed file's own problems and its duplicate warnings, joined by finish(): they share the
    // file's cap, and the duplicates are known only once every file is parsed.
    private final Map<Path, List<Problem>> fileProblems = new HashMap<>();
    private final Map<Path, List<Problem>> duplicateProblems = new HashMap<>();
    private IndexSearcher before;
    // Read by the writing threads too.
    private final Map<String, Optional<Stored>> storedCache = new ConcurrentHashMap<>();

    Run(
        IndexWriter writer,
        ExecutorService pool,
        RecordSpill spill,
        BuildOptions options,
        long start) {
      this.writer = writer;
      this.pool = pool;
      this.spill = spill;
      this.options = options;
      this.start = start;
    }

    BuildReport run(List<Path> roots) throws IOException {
      try (DirectoryReader reader = DirectoryReader.open(writer)) {
        before = new IndexSearcher(reader);
        Map<String, String> previousData =
            reader.getIndexCommit() == null ? Map.of() : reader.getIndexCommit().getUserData();
        if (reader.maxDoc() == 0) {
          // A full build, or the first: nothing to compare with, so the lean path.
          return fromScratch(roots, previousData);
        }
        // 1. Inputs and their hashes. An unreadable file gets no hash: it is parsed, and the
        // parser reports why.
        FileTable files = discoverTable(roots);
        inOrder(files, IndexBuilder::sha256OrNull, files::setHash);
        // 2. The index as the last commit left it.
        return update(files, previousData);
      }
    }

    /**
     * Builds into an empty index. Every file is new and every record added, so no record needs
     * comparing or relinking and nothing needs deleting: the build keeps only a compact table of
     * files ({@link FileTable}) and of keys ({@link KeyTable}), about 150 bytes per file, where
     * {@link #update} keeps maps for the keys its changes touch, and adds documents instead of
     * updating them. The documents, problems, report and manifest are those {@link #update} gives
     * for the same inputs (tests compare the two). Files are hashed as they are parsed: hashing
     * first would read every file twice.
     */
    private BuildReport fromScratch(List<Path> roots, Map<String, String> previousData)
        throws IOException {
      FileTable files = discoverTable(roots);
      KeyTable keys = new KeyTable();
      // Duplicates are rare: the copies that lose their key, by file, in file order.
      Map<Integer, List<RecordSpill.Ref>> copies = new TreeMap<>();
      options.listener().filesToParse(files.size());
      inOrder(
          files,
          this::parseToSpill,
          (ord, parsed) -> {
            Path file = files.path(ord);
            files.setHash(ord, parsed.contentHash());
            ownProblems(file, parsed.problems());
            for (RecordSpill.Ref r : parsed.refs()) {
              if (!keys.hold(r, ord)) {
                copies.computeIfAbsent(ord, f -> new ArrayList<>()).add(r);
              }
            }
            options.listener().fileParsed(file, parsed.refs().size());
            if (parsed.contentHash() != null) { // an unreadable file gets no entry: tried again
              writer.addDocument(
                  documents.fileEntry(
                      file,
                      parsed.contentHash(),
                      new ArrayList<>(new LinkedHashSet<>(keysOf(parsed.refs())))));
            }
          });
      spill.seal(); // parsing is over: from here on records are read back
      for (Map.Entry<Integer, List<RecordSpill.Ref>> e : copies.entrySet()) {
        Path file = files.path(e.getKey());
        for (RecordSpill.Ref r : e.getValue()) {
          int k = keys.find(r.key());
          Path keptFile = files.path(keys.winner(k));
          Record kept = spill.read(keys.offset(k), keys.length(k), keptFile);
          reportCopy(kept, keptFile, spill.read(r, file), file);
        }
      }
      keys.freeze();

      // The held keys in key order, unboxed: a list of Integers costs 20 bytes a key more.
      int[] heldOrdinals = new int[keys.size()];
      int heldCount = 0;
      for (int i = 0; i < keys.size(); i++) {
        int k = keys.sortedOrdinal(i);
        if (keys.winner(k) != KeyTable.NO_FILE) {
          heldOrdinals[heldCount++] = k;
        }
      }
      int heldSize = heldCount;
      List<Integer> held =
          new java.util.AbstractList<>() {
            @Override
            public Integer get(int i) {
              return heldOrdinals[i];
            }

            @Override
            public int size() {
              return heldSize;
            }
          };
      inChunks(
          held,
          k -> writer.addDocument(scratchDocument(k, keys, files)),
          k -> options.listener().recordWritten(keys.key(k)));

      return finish(
          files.size(),
          inputDigest(files),
          new Changes(heldSize, 0, 0, 0, files.size(), 0, 0),
          previousData);
    }

    private Document scratchDocument(int k, KeyTable keys, FileTable files) throws IOException {
      Record record = scratchRecord(k, keys, files);
      String fileHash = files.hash(keys.winner(k));
      return switch (record) {
        case Incident i -> {
          List<Article> cited = new ArrayList<>();
          for (int a : keys.cited(k)) {
            if (keys.winner(a) != KeyTable.NO_FILE) {
              cited.add((Article) scratchRecord(a, keys, files));
            }
          }
          yield documents.incident(i, fileHash, cited);
        }
        case Article a -> {
          List<Incident> citing = new ArrayList<>();
          for (int i : keys.citing(k)) {
            citing.add((Incident) scratchRecord(i, keys, files));
          }
          yield documents.article(a, fileHash, citing);
        }
      };
    }

    private Record scratchRecord(int k, KeyTable keys, FileTable files) throws IOException {
      return spill.read(keys.offset(k), keys.length(k), files.path(keys.winner(k)));
    }

    private BuildReport update(FileTable files, Map<String, String> previousData)
        throws IOException {
      // 3. Classify files against their entries, streamed from doc values: only the entries
      // of changed and gone files are kept.
      BitSet unchanged = new BitSet(files.size());
      Map<Path, Entry> entries = new HashMap<>(); // of changed and gone files
      List<Path> gone = new ArrayList<>();
      forEachEntry(
          (path, hash, keysOf) -> {
            int f = files.find(path);
            if (f >= 0 && hash.equals(files.hash(f))) { // a file without hash is parsed
              unchanged.set(f);
            } else {
              Path file = f >= 0 ? files.path(f) : Path.of(path.utf8ToString());
              entries.put(file, new Entry(hash, keysOf.get()));
              if (f < 0) {
                gone.add(file);
              }
            }
          });
      gone.sort(IndexBuilder::comparePaths);
      List<Path> toParse = new ArrayList<>();
      for (int f = unchanged.nextClearBit(0); f < files.size(); f = unchanged.nextClearBit(f + 1)) {
        toParse.add(files.path(f));
      }

      // 4. Parse new and changed files; their hashes become those of the bytes parsed.
      Map<Path, String> hashes = new HashMap<>();
      options.listener().filesToParse(toParse.size());
      Map<Path, List<RecordSpill.Ref>> parsed = parse(toParse, hashes);
      int filesParsed = toParse.size();
      for (Path f : toParse) {
        files.setHash(files.find(f), hashes.get(f));
      }

      // 5. Keys whose winner may change: those of parsed and gone files, before and after.
      Set<String> keys = new TreeSet<>();
      for (Path f : toParse) {
        Entry e = entries.get(f);
        if (e != null) {
          keys.addAll(e.keys());
        }
        parsed.get(f).forEach(r -> keys.add(r.key()));
      }
      for (Path f : gone) {
        keys.addAll(entries.get(f).keys());
      }
      Map<String, TreeSet<Path>> holders = new HashMap<>();
      for (String k : keys) {
        holders.put(k, new TreeSet<>(IndexBuilder::comparePaths));
      }
      for (Path f : toParse) {
        for (RecordSpill.Ref r : parsed.get(f)) {
          holders.get(r.key()).add(f);
        }
      }
      if (!keys.isEmpty()) { // a second pass: unchanged files holding one of these keys
        forEachEntry(
            (path, hash, keysOf) -> {
              int f = files.find(path);
              if (f >= 0 && unchanged.get(f)) {
                for (String k : keysOf.get()) {
                  TreeSet<Path> h = holders.get(k);
                  if (h != null) {
                    h.add(files.path(f));
                  }
                }
              }
            });
      }

      // 6. Winners; unchanged files whose record must come back are parsed again.
      Map<String, Resolved> resolved = new TreeMap<>();
      Set<String> keptAsIndexed = new HashSet<>();
      Map<String, Path> needReparse = new TreeMap<>();
      for (String k : keys) {
        TreeSet<Path> h = holders.get(k);
        if (h.isEmpty()) {
          continue;
        }
        Path winner = h.first();
        if (parsed.containsKey(winner)) {
          resolved.put(k, new Resolved(firstRef(parsed.get(winner), k), winner, spill));
        } else {
          Optional<Stored> old = stored(k);
          if (old.isPresent() && old.get().file().equals(winner.toString())) {
            keptAsIndexed.add(k);
          } else {
            needReparse.put(k, winner);
          }
        }
      }
      // Unchanged files holding a copy that loses one of these keys are parsed again too: their
      // duplicate warnings may change with the winner, and a file is reported whole or not at all.
      Set<Path> reparse = new TreeSet<>(IndexBuilder::comparePaths);
      reparse.addAll(needReparse.values());
      for (String k : keys) {
        TreeSet<Path> h = holders.get(k);
        if (!h.isEmpty()) {
          for (Path f : h.tailSet(h.first(), false)) {
            if (!parsed.containsKey(f)) {
              reparse.add(f);
            }
          }
        }
      }
      Map<Path, List<RecordSpill.Ref>> reparsed = Map.of();
      if (!reparse.isEmpty()) {
        List<Path> again = new ArrayList<>(reparse);
        options.listener().filesToParse(again.size());
        reparsed = parse(again, new HashMap<>());
        for (Path f : again) { // unchanged: their entries keep the hash they have
          hashes.put(f, files.hash(files.find(f)));
        }
        filesParsed += again.size();
        for (Map.Entry<String, Path> e : needReparse.entrySet()) {
          RecordSpill.Ref r = firstRef(reparsed.get(e.getValue()), e.getKey());
          if (r != null) {
            resolved.put(e.getKey(), new Resolved(r, e.getValue(), spill));
          }
        }
      }
      spill.seal(); // parsing is over: from here on records are read back
      for (Map<Path, List<RecordSpill.Ref>> m : List.of(parsed, reparsed)) {
        for (Map.Entry<Path, List<RecordSpill.Ref>> e : m.entrySet()) {
          reportCopies(e.getKey(), e.getValue(), holders, resolved, keptAsIndexed);
        }
      }

      // 7. What changed, and the neighbours that must be relinked.
      int added = 0;
      int updated = 0;
      int deleted = 0;
      Set<String> changed = new TreeSet<>(); // content differs: neighbours are affected
      Set<String> rewrite = new TreeSet<>(); // same content from a changed file: new hash only
      for (String k : keys) {
        if (keptAsIndexed.contains(k)) {
          continue;
        }
        Optional<Stored> old = stored(k);
        Resolved now = resolved.get(k);
        if (now == null) {
          if (old.isPresent()) {
            deleted++;
            changed.add(k);
          }
        } else if (old.isEmpty()) {
          added++;
          changed.add(k);
        } else if (sameContent(old.get(), now)) {
          rewrite.add(k);
        } else {
          updated++;
          changed.add(k);
        }
      }
      Set<String> relink = new TreeSet<>();
      for (String k : changed) {
        relink.addAll(neighbours(k, resolved.get(k)));
      }
      relink.removeAll(changed);
      relink.removeAll(rewrite);

      // 8. Write records (from the pool's threads, in parallel), then file entries.
      FinalState state = new FinalState(keys, resolved, keptAsIndexed);
      AtomicInteger relinked = new AtomicInteger();
      inChunks(
          new ArrayList<>(union(changed, rewrite, relink)),
          k -> write(k, state, resolved, hashes, relinked),
          k -> options.listener().recordWritten(k));
      for (Path f : toParse) {
        writer.deleteDocuments(fileEntryQuery(f));
        if (hashes.get(f) != null) { // an unreadable file gets no entry: it is tried again
          List<String> fileKeys = new ArrayList<>(new LinkedHashSet<>(keysOf(parsed.get(f))));
          writer.addDocument(documents.fileEntry(f, hashes.get(f), fileKeys));
        }
      }
      for (Path f : gone) {
        writer.deleteDocuments(fileEntryQuery(f));
      }

      // 9. Manifest and the one commit.
      return finish(
          files.size(),
          inputDigest(files),
          new Changes(
              added,
              updated,
              deleted,
              relinked.get(),
              filesParsed,
              files.size() - filesParsed, // files re-read for their records count as parsed
              gone.size()),
          previousData);
    }

    /** What a build changed, for its report. */
    private record Changes(
        int added,
        int updated,
        int deleted,
        int relinked,
        int filesParsed,
        int filesUnchanged,
        int filesGone) {}

    /** Keeps a parsed file's own problems until its duplicates are known. */
    private void ownProblems(Path file, List<Problem> own) {
      if (!own.isEmpty()) {
        fileProblems.put(file, own);
      }
    }

    /** Notes the warning a scan gives {@code copy}, if it gives one. */
    private void reportCopy(Record kept, Path keptFile, Record copy, Path copyFile) {
      ArchiveScanner.duplicateProblem(kept, keptFile, copy, copyFile)
          .ifPresent(
              p -> duplicateProblems.computeIfAbsent(copyFile, f -> new ArrayList<>()).add(p));
    }

    /** Writes the manifest, commits when anything changed and reports. */
    private BuildReport finish(
        int inputFiles, String inputDigest, Changes changes, Map<String, String> previousData)
        throws IOException {
      // Each parsed file's problems as a scan gives them: its own and its duplicates, one cap.
      fileProblems.forEach(
          (f, own) -> {
            List<Problem> copies = duplicateProblems.remove(f);
            problems.addAll(copies == null ? own : ArchiveScanner.fileProblems(f, own, copies));
          });
      duplicateProblems.forEach(
          (f, copies) -> problems.addAll(ArchiveScanner.fileProblems(f, List.of(), copies)));
      Map<String, Long> counts = countRecords();
      Manifest manifest =
          new Manifest(
              Schema.VERSION,
              org.apache.lucene.util.Version.LATEST.toString(),
              inputDigest,
              inputFiles,
              counts,
              Instant.now().toString());
      Manifest previous = Manifest.fromUserData(previousData);
      if (writer.hasUncommittedChanges() || !manifest.sameContent(previous)) {
        writer.setLiveCommitData(manifest.toUserData().entrySet());
        writer.commit();
      } else {
        manifest = previous; // nothing changed: the last commit stands, with its time
      }
      long total = counts.values().stream().mapToLong(Long::longValue).sum();
      int unchangedRecords = (int) (total - changes.added() - changes.updated());
      long tookMs = (System.nanoTime() - start) / 1_000_000;
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
          inputFiles,
          changes.filesParsed(),
          changes.filesUnchanged(),
          changes.filesGone(),
          problems,
          manifest,
          tookMs);
    }

    // ---- inputs ----

    /**
     * The input files under {@code roots}: each file once (with its path below the first root that
     * lists it), sorted by path.
     */
    private FileTable discoverTable(List<Path> roots) throws IOException {
      List<Path> absolute = new ArrayList<>();
      List<FileTable.Found> found = new ArrayList<>();
      for (Path root : roots) {
        Path r = existingRoot(root);
        absolute.add(r);
        for (Path f : source.discover(r, problems::add)) {
          found.add(new FileTable.Found(f.toAbsolutePath().normalize(), absolute.size() - 1));
        }
      }
      return FileTable.of(absolute, found);
    }

    private static Path existingRoot(Path root) throws IOException {
      Path r = root.toAbsolutePath().normalize();
      if (!Files.exists(r)) {
        // Never treat a mistyped root as "every file gone": that would empty the index.
        throw new java.nio.file.NoSuchFileException(r.toString(), null, "archive not found");
      }
      return r;
    }

    /**
     * Parses {@code files} in parallel; {@code hashes} gets the hash of the bytes each parse read
     * (a file changed since it was hashed is indexed as parsed).
     */
    private Map<Path, List<RecordSpill.Ref>> parse(List<Path> files, Map<Path, String> hashes)
        throws IOException {
      // Each pool thread parks its records in the spill at once: only small refs stay in memory.
      Map<Path, List<RecordSpill.Ref>> records = new LinkedHashMap<>();
      inOrder(
          files.size(),
          files::get,
          this::parseToSpill,
          (i, p) -> {
            Path f = files.get(i);
            hashes.put(f, p.contentHash());
            ownProblems(f, p.problems());
            records.put(f, p.refs());
            options.listener().fileParsed(f, p.refs().size());
          });
      return records;
    }

    /** Parses one file and parks its records in the spill at once: only small refs are kept. */
    private Spilled parseToSpill(Path file) throws IOException {
      ArchiveSource.Parsed p = source.parse(file);
      List<RecordSpill.Ref> refs = new ArrayList<>(p.records().size());
      List<Problem> problems = new ArrayList<>(p.problems());
      for (Record r : p.records()) {
        Optional<String> unfit = RecordLimits.problem(r);
        if (unfit.isPresent()) {
          problems.add(Problem.error(file, unfit.get()));
        } else {
          refs.add(spill.append(r));
        }
      }
      return new Spilled(p.contentHash(), refs, problems);
    }

    /**
     * Runs {@code task} on every file of {@code files} on the pool's threads and hands the results
     * to {@code consumer} on this thread, in file order. Only a bounded number of files is in
     * flight, so memory does not grow with the archive.
     */
    private <T> void inOrder(FileTable files, IoFunction<T> task, OrdinalConsumer<T> consumer)
        throws IOException {
      inOrder(files.size(), files::path, task, consumer);
    }

    /** {@link #inOrder(FileTable, IoFunction, OrdinalConsumer)} over {@code count} files. */
    private <T> void inOrder(
        int count,
        java.util.function.IntFunction<Path> fileAt,
        IoFunction<T> task,
        OrdinalConsumer<T> consumer)
        throws IOException {
      int window = Math.max(64, 64 * options.threads());
      java.util.ArrayDeque<Future<T>> inFlight = new java.util.ArrayDeque<>();
      int next = 0;
      for (int ord = 0; ord < count; ord++) {
        for (; next < count && next - ord < window; next++) {
          Path file = fileAt.apply(next);
          inFlight.add(pool.submit(() -> task.apply(file)));
        }
        consumer.accept(ord, await(inFlight.poll()));
      }
    }

    /**
     * Runs {@code task} on every key from the pool's threads, in chunks, and calls {@code done} on
     * this thread in key order as chunks finish.
     */
    private <K> void inChunks(List<K> keys, KeyTask<K> task, java.util.function.Consumer<K> done)
        throws IOException {
      int chunk = 32;
      // A bounded number of chunks in flight: a future per chunk of a million keys adds up.
      int window = 64 * options.threads();
      java.util.ArrayDeque<Future<List<K>>> inFlight = new java.util.ArrayDeque<>();
      for (int i = 0; i < keys.size() || !inFlight.isEmpty(); ) {
        while (i < keys.size() && inFlight.size() < window) {
          List<K> part = keys.subList(i, Math.min(keys.size(), i + chunk));
          inFlight.add(
              pool.submit(
                  () -> {
                    for (K k : part) {
                      task.apply(k);
                    }
                    return part;
                  }));
          i += part.size();
        }
        await(inFlight.poll()).forEach(done);
      }
    }

    /** Writes (or deletes) the document of {@code key} as the build leaves it. */
    private void write(
        String k,
        FinalState state,
        Map<String, Resolved> resolved,
        Map<Path, String> hashes,
        AtomicInteger relinked)
        throws IOException {
      Optional<Record> r = state.record(k);
      if (r.isEmpty()) {
        writer.deleteDocuments(new Term(Schema.KEY, k));
        return;
      }
      Resolved res = resolved.get(k);
      String fileHash;
      if (res != null) {
        fileHash = hashes.get(res.file());
      } else {
        fileHash = stored(k).orElseThrow().hash();
        relinked.incrementAndGet();
      }
      writer.updateDocument(new Term(Schema.KEY, k), document(r.get(), fileHash, state));
    }

    /** The result of a pool task; its failure is rethrown as it was thrown. */
    private static <T> T await(Future<T> future) throws IOException {
      try {
        return future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("build interrupted");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UncheckedIOException u) {
          throw u.getCause();
        } else if (cause instanceof IOException io) {
          throw io;
        } else if (cause instanceof RuntimeException re) {
          throw re;
        } else if (cause instanceof Error err) {
          throw err;
        }
        throw new IOException(cause);
      }
    }

    // ---- the index before the build ----

    /**
     * Calls {@code visitor} with every file entry of the index before the build: its path as UTF-8,
     * its hash, and its keys on demand (from doc values; only file entries have {@link
     * Schema#ENTRY_PATH}).
     */
    private void forEachEntry(EntryVisitor visitor) throws IOException {
      for (LeafReaderContext leaf : before.getIndexReader().leaves()) {
        Bits live = leaf.reader().getLiveDocs();
        BinaryDocValues paths = DocValues.getBinary(leaf.reader(), Schema.ENTRY_PATH);
        BinaryDocValues hashes = DocValues.getBinary(leaf.reader(), Schema.ENTRY_HASH);
        SortedSetDocValues keys = DocValues.getSortedSet(leaf.reader(), Schema.FILE_KEYS);
        for (int doc = paths.nextDoc();
            doc != DocIdSetIterator.NO_MORE_DOCS;
            doc = paths.nextDoc()) {
          if (live != null && !live.get(doc)) {
            continue;
          }
          String hash = hashes.advanceExact(doc) ? hashes.binaryValue().utf8ToString() : "";
          int entryDoc = doc;
          visitor.visit(
              paths.binaryValue(),
              hash,
              () -> {
                List<String> ks = new ArrayList<>();
                if (keys.advanceExact(entryDoc)) {
                  for (int i = 0; i < keys.docValueCount(); i++) {
                    ks.add(keys.lookupOrd(keys.nextOrd()).utf8ToString());
                  }
                }
                return ks;
              });
        }
      }
    }

    private Optional<Stored> stored(String key) {
      if (before.getIndexReader().maxDoc() == 0) {
        return Optional.empty(); // a full build: caching "nothing" for every key costs memory
      }
      return storedCache.computeIfAbsent(
          key,
          k -> {
            try {
              return IndexQueries.storedDocument(before, k)
                  .map(
                      d ->
                          new Stored(
                              IndexQueries.parseJson(d.get(Schema.RECORD_JSON), d.get(Schema.FILE)),
                              Objects.requireNonNullElse(d.get(Schema.FILE), ""),
                              Objects.requireNonNullElse(d.get(Schema.FILE_HASH), ""),
                              values(d, Schema.LINKED_ID)));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }

    /** Keys of incidents that cited {@code articleId} before the build. */
    private List<String> citingBefore(String articleId) throws IOException {
      if (before.getIndexReader().maxDoc() == 0) {
        return List.of();
      }
      Query q =
          new BooleanQuery.Builder()
              .add(new TermQuery(new Term(Schema.LINKED_ID, articleId)), BooleanClause.Occur.FILTER)
              .add(
                  new TermQuery(new Term(Schema.TYPE, RecordType.INCIDENT.key())),
                  BooleanClause.Occur.FILTER)
              .build();
      List<String> out = new ArrayList<>();
      StoredFields fields = before.storedFields();
      for (int doc : IndexQueries.matchingDocs(before, q)) {
        out.add(fields.document(doc, Set.of(Schema.KEY)).get(Schema.KEY));
      }
      return out;
    }

    private Map<String, Long> countRecords() throws IOException {
      Map<String, Long> counts = new LinkedHashMap<>();
      try (DirectoryReader after = DirectoryReader.open(writer)) {
        IndexSearcher s = new IndexSearcher(after);
        for (RecordType t : RecordType.values()) {
          counts.put(t.key(), (long) s.count(new TermQuery(new Term(Schema.TYPE, t.key()))));
        }
      }
      return counts;
    }

    // ---- records ----

    private Set<String> neighbours(String key, Resolved now) {
      Set<String> out = new HashSet<>();
      Optional<Stored> old = stored(key);
      String id = key.substring(key.indexOf(':') + 1);
      if (key.startsWith(RecordType.INCIDENT.key() + ":")) {
        old.ifPresent(s -> s.linkedIds().forEach(a -> out.add(articleKey(a))));
        if (now != null) {
          now.ref().articleIds().forEach(a -> out.add(articleKey(a)));
        }
      } else {
        try {
          out.addAll(citingBefore(id));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return out;
    }

    private Document document(Record record, String fileHash, FinalState state) throws IOException {
      return switch (record) {
        case Incident i -> {
          List<Article> cited = new ArrayList<>();
          for (String a : i.articleIds()) {
            state.record(articleKey(a)).ifPresent(r -> cited.add((Article) r));
          }
          yield documents.incident(i, fileHash, cited);
        }
        case Article a -> documents.article(a, fileHash, state.citing(a.id()));
      };
    }

    private boolean sameContent(Stored old, Resolved now) {
      if (!old.file().equals(now.file().toString())) {
        return false;
      }
      return JsonLines.toJson(comparable(old.record()))
          .equals(JsonLines.toJson(comparable(now.record())));
    }

    /**
     * Reports the copies among {@code refs}, the records of {@code file} in file order, that lose
     * their key and say something else than the record kept. The record kept is this build's (a key
     * of {@code holders}) or, for a key the build does not touch, the one indexed.
     */
    private void reportCopies(
        Path file,
        List<RecordSpill.Ref> refs,
        Map<String, TreeSet<Path>> holders,
        Map<String, Resolved> resolved,
        Set<String> keptAsIndexed)
        throws IOException {
      Set<String> seen = new HashSet<>();
      for (RecordSpill.Ref r : refs) {
        String k = r.key();
        boolean first = seen.add(k);
        TreeSet<Path> h = holders.get(k);
        Optional<Stored> old =
            h == null || (!resolved.containsKey(k) && keptAsIndexed.contains(k))
                ? stored(k)
                : Optional.empty();
        Path keptFile = h != null ? h.first() : old.map(o -> Path.of(o.file())).orElse(null);
        if (keptFile == null || (first && keptFile.equals(file))) {
          continue; // the record kept
        }
        Record kept =
            resolved.containsKey(k)
                ? resolved.get(k).record()
                : old.map(Stored::record).orElse(null);
        if (kept != null) {
          reportCopy(kept, keptFile, spill.read(r, file), file);
        }
      }
    }

    /** The records after the build: resolved keys from this build, others as stored. */
    private final class FinalState {
      private final Set<String> keys;
      private final Map<String, Resolved> resolved;
      private final Set<String> keptAsIndexed;
      private final Map<String, Set<String>> citingAmongKeys = new HashMap<>();

      FinalState(Set<String> keys, Map<String, Resolved> resolved, Set<String> keptAsIndexed) {
        this.keys = keys;
        this.resolved = resolved;
        this.keptAsIndexed = keptAsIndexed;
        // From the refs' cited ids: reading every record back here would double the reads.
        for (String k : keys) {
          if (!k.startsWith(RecordType.INCIDENT.key() + ":")) {
            continue;
          }
          Resolved r = resolved.get(k);
          List<String> cited =
              r != null
                  ? r.ref().articleIds()
                  : keptAsIndexed.contains(k)
                      ? stored(k).map(s -> ((Incident) s.record()).articleIds()).orElse(List.of())
                      : List.of();
          for (String a : cited) {
            citingAmongKeys.computeIfAbsent(a, x -> new TreeSet<>()).add(k);
          }
        }
      }

      Optional<Record> record(String key) {
        if (keys.contains(key)) {
          Resolved r = resolved.get(key);
          if (r != null) {
            return Optional.of(r.record());
          }
          if (!keptAsIndexed.contains(key)) {
            return Optional.empty(); // no file holds it any more
          }
        }
        return stored(key).map(Stored::record);
      }

      /** The incidents citing {@code articleId} after the build, in key order. */
      List<Incident> citing(String articleId) throws IOException {
        Set<String> citing = new TreeSet<>();
        for (String k : citingBefore(articleId)) {
          if (!keys.contains(k)) {
            citing.add(k);
          }
        }
        citing.addAll(citingAmongKeys.getOrDefault(articleId, Set.of()));
        List<Incident> out = new ArrayList<>();
        for (String k : citing) {
          record(k).ifPresent(r -> out.add((Incident) r));
        }
        return out;
      }
    }
  }

  // ---- helpers ----

  private interface IoFunction<T> {
    T apply(Path file) throws IOException;
  }

  private interface KeyTask<K> {
    void apply(K key) throws IOException;
  }

  /** Sees one file entry; {@code keys} reads its keys, at most once and before the next. */
  private interface EntryVisitor {
    void visit(BytesRef path, String hash, IoSupplier<List<String>> keys) throws IOException;
  }

  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  private interface OrdinalConsumer<T> {
    void accept(int file, T result) throws IOException;
  }

  /** What a pool thread returns for a parsed file: its records are in the spill. */
  private record Spilled(String contentHash, List<RecordSpill.Ref> refs, List<Problem> problems) {}

  /** The order that decides which duplicate wins: the archive scanner's, {@link Path#compareTo}. */
  private static int comparePaths(Path a, Path b) {
    return a.compareTo(b);
  }

  private static Query fileEntryQuery(Path file) {
    return new BooleanQuery.Builder()
        .add(new TermQuery(new Term(Schema.KIND, Schema.KIND_FILE)), BooleanClause.Occur.FILTER)
        .add(new TermQuery(new Term(Schema.FILE, file.toString())), BooleanClause.Occur.FILTER)
        .build();
  }

  static String key(Record r) {
    return Schema.key(r.type().key(), r.id());
  }

  private static String articleKey(String id) {
    return Schema.key(RecordType.ARTICLE.key(), id);
  }

  private static List<String> keysOf(List<RecordSpill.Ref> records) {
    return records.stream().map(RecordSpill.Ref::key).toList();
  }

  private static RecordSpill.Ref firstRef(List<RecordSpill.Ref> records, String key) {
    if (records == null) {
      return null;
    }
    for (RecordSpill.Ref r : records) {
      if (r.key().equals(key)) {
        return r;
      }
    }
    return null;
  }

  /** A record as compared between builds: no source, and no links an article gets from others. */
  private static Record comparable(Record r) {
    return switch (r) {
      case Incident i -> i.withSource(null);
      case Article a -> a.withSource(null).withIncidentIds(List.of());
    };
  }

  private static List<String> values(Document d, String field) {
    List<String> out = new ArrayList<>();
    for (IndexableField f : d.getFields(field)) {
      out.add(f.stringValue());
    }
    return out;
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new TreeSet<>();
    for (Set<String> s : sets) {
      all.addAll(s);
    }
    return all;
  }
}
