package io.incidentsearch.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The fault taxonomy of one incident: a {@link Classification} for every {@link Category} (empty
 * where the source says nothing). Immutable.
 *
 * @param categories the classification of each category, every category present
 */
public record Taxonomy(Map<Category, Classification> categories) {
  /** A taxonomy with every category empty. */
  public static final Taxonomy EMPTY = new Taxonomy(Map.of());

  /**
   * Copies the map, giving every category absent from it {@link Classification#EMPTY}.
   *
   * @throws NullPointerException when {@code categories} is null
   */
  public Taxonomy {
    EnumMap<Category, Classification> all = new EnumMap<>(Category.class);
    for (Category c : Category.values()) {
      all.put(c, categories.getOrDefault(c, Classification.EMPTY));
    }
    categories = Collections.unmodifiableMap(all);
  }

  /**
   * The classification for {@code category}, never null.
   *
   * @param category a category; not null
   * @return its classification, {@link Classification#EMPTY} when the source says nothing
   */
  public Classification get(Category category) {
    return categories.get(category);
  }

  /**
   * The options chosen for {@code category}, possibly empty.
   *
   * @param category a category; not null
   * @return the chosen options, in source order
   */
  public List<String> options(Category category) {
    return categories.get(category).options();
  }
}
