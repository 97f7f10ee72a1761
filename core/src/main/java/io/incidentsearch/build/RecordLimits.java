package io.incidentsearch.build;

import io.incidentsearch.model.Article;
import io.incidentsearch.model.Category;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import java.util.Locale;
import java.util.Optional;

/**
 * What a record must respect to be indexed: the values that become single terms (ids, cited ids,
 * publications, taxonomy options) must fit Lucene's 32,766-byte term limit. A record over it is
 * skipped with an error naming it, instead of failing the whole build (as a CSV cell or a JSON
 * value of 40,000 characters in an id column would). The limit is in characters, far above real ids
 * and options, and low enough that any text (at most 3 bytes a character here) fits.
 */
final class RecordLimits {
  /** The most characters a single-term value may have. */
  static final int MAX_TERM_CHARS = 4096;

  private RecordLimits() {}

  /** Why {@code record} cannot be indexed, or empty when it can. */
  static Optional<String> problem(Record record) {
    String what = null;
    int length = 0;
    if (record.id().length() > MAX_TERM_CHARS) {
      what = "its id";
      length = record.id().length();
    } else if (record instanceof Incident i) {
      for (String a : i.articleIds()) {
        if (a.length() > MAX_TERM_CHARS) {
          what = "a cited article id";
          length = a.length();
        }
      }
      for (Category c : Category.values()) {
        for (String option : i.taxonomy().options(c)) {
          if (option.length() > MAX_TERM_CHARS) {
            what = "its " + c.label() + " option";
            length = option.length();
          }
        }
      }
    } else if (record instanceof Article a
        && a.publication() != null
        && a.publication().length() > MAX_TERM_CHARS) {
      what = "its publication";
      length = a.publication().length();
    }
    if (what == null) {
      return Optional.empty();
    }
    String id = record.id().length() > 40 ? record.id().substring(0, 40) + "..." : record.id();
    return Optional.of(
        String.format(
            Locale.ROOT,
            "%s %s is not indexed: %s is %,d characters long, over the %,d allowed for ids, cited"
                + " ids, publications and taxonomy options; shorten it in this file",
            record.type().key(),
            id,
            what,
            length,
            MAX_TERM_CHARS));
  }
}
