package io.incidentsearch.model;

import java.util.List;
import java.util.Objects;

/**
 * One taxonomy category's classification of an incident: the chosen options (normalised, in the
 * order given, without duplicates) and the rationale text (empty when there is none).
 */
public record Classification(List<String> options, String rationale) {
  /** A classification with no options and no rationale: the page says nothing. */
  public static final Classification EMPTY = new Classification(List.of(), "");

  public Classification {
    options = List.copyOf(options.stream().distinct().toList());
    rationale = Objects.requireNonNullElse(rationale, "");
  }

  /** Whether the source says nothing for this category (no option, no rationale). */
  public boolean isEmpty() {
    return options.isEmpty() && rationale.isEmpty();
  }
}
