package io.incidentsearch.model;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/** A record of an archive: an {@link Incident} postmortem or a news {@link Article}. */
public sealed interface Record permits Incident, Article {
  /**
   * The FAIL id (the file stem for text pages), unique within its type.
   *
   * @return the id, never null
   */
  String id();

  /**
   * The record's type.
   *
   * @return {@link RecordType#INCIDENT} or {@link RecordType#ARTICLE}
   */
  RecordType type();

  /**
   * The record's key, {@code type:id} (e.g. {@code incident:2750}): unique in an archive and an
   * index, and what {@code IncidentIndex.get} takes.
   *
   * @return the key
   */
  default String key() {
    return type().keyOf(id());
  }

  /**
   * The title (an article's headline without its publication suffix).
   *
   * @return the title, empty when the source has none
   */
  String title();

  /**
   * The published date, if the source gives one.
   *
   * @return the date, or empty
   */
  Optional<LocalDate> publishedDate();

  /**
   * The file the record was read from (null for records built in code).
   *
   * @return the file (for a JSON Lines record, the one its {@code source} names), or null
   */
  Path source();
}
