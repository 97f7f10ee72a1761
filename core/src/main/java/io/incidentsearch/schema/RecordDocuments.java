package io.incidentsearch.schema;

import io.incidentsearch.formats.JsonLines;
import io.incidentsearch.model.Article;
import io.incidentsearch.model.Category;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import io.incidentsearch.model.RecordType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;

/**
 * Turns records into Lucene documents following {@link Schema}. The only code that adds fields to
 * record documents; thread-safe and stateless.
 */
public final class RecordDocuments {
  /**
   * Text with positions and offsets in the postings: phrase queries, and highlighting without
   * re-analysis. Stored, so snippets can be cut from it.
   */
  private static final FieldType STORED_TEXT = new FieldType(TextField.TYPE_STORED);

  /** Like {@link #STORED_TEXT} but not stored (text stored in the record JSON or elsewhere). */
  private static final FieldType UNSTORED_TEXT = new FieldType(TextField.TYPE_NOT_STORED);

  /** The whole own text ({@link Schema#TEXT}): positions, no offsets, not stored. */
  private static final FieldType PAGE_TEXT = new FieldType(TextField.TYPE_NOT_STORED);

  /** Text copied from linked records: no offsets, as no snippet is cut from it. */
  private static final FieldType LINKED_TEXT = new FieldType(TextField.TYPE_NOT_STORED);

  static {
    LINKED_TEXT.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    LINKED_TEXT.freeze();
    PAGE_TEXT.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    PAGE_TEXT.freeze();
    STORED_TEXT.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    STORED_TEXT.freeze();
    UNSTORED_TEXT.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    UNSTORED_TEXT.freeze();
  }

  private final Schema schema;

  /** Documents for {@code schema}. */
  public RecordDocuments(Schema schema) {
    this.schema = schema;
  }

  /**
   * The document of an incident.
   *
   * @param incident the incident
   * @param fileHash the content hash of its source file (empty when none)
   * @param citedArticles the cited articles present in the archive: their text is searchable
   *     through the incident with a low boost
   */
  public Document incident(Incident incident, String fileHash, Collection<Article> citedArticles)
      throws IOException {
    Document doc = common(RecordType.INCIDENT, incident.id(), incident.source(), fileHash);
    doc.add(new StoredField(Schema.RECORD_JSON, JsonLines.toJson(incident)));
    addOwnText(doc, incident);
    addTaxonomy(doc, List.of(incident));
    for (String articleId : incident.articleIds()) {
      doc.add(new StringField(Schema.LINKED_ID, articleId, Field.Store.YES));
    }
    for (Article a : citedArticles) {
      doc.add(new Field(Schema.CITED_TITLE, a.title(), LINKED_TEXT));
      doc.add(new Field(Schema.CITED_TEXT, a.title(), LINKED_TEXT));
      doc.add(new Field(Schema.CITED_TEXT, a.body(), LINKED_TEXT));
    }
    addDate(doc, incident.published());
    return schema.facetsConfig().build(doc);
  }

  /**
   * The document of an article.
   *
   * @param article the article; its {@code incidentIds} are ignored in favour of {@code
   *     citingIncidents}
   * @param fileHash the content hash of its source file (empty when none)
   * @param citingIncidents the incidents of the archive that cite the article: their taxonomy is
   *     the article's, so "articles about malicious incidents" can be asked
   */
  public Document article(Article article, String fileHash, Collection<Incident> citingIncidents)
      throws IOException {
    List<String> citing = citingIncidents.stream().map(Incident::id).sorted().toList();
    Article linked = article.withIncidentIds(citing);
    Document doc = common(RecordType.ARTICLE, article.id(), article.source(), fileHash);
    doc.add(new StoredField(Schema.RECORD_JSON, JsonLines.toJson(linked)));
    addOwnText(doc, article);
    if (article.publication() != null && !article.publication().isBlank()) {
      doc.add(new SortedSetDocValuesFacetField(Schema.DIM_PUBLICATION, article.publication()));
    }
    for (String incidentId : citing) {
      doc.add(new StringField(Schema.LINKED_ID, incidentId, Field.Store.YES));
    }
    for (Incident i : citingIncidents) {
      doc.add(new Field(Schema.CITING_TITLE, i.title(), LINKED_TEXT));
    }
    addTaxonomy(doc, citingIncidents);
    addDate(doc, article.published());
    return schema.facetsConfig().build(doc);
  }

  /**
   * The bookkeeping entry of one input file: its content hash and the keys of every record it
   * holds, so an incremental build can tell what changed without parsing unchanged files.
   */
  public Document fileEntry(Path file, String fileHash, Collection<String> recordKeys) {
    Document doc = new Document();
    doc.add(new StringField(Schema.KIND, Schema.KIND_FILE, Field.Store.NO));
    // A StringField as on records: Lucene 10 requires one field structure per field name
    // (a KeywordField's doc values here made the first record after a file entry fail).
    doc.add(new StringField(Schema.FILE, file.toString(), Field.Store.YES));
    doc.add(new StringField(Schema.FILE_HASH, fileHash, Field.Store.YES));
    // What incremental builds read of every entry, as doc values (fields of their own names:
    // the stored fields above share their structure with records').
    doc.add(new BinaryDocValuesField(Schema.ENTRY_PATH, new BytesRef(file.toString())));
    doc.add(new BinaryDocValuesField(Schema.ENTRY_HASH, new BytesRef(fileHash)));
    for (String key : recordKeys) {
      doc.add(new SortedSetDocValuesField(Schema.FILE_KEYS, new BytesRef(key)));
    }
    return doc;
  }

  private static Document common(RecordType type, String id, Path source, String fileHash) {
    Document doc = new Document();
    doc.add(new StringField(Schema.KIND, Schema.KIND_RECORD, Field.Store.NO));
    doc.add(new KeywordField(Schema.KEY, Schema.key(type.key(), id), Field.Store.YES));
    doc.add(new StringField(Schema.TYPE, type.key(), Field.Store.YES));
    doc.add(new StringField(Schema.ID, id, Field.Store.YES));
    if (source != null) {
      doc.add(new StringField(Schema.FILE, source.toString(), Field.Store.YES));
    }
    doc.add(new StringField(Schema.FILE_HASH, fileHash == null ? "" : fileHash, Field.Store.YES));
    doc.add(new SortedSetDocValuesFacetField(Schema.DIM_TYPE, type.key()));
    return doc;
  }

  /**
   * The taxonomy keywords and facets of a record: the union of the given incidents' options per
   * category ({@link Schema#MISSING} where none gives any), and the IoT layer hierarchy.
   */
  private static void addTaxonomy(Document doc, Collection<Incident> incidents) {
    for (Category c : Category.values()) {
      Set<String> options = new LinkedHashSet<>();
      for (Incident i : incidents) {
        options.addAll(i.taxonomy().options(c));
      }
      if (options.isEmpty()) {
        options.add(Schema.MISSING);
      }
      String field = Schema.categoryField(c);
      for (String option : options) {
        doc.add(new StringField(field, option, Field.Store.NO));
        doc.add(new SortedSetDocValuesFacetField(field, option));
      }
      if (c.isIotLayer()) {
        for (String option : options) {
          if (!option.equals(Schema.MISSING)) {
            doc.add(new SortedSetDocValuesFacetField(Schema.DIM_IOT, c.key(), option));
          }
        }
      }
    }
  }

  /**
   * The record's own text fields ({@link RecordTexts}). Only the title and publication are stored
   * as fields (hits show them); the rest is read back from the stored record JSON, which holds the
   * same text: storing it twice doubled the stored fields, the bulk of the index. Every own text
   * but the publication names also feeds the page ({@link Schema#TEXT}) and the spelling
   * dictionary, whose fields follow them and reuse their analysis.
   */
  private static void addOwnText(Document doc, Record record) {
    SpellingWords spelling = new SpellingWords();
    PageText page = new PageText();
    int pageValues = 0;
    for (Map.Entry<String, List<String>> field : RecordTexts.of(record).entrySet()) {
      String name = field.getKey();
      boolean alias = name.equals(Schema.PUBLICATION_ALIAS);
      boolean publication = name.equals(Schema.PUBLICATION) || alias;
      FieldType type =
          name.equals(Schema.TITLE) || (publication && !alias) ? STORED_TEXT : UNSTORED_TEXT;
      for (String value : field.getValue()) {
        doc.add(
            publication ? new Field(name, value, type) : spelling.text(name, value, type, page));
        pageValues += publication ? 0 : 1;
      }
    }
    page.fields(pageValues, PAGE_TEXT).forEach(doc::add); // after every text field it replays
    doc.add(spelling.field()); // after every text field it gathers from
    String folded = Schema.get().foldTitle(record.title());
    if (!folded.isEmpty()) {
      doc.add(new StringField(Schema.TITLE_FOLDED, folded, Field.Store.NO));
    }
  }

  private static void addDate(Document doc, LocalDate published) {
    if (published != null) {
      long day = published.toEpochDay();
      doc.add(new LongField(Schema.PUBLISHED, day, Field.Store.YES));
      doc.add(
          new SortedSetDocValuesFacetField(Schema.DIM_YEAR, Integer.toString(published.getYear())));
    }
  }
}
