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

  /**
   * The record {@code id} names.
   *
   * @throws CommandFailure (usage) when there is no such record, or a bare id names records of both
   *     types
   */
  static Record resolve(IncidentIndex index, String id) throws IOException {
    String s = id.strip();
    int colon = s.indexOf(':');
    if (colon >= 0) {
      String type = s.substring(0, colon).toLowerCase(Locale.ROOT);
      String bare = s.substring(colon + 1).strip();
      RecordType t = typeOf(type);
      if (t == null || bare.isEmpty()) {
        throw new CommandFailure(
            ExitCodes.USAGE,
            "'" + id + "' is not an id; write incident:ID, article:ID or a bare ID",
            null);
      }
      String key = t.key() + ":" + bare;
      return index
          .get(key)
          .orElseThrow(
              () -> new CommandFailure(ExitCodes.USAGE, "no " + key + " in the index", null));
    }
    List<Record> found = new ArrayList<>();
    for (RecordType t : RecordType.values()) {
      Optional<Record> r = index.get(t.key() + ":" + s);
      r.ifPresent(found::add);
    }
    if (found.isEmpty()) {
      throw new CommandFailure(
          ExitCodes.USAGE, "no incident or article with id " + s + " in the index", null);
    }
    if (found.size() > 1) {
      StringBuilder which = new StringBuilder();
      for (Record r : found) {
        which.append(which.length() == 0 ? "" : " or ").append(key(r));
        which.append(" (").append(Human.cut(r.title(), 50)).append(')');
      }
      throw new CommandFailure(ExitCodes.USAGE, "id " + s + " is ambiguous; write " + which, null);
    }
    return found.get(0);
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
