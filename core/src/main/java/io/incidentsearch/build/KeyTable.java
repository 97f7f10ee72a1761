package io.incidentsearch.build;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.incidentsearch.model.RecordType;
import io.incidentsearch.schema.Schema;
import java.util.Arrays;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefHash;

/**
 * The keys a build touches, by ordinal: for each key the file that wins it ({@link
 * io.incidentsearch.formats.DuplicateRule}: the lowest file ordinal, as the {@link FileTable} is in
 * that order), where its record is in the {@link RecordSpill} (when the winner was parsed), and,
 * for an incident, the keys of the articles it cites. A build from scratch touches every key; an
 * update only those of the files it parses and of the entries of changed and gone files. Keys only
 * cited by a touched incident are in the table too, untouched.
 *
 * <p>Compact on purpose, like {@link FileTable}: keys are bytes in a {@link BytesRefHash}, the rest
 * are parallel arrays, so a key costs about 60 bytes where a {@code TreeMap} of strings and records
 * cost about 600.
 *
 * <p>Filled by one thread ({@link #hold}) in file order; then {@link #freeze} sorts the keys and
 * links articles to the incidents citing them, after which reads may come from many threads.
 */
final class KeyTable {
  /** No file holds the key (an article cited but never found). */
  static final int NO_FILE = -1;

  private static final BytesRef INCIDENT_PREFIX =
      new BytesRef(Schema.key(RecordType.INCIDENT.key(), ""));

  /** Where a winner's record is when the winner was not parsed (yet): see {@link #hasRecord}. */
  static final long NO_RECORD = -1;

  /** A copy that lost its key: which file, its position among the file's records, its record. */
  record Copy(int file, int position, String key, long offset, int length) {}

  private final BytesRefHash keys = new BytesRefHash();
  private final java.util.BitSet touched = new java.util.BitSet();
  private int[] winner = new int[0];
  private int[] position = new int[0];
  private long[] offset = new long[0];
  private int[] length = new int[0];
  // An incident's cited articles: cites[citeStart[k] .. citeStart[k] + citeCount[k]).
  private int[] citeStart = new int[0];
  private int[] citeCount = new int[0];
  private int[] cites = new int[16];
  private int citeSize;

  // After freeze().
  private int[] sorted;
  private int[] citingStart;
  private int[] citing;

  /**
   * Notes that file {@code file} (an ordinal of the {@link FileTable}) holds the record of {@code
   * ref}, the {@code pos}-th of the file's records. Parsed files come in file order, so a later
   * copy (in a later file or again in the same one) loses to the first.
   *
   * @return the copy that lost, {@code ref}'s or the one it replaced, or null
   */
  Copy hold(RecordSpill.Ref ref, int file, int pos) {
    int k = ordinal(ref.key());
    touched.set(k);
    if (winner[k] != NO_FILE && file >= winner[k]) {
      return new Copy(file, pos, ref.key(), ref.offset(), ref.length());
    }
    Copy lost = displaced(k);
    winner[k] = file;
    setRecord(k, ref, pos);
    return lost;
  }

  /**
   * Notes that unparsed file {@code file} holds key {@code k} (from its entry in the index).
   *
   * @return the parsed copy it replaces as the winner, or null
   */
  Copy holdUnparsed(int k, int file) {
    touched.set(k);
    if (winner[k] != NO_FILE && file >= winner[k]) {
      return null;
    }
    Copy lost = displaced(k);
    winner[k] = file;
    offset[k] = NO_RECORD;
    citeCount[k] = 0;
    return lost;
  }

  private Copy displaced(int k) {
    return winner[k] == NO_FILE || offset[k] == NO_RECORD
        ? null
        : new Copy(winner[k], position[k], key(k), offset[k], length[k]);
  }

  /** Gives the winner of {@code k} its record, parsed (again) from the winning file. */
  void setRecord(int k, RecordSpill.Ref ref, int pos) {
    offset[k] = ref.offset();
    length[k] = ref.length();
    position[k] = pos;
    setCites(k, ref.articleIds());
  }

  /** Sets the articles incident {@code k} cites (for a winner kept as indexed: its stored ids). */
  void setCites(int k, java.util.List<String> articleIds) {
    citeStart[k] = citeSize;
    citeCount[k] = articleIds.size();
    for (String a : articleIds) {
      int ak = ordinal(Schema.key(RecordType.ARTICLE.key(), a));
      cites = ArrayUtil.grow(cites, citeSize + 1);
      cites[citeSize++] = ak;
    }
  }

  /** Adds {@code key} as touched (a key an old entry listed), without a holder yet. */
  int touch(String key) {
    int k = ordinal(key);
    touched.set(k);
    return k;
  }

  /** Whether {@code k} is a key of a parsed file or of an old entry, not only cited. */
  boolean touched(int k) {
    return touched.get(k);
  }

  /** Whether the winner of {@code k} has its record in the spill. */
  boolean hasRecord(int k) {
    return winner[k] != NO_FILE && offset[k] != NO_RECORD;
  }

  private int ordinal(String key) {
    int k = keys.add(new BytesRef(key));
    if (k < 0) {
      return -k - 1;
    }
    if (k >= winner.length) {
      int size = ArrayUtil.oversize(k + 1, Long.BYTES);
      int from = winner.length;
      winner = Arrays.copyOf(winner, size);
      Arrays.fill(winner, from, size, NO_FILE);
      position = Arrays.copyOf(position, size);
      offset = Arrays.copyOf(offset, size);
      Arrays.fill(offset, from, size, NO_RECORD);
      length = Arrays.copyOf(length, size);
      citeStart = Arrays.copyOf(citeStart, size);
      citeCount = Arrays.copyOf(citeCount, size);
    }
    return k;
  }

  /**
   * Ends filling: sorts the keys (by their UTF-8 bytes) and lists, for each article, the incidents
   * citing it, each once and in key order. {@link #find} still works afterwards.
   */
  void freeze() {
    int n = keys.size();
    sorted = new int[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = i;
    }
    new KeySorter().sort(0, n);
    int[] count = new int[n + 1];
    forEachCitation((incident, article) -> count[article]++);
    citingStart = new int[n + 1];
    for (int i = 0; i < n; i++) {
      citingStart[i + 1] = citingStart[i] + count[i];
    }
    citing = new int[citingStart[n]];
    int[] fill = Arrays.copyOf(citingStart, n);
    forEachCitation((incident, article) -> citing[fill[article]++] = incident);
  }

  /** Sorts {@link #sorted} by key bytes; the hash keeps its ordinals, so lookups stay valid. */
  private final class KeySorter extends org.apache.lucene.util.IntroSorter {
    private final BytesRef pivot = new BytesRef();
    private final BytesRef a = new BytesRef();
    private final BytesRef b = new BytesRef();

    @Override
    protected void swap(int i, int j) {
      int t = sorted[i];
      sorted[i] = sorted[j];
      sorted[j] = t;
    }

    @Override
    protected int compare(int i, int j) {
      return keys.get(sorted[i], a).compareTo(keys.get(sorted[j], b));
    }

    @Override
    protected void setPivot(int i) {
      keys.get(sorted[i], pivot);
    }

    @Override
    protected int comparePivot(int j) {
      return pivot.compareTo(keys.get(sorted[j], b));
    }
  }

  /** Calls {@code action} per winning incident, in key order, and article it cites (once). */
  private void forEachCitation(IntPair action) {
    int[] last = null;
    for (int i = 0; i < sorted.length; i++) {
      int k = sorted[i];
      if (winner[k] == NO_FILE || citeCount[k] == 0 || !isIncident(k)) {
        continue;
      }
      for (int c = citeStart[k]; c < citeStart[k] + citeCount[k]; c++) {
        int a = cites[c];
        if (!citedBefore(k, c, a)) {
          action.apply(k, a);
        }
      }
    }
  }

  /** Whether incident {@code k} cites article {@code a} before position {@code c} already. */
  private boolean citedBefore(int k, int c, int a) {
    for (int p = citeStart[k]; p < c; p++) {
      if (cites[p] == a) {
        return true;
      }
    }
    return false;
  }

  private interface IntPair {
    void apply(int incident, int article);
  }

  /** The ordinal of {@code key}, or -1 when it is not in the table. */
  int find(String key) {
    return keys.find(new BytesRef(key));
  }

  /** The number of keys, held or only cited. */
  int size() {
    return keys.size();
  }

  /** The ordinal of the {@code i}-th key in sorted order (after {@link #freeze}). */
  int sortedOrdinal(int i) {
    return sorted[i];
  }

  /** The key of ordinal {@code k}. */
  String key(int k) {
    BytesRef b = keys.get(k, new BytesRef());
    return new String(b.bytes, b.offset, b.length, UTF_8);
  }

  /** The key of ordinal {@code k} as bytes, in {@code spare}. */
  BytesRef keyBytes(int k, BytesRef spare) {
    return keys.get(k, spare);
  }

  /** Whether ordinal {@code k} is an incident's key. */
  boolean isIncident(int k) {
    BytesRef b = keys.get(k, new BytesRef());
    return b.length >= INCIDENT_PREFIX.length
        && Arrays.equals(
            b.bytes,
            b.offset,
            b.offset + INCIDENT_PREFIX.length,
            INCIDENT_PREFIX.bytes,
            INCIDENT_PREFIX.offset,
            INCIDENT_PREFIX.offset + INCIDENT_PREFIX.length);
  }

  /** The file ordinal that won key {@code k}, or {@link #NO_FILE}. */
  int winner(int k) {
    return winner[k];
  }

  /** Where the winning record of {@code k} is in the spill. */
  long offset(int k) {
    return offset[k];
  }

  /** The uncompressed length of the winning record of {@code k} in the spill. */
  int length(int k) {
    return length[k];
  }

  /** The ordinals of the articles incident {@code k} cites, in its order, repeats included. */
  int[] cited(int k) {
    return Arrays.copyOfRange(cites, citeStart[k], citeStart[k] + citeCount[k]);
  }

  /** The winning incidents citing article {@code k}, in key order (after {@link #freeze}). */
  int[] citing(int k) {
    return Arrays.copyOfRange(citing, citingStart[k], citingStart[k + 1]);
  }
}
