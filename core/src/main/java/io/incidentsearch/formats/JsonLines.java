package io.incidentsearch.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.incidentsearch.model.Article;
import io.incidentsearch.model.Category;
import io.incidentsearch.model.Classification;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import io.incidentsearch.model.Section;
import io.incidentsearch.model.Taxonomy;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * This project's JSON Lines interchange format: one record per line, UTF-8, written by {@code
 * index-tool parse} and {@code export} and read back by every build.
 *
 * <p>An incident: {@code {"type":"incident","id","title","published":"YYYY-MM-DD"|null,
 * "summary"|null,"sections":{"timeline":[..],…,"references":[..]},"taxonomy":{"<category>":
 * {"options":[..],"rationale":".."},…},"articleIds":[..],"source"}}, with every section and
 * category key present. An article: {@code {"type":"article","id","title","publication"|null,
 * "url"|null,"published"|null,"body","incidentIds":[..],"source"}}. Keys are written in this
 * order; a reader ignores unknown keys and treats missing ones as empty, so the format can grow.
 * Writing then reading gives equal records.
 */
public final class JsonLines {
  // A record is one line; a line of hundreds of MB is damage, not data, and is refused.
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(64 << 20)
                  .maxNestingDepth(16)
                  .build())
          .build();

  private JsonLines() {}

  /**
   * Reads every line; a bad line is reported with its line number and skipped, blank lines are
   * passed over.
   *
   * @param in the text (BOM already removed)
   * @param source the file, for problems and for records that name no source of their own
   * @param records receives each record
   * @param problems receives what is wrong
   */
  public static void read(Reader in, Path source, Consumer<Record> records, Consumer<Problem> problems)
      throws IOException {
    BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
    int lineNo = 0;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      try {
        records.accept(parse(line, source));
      } catch (JsonProcessingException e) {
        problems.accept(
            Problem.error(
                source,
                lineNo,
                "not valid JSON (" + e.getOriginalMessage() + "); line skipped"));
      } catch (IllegalArgumentException e) {
        problems.accept(Problem.error(source, lineNo, e.getMessage() + "; line skipped"));
      }
    }
  }

  /**
   * Parses one line.
   *
   * @param source the source to use when the line names none (may be null)
   * @throws IllegalArgumentException when the JSON is not a record of this schema
   * @throws JsonProcessingException when it is not JSON
   */
  public static Record parse(String line, Path source) throws IOException {
    try (JsonParser p = FACTORY.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("a record must be a JSON object");
      }
      RawRecord raw = new RawRecord();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "type" -> raw.type = text(p, name);
          case "id" -> raw.id = p.currentToken() == JsonToken.VALUE_NUMBER_INT ? p.getText() : text(p, name);
          case "title" -> raw.title = text(p, name);
          case "published" -> raw.published = text(p, name);
          case "summary" -> raw.summary = text(p, name);
          case "publication" -> raw.publication = text(p, name);
          case "url" -> raw.url = text(p, name);
          case "body" -> raw.body = text(p, name);
          case "source" -> raw.source = text(p, name);
          case "articleIds" -> raw.articleIds = strings(p, name);
          case "incidentIds" -> raw.incidentIds = strings(p, name);
          case "sections" -> raw.sections = sections(p);
          case "taxonomy" -> raw.taxonomy = taxonomy(p);
          default -> {
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
              p.skipChildren();
            }
          }
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw new IllegalArgumentException("a record must be one JSON object");
      }
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("text after the record's closing brace");
      }
      return raw.toRecord(source);
    }
  }

  /** The record as one line of JSON (no line end). Non-ASCII characters are written as is. */
  public static String toJson(Record record) {
    StringWriter out = new StringWriter(1024);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      write(g, record);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  /** Writes records as JSON Lines, one per line. Not thread-safe. */
  public static final class Writer implements Closeable, Flushable {
    private final java.io.Writer out;

    /** A writer over {@code out} (which should encode UTF-8); closing it closes {@code out}. */
    public Writer(java.io.Writer out) {
      this.out = out;
    }

    /** Writes one record and a line end. */
    public void write(Record record) throws IOException {
      out.write(toJson(record));
      out.write('\n');
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  private static void write(JsonGenerator g, Record record) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", record.type().key());
    g.writeStringField("id", record.id());
    g.writeStringField("title", record.title());
    switch (record) {
      case Incident i -> {
        writeNullable(g, "published", i.published() == null ? null : i.published().toString());
        writeNullable(g, "summary", i.summary());
        g.writeObjectFieldStart("sections");
        for (Section s : Section.values()) {
          writeStrings(g, s.key(), i.items(s));
        }
        g.writeEndObject();
        g.writeObjectFieldStart("taxonomy");
        for (Category c : Category.values()) {
          Classification cl = i.taxonomy().get(c);
          g.writeObjectFieldStart(c.key());
          writeStrings(g, "options", cl.options());
          g.writeStringField("rationale", cl.rationale());
          g.writeEndObject();
        }
        g.writeEndObject();
        writeStrings(g, "articleIds", i.articleIds());
      }
      case Article a -> {
        writeNullable(g, "publication", a.publication());
        writeNullable(g, "url", a.url());
        writeNullable(g, "published", a.published() == null ? null : a.published().toString());
        g.writeStringField("body", a.body());
        writeStrings(g, "incidentIds", a.incidentIds());
      }
    }
    writeNullable(g, "source", record.source() == null ? null : record.source().toString());
    g.writeEndObject();
  }

  private static void writeNullable(JsonGenerator g, String name, String value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeStringField(name, value);
    }
  }

  private static void writeStrings(JsonGenerator g, String name, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static String text(JsonParser p, String name) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_NULL -> null;
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE ->
          p.getText();
      default -> throw new IllegalArgumentException("\"" + name + "\" must be a string");
    };
  }

  private static List<String> strings(JsonParser p, String name) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return List.of();
    }
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw new IllegalArgumentException("\"" + name + "\" must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      String v = text(p, name);
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }

  private static Map<Section, List<String>> sections(JsonParser p) throws IOException {
    Map<Section, List<String>> out = new EnumMap<>(Section.class);
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return out;
    }
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("\"sections\" must be an object");
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken value = p.nextToken();
      var section = Section.byKey(key);
      if (section.isPresent()) {
        out.put(section.get(), strings(p, "sections." + key));
      } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
        p.skipChildren();
      }
    }
    return out;
  }

  private static Taxonomy taxonomy(JsonParser p) throws IOException {
    Map<Category, Classification> out = new EnumMap<>(Category.class);
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return Taxonomy.EMPTY;
    }
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("\"taxonomy\" must be an object");
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken value = p.nextToken();
      var category = Category.byKey(key);
      if (category.isEmpty() || value != JsonToken.START_OBJECT) {
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          p.skipChildren();
        }
        continue;
      }
      List<String> options = List.of();
      String rationale = "";
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        switch (field) {
          case "options" ->
              options =
                  strings(p, "taxonomy." + key + ".options").stream()
                      .map(Category::normalizeOption)
                      .filter(o -> !o.isEmpty())
                      .toList();
          case "rationale" -> {
            String r = text(p, "taxonomy." + key + ".rationale");
            rationale = r == null ? "" : r;
          }
          default -> {
            if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
              p.skipChildren();
            }
          }
        }
      }
      out.put(category.get(), new Classification(options, rationale));
    }
    return new Taxonomy(out);
  }

  /** The fields of a line as read, before they are checked and made a record. */
  private static final class RawRecord {
    String type;
    String id;
    String title;
    String published;
    String summary;
    String publication;
    String url;
    String body;
    String source;
    List<String> articleIds = List.of();
    List<String> incidentIds = List.of();
    Map<Section, List<String>> sections = Map.of();
    Taxonomy taxonomy = Taxonomy.EMPTY;

    Record toRecord(Path fallbackSource) {
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException("record has no \"id\"");
      }
      LocalDate date = date();
      Path src = source != null ? Path.of(source) : fallbackSource;
      if (type == null) {
        throw new IllegalArgumentException("record " + id + " has no \"type\" (incident or article)");
      }
      return switch (type) {
        case "incident" ->
            new Incident(id, title, date, summary, sections, taxonomy, articleIds, src);
        case "article" -> new Article(id, title, publication, url, date, body, incidentIds, src);
        default ->
            throw new IllegalArgumentException(
                "record " + id + " has unknown type \"" + type + "\" (incident or article)");
      };
    }

    private LocalDate date() {
      if (published == null || published.isBlank()) {
        return null;
      }
      try {
        return LocalDate.parse(published.strip());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "record " + id + " has \"published\" \"" + published + "\", not a YYYY-MM-DD date");
      }
    }
  }
}
