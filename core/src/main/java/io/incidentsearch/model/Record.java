package io.incidentsearch.model;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/** A record of an archive: an {@link Incident} postmortem or a news {@link Article}. */
public sealed interface Record permits Incident, Article {
  /** The FAIL id (the file stem for text pages), unique within its type. */
  String id();

  /** The record's type. */
  RecordType type();

  /**
   * The record's key, {@code type:id} (e.g. {@code incident:2750}): unique in an archive and an
   * index, and what {@code IncidentIndex.get} takes.
   */
  default String key() {
    return type().keyOf(id());
  }

  /** The title (an article's headline without its publication suffix). */
  String title();

  /** The published date, if the source gives one. */
  Optional<LocalDate> publishedDate();

  /** The file the record was read from (null for records built in code). */
  Path source();
}
