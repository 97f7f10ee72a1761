package io.incidentsearch.search;

import io.incidentsearch.schema.Schema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How bare query words are scored: which fields they search with what boosts, and the bonus
 * for records where consecutive query words stand close together. {@link #DEFAULT} is what
 * every search uses; the other named stages reproduce the rows of {@code
 * src/docs/RELEVANCE.md} ({@code index-tool eval --ranking NAME}). Immutable.
 *
 * @param name the stage name
 * @param fieldBoosts the fields bare words search, with their boosts
 * @param proximityBoost the weight of the proximity bonus (0: none)
 * @param proximitySlop how many positions apart two consecutive query words may stand (in
 *     either order) to earn the bonus
 * @param proximityFields the fields where closeness counts, each with the boost of its bonus
 */
public record Ranking(
    String name,
    Map<String, Float> fieldBoosts,
    float proximityBoost,
    int proximitySlop,
    Map<String, Float> proximityFields) {

  /** Copies the maps. */
  public Ranking {
    Objects.requireNonNull(name, "name");
    fieldBoosts = Collections.unmodifiableMap(new LinkedHashMap<>(fieldBoosts));
    proximityFields = Collections.unmodifiableMap(new LinkedHashMap<>(proximityFields));
    if (proximityBoost < 0 || proximitySlop < 0) {
      throw new IllegalArgumentException("proximity boost and slop must be 0 or more");
    }
  }

  /** The ranking of every search: {@link Schema#defaultFieldBoosts()} and proximity. */
  public static final Ranking DEFAULT =
      new Ranking("default", Schema.get().defaultFieldBoosts(), 0f, 0, Map.of());

  private static final List<Ranking> STAGES = List.of(DEFAULT);

  /** The names of the stages, {@code default} last. */
  public static List<String> names() {
    return STAGES.stream().map(Ranking::name).toList();
  }

  /** The stage called {@code name}. */
  public static Optional<Ranking> named(String name) {
    return STAGES.stream().filter(r -> r.name().equals(name)).findFirst();
  }
}
