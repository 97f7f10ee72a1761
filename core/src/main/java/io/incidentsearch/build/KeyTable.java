package io.incidentsearch.build;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.incidentsearch.model.RecordType;
import io.incidentsearch.schema.Schema;
import java.util.Arrays;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefHash;

/**
 * The records of a build from scratch, by key: for each key the file that wins it (the first in
 * path order to hold it), where its record is in the {@link RecordSpill}, and, for an incident, the
 * keys of the articles it cites. A key is known by its ordinal.
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

  private final BytesRefHash keys = new BytesRefHash();
  private int[] winner = new int[0];
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
   * Notes that file {@code file} (an ordinal of the {@link FileTable}, files coming in order) holds
   * the record of {@code ref}.
   *
   * @return whether this is the key's first holder, which wins it; a later copy (in a later file or
   *     again in the same one) is ignored
   */
  boolean hold(RecordSpill.Ref ref, int file) {
    int k = ordinal(ref.key());
    if (winner[k] == NO_FILE) {
      winner[k] = file;
      offset[k] = ref.offset();
      length[k] = ref.length();
      citeStart[k] = citeSize;
      citeCount[k] = ref.articleIds().size();
      for (String a : ref.articleIds()) {
        int ak = ordinal(Schema.key(RecordType.ARTICLE.key(), a));
        cites = ArrayUtil.grow(cites, citeSize + 1);
        cites[citeSize++] = ak;
      }
      return true;
    }
    return false;
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
      offset = Arrays.copyOf(offset, size);
      length = Arrays.copyOf(length, size);
      citeStart = Arrays.copyOf(citeStart, size);
      citeCount = Arrays.copyOf(citeCount, size);
    }
    return k;
  }

  /**
   * Ends filling: sorts the keys (by their UTF-8 bytes) and lists, for each article, the incidents
   * citing it, each once and in key order.
   */
  void freeze() {
    int n = keys.size();
    // The hash can no longer add or find after sort(); ordinals and get() stay valid. Its
    // array is the hash table's: only the first n entries are ordinals.
    sorted = ArrayUtil.copyOfSubArray(keys.sort(), 0, n);
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

  /** The ordinal of {@code key}, or -1 when it is not in the table; before {@link #freeze} only. */
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
