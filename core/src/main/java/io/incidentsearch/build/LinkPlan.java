package io.incidentsearch.build;

import io.incidentsearch.formats.JsonLines;
import io.incidentsearch.model.Article;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.schema.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.lucene.util.BytesRef;

/**
 * Stage 4 of a build: which documents to write. Each touched key is added, updated, deleted, or
 * rewritten (the same record from a changed file: only its file hash changes). An incident document
 * carries the text of the articles it cites and an article document the ids and taxonomy of the
 * incidents citing it, so the neighbours of every added, updated or deleted record are rewritten
 * too (relinked): the articles an incident cited before and cites now, the incidents citing an
 * article. One hop is enough: a neighbour's own data, which its neighbours copy, did not change.
 * Against an empty index every key is added and every neighbour is added already.
 */
final class LinkPlan {
  private final BitSet write; // touched or cited key ordinals to write
  private final List<String> relinkOutside; // untouched keys, sorted by their UTF-8 bytes
  private final int added;
  private final int updated;
  private final int deleted;

  private LinkPlan(BitSet write, List<String> relinkOutside, int added, int updated, int deleted) {
    this.write = write;
    this.relinkOutside = relinkOutside;
    this.added = added;
    this.updated = updated;
    this.deleted = deleted;
  }

  static LinkPlan of(Resolution res, IndexBefore before) throws IOException {
    KeyTable table = res.table();
    BitSet changed = new BitSet(table.size());
    BitSet rewrite = new BitSet(table.size());
    int added = 0;
    int updated = 0;
    int deleted = 0;
    for (int k = 0; k < table.size(); k++) {
      if (!table.touched(k) || res.keptAsIndexed(k)) {
        continue;
      }
      Optional<IndexBefore.Stored> old =
          before.isEmpty() ? Optional.empty() : before.stored(table.key(k));
      boolean now = table.hasRecord(k);
      if (!now) {
        if (old.isPresent()) {
          deleted++;
          changed.set(k);
        }
      } else if (old.isEmpty()) {
        added++;
        changed.set(k);
      } else if (sameContent(old.get(), res, k)) {
        rewrite.set(k);
      } else {
        updated++;
        changed.set(k);
      }
    }
    BitSet relinkInside = new BitSet(table.size());
    TreeSet<String> relinkOutside = new TreeSet<>(Comparator.comparing(BytesRef::new));
    for (int k = changed.nextSetBit(0); k >= 0; k = changed.nextSetBit(k + 1)) {
      for (String n : neighbours(res, before, k)) {
        int nk = table.find(n);
        if (nk >= 0 && table.touched(nk)) {
          if (table.hasRecord(nk) || res.keptAsIndexed(nk)) {
            relinkInside.set(nk);
          }
        } else if (before.stored(n).isPresent()) {
          relinkOutside.add(n);
        }
      }
    }
    relinkInside.andNot(changed);
    relinkInside.andNot(rewrite);
    BitSet write = new BitSet(table.size());
    write.or(changed);
    write.or(rewrite);
    write.or(relinkInside);
    return new LinkPlan(write, new ArrayList<>(relinkOutside), added, updated, deleted);
  }

  /** The keys whose copied data changes with touched key {@code k}. */
  private static List<String> neighbours(Resolution res, IndexBefore before, int k)
      throws IOException {
    KeyTable table = res.table();
    String key = table.key(k);
    List<String> out = new ArrayList<>();
    if (table.isIncident(k)) {
      before.stored(key).ifPresent(s -> s.linkedIds().forEach(a -> out.add(articleKey(a))));
      for (int a : table.cited(k)) {
        out.add(table.key(a));
      }
    } else {
      out.addAll(before.citing(key.substring(key.indexOf(':') + 1)));
    }
    return out;
  }

  private static boolean sameContent(IndexBefore.Stored old, Resolution res, int k) {
    if (!old.file().equals(res.files().path(res.table().winner(k)).toString())) {
      return false;
    }
    Record now = res.recordAfter(k).orElseThrow();
    return JsonLines.toJson(comparable(old.record())).equals(JsonLines.toJson(comparable(now)));
  }

  /** A record as compared between builds: no source, and no links an article gets from others. */
  private static Record comparable(Record r) {
    return switch (r) {
      case Incident i -> i.withSource(null);
      case Article a -> a.withSource(null).withIncidentIds(List.of());
    };
  }

  private static String articleKey(String id) {
    return Schema.key(RecordType.ARTICLE.key(), id);
  }

  /**
   * The keys to write, in key order (by UTF-8 bytes): table ordinals as {@code k}, untouched keys
   * to relink as {@code -1 - i} for the {@code i}-th of {@link #relinkOutside}.
   */
  int[] writeOrder(KeyTable table) {
    int[] out = new int[write.cardinality() + relinkOutside.size()];
    BytesRef[] outside = new BytesRef[relinkOutside.size()];
    for (int i = 0; i < outside.length; i++) {
      outside[i] = new BytesRef(relinkOutside.get(i));
    }
    int n = 0;
    int o = 0;
    BytesRef a = new BytesRef();
    for (int i = 0; i < table.size(); i++) {
      int k = table.sortedOrdinal(i);
      if (!write.get(k)) {
        continue;
      }
      BytesRef key = table.keyBytes(k, a);
      while (o < outside.length && outside[o].compareTo(key) < 0) {
        out[n++] = -1 - o++;
      }
      out[n++] = k;
    }
    while (o < relinkOutside.size()) {
      out[n++] = -1 - o++;
    }
    return out;
  }

  /** The {@code i}-th untouched key to relink. */
  String relinkOutside(int i) {
    return relinkOutside.get(i);
  }

  int added() {
    return added;
  }

  int updated() {
    return updated;
  }

  int deleted() {
    return deleted;
  }
}
