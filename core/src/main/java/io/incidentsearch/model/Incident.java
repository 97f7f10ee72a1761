package io.incidentsearch.model;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A software-failure incident postmortem.
 *
 * @param id the FAIL incident id (a page's file stem)
 * @param title the incident title
 * @param published the published date, or null when the source has none
 * @param summary the summary, or null when the source has none
 * @param sections the postmortem sections in {@link Section} order, each a list of items (an item's
 *     text as the source gives it, citations included); every section is present, empty where the
 *     source has none
 * @param taxonomy the fault taxonomy
 * @param articleIds the ids of the cited articles, in order of first citation, each once
 * @param source the file the incident was read from, or null
 */
public record Incident(
    String id,
    String title,
    LocalDate published,
    String summary,
    Map<Section, List<String>> sections,
    Taxonomy taxonomy,
    List<String> articleIds,
    Path source)
    implements Record {

  /**
   * Checks the id and normalises the rest: a null title becomes empty, a null taxonomy {@link
   * Taxonomy#EMPTY}; every section is present (empty when absent from {@code sections}); article
   * ids lose their repeats.
   *
   * @throws NullPointerException when {@code id}, {@code sections} or {@code articleIds} is null
   */
  public Incident {
    Objects.requireNonNull(id, "id");
    title = Objects.requireNonNullElse(title, "");
    EnumMap<Section, List<String>> all = new EnumMap<>(Section.class);
    for (Section s : Section.values()) {
      all.put(s, List.copyOf(sections.getOrDefault(s, List.of())));
    }
    sections = Collections.unmodifiableMap(all);
    taxonomy = Objects.requireNonNullElse(taxonomy, Taxonomy.EMPTY);
    articleIds = List.copyOf(articleIds.stream().distinct().toList());
  }

  @Override
  public RecordType type() {
    return RecordType.INCIDENT;
  }

  @Override
  public Optional<LocalDate> publishedDate() {
    return Optional.ofNullable(published);
  }

  /**
   * The summary, if the source has one.
   *
   * @return {@link #summary()}, empty when null
   */
  public Optional<String> summaryText() {
    return Optional.ofNullable(summary);
  }

  /**
   * The items of {@code section}, possibly empty.
   *
   * @param section a section; not null
   * @return the section's items, in source order, unmodifiable
   */
  public List<String> items(Section section) {
    return sections.get(section);
  }

  /**
   * A copy with another source file.
   *
   * @param newSource the file the incident was read from, or null
   * @return the new incident; this one is unchanged
   */
  public Incident withSource(Path newSource) {
    return new Incident(id, title, published, summary, sections, taxonomy, articleIds, newSource);
  }
}
