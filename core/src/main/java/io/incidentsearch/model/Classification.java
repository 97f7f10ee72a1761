package io.incidentsearch.model;

import java.util.List;
import java.util.Objects;

/**
 * One taxonomy category's classification of an incident: the chosen options (normalised, in the
 * order given, without duplicates) and the rationale text (empty when there is none).
 *
 * @param options the chosen options, normally as {@link Category#normalizeOption} gives them
 *     (stored as given, repeats dropped)
 * @param rationale why they were chosen, as the source words it; empty when there is none
 */
public record Classification(List<String> options, String rationale) {
  /** A classification with no options and no rationale: the page says nothing. */
  public static final Classification EMPTY = new Classification(List.of(), "");

  /**
   * Copies the options without repeats; a null rationale becomes empty.
   *
   * @throws NullPointerException when {@code options} is null or holds null
   */
  public Classification {
    options = List.copyOf(options.stream().distinct().toList());
    rationale = Objects.requireNonNullElse(rationale, "");
  }

  /**
   * Whether the source says nothing for this category (no option, no rationale).
   *
   * @return true when there is neither an option nor a rationale
   */
  public boolean isEmpty() {
    return options.isEmpty() && rationale.isEmpty();
  }
}
