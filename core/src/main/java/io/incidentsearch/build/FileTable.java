package io.incidentsearch.build;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefArray;
import org.apache.lucene.util.BytesRefBuilder;
import org.apache.lucene.util.Counter;

/**
 * The input files of a build, sorted by {@link Path#compareTo} (the order that decides which
 * duplicate wins), with their paths relative to the root they were found under and, once parsed,
 * their SHA-256. A file is known by its ordinal, its position in that order.
 *
 * <p>Compact on purpose: a million-incident archive has three million files, and one {@code Path}
 * with its map entry and relative path costs about 250 bytes, 750 MB in all. Here a file costs its
 * folder's ordinal, its name's UTF-8 bytes and its 32-byte hash: about 50 bytes.
 *
 * <p>Not thread-safe for writing ({@link #setHash}); reads may happen from many threads once
 * writing is over.
 */
final class FileTable {
  /** A folder holding input files, and the relative path prefix of its files ("" or "a/b/"). */
  private record Folder(Path path, String relativePrefix) {
    /** The folder's path as UTF-8 with a trailing separator: what its files' paths start with. */
    byte[] bytes() {
      String p = path.toString();
      String separator = path.getFileSystem().getSeparator();
      return (p.endsWith(separator) ? p : p + separator).getBytes(UTF_8);
    }
  }

  private final List<Folder> folders;
  private final byte[][] folderBytes; // Folder.bytes(), computed once
  private final int[] folderOf;
  private final BytesRefArray names;
  // A name whose bytes do not round-trip through a String (not UTF-8): its file, by ordinal.
  private final Map<Integer, Path> oddNames;
  private final byte[] hashes;
  private final BitSet hashed = new BitSet();

  private FileTable(
      List<Folder> folders, int[] folderOf, BytesRefArray names, Map<Integer, Path> oddNames) {
    this.folders = folders;
    this.folderBytes = folders.stream().map(Folder::bytes).toArray(byte[][]::new);
    this.folderOf = folderOf;
    this.names = names;
    this.oddNames = oddNames;
    this.hashes = new byte[32 * folderOf.length];
  }

  /** A file found under a root: its absolute, normalised path and the root's position. */
  record Found(Path file, int root) {}

  /**
   * The table of {@code found}: sorted by path, each file once (the first root listing it gives its
   * relative path, as when roots are read in turn).
   *
   * @param roots the absolute, normalised roots, in the order given
   * @param found the files, each with the position of its root in {@code roots}; sorted, then
   *     consumed here (its entries are cleared)
   */
  static FileTable of(List<Path> roots, List<Found> found) {
    found.sort(Comparator.comparing(Found::file).thenComparingInt(Found::root));
    boolean[] rootIsFolder = new boolean[roots.size()];
    for (int i = 0; i < roots.size(); i++) {
      rootIsFolder[i] = Files.isDirectory(roots.get(i));
    }
    List<Folder> folders = new ArrayList<>();
    Map<Folder, Integer> folderIds = new HashMap<>();
    int[] folderOf = new int[found.size()];
    BytesRefArray names = new BytesRefArray(Counter.newCounter());
    Map<Integer, Path> oddNames = new HashMap<>();
    Path previous = null;
    Path lastParent = null;
    int lastRoot = -1;
    int lastFolderId = -1;
    int n = 0;
    for (int i = 0; i < found.size(); i++) {
      Found f = found.get(i);
      // Let each Path go as soon as it is in the table: at three million files the paths are
      // most of the heap (about 130 bytes each), so holding them all to the end doubles the peak.
      found.set(i, null);
      if (f.file().equals(previous)) {
        continue; // listed by an earlier root too
      }
      previous = f.file();
      Path parent = f.file().getParent();
      if (!parent.equals(lastParent) || f.root() != lastRoot) {
        Path root = roots.get(f.root());
        String prefix = "";
        if (rootIsFolder[f.root()] && !f.file().equals(root) && f.file().startsWith(root)) {
          String rel = root.relativize(parent).toString().replace(java.io.File.separatorChar, '/');
          prefix = rel.isEmpty() ? "" : rel + "/";
        } // else a root that is a file: its name is its relative path
        lastFolderId =
            folderIds.computeIfAbsent(
                new Folder(parent, prefix),
                x -> {
                  folders.add(x);
                  return folders.size() - 1;
                });
        lastParent = parent;
        lastRoot = f.root();
      }
      String name = f.file().getFileName().toString();
      if (!parent.resolve(name).equals(f.file())) {
        oddNames.put(n, f.file());
      }
      folderOf[n] = lastFolderId;
      names.append(new BytesRef(name));
      n++;
    }
    return new FileTable(folders, Arrays.copyOf(folderOf, n), names, oddNames);
  }

  /** The number of files. */
  int size() {
    return folderOf.length;
  }

  /** The absolute path of file {@code ord}. */
  Path path(int ord) {
    Path odd = oddNames.get(ord);
    return odd != null ? odd : folders.get(folderOf[ord]).path().resolve(name(ord));
  }

  /**
   * The ordinal of the file whose absolute path, as UTF-8, is {@code path}, or -1. Compares bytes
   * as {@link Path#compareTo} does on Unix-like systems, without building paths.
   */
  int find(BytesRef path) {
    BytesRefBuilder spare = new BytesRefBuilder();
    int lo = 0;
    int hi = size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = compare(mid, path, spare);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** The ordinal of {@code file} (absolute, normalised), or -1. */
  int find(Path file) {
    return find(new BytesRef(file.toString()));
  }

  /** Compares the path of file {@code ord} with {@code path}, bytewise unsigned. */
  private int compare(int ord, BytesRef path, BytesRefBuilder spare) {
    Path odd = oddNames.get(ord);
    if (odd != null) {
      return new BytesRef(odd.toString()).compareTo(path);
    }
    byte[] prefix = folderBytes[folderOf[ord]];
    BytesRef name = names.get(spare, ord);
    int length = prefix.length + name.length;
    int n = Math.min(length, path.length);
    for (int i = 0; i < n; i++) {
      byte b = i < prefix.length ? prefix[i] : name.bytes[name.offset + i - prefix.length];
      int c = Byte.toUnsignedInt(b) - Byte.toUnsignedInt(path.bytes[path.offset + i]);
      if (c != 0) {
        return c;
      }
    }
    return length - path.length;
  }

  /** The path of file {@code ord} below its root, with {@code /} separators. */
  String relative(int ord) {
    return folders.get(folderOf[ord]).relativePrefix() + name(ord);
  }

  private String name(int ord) {
    BytesRefBuilder spare = new BytesRefBuilder();
    BytesRef b = names.get(spare, ord);
    return new String(b.bytes, b.offset, b.length, UTF_8);
  }

  /** Records the hash (lower-case hex SHA-256) of file {@code ord}; null: it was not readable. */
  void setHash(int ord, String hexSha256) {
    if (hexSha256 == null) {
      hashed.clear(ord);
      return;
    }
    byte[] raw = HexFormat.of().parseHex(hexSha256);
    if (raw.length != 32) {
      throw new IllegalArgumentException("not a SHA-256: " + hexSha256);
    }
    System.arraycopy(raw, 0, hashes, 32 * ord, 32);
    hashed.set(ord);
  }

  /** The hash of file {@code ord} as lower-case hex, or null when it has none. */
  String hash(int ord) {
    return hashed.get(ord) ? HexFormat.of().formatHex(hashes, 32 * ord, 32 * ord + 32) : null;
  }
}
