package io.incidentsearch.search;

import io.incidentsearch.model.Section;
import io.incidentsearch.schema.Schema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How bare query words are scored: which fields they search with what boosts, and the bonus for
 * records where consecutive query words stand close together. {@link #DEFAULT} is what every search
 * uses; the other named stages reproduce the rows of {@code src/docs/RELEVANCE.md} ({@code
 * index-tool eval --ranking NAME}). Immutable.
 *
 * @param name the stage name
 * @param fieldBoosts the fields bare words search, with their boosts
 * @param proximityBoost the weight of the proximity bonus (0: none)
 * @param proximitySlop how many positions apart two consecutive query words may stand (in either
 *     order) to earn the bonus
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

  /**
   * Two consecutive query words within 3 positions of each other (in either order: "phone numbers"
   * also rewards "numbers of phones") in a title or running text earn a bonus of weight 1 per
   * field: a pasted headline or a multi-word phrase then ranks records that say the same thing
   * above records that merely use the same words far apart.
   */
  private static final float PROXIMITY_BOOST = 1.0f;

  private static final int PROXIMITY_SLOP = 3;

  /** Stage 1: the field boosts before any measurement (title 4, summary 2). */
  private static final Ranking FIELDS = new Ranking("fields", initialBoosts(), 0f, 0, Map.of());

  /** Stage 2: title and summary boosts halved, the linked headlines not yet searched. */
  private static final Ranking BOOSTS =
      new Ranking("boosts", withoutLinks(Schema.get().defaultFieldBoosts()), 0f, 0, Map.of());

  /** Stage 3: with the proximity bonus. */
  private static final Ranking PROXIMITY =
      new Ranking(
          "proximity",
          withoutLinks(Schema.get().defaultFieldBoosts()),
          PROXIMITY_BOOST,
          PROXIMITY_SLOP,
          withoutLinks(defaultProximityFields()));

  /**
   * The ranking of every search: {@link Schema#defaultFieldBoosts()} (linked records' headlines
   * included) and the proximity bonus.
   */
  public static final Ranking DEFAULT =
      new Ranking(
          "default",
          Schema.get().defaultFieldBoosts(),
          PROXIMITY_BOOST,
          PROXIMITY_SLOP,
          defaultProximityFields());

  private static final List<Ranking> STAGES = List.of(FIELDS, BOOSTS, PROXIMITY, DEFAULT);

  /** The names of the stages, in the order they were added, {@code default} last. */
  public static List<String> names() {
    return STAGES.stream().map(Ranking::name).toList();
  }

  /** The stage called {@code name}. */
  public static Optional<Ranking> named(String name) {
    return STAGES.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** Titles and running text; not sections (short items) nor rationales. */
  private static Map<String, Float> defaultProximityFields() {
    Map<String, Float> m = new LinkedHashMap<>();
    for (String f :
        List.of(
            Schema.TITLE,
            Schema.SUMMARY,
            Schema.BODY,
            Schema.CITED_TITLE,
            Schema.CITED_TEXT,
            Schema.CITING_TITLE)) {
      m.put(f, 1.0f);
    }
    return m;
  }

  private static Map<String, Float> withoutLinks(Map<String, Float> fields) {
    Map<String, Float> m = new LinkedHashMap<>(fields);
    m.remove(Schema.CITED_TITLE);
    m.remove(Schema.CITING_TITLE);
    return m;
  }

  private static Map<String, Float> initialBoosts() {
    Map<String, Float> m = new LinkedHashMap<>();
    m.put(Schema.TITLE, 4.0f);
    m.put(Schema.SUMMARY, 2.0f);
    for (Section s : Section.values()) {
      m.put(Schema.sectionField(s), 1.0f);
    }
    m.put(Schema.RATIONALE, 0.5f);
    m.put(Schema.BODY, 1.0f);
    m.put(Schema.CITED_TEXT, 0.3f);
    return m;
  }
}
