package io.incidentsearch.build;

import io.incidentsearch.common.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 2 of a build: the input files against the file entries of the index before it. A file is
 * unchanged when its entry has the hash of its bytes now; every other file (new, changed, or
 * unreadable) is to be parsed; an entry whose file is no longer listed is gone. Against an empty
 * index every file is new and nothing is hashed here (parsing hashes what it reads).
 *
 * <p>Only the files that have an entry are hashed, from the pool's threads, and only the entries of
 * changed and gone files are kept: the entries are streamed twice from doc values rather than held.
 */
final class ChangeSet {
  private final BitSet unchanged;
  private final int[] toParse;
  private final List<Path> gone;
  private final Map<Path, List<String>> oldKeys;

  private ChangeSet(
      BitSet unchanged, int[] toParse, List<Path> gone, Map<Path, List<String>> oldKeys) {
    this.unchanged = unchanged;
    this.toParse = toParse;
    this.gone = Collections.unmodifiableList(gone);
    this.oldKeys = Collections.unmodifiableMap(oldKeys);
  }

  /** Compares {@code files} with the entries of {@code before}; sets the hashes it computes. */
  static ChangeSet of(FileTable files, IndexBefore before, BuildPool pool) throws IOException {
    BitSet unchanged = new BitSet(files.size());
    Map<Path, List<String>> oldKeys = new HashMap<>();
    List<Path> gone = new ArrayList<>();
    if (!before.isEmpty()) {
      hashFilesWithEntries(files, before, pool);
      before.forEachEntry(
          (path, hash, keysOf) -> {
            int f = files.find(path);
            if (f >= 0 && hash.equals(files.hash(f))) { // a file without hash is parsed
              unchanged.set(f);
            } else {
              Path file = f >= 0 ? files.path(f) : Path.of(path.utf8ToString());
              oldKeys.put(file, keysOf.get());
              if (f < 0) {
                gone.add(file);
              }
            }
          });
      gone.sort(io.incidentsearch.formats.DuplicateRule.FILE_ORDER);
    }
    int[] toParse = new int[files.size() - unchanged.cardinality()];
    int n = 0;
    for (int f = unchanged.nextClearBit(0); f < files.size(); f = unchanged.nextClearBit(f + 1)) {
      toParse[n++] = f;
    }
    return new ChangeSet(unchanged, toParse, gone, oldKeys);
  }

  /** Hashes, in parallel, the files that have an entry to compare with. */
  private static void hashFilesWithEntries(FileTable files, IndexBefore before, BuildPool pool)
      throws IOException {
    BitSet withEntry = new BitSet(files.size());
    before.forEachEntry(
        (path, hash, keysOf) -> {
          int f = files.find(path);
          if (f >= 0) {
            withEntry.set(f);
          }
        });
    int[] ords = withEntry.stream().toArray();
    pool.inOrder(
        ords.length,
        i -> files.path(ords[i]),
        ChangeSet::sha256OrNull,
        (i, hash) -> files.setHash(ords[i], hash));
  }

  /**
   * An unreadable file (or a pipe, which would block) gets no hash: it is parsed, which says why.
   */
  private static String sha256OrNull(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return Sha256.ofFile(file);
    } catch (IOException e) {
      return null;
    }
  }

  /** Whether file {@code ord} is as its entry says: it is not parsed. */
  boolean unchanged(int ord) {
    return unchanged.get(ord);
  }

  /** The number of files to parse (new, changed, unreadable). */
  int toParseCount() {
    return toParse.length;
  }

  /** The ordinal of the {@code i}-th file to parse, in path order. */
  int toParse(int i) {
    return toParse[i];
  }

  /** Files that have an entry but are no longer listed, in path order. */
  List<Path> gone() {
    return gone;
  }

  /** The keys the entries of changed and gone files listed. */
  Map<Path, List<String>> oldKeys() {
    return oldKeys;
  }
}
