package io.incidentsearch.tool;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.model.Record;
import io.incidentsearch.model.RecordType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the record ids users type: the key form {@code incident:2750} / {@code article:96761}, or a
 * bare {@code 2750} when only one type has that id.
 */
final class RecordIds {
  private RecordIds() {}

  /** What an id names: a record, or why none. */
  sealed interface Lookup {}

  /** The record the id names. */
  record Found(Record record) implements Lookup {}

  /** The id is not written as an id. */
  record Malformed(String message) implements Lookup {}

  /** No record has the id. */
  record Missing(String message) implements Lookup {}

  /** A bare id both types have. */
  record Ambiguous(String message) implements Lookup {}

  /**
   * The record {@code id} names.
   *
   * @throws CommandFailure (usage) when there is no such record, or a bare id names records of both
   *     types
   */
  static Record resolve(IncidentIndex index, String id) throws IOException {
    return switch (lookup(index, id)) {
      case Found f -> f.record();
      case Malformed m -> throw new CommandFailure(ExitCodes.USAGE, m.message(), null);
      case Missing m -> throw new CommandFailure(ExitCodes.USAGE, m.message(), null);
      case Ambiguous a -> throw new CommandFailure(ExitCodes.USAGE, a.message(), null);
    };
  }

  /** What {@code id} (a key or a bare id) names in {@code index}. */
  static Lookup lookup(IncidentIndex index, String id) throws IOException {
    String s = id.strip();
    int colon = s.indexOf(':');
    if (colon >= 0) {
      String type = s.substring(0, colon).toLowerCase(Locale.ROOT);
      String bare = s.substring(colon + 1).strip();
      RecordType t = typeOf(type);
      if (t == null || bare.isEmpty()) {
        return new Malformed(
            "'" + id + "' is not an id; write incident:ID, article:ID or a bare ID");
      }
      String key = t.key() + ":" + bare;
      Optional<Record> r = index.get(key);
      return r.<Lookup>map(Found::new).orElseGet(() -> new Missing("no " + key + " in the index"));
    }
    if (s.isEmpty()) {
      return new Malformed("an id is needed: incident:ID, article:ID or a bare ID");
    }
    List<Record> found = new ArrayList<>();
    for (RecordType t : RecordType.values()) {
      Optional<Record> r = index.get(t.key() + ":" + s);
      r.ifPresent(found::add);
    }
    if (found.isEmpty()) {
      return new Missing("no incident or article with id " + s + " in the index");
    }
    if (found.size() > 1) {
      StringBuilder which = new StringBuilder();
      for (Record r : found) {
        which.append(which.length() == 0 ? "" : " or ").append(key(r));
        which.append(" (").append(Human.cut(r.title(), 50)).append(')');
      }
      return new Ambiguous("id " + s + " is ambiguous; write " + which);
    }
    return new Found(found.get(0));
  }

  /** {@code incident:2750}. */
  static String key(Record r) {
    return r.type().key() + ":" + r.id();
  }

  private static RecordType typeOf(String key) {
    for (RecordType t : RecordType.values()) {
      if (t.key().equals(key)) {
        return t;
      }
    }
    return null;
  }
}
