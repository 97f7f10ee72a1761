package io.incidentsearch.build;

import io.incidentsearch.index.BuildListener;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Stage 3 of a build: one winner per touched key, by the duplicate rule. The files to parse are
 * parsed (from the pool's threads, handed back in file order) into the {@link KeyTable}; the keys
 * the old entries of changed and gone files listed are added; unchanged files holding one of these
 * keys are found in their entries. A winner that was not parsed keeps its indexed record when that
 * record is its (kept as indexed); otherwise its file is parsed again, as is every unchanged file
 * holding a losing copy (its duplicate warnings may change with the winner, and a file's problems
 * are reported whole or not at all). Against an empty index this is a plain parse of every file.
 *
 * <p>Then the spill is sealed and the copies that lost are compared with the record kept, giving
 * the duplicate warnings a scan gives.
 */
final class Resolution {
  /** What happens to each parsed file's records beside the table: its entry is written. */
  interface ParsedFiles {
    void parsed(Path file, FileParser.Spilled parsed) throws IOException;
  }

  private final KeyTable table;
  private final FileTable files;
  private final IndexBefore before;
  private final RecordSpill spill;
  private final BitSet keptAsIndexed;
  private final int filesParsed;

  private Resolution(
      KeyTable table,
      FileTable files,
      IndexBefore before,
      RecordSpill spill,
      BitSet keptAsIndexed,
      int filesParsed) {
    this.table = table;
    this.files = files;
    this.before = before;
    this.spill = spill;
    this.keptAsIndexed = keptAsIndexed;
    this.filesParsed = filesParsed;
  }

  /** The state of one resolution while it is built. */
  private static final class Work {
    final KeyTable table = new KeyTable();
    final List<KeyTable.Copy> copies = new ArrayList<>();
    final Set<KeyTable.Copy> untouchedCopies = new HashSet<>();
    final BitSet keptAsIndexed = new BitSet();
    final BitSet needRecord = new BitSet();
    // Unchanged files holding a touched key: (key ordinal, file ordinal) pairs.
    int[] holderKeys = new int[16];
    int[] holderFiles = new int[16];
    int holders;

    void holder(int k, int f) {
      holderKeys = org.apache.lucene.util.ArrayUtil.grow(holderKeys, holders + 1);
      holderFiles = org.apache.lucene.util.ArrayUtil.grow(holderFiles, holders + 1);
      holderKeys[holders] = k;
      holderFiles[holders++] = f;
    }

    void lost(KeyTable.Copy c) {
      if (c != null) {
        copies.add(c);
      }
    }
  }

  static Resolution resolve(
      FileTable files,
      ChangeSet changes,
      IndexBefore before,
      FileParser parser,
      RecordSpill spill,
      BuildPool pool,
      BuildListener listener,
      BuildProblems problems,
      ParsedFiles sink)
      throws IOException {
    Work w = new Work();
    listener.filesToParse(changes.toParseCount());
    pool.inOrder(
        changes.toParseCount(),
        i -> files.path(changes.toParse(i)),
        parser::parse,
        (i, parsed) -> {
          int ord = changes.toParse(i);
          Path file = files.path(ord);
          files.setHash(ord, parsed.contentHash());
          problems.own(file, parsed.problems());
          List<RecordSpill.Ref> refs = parsed.refs();
          for (int p = 0; p < refs.size(); p++) {
            w.lost(w.table.hold(refs.get(p), ord, p));
          }
          sink.parsed(file, parsed);
          listener.fileParsed(file, refs.size());
        });
    changes.oldKeys().values().forEach(keys -> keys.forEach(w.table::touch));
    findUnparsedHolders(w, files, changes, before);
    int[] again = unparsedWinners(w, files, before);
    if (again.length > 0) {
      listener.filesToParse(again.length);
      pool.inOrder(
          again.length,
          i -> files.path(again[i]),
          parser::parse,
          (i, parsed) -> {
            Path file = files.path(again[i]);
            problems.own(file, parsed.problems()); // unchanged: its entry keeps its hash
            reparsed(w, again[i], file, parsed.refs(), before);
            listener.fileParsed(file, parsed.refs().size());
          });
    }
    spill.seal(); // parsing is over: from here on records are read back
    w.table.freeze();
    Resolution r =
        new Resolution(
            w.table, files, before, spill, w.keptAsIndexed, changes.toParseCount() + again.length);
    r.reportCopies(w, problems);
    return r;
  }

  /** Unchanged files holding a touched key, from their entries in the index. */
  private static void findUnparsedHolders(
      Work w, FileTable files, ChangeSet changes, IndexBefore before) throws IOException {
    if (w.table.size() == 0) {
      return;
    }
    before.forEachEntry(
        (path, hash, keysOf) -> {
          int f = files.find(path);
          if (f >= 0 && changes.unchanged(f)) {
            for (String key : keysOf.get()) {
              int k = w.table.find(key);
              if (k >= 0 && w.table.touched(k)) {
                w.lost(w.table.holdUnparsed(k, f));
                w.holder(k, f);
              }
            }
          }
        });
  }

  /**
   * Sorts out winners that were not parsed: kept as indexed, or their file is parsed again. Returns
   * the files to parse again, in file order: those and the unchanged files holding a losing copy.
   */
  private static int[] unparsedWinners(Work w, FileTable files, IndexBefore before) {
    BitSet again = new BitSet();
    for (int k = 0; k < w.table.size(); k++) {
      int winner = w.table.winner(k);
      if (!w.table.touched(k) || winner == KeyTable.NO_FILE || w.table.hasRecord(k)) {
        continue;
      }
      Optional<IndexBefore.Stored> old = before.stored(w.table.key(k));
      if (old.isPresent() && old.get().file().equals(files.path(winner).toString())) {
        w.keptAsIndexed.set(k);
        if (old.get().record() instanceof Incident i) {
          w.table.setCites(k, i.articleIds());
        }
      } else {
        w.needRecord.set(k);
        again.set(winner);
      }
    }
    for (int h = 0; h < w.holders; h++) {
      if (w.table.winner(w.holderKeys[h]) != w.holderFiles[h]) {
        again.set(w.holderFiles[h]);
      }
    }
    return again.stream().toArray();
  }

  /** Takes the records of an unchanged file parsed again: winners' records, and copies. */
  private static void reparsed(
      Work w, int ord, Path file, List<RecordSpill.Ref> refs, IndexBefore before) {
    Set<String> seen = new HashSet<>();
    for (int p = 0; p < refs.size(); p++) {
      RecordSpill.Ref ref = refs.get(p);
      boolean first = seen.add(ref.key());
      int k = w.table.find(ref.key());
      KeyTable.Copy copy = new KeyTable.Copy(ord, p, ref.key(), ref.offset(), ref.length());
      if (k >= 0 && w.table.touched(k)) {
        if (first && w.table.winner(k) == ord) {
          if (w.needRecord.get(k) && !w.table.hasRecord(k)) {
            w.table.setRecord(k, ref, p);
          }
        } else {
          w.copies.add(copy);
        }
      } else {
        // A key this build does not touch: its copy is compared with the record indexed.
        Optional<IndexBefore.Stored> old = before.stored(ref.key());
        if (old.isPresent() && !(first && old.get().file().equals(file.toString()))) {
          w.copies.add(copy);
          w.untouchedCopies.add(copy);
        }
      }
    }
  }

  /** Compares each losing copy with the record kept; reports those that say something else. */
  private void reportCopies(Work w, BuildProblems problems) throws IOException {
    w.copies.sort(
        Comparator.comparingInt(KeyTable.Copy::file).thenComparingInt(KeyTable.Copy::position));
    for (KeyTable.Copy c : w.copies) {
      Path copyFile = files.path(c.file());
      Record kept;
      Path keptFile;
      if (w.untouchedCopies.contains(c)) {
        IndexBefore.Stored old = before.stored(c.key()).orElseThrow();
        kept = old.record();
        keptFile = Path.of(old.file());
      } else {
        int k = table.find(c.key());
        keptFile = files.path(table.winner(k));
        kept = recordAfter(k).orElse(null);
      }
      if (kept != null) {
        problems.copy(kept, keptFile, spill.read(c.offset(), c.length(), copyFile), copyFile);
      }
    }
  }

  /** The key table (frozen). */
  KeyTable table() {
    return table;
  }

  /** The files, with their hashes after the build. */
  FileTable files() {
    return files;
  }

  /** The files parsed, those parsed again included. */
  int filesParsed() {
    return filesParsed;
  }

  /** Whether touched key {@code k} keeps the record indexed (its winner is unchanged). */
  boolean keptAsIndexed(int k) {
    return keptAsIndexed.get(k);
  }

  /** The record of touched key {@code k} after the build, if any file holds it. */
  Optional<Record> recordAfter(int k) {
    if (table.hasRecord(k)) {
      try {
        return Optional.of(
            spill.read(table.offset(k), table.length(k), files.path(table.winner(k))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (keptAsIndexed.get(k)) {
      return before.stored(table.key(k)).map(IndexBefore.Stored::record);
    }
    return Optional.empty();
  }

  /** The record of {@code key} after the build: this build's, or as indexed if not touched. */
  Optional<Record> recordAfter(String key) {
    int k = table.find(key);
    if (k >= 0 && table.touched(k)) {
      return recordAfter(k);
    }
    return before.stored(key).map(IndexBefore.Stored::record);
  }

  /** The ordinal of {@code key} when this build touched it, else -1. */
  int touchedOrdinal(String key) {
    int k = table.find(key);
    return k >= 0 && table.touched(k) ? k : -1;
  }
}
