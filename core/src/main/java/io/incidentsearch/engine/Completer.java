package io.incidentsearch.engine;

import io.incidentsearch.model.Category;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.schema.IndexQueries;
import io.incidentsearch.schema.Schema;
import io.incidentsearch.search.Completion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.util.BytesRef;

/**
 * Autocomplete for search boxes: record titles and taxonomy options that start with, or have a word
 * starting with, what the user typed (case and accents ignored: {@code twit}, {@code Phone Num},
 * {@code huma} for {@code human_actions}).
 *
 * <p>The candidates are read from the index once per index reader (every title and every option
 * with its record count; a few hundred kilobytes for ten thousand records) and kept as an immutable
 * list, rebuilt when a build or refresh hands out a new reader. Lookups scan that list: linear, but
 * a string comparison per candidate, well under a millisecond at FAIL's scale, and no side index
 * whose life must be tied to the main one. Thread-safe.
 */
public final class Completer {
  private final SearcherManager manager;
  private final Object lock = new Object();
  private volatile Snapshot snapshot;

  /** The candidates of one reader. */
  private record Snapshot(IndexReader.CacheKey key, List<Candidate> candidates) {}

  /** A completion with its normalised text. */
  private record Candidate(Completion completion, String normal) {}

  /**
   * Completions over the index {@code manager} opens.
   *
   * @param manager owned by the caller, who refreshes and closes it
   */
  public Completer(SearcherManager manager) {
    this.manager = manager;
  }

  /**
   * Up to {@code limit} completions of {@code prefix}: those whose text starts with it first, then
   * those with a later word starting with it; options before titles, incidents before articles,
   * then by record count and text. A blank prefix gives none.
   *
   * @throws UncheckedIOException when the index cannot be read
   */
  public List<Completion> complete(String prefix, int limit) {
    if (prefix == null || prefix.isBlank() || limit <= 0) {
      return List.of();
    }
    String p = normalize(prefix.stripLeading());
    if (p.isBlank()) {
      return List.of();
    }
    List<Candidate> all = candidates();
    List<Candidate> starts = new ArrayList<>();
    List<Candidate> inside = new ArrayList<>();
    for (Candidate c : all) {
      if (c.normal().startsWith(p)) {
        starts.add(c);
      } else if (wordStartsWith(c.normal(), p)) {
        inside.add(c);
      }
    }
    Comparator<Candidate> order =
        Comparator.comparingInt((Candidate c) -> rank(c.completion().kind()))
            .thenComparing(
                Comparator.comparingInt((Candidate c) -> c.completion().count()).reversed())
            .thenComparing(Candidate::normal);
    starts.sort(order);
    inside.sort(order);
    List<Completion> out = new ArrayList<>();
    for (List<Candidate> group : List.of(starts, inside)) {
      for (Candidate c : group) {
        if (out.size() == limit) {
          return out;
        }
        out.add(c.completion());
      }
    }
    return out;
  }

  /** Options (short, filter at once) before incident titles before article headlines. */
  private static int rank(Completion.Kind kind) {
    return switch (kind) {
      case OPTION -> 0;
      case INCIDENT_TITLE -> 1;
      case ARTICLE_TITLE -> 2;
    };
  }

  private static boolean wordStartsWith(String text, String p) {
    for (int i = text.indexOf(p, 1); i > 0; i = text.indexOf(p, i + 1)) {
      if (!Character.isLetterOrDigit(text.charAt(i - 1))) {
        return true;
      }
    }
    return false;
  }

  /** Lower case, accents folded, option underscores as spaces. */
  private static String normalize(String s) {
    BytesRef b = Schema.get().analyzer().normalize(Schema.SPELL, s);
    return b.utf8ToString().replace('_', ' ');
  }

  private List<Candidate> candidates() {
    return Searchers.with(
        manager,
        s -> {
          IndexReader reader = s.getIndexReader();
          IndexReader.CacheKey key =
              reader.getReaderCacheHelper() == null ? null : reader.getReaderCacheHelper().getKey();
          Snapshot current = snapshot;
          if (current != null && key != null && current.key() == key) {
            return current.candidates();
          }
          synchronized (lock) {
            current = snapshot;
            if (current == null || key == null || current.key() != key) {
              current = new Snapshot(key, load(s));
              snapshot = current;
            }
            return current.candidates();
          }
        });
  }

  private static List<Candidate> load(IndexSearcher s) throws IOException {
    List<Candidate> out = new ArrayList<>();
    IndexReader reader = s.getIndexReader();
    for (Category c : Category.values()) {
      Terms terms = MultiTerms.getTerms(reader, Schema.categoryField(c));
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
      for (BytesRef t = te.next(); t != null; t = te.next()) {
        String option = t.utf8ToString();
        if (!option.equals(Schema.MISSING)) {
          out.add(
              new Candidate(
                  new Completion(option, Completion.Kind.OPTION, null, c.key(), te.docFreq()),
                  normalize(option)));
        }
      }
    }
    int[] all = IndexQueries.matchingDocs(s, IndexQueries.ALL_RECORDS);
    StoredFields stored = s.storedFields();
    Set<String> seen = new HashSet<>();
    Set<String> fields = Set.of(Schema.TITLE, Schema.KEY, Schema.TYPE);
    for (int doc : all) {
      Document d = stored.document(doc, fields);
      String title = d.get(Schema.TITLE);
      if (title == null || title.isBlank()) {
        continue;
      }
      Completion.Kind kind =
          RecordType.ARTICLE.key().equals(d.get(Schema.TYPE))
              ? Completion.Kind.ARTICLE_TITLE
              : Completion.Kind.INCIDENT_TITLE;
      String normal = normalize(title.strip());
      if (seen.add(kind + normal)) { // one proposal per distinct headline
        out.add(
            new Candidate(new Completion(title.strip(), kind, d.get(Schema.KEY), null, 1), normal));
      }
    }
    return List.copyOf(out);
  }
}
