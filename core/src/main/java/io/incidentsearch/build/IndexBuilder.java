package io.incidentsearch.build;

import io.incidentsearch.formats.ArchiveScanner;
import io.incidentsearch.index.ArchiveSource;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.index.BuildReport;
import io.incidentsearch.index.IndexLockedException;
import io.incidentsearch.index.Manifest;
import io.incidentsearch.schema.IndexQueries;
import io.incidentsearch.schema.RecordDocuments;
import io.incidentsearch.schema.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * Builds or updates an index from archive roots, with one {@link IndexWriter} and a bounded pool of
 * threads that hash and parse files and write documents.
 *
 * <h2>The pipeline</h2>
 *
 * <p>A build is six stages, each handing the next what it found: {@link Inventory} (the input
 * files, in path order) → {@link ChangeSet} (new, changed, unchanged and gone files against the
 * index before: {@link IndexBefore}) → {@link Resolution} (files parsed into the {@link
 * RecordSpill}; one winner per key by the duplicate rule; duplicate warnings) → {@link LinkPlan}
 * (records added, updated, deleted, rewritten, and neighbours to relink) → {@link DocumentWriter}
 * (documents written from the pool's threads) → {@link BuildCommit} (manifest, the one commit, the
 * report). A full build is the same pipeline with an empty index before: every file is new, every
 * key added, nothing compared, relinked or deleted.
 *
 * <h2>Design</h2>
 *
 * <p><b>Bookkeeping.</b> Besides the records, the index holds one file entry per input file ({@link
 * RecordDocuments#fileEntry}): its absolute path, the SHA-256 of its bytes and the keys of every
 * record it holds, duplicates included. A build hashes every input file and compares: files that
 * are new or whose hash differs are parsed; files whose entry has no file any more are gone; the
 * rest are not parsed at all. A full build ({@link BuildOptions#full}) opens the writer in {@code
 * CREATE} mode (the same as {@code deleteAll}, and it also replaces an index of another schema
 * version), so the index before is empty. Only files that have an entry are hashed before parsing;
 * the others are hashed as they are parsed, so no file is read twice.
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
 * name bytes and hash: about 50 bytes a file); the keys a build touches are a compact {@link
 * KeyTable} (every key in a full build; in an update only those of the files it parses and of the
 * entries of changed and gone files), and the index's file entries are streamed, keeping only those
 * of changed and gone files. So the heap grows by about 150 bytes per file, not with the archive's
 * text, so a million-incident archive builds in a 1 GB heap (src/docs/PERFORMANCE.md); the disk
 * needs room for about half the archive's size again during a build.
 *
 * <p><b>Threads.</b> The pool ({@link BuildPool}) hashes, parses and then writes documents ({@link
 * IndexWriter#updateDocument} is thread-safe; Lucene indexes each thread's documents in its own
 * in-memory segment). Doc ids therefore depend on the thread count and timing; nothing else does:
 * documents, statistics, manifest and every result are the same, because results never depend on
 * doc ids (ties are broken by key). Listener calls stay on the building thread, in key order.
 *
 * <p>Instances are not thread-safe; use one build at a time per builder.
 */
public final class IndexBuilder {
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
    BuildPool pool = new BuildPool(options.threads());
    RecordSpill spill = null;
    try {
      RecordSpill.deleteStale(directory); // a killed build's leftovers; we hold the lock now
      spill = new RecordSpill(directory);
      BuildReport report = run(roots, options, writer, pool, spill, start);
      spill.close();
      writer.close();
      return report;
    } catch (Throwable t) {
      pool.stop(); // no pool thread may still write when the writer rolls back
      if (spill != null) {
        closeQuietly(spill, t);
      }
      rollback(writer, t);
      throw t;
    } finally {
      pool.close();
    }
  }

  /** The six stages, in order. */
  private BuildReport run(
      List<Path> roots,
      BuildOptions options,
      IndexWriter writer,
      BuildPool pool,
      RecordSpill spill,
      long start)
      throws IOException {
    try (DirectoryReader reader = DirectoryReader.open(writer)) {
      IndexBefore before = IndexBefore.of(reader);
      Inventory inventory = Inventory.discover(roots, source);
      BuildProblems problems = new BuildProblems();
      problems.addAll(inventory.problems());
      FileTable files = inventory.files();
      ChangeSet changes = ChangeSet.of(files, before, pool);
      DocumentWriter out = new DocumentWriter(writer, documents, before);
      Resolution resolution =
          Resolution.resolve(
              files,
              changes,
              before,
              new FileParser(source, spill),
              spill,
              pool,
              options.listener(),
              problems,
              out::fileEntry);
      LinkPlan plan = LinkPlan.of(resolution, before);
      int relinked = out.records(plan, resolution, before, pool, options.listener());
      for (Path gone : changes.gone()) {
        out.goneFile(gone);
      }
      int parsed = resolution.filesParsed();
      BuildCommit.Changes changed =
          new BuildCommit.Changes(
              plan.added(),
              plan.updated(),
              plan.deleted(),
              relinked,
              parsed,
              files.size() - parsed, // files re-read for their records count as parsed
              changes.gone().size());
      return BuildCommit.commit(writer, location, before, files, changed, problems, start);
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
}
