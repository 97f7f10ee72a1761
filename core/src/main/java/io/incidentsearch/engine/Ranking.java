package io.incidentsearch.engine;

import io.incidentsearch.schema.Schema;
import io.incidentsearch.search.SearchRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How bare query words are scored. {@link #DEFAULT} is what every search uses; the other named
 * stages reproduce the rows of {@code src/docs/RELEVANCE.md} ({@code index-tool eval --ranking
 * NAME}). Immutable.
 *
 * <p>A bare word is scored by BM25 over the record's own text read as one field ({@code ownFields}:
 * the page field {@link Schema#TEXT}; several fields would be read as one by BM25F, Lucene's {@link
 * org.apache.lucene.search.CombinedFieldQuery}). So a record is not rewarded for spreading a word
 * over many fields, and a title-only record competes with a full page on equal terms. The text a
 * record borrows from linked records ({@code linkedFields}: cited articles' text on incidents,
 * citing incidents' titles on articles; no record has both) is scored field by field and added with
 * {@code linkedWeight}: evidence about the record, weaker than its own words, and absent for the
 * many records that link to nothing.
 *
 * @param name the stage name
 * @param ownFields the fields of the record's own text, each with its BM25F weight (1 or more)
 * @param linkedFields the fields of linked records' text, each with its boost
 * @param linkedWeight the weight of the linked-text score against the own-text score (0: linked
 *     text is not searched by bare words)
 * @param proximityBoost the weight of the proximity bonus (0: none)
 * @param proximitySlop how many positions apart two consecutive query words may stand (in either
 *     order) to earn the bonus
 * @param proximityFields the fields where closeness counts, each with the boost of its bonus
 * @param knownItem whether a record whose title equals the query (case, accents and punctuation
 *     aside) ranks first, and one whose title contains the whole query as a phrase ranks above
 *     records that merely share words with it
 * @param feedback whether every bare-word query ranked by relevance is expanded by pseudo-relevance
 *     feedback ({@code RelevanceFeedback}: RM3 with its published defaults), as a request with
 *     {@link SearchRequest#feedback()} is
 */
public record Ranking(
    String name,
    Map<String, Float> ownFields,
    Map<String, Float> linkedFields,
    float linkedWeight,
    float proximityBoost,
    int proximitySlop,
    Map<String, Float> proximityFields,
    boolean knownItem,
    boolean feedback) {

  /** Copies the maps and checks the weights. */
  public Ranking {
    Objects.requireNonNull(name, "name");
    ownFields = Collections.unmodifiableMap(new LinkedHashMap<>(ownFields));
    linkedFields = Collections.unmodifiableMap(new LinkedHashMap<>(linkedFields));
    proximityFields = Collections.unmodifiableMap(new LinkedHashMap<>(proximityFields));
    if (ownFields.isEmpty()) {
      throw new IllegalArgumentException("a ranking needs at least one own-text field");
    }
    if (ownFields.values().stream().anyMatch(w -> !(w >= 1f))) {
      throw new IllegalArgumentException("BM25F field weights must be 1 or more: " + ownFields);
    }
    if (!(linkedWeight >= 0) || proximityBoost < 0 || proximitySlop < 0) {
      throw new IllegalArgumentException("weights, boost and slop must be 0 or more");
    }
  }

  /**
   * The fields a bare word searches with per-field boosts where no BM25F form exists (phrases,
   * prefixes, wildcards, fuzzy terms, regular expressions): the own fields with their weights, the
   * linked fields with theirs times {@link #linkedWeight()}.
   */
  public Map<String, Float> fieldBoosts() {
    Map<String, Float> m = new LinkedHashMap<>(ownFields);
    if (linkedWeight > 0) {
      linkedFields.forEach((f, w) -> m.put(f, w * linkedWeight));
    }
    return m;
  }

  /** This ranking under another name, without the proximity bonus (tests, comparisons). */
  public Ranking withoutProximity(String newName) {
    return new Ranking(
        newName, ownFields, linkedFields, linkedWeight, 0f, 0, Map.of(), knownItem, feedback);
  }

  /**
   * Two consecutive query words within 3 positions of each other (in either order: "phone numbers"
   * also rewards "numbers of phones") in a title or running text earn a bonus of weight 1 per
   * field: a pasted headline or a multi-word phrase then ranks records that say the same thing
   * above records that merely use the same words far apart.
   */
  private static final float PROXIMITY_BOOST = 1.0f;

  private static final int PROXIMITY_SLOP = 3;

  /**
   * The weight of linked text against the record's own text: an order of magnitude below, so that a
   * word only cited articles use still finds the incident, below records using it themselves, and
   * linked text never outweighs a record's own words. RELEVANCE.md reports the collections at 0,
   * 0.1, 0.3, 0.5 and 1.
   */
  private static final float LINKED_WEIGHT = 0.1f;

  /** Stage 1: BM25 over the record's own text as one field. */
  private static final Ranking PAGE = stage("page", 0f, false, false, false);

  /** Stage 2: with the linked records' text as a weak second signal. */
  private static final Ranking LINKED = stage("linked", LINKED_WEIGHT, false, false, false);

  /** Stage 3: with the proximity bonus. */
  private static final Ranking PROXIMITY = stage("proximity", LINKED_WEIGHT, true, false, false);

  /** The ranking of every search: stage 3 with known-item search. */
  public static final Ranking DEFAULT = stage("default", LINKED_WEIGHT, true, true, false);

  /**
   * The default with relevance feedback on every search: what a request with {@link
   * SearchRequest#feedback()} gets.
   */
  public static final Ranking FEEDBACK = stage("feedback", LINKED_WEIGHT, true, true, true);

  private static Ranking stage(
      String name, float linkedWeight, boolean proximity, boolean knownItem, boolean feedback) {
    return new Ranking(
        name,
        ownText(),
        linkedWeight > 0 ? linkedText() : Map.of(),
        linkedWeight,
        proximity ? PROXIMITY_BOOST : 0f,
        proximity ? PROXIMITY_SLOP : 0,
        proximity ? proximityText() : Map.of(),
        knownItem,
        feedback);
  }

  private static final List<Ranking> STAGES = List.of(PAGE, LINKED, PROXIMITY, DEFAULT, FEEDBACK);

  /**
   * The names of the stages, in the order they were added: {@code default} is what searches use,
   * {@code feedback} what they use with {@link SearchRequest#feedback()}.
   */
  public static List<String> names() {
    return STAGES.stream().map(Ranking::name).toList();
  }

  /** The stage called {@code name}. */
  public static Optional<Ranking> named(String name) {
    return STAGES.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  /** The record's own text: the page field, which holds all of it. */
  private static Map<String, Float> ownText() {
    return Map.of(Schema.TEXT, 1f);
  }

  /**
   * Text of linked records: the cited articles' headlines and bodies on incidents, the citing
   * incidents' titles on articles (the cited headlines alone, {@link Schema#CITED_TITLE}, are in
   * the cited text already).
   */
  private static Map<String, Float> linkedText() {
    Map<String, Float> m = new LinkedHashMap<>();
    m.put(Schema.CITED_TEXT, 1f);
    m.put(Schema.CITING_TITLE, 1f);
    return m;
  }

  /**
   * Titles and running text, own and linked (not sections, short items, nor rationales): where two
   * query words standing close count. Field by field, so words close in a title count as such.
   */
  private static Map<String, Float> proximityText() {
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
}
