package io.incidentsearch.engine;

import io.incidentsearch.model.Category;
import io.incidentsearch.schema.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The field names of the query language and the index fields each stands for: the aliases of {@link
 * Schema#queryAliases()}, the text fields, {@code publication:}, {@code type:}, {@code id:}, {@code
 * key:}, every taxonomy category and {@code published:}; names are case-insensitive. Built once per
 * parser and only read afterwards.
 */
final class QueryFields {
  /** The query field that takes dates; the index field is {@link Schema#PUBLISHED}. */
  static final String DATE_FIELD = Schema.PUBLISHED;

  private final Map<String, List<String>> fieldsByName;
  private final Map<String, Category> categories;

  QueryFields() {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    Schema.get().queryAliases().forEach((name, targets) -> fields.put(lower(name), targets));
    for (String f : Schema.textFields()) {
      fields.putIfAbsent(lower(f), List.of(f));
    }
    fields.putIfAbsent(lower(Schema.PUBLICATION), List.of(Schema.PUBLICATION));
    for (String keyword : List.of(Schema.TYPE, Schema.ID, Schema.KEY)) {
      fields.putIfAbsent(lower(keyword), List.of(keyword));
    }
    categories = new LinkedHashMap<>();
    for (Category c : Category.values()) {
      String f = Schema.categoryField(c);
      fields.putIfAbsent(lower(f), List.of(f));
      categories.put(f, c);
    }
    fields.putIfAbsent(lower(DATE_FIELD), List.of(DATE_FIELD));
    this.fieldsByName = fields;
  }

  /** The field names a query may use, sorted. */
  List<String> names() {
    return List.copyOf(new TreeSet<>(fieldsByName.keySet()));
  }

  /** Whether {@code word} is a field name, in any case. */
  boolean isField(String word) {
    return fieldsByName.containsKey(lower(word));
  }

  /** The index fields the query field {@code name} stands for; null when it is no field name. */
  List<String> targets(String name) {
    return fieldsByName.get(lower(name));
  }

  /** The category whose options index field {@code indexField} holds; null for other fields. */
  Category category(String indexField) {
    return categories.get(indexField);
  }

  /**
   * Whether index fields {@code targets} take a value as one term (a date, a category option, an id
   * or key), so that a phrase slop means nothing to them.
   */
  boolean takesWholeValues(List<String> targets) {
    return targets.contains(DATE_FIELD)
        || categories.containsKey(targets.get(0))
        || targets.contains(Schema.ID)
        || targets.contains(Schema.KEY);
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
