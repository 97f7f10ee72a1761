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
}
