package io.incidentsearch.schema;

import io.incidentsearch.model.Category;
import io.incidentsearch.model.Section;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.facet.FacetsConfig;

/**
 * The one place that names every index field, its analysis, its facet dimension and what it is for.
 * Indexing, searching, highlighting and explaining all ask this class; no field name is spelled
 * anywhere else.
 *
 * <p>Two kinds of document live in an index: <em>records</em> ({@link #KIND_RECORD}: one per
 * incident or article) and <em>file entries</em> ({@link #KIND_FILE}: one per input file, with its
 * content hash and the keys of the records it holds, for incremental builds). Every search is
 * restricted to records.
 *
 * <p>Instances are immutable and thread-safe; {@link #get()} returns the shared one.
 */
public final class Schema {
  /** Bumped whenever a change makes older indexes unreadable or wrong; see {@code VERSION_KEY}. */
  public static final int VERSION = 8;

  // ---- commit user data (the build manifest) ----
  /** Commit user data key holding {@link #VERSION}. */
  public static final String VERSION_KEY = "incident-search.schema-version";

  // ---- identity and bookkeeping (exact keywords) ----
  /** Document kind: {@link #KIND_RECORD} or {@link #KIND_FILE}. Keyword, not stored. */
  public static final String KIND = "kind";

  /** {@link #KIND} of incident and article documents. */
  public static final String KIND_RECORD = "record";

  /** {@link #KIND} of the per-input-file bookkeeping documents. */
  public static final String KIND_FILE = "file";

  /**
   * Unique record key {@code <type>:<id>}, e.g. {@code incident:2750}: the update term of a record.
   * Keyword, stored, sorted doc values (ties in ranking are broken by it).
   */
  public static final String KEY = "key";

  /** Record type, {@code incident} or {@code article}. Keyword, stored; also a facet. */
  public static final String TYPE = "type";

  /** Bare FAIL id, e.g. {@code 2750}. Keyword, stored. */
  public static final String ID = "id";

  /** Source file path (absolute, normalised). Keyword, stored; on records and file entries. */
  public static final String FILE = "file";

  /** SHA-256 of the source file's bytes. Keyword, stored; on records and file entries. */
  public static final String FILE_HASH = "file_hash";

  /**
   * On file entries: the keys of every record the file holds (winners and duplicates). Sorted-set
   * doc values only: an incremental build reads every file entry, and doc values are read without
   * decompressing stored-field blocks shared with large records.
   */
  public static final String FILE_KEYS = "file_keys";

  /** On file entries: the path again, as binary doc values (see {@link #FILE_KEYS}). */
  public static final String ENTRY_PATH = "entry_path";

  /** On file entries: the content hash again, as binary doc values (see {@link #FILE_KEYS}). */
  public static final String ENTRY_HASH = "entry_hash";

  /**
   * Every field a file entry has ({@code RecordDocuments.fileEntry}); a term or point of any other
   * field belongs to a record, so a query requiring one needs no {@link #KIND} filter.
   */
  public static final List<String> FILE_ENTRY_FIELDS =
      List.of(KIND, FILE, FILE_HASH, ENTRY_PATH, ENTRY_HASH, FILE_KEYS);

  /**
   * The whole record in the JSON Lines schema. Stored only: {@code get}, rebuilds, export, and the
   * text of snippets and {@code similar} ({@link RecordTexts}).
   */
  public static final String RECORD_JSON = "record_json";

  // ---- English text (IncidentAnalyzer) ----
  /** Incident title or article headline. Text, stored, positions and offsets (highlighting). */
  public static final String TITLE = "title";

  /**
   * The title folded for known-item search ({@link #foldTitle(String)}): a query equal to a title
   * up to case, accents and punctuation finds it with one exact term. Keyword, not stored.
   */
  public static final String TITLE_FOLDED = "title_folded";

  /** The longest folded title kept, in characters; a longer one is cut there, on both sides. */
  public static final int MAX_FOLDED_TITLE = 512;

  /**
   * The record's own text as one field: every value of its title, summary, sections, rationales and
   * article body ({@link RecordTexts}; not publication names, not linked records' text). What bare
   * words are scored on: BM25 over a record's whole page, so a word counts the same wherever in the
   * page it stands, and a title-only record competes with a full postmortem on equal terms. Text
   * with positions (for phrases and the proximity bonus), no offsets (snippets come from the fields
   * it copies), not stored.
   */
  public static final String TEXT = "text";

  /** Incident summary. Text, not stored (the record JSON holds it). */
  public static final String SUMMARY = "summary";

  /** Every taxonomy rationale of an incident (an article: none). Text, not stored. */
  public static final String RATIONALE = "rationale";

  /** Article body. Text, not stored (the record JSON holds it). */
  public static final String BODY = "body";

  /**
   * On incidents: the titles and bodies of the articles it cites, so a word only an article uses
   * still finds the incident (with a low boost). Text, not stored.
   */
  public static final String CITED_TEXT = "cited_text";

  /**
   * On incidents: the headlines of the articles it cites, one value each. A headline is a short,
   * edited statement of what the article (and so the incident) is about, so a match here says more
   * than one in the long {@link #CITED_TEXT}: searching with a news headline finds the incident
   * citing that story. Text, not stored (the article holds it).
   */
  public static final String CITED_TITLE = "cited_title";

  /**
   * On articles: the titles of the incidents citing it, one value each: the mirror of {@link
   * #CITED_TITLE}, so an article is found by what the incidents citing it are about (as it already
   * carries their taxonomy). Text, not stored.
   */
  public static final String CITING_TITLE = "citing_title";

  /**
   * Every word of a record's own text (titles, summary, sections, rationales, article body)
   * lower-cased and folded but neither stemmed nor stop-filtered: the dictionary "did you mean"
   * draws real words from. Terms only (no frequencies, positions), not stored, not searched by
   * queries.
   */
  public static final String SPELL = "spell";

  /**
   * The text fields holding text copied from linked records (not part of the record itself, see
   * {@link RecordTexts}): no snippet is cut from them.
   */
  public static final List<String> LINKED_TEXT_FIELDS =
      List.of(CITED_TITLE, CITED_TEXT, CITING_TITLE);

  /** {@link #ownTextFields()}: every text field of {@link #textFields()} but the linked ones. */
  private static final List<String> OWN_TEXT_FIELDS =
      textFields().stream().filter(f -> !LINKED_TEXT_FIELDS.contains(f)).toList();

  // ---- keywords ----
  /**
   * Article publication name. Text (so {@code publication:techcrunch} works), stored; the exact
   * name is the facet {@link #DIM_PUBLICATION}.
   */
  public static final String PUBLICATION = "publication";

  /**
   * Other names of an article's publication ({@link
   * io.incidentsearch.model.Article#publicationAliases()}), one value each. Text, not stored; the
   * query field {@code publication:} searches it with {@link #PUBLICATION}, and it is never a facet
   * value, so one publisher stays one value of {@link #DIM_PUBLICATION}.
   */
  public static final String PUBLICATION_ALIAS = "publication_alias";

  /** On incidents: ids of cited articles; on articles: ids of citing incidents. Keyword. */
  public static final String LINKED_ID = "linked_id";

  /** Published date as epoch day: points (range filters) and doc values (sorting). Stored. */
  public static final String PUBLISHED = "published";

  // ---- facets (sorted-set doc values, one index field; see facetsConfig()) ----
  /** Facet dimension of the record type. */
  public static final String DIM_TYPE = "type";

  /** Facet dimension of the publication year ({@code 2020}). */
  public static final String DIM_YEAR = "year";

  /** Facet dimension of the article publication. */
  public static final String DIM_PUBLICATION = "publication";

  /**
   * Hierarchical facet dimension rolling the IoT layers up under the cyber-physical classification:
   * paths {@code [layer]} and {@code [layer, option]}, e.g. {@code iot/perception/sensor}; counting
   * at the first level gives incidents per layer.
   */
  public static final String DIM_IOT = "iot";

  /**
   * The facet value and keyword of a category the source says nothing about, distinct from the
   * option {@code unknown} (the source says it is unknown).
   */
  public static final String MISSING = "missing";

  private static final Schema INSTANCE = new Schema();

  private final Analyzer textAnalyzer = new IncidentAnalyzer();
  private final Analyzer keywordAnalyzer = new LowercaseKeywordAnalyzer();
  private final Analyzer spellAnalyzer = new SpellAnalyzer();
  private final Analyzer analyzer;
  private final FacetsConfig facetsConfig;
  private final Map<String, List<String>> queryAliases;

  private Schema() {
    Map<String, Analyzer> perField = new HashMap<>();
    for (String f : keywordFields()) {
      perField.put(f, keywordAnalyzer);
    }
    perField.put(SPELL, spellAnalyzer);
    analyzer = new PerFieldAnalyzerWrapper(textAnalyzer, perField);

    facetsConfig = new FacetsConfig();
    for (Category c : Category.values()) {
      facetsConfig.setMultiValued(categoryField(c), true);
    }
    facetsConfig.setMultiValued(DIM_PUBLICATION, false);
    facetsConfig.setHierarchical(DIM_IOT, true);
    facetsConfig.setMultiValued(DIM_IOT, true);

    Map<String, List<String>> aliases = new LinkedHashMap<>();
    aliases.put("text", List.of(TEXT));
    aliases.put("title", List.of(TITLE));
    aliases.put("summary", List.of(SUMMARY));
    for (Section s : Section.values()) {
      aliases.put(s.key().toLowerCase(java.util.Locale.ROOT), List.of(sectionField(s)));
    }
    aliases.put("system", List.of(sectionField(Section.SYSTEM)));
    aliases.put("timeline", List.of(sectionField(Section.TIMELINE)));
    aliases.put(
        "cause",
        List.of(sectionField(Section.SOFTWARE_CAUSES), sectionField(Section.NON_SOFTWARE_CAUSES)));
    aliases.put("impact", List.of(sectionField(Section.IMPACTS)));
    aliases.put("fix", List.of(sectionField(Section.FIXES)));
    aliases.put("prevention", List.of(sectionField(Section.PREVENTIONS)));
    aliases.put("reference", List.of(sectionField(Section.REFERENCES)));
    aliases.put(
        "organization",
        List.of(
            sectionField(Section.RESPONSIBLE_ORGANIZATION),
            sectionField(Section.IMPACTED_ORGANIZATION)));
    aliases.put("rationale", List.of(RATIONALE));
    aliases.put("article", List.of(CITED_TITLE, CITED_TEXT, BODY));
    aliases.put("body", List.of(BODY));
    aliases.put("publication", List.of(PUBLICATION, PUBLICATION_ALIAS));
    queryAliases = Collections.unmodifiableMap(aliases);
  }

  /** The shared schema. */
  public static Schema get() {
    return INSTANCE;
  }

  /** The text field of a postmortem section: its JSON key, e.g. {@code softwareCauses}. */
  public static String sectionField(Section section) {
    return section.key();
  }

  /**
   * The keyword field and facet dimension of a taxonomy category: its key, e.g. {@code phase}.
   * Values are the normalised options, or {@link #MISSING}.
   */
  public static String categoryField(Category category) {
    return category.key();
  }

  /** Fields analysed as one lower-cased token: ids, types, taxonomy options. */
  public static List<String> keywordFields() {
    List<String> fields = new ArrayList<>(List.of(KIND, KEY, TYPE, ID, LINKED_ID));
    for (Category c : Category.values()) {
      fields.add(categoryField(c));
    }
    return fields;
  }

  /**
   * {@code text} as {@link #TITLE_FOLDED} holds it: its words (standard tokenization, possessives
   * removed, lower case, ASCII folding, no stemming and no stop words) joined by single spaces, cut
   * at {@link #MAX_FOLDED_TITLE} characters; empty when it has no word. So {@code "Apple's Software
   * Glitch..."} and {@code apple software glitch} fold alike.
   */
  public String foldTitle(String text) {
    StringBuilder folded = new StringBuilder();
    try (TokenStream ts = spellAnalyzer.tokenStream(TITLE_FOLDED, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken() && folded.length() < MAX_FOLDED_TITLE) {
        if (!folded.isEmpty()) {
          folded.append(' ');
        }
        folded.append(term);
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // analysing a String does no I/O
    }
    return folded.length() > MAX_FOLDED_TITLE
        ? folded.substring(0, MAX_FOLDED_TITLE)
        : folded.toString();
  }

  /**
   * The fields of a record's own text, which {@link #TEXT} holds together: every English text field
   * but the linked ones.
   */
  public static List<String> ownTextFields() {
    return OWN_TEXT_FIELDS;
  }

  /** English text fields, in the order a snippet is looked for. */
  public static List<String> textFields() {
    List<String> fields = new ArrayList<>(List.of(TITLE, SUMMARY));
    for (Section s : Section.values()) {
      fields.add(sectionField(s));
    }
    fields.addAll(List.of(RATIONALE, BODY, CITED_TITLE, CITED_TEXT, CITING_TITLE));
    return fields;
  }

  /** Every facet dimension, in display order: type, the categories, iot, year, publication. */
  public static List<String> facetDimensions() {
    List<String> dims = new ArrayList<>();
    dims.add(DIM_TYPE);
    for (Category c : Category.values()) {
      dims.add(categoryField(c));
    }
    dims.addAll(List.of(DIM_IOT, DIM_YEAR, DIM_PUBLICATION));
    return dims;
  }

  /** The analyzer for indexing and query parsing: per field, English text or keyword. */
  public Analyzer analyzer() {
    return analyzer;
  }

  /** The English text analysis on its own (e.g. for term extraction). */
  public Analyzer textAnalyzer() {
    return textAnalyzer;
  }

  /** The facet configuration: multi-valued category dims, the hierarchical {@code iot} dim. */
  public FacetsConfig facetsConfig() {
    return facetsConfig;
  }

  /**
   * Field names users may write in queries, each mapped to the index fields it searches: e.g.
   * {@code cause:} searches software and non-software causes. Taxonomy categories ({@code
   * phase:design}), {@code type:}, {@code id:} and {@code published:} are handled as keywords and
   * dates by the query parser and are not listed here.
   */
  public Map<String, List<String>> queryAliases() {
    return queryAliases;
  }

  /** {@code type:id}, the unique key of a record. */
  public static String key(String type, String id) {
    return io.incidentsearch.model.RecordType.keyOf(type, id);
  }

  /** Words as written, lower-cased and folded: the spelling dictionary ({@link #SPELL}). */
  private static final class SpellAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      org.apache.lucene.analysis.standard.StandardTokenizer source =
          new org.apache.lucene.analysis.standard.StandardTokenizer();
      org.apache.lucene.analysis.TokenStream result =
          new org.apache.lucene.analysis.en.EnglishPossessiveFilter(source);
      result = new LowerCaseFilter(result);
      result = new org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter(result);
      return new TokenStreamComponents(source, result);
    }

    @Override
    protected org.apache.lucene.analysis.TokenStream normalize(
        String fieldName, org.apache.lucene.analysis.TokenStream in) {
      return new org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter(
          new LowerCaseFilter(in));
    }
  }

  /** One lower-cased token: taxonomy options and ids match case-insensitively. */
  private static final class LowercaseKeywordAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      KeywordTokenizer source = new KeywordTokenizer();
      return new TokenStreamComponents(source, new LowerCaseFilter(source));
    }

    @Override
    protected org.apache.lucene.analysis.TokenStream normalize(
        String fieldName, org.apache.lucene.analysis.TokenStream in) {
      return new LowerCaseFilter(in);
    }
  }
}
