package io.incidentsearch.model;

import java.util.Locale;

/** The two kinds of record an archive holds. */
public enum RecordType {
  INCIDENT,
  ARTICLE;

  /** The lower-case name used in JSON ({@code incident}, {@code article}) and in ids. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The key of the record of this type with id {@code id}: {@code type:id}. */
  public String keyOf(String id) {
    return keyOf(key(), id);
  }

  /**
   * The key of a record of type {@code typeKey} ({@link #key()}) with id {@code id}: the one
   * definition of the key's form, {@code type:id}.
   */
  public static String keyOf(String typeKey, String id) {
    return typeKey + ":" + id;
  }
}
