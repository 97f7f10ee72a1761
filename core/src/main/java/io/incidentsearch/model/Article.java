package io.incidentsearch.model;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A news article cited by incident postmortems.
 *
 * @param id the FAIL article id (a page's file stem)
 * @param title the headline without the publication suffix
 * @param publication the publication's name, or null when unknown
 * @param url the article's address, or null when unknown
 * @param published the published date, or null when unknown
 * @param body the article text, paragraphs separated by blank lines
 * @param incidentIds the ids of incidents that cite this article, each once
 * @param source the file the article was read from, or null
 * @param publicationAliases other names of the publication (a news archive's source line {@code The
 *     Wall Street Journal*Wall Street Journal} gives {@code Wall Street Journal}), each once, none
 *     equal to the publication; searchable, never a facet value
 */
public record Article(
    String id,
    String title,
    String publication,
    String url,
    LocalDate published,
    String body,
    List<String> incidentIds,
    Path source,
    List<String> publicationAliases)
    implements Record {

  /**
   * Checks the id and normalises the rest: a null title or body becomes empty; incident ids and
   * aliases lose their repeats; blank aliases and aliases equal to the publication are dropped.
   *
   * @throws NullPointerException when {@code id} or {@code incidentIds} is null
   */
  public Article {
    Objects.requireNonNull(id, "id");
    title = Objects.requireNonNullElse(title, "");
    body = Objects.requireNonNullElse(body, "");
    incidentIds = List.copyOf(incidentIds.stream().distinct().toList());
    String name = publication;
    publicationAliases =
        publicationAliases == null
            ? List.of()
            : List.copyOf(
                publicationAliases.stream()
                    .filter(a -> a != null && !a.isBlank() && !a.equals(name))
                    .distinct()
                    .toList());
  }

  /**
   * An article whose publication has no other name.
   *
   * @param id the FAIL article id (a page's file stem); not null
   * @param title the headline without the publication suffix; null means empty
   * @param publication the publication's name, or null when unknown
   * @param url the article's address, or null when unknown
   * @param published the published date, or null when unknown
   * @param body the article text, paragraphs separated by blank lines; null means empty
   * @param incidentIds the ids of incidents that cite this article (repeats are dropped); not null
   * @param source the file the article was read from, or null
   */
  public Article(
      String id,
      String title,
      String publication,
      String url,
      LocalDate published,
      String body,
      List<String> incidentIds,
      Path source) {
    this(id, title, publication, url, published, body, incidentIds, source, List.of());
  }

  @Override
  public RecordType type() {
    return RecordType.ARTICLE;
  }

  @Override
  public Optional<LocalDate> publishedDate() {
    return Optional.ofNullable(published);
  }

  /**
   * A copy linked to other incidents.
   *
   * @param ids the ids of the incidents that cite the article, replacing {@link #incidentIds()}
   *     (repeats are dropped); not null
   * @return the new article; this one is unchanged
   */
  public Article withIncidentIds(List<String> ids) {
    return new Article(
        id, title, publication, url, published, body, ids, source, publicationAliases);
  }

  /**
   * A copy with another source file.
   *
   * @param newSource the file the article was read from, or null
   * @return the new article; this one is unchanged
   */
  public Article withSource(Path newSource) {
    return new Article(
        id, title, publication, url, published, body, incidentIds, newSource, publicationAliases);
  }
}
