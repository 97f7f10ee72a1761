package io.incidentsearch.model;

import java.util.Locale;

/** The two kinds of record an archive holds. */
public enum RecordType {
  /** A software-failure incident postmortem: an {@link Incident}. */
  INCIDENT,
  /** A news article cited by incidents: an {@link Article}. */
  ARTICLE;

  /**
   * The lower-case name used in JSON ({@code incident}, {@code article}) and in ids.
   *
   * @return {@code incident} or {@code article}
   */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The key of the record of this type with id {@code id}: {@code type:id}.
   *
   * @param id the record's id, as {@link Record#id()} gives it
   * @return the key, e.g. {@code incident:2750}
   */
  public String keyOf(String id) {
    return keyOf(key(), id);
  }

  /**
   * The key of a record of type {@code typeKey} ({@link #key()}) with id {@code id}: the one
   * definition of the key's form, {@code type:id}.
   *
   * @param typeKey a type key, {@code incident} or {@code article} (not checked)
   * @param id the record's id
   * @return {@code typeKey:id}
   */
  public static String keyOf(String typeKey, String id) {
    return typeKey + ":" + id;
  }
}
