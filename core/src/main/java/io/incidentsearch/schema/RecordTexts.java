package io.incidentsearch.schema;

import io.incidentsearch.model.Article;
import io.incidentsearch.model.Category;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import io.incidentsearch.model.Section;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A record's own text, per text field and in indexing order: what {@link RecordDocuments} indexes,
 * and what search reads back from the stored record (for snippets and {@code similar}) instead of
 * storing the same text a second time in every field. One definition for both, so the offsets the
 * highlighter gets from the postings always fit the text it is given.
 *
 * <p>Text copied from linked records ({@link Schema#LINKED_TEXT_FIELDS}) is not here. Stateless.
 */
public final class RecordTexts {
  private RecordTexts() {}

  /**
   * The text fields of {@code record} that have text, each with its values in order (a field with
   * several values, e.g. a section's items, is indexed as one text with a gap between them).
   */
  public static Map<String, List<String>> of(Record record) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    switch (record) {
      case Incident i -> {
        out.put(Schema.TITLE, List.of(i.title()));
        if (i.summary() != null && !i.summary().isBlank()) {
          out.put(Schema.SUMMARY, List.of(i.summary()));
        }
        for (Section s : Section.values()) {
          if (!i.items(s).isEmpty()) {
            out.put(Schema.sectionField(s), List.copyOf(i.items(s)));
          }
        }
        List<String> rationales = new ArrayList<>();
        for (Category c : Category.values()) {
          String rationale = i.taxonomy().get(c).rationale();
          if (!rationale.isBlank()) {
            rationales.add(rationale);
          }
        }
        if (!rationales.isEmpty()) {
          out.put(Schema.RATIONALE, List.copyOf(rationales));
        }
      }
      case Article a -> {
        out.put(Schema.TITLE, List.of(a.title()));
        out.put(Schema.BODY, List.of(a.body()));
        if (a.publication() != null && !a.publication().isBlank()) {
          out.put(Schema.PUBLICATION, List.of(a.publication()));
        }
        if (!a.publicationAliases().isEmpty()) {
          out.put(Schema.PUBLICATION_ALIAS, a.publicationAliases());
        }
      }
    }
    return Collections.unmodifiableMap(out);
  }
}
