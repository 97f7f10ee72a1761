package io.incidentsearch.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * This project's JSON Lines interchange format: one record per line, UTF-8, {@code \n} line ends,
 * non-ASCII text written as it is.
 *
 * <p>An incident line:
 *
 * <pre>{@code
 * {"type":"incident","id":"2750","title":"...","published":"2020-12-17","summary":"..."|null,
 *  "sections":{"timeline":[...],"system":[...],...,"references":[...]},
 *  "taxonomy":{"recurring":{"options":[...],"rationale":"..."},...},
 *  "articleIds":["96761",...],"source":"fail-dev/incidents/2750.txt"}
 * }</pre>
 *
 * <p>Every section key ({@link Section#key()}) and every category key ({@link Category#key()}) is
 * written, in enum order. An article line:
 *
 * <pre>{@code
 * {"type":"article","id":"96761","title":"...","publication":"Reuters"|null,
 *  "publicationAliases":[...]?,"url":...|null,"published":"2020-02-03"|null,"body":"...",
 *  "incidentIds":[...],"source":...|null}
 * }</pre>
 *
 * <p>{@code publicationAliases} (other names of the publication) is written only when there are
 * any.
 *
 * <p>Reading is tolerant: unknown keys are ignored; a missing key means empty or null; a number
 * where text is expected is read as its text; taxonomy options are taken as written. A line that is
 * not a JSON object, has an unknown or missing {@code type}, or has no {@code id} is reported as an
 * error with its line number and skipped; blank lines are skipped. {@code source} names the file
 * the record was first read from and is kept; when it is missing or null, the JSON Lines file
 * itself becomes the source. Reading what {@link Writer} wrote gives records equal to those written
 * (given a non-null source).
 */
public final class JsonLines {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private JsonLines() {}

  /**
   * Reads every line; a bad line is reported with its line number and skipped.
   *
   * @param in the text (BOM already removed)
   * @param source the file, for problems and the records' source
   * @param records receives each record
   * @param problems receives what is wrong
   * @throws IOException when reading {@code in} fails (the lines read before are delivered)
   */
  public static void read(
      Reader in, Path source, Consumer<Record> records, Consumer<Problem> problems)
      throws IOException {
    BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
    int number = 0;
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      number++;
      fromJson(line, source, number, problems).ifPresent(records);
    }
  }

  /**
   * Parses one line.
   *
   * @param line the line, without its line end
   * @param source the JSON Lines file: for problems, and the record's source when the line has none
   * @param lineNumber the 1-based line number, for problems
   * @param problems receives what is wrong
   * @return the record, or empty when the line is blank or was rejected (an error was reported)
   */
  public static Optional<Record> fromJson(
      String line, Path source, int lineNumber, Consumer<Problem> problems) {
    Path where = source != null ? source : Path.of("records.jsonl");
    if (line.isBlank()) {
      return Optional.empty();
    }
    Fields f = parseObject(line, where, lineNumber, problems);
    if (f == null) {
      return Optional.empty();
    }
    Optional<String> type = type(f, where, lineNumber, problems);
    if (type.isEmpty()) {
      return Optional.empty();
    }
    if (f.id == null || f.id.isBlank()) {
      problems.accept(Problem.error(where, lineNumber, "no \"id\"; the line is skipped"));
      return Optional.empty();
    }
    Path recordSource = recordSource(f, source, where, lineNumber, problems);
    return Optional.of(toRecord(f, type.get(), recordSource));
  }

  /** The line's values, or null when it is no single JSON object (an error was reported). */
  private static Fields parseObject(
      String line, Path where, int lineNumber, Consumer<Problem> problems) {
    Fields f = new Fields();
    try (JsonParser p = FACTORY.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        problems.accept(
            Problem.error(where, lineNumber, "not a JSON object; each line must hold one record"));
        return null;
      }
      readObject(p, f, where, lineNumber, problems);
      if (p.nextToken() != null) {
        problems.accept(
            Problem.error(
                where, lineNumber, "text after the JSON object; each line must hold one record"));
        return null;
      }
    } catch (JsonProcessingException e) {
      problems.accept(
          Problem.error(
              where,
              lineNumber,
              "not valid JSON ("
                  + e.getOriginalMessage()
                  + " at column "
                  + e.getLocation().getColumnNr()
                  + "); the line is skipped"));
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // parsing a String does no I/O
    }
    return f;
  }

  /**
   * The line's type, {@code incident} or {@code article}, or empty when it is missing or unknown
   * (an error was reported).
   */
  private static Optional<String> type(
      Fields f, Path where, int lineNumber, Consumer<Problem> problems) {
    if (f.type == null) {
      problems.accept(
          Problem.error(
              where, lineNumber, "no \"type\" (\"incident\" or \"article\"); the line is skipped"));
      return Optional.empty();
    }
    String type = f.type.strip().toLowerCase(Locale.ROOT);
    if (!type.equals("incident") && !type.equals("article")) {
      problems.accept(
          Problem.error(
              where,
              lineNumber,
              "unknown type \""
                  + f.type
                  + "\"; expected \"incident\" or \"article\"; the line is skipped"));
      return Optional.empty();
    }
    return Optional.of(type);
  }

  /** The line's {@code source} as a path; {@code source} when it has none or an invalid one. */
  private static Path recordSource(
      Fields f, Path source, Path where, int lineNumber, Consumer<Problem> problems) {
    if (f.source != null) {
      try {
        return Path.of(f.source);
      } catch (InvalidPathException e) {
        problems.accept(
            Problem.warning(
                where,
                lineNumber,
                "\"source\" is not a valid path (" + e.getMessage() + "); using this file"));
      }
    }
    return source;
  }

  private static Record toRecord(Fields f, String type, Path recordSource) {
    if (type.equals("incident")) {
      return new Incident(
          f.id,
          f.title,
          f.published,
          f.summary,
          f.sections,
          new Taxonomy(f.taxonomy),
          f.articleIds,
          recordSource);
    }
    return new Article(
        f.id,
        f.title,
        f.publication,
        f.url,
        f.published,
        f.body,
        f.incidentIds,
        recordSource,
        f.publicationAliases);
  }

  /**
   * The record as one line of JSON (no line end).
   *
   * @param record an incident or article; not null
   * @return the JSON object in the layout above
   */
  public static String toJson(Record record) {
    Objects.requireNonNull(record, "record");
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", record.type().key());
      g.writeStringField("id", record.id());
      g.writeStringField("title", record.title());
      switch (record) {
        case Incident i -> writeIncident(g, i);
        case Article a -> writeArticle(g, a);
      }
      g.writeStringField("source", record.source() == null ? null : record.source().toString());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does no I/O
    }
    return out.toString();
  }

  private static void writeIncident(JsonGenerator g, Incident i) throws IOException {
    g.writeStringField("published", date(i.published()));
    g.writeStringField("summary", i.summary());
    g.writeObjectFieldStart("sections");
    for (Section s : Section.values()) {
      writeList(g, s.key(), i.items(s));
    }
    g.writeEndObject();
    g.writeObjectFieldStart("taxonomy");
    for (Category c : Category.values()) {
      Classification cl = i.taxonomy().get(c);
      g.writeObjectFieldStart(c.key());
      writeList(g, "options", cl.options());
      g.writeStringField("rationale", cl.rationale());
      g.writeEndObject();
    }
    g.writeEndObject();
    writeList(g, "articleIds", i.articleIds());
  }

  private static void writeArticle(JsonGenerator g, Article a) throws IOException {
    g.writeStringField("publication", a.publication());
    if (!a.publicationAliases().isEmpty()) {
      writeList(g, "publicationAliases", a.publicationAliases());
    }
    g.writeStringField("url", a.url());
    g.writeStringField("published", date(a.published()));
    g.writeStringField("body", a.body());
    writeList(g, "incidentIds", a.incidentIds());
  }

  private static void writeList(JsonGenerator g, String name, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static String date(LocalDate d) {
    return d == null ? null : d.toString();
  }

  /**
   * Writes records as JSON Lines, one line per record ending in {@code \n}. The underlying writer
   * should encode UTF-8. Not thread-safe.
   */
  public static final class Writer implements Closeable, Flushable {
    private final java.io.Writer out;

    /**
     * A writer over {@code out}; closing this writer closes {@code out}.
     *
     * @param out where the lines go, e.g. a UTF-8 {@link java.io.BufferedWriter}
     */
    public Writer(java.io.Writer out) {
      this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Writes one record as one line.
     *
     * @param record an incident or article; not null
     * @throws IOException when the underlying writer fails
     */
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

  // ---- reading ----

  /** The values of one line, whatever its type; missing keys stay empty or null. */
  private static final class Fields {
    String type;
    String id;
    String title;
    LocalDate published;
    String summary;
    String publication;
    String url;
    String body;
    String source;
    final Map<Section, List<String>> sections = new EnumMap<>(Section.class);
    final Map<Category, Classification> taxonomy = new EnumMap<>(Category.class);
    List<String> articleIds = List.of();
    List<String> incidentIds = List.of();
    List<String> publicationAliases = List.of();
  }

  private static void readObject(
      JsonParser p, Fields f, Path where, int lineNumber, Consumer<Problem> problems)
      throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "type" -> f.type = text(p);
        case "id" -> f.id = text(p);
        case "title" -> f.title = text(p);
        case "summary" -> f.summary = text(p);
        case "publication" -> f.publication = text(p);
        case "url" -> f.url = text(p);
        case "body" -> f.body = text(p);
        case "source" -> f.source = text(p);
        case "published" -> f.published = date(text(p), where, lineNumber, problems);
        case "articleIds" -> f.articleIds = list(p);
        case "incidentIds" -> f.incidentIds = list(p);
        case "publicationAliases" -> f.publicationAliases = list(p);
        case "sections" -> readSections(p, f);
        case "taxonomy" -> readTaxonomy(p, f);
        default -> p.skipChildren();
      }
    }
  }

  private static void readSections(JsonParser p, Fields f) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      Optional<Section> section = Section.byKey(p.currentName());
      p.nextToken();
      if (section.isPresent()) {
        f.sections.put(section.get(), list(p));
      } else {
        p.skipChildren();
      }
    }
  }

  private static void readTaxonomy(JsonParser p, Fields f) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      Optional<Category> category = Category.byKey(p.currentName());
      p.nextToken();
      if (category.isEmpty() || p.currentToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      List<String> options = List.of();
      String rationale = "";
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "options" -> options = list(p);
          case "rationale" -> rationale = Objects.requireNonNullElse(text(p), "");
          default -> p.skipChildren();
        }
      }
      f.taxonomy.put(category.get(), new Classification(options, rationale));
    }
  }

  /** The current value as text: strings, numbers and booleans; null for anything else. */
  private static String text(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_STRING
        || t == JsonToken.VALUE_NUMBER_INT
        || t == JsonToken.VALUE_NUMBER_FLOAT
        || t == JsonToken.VALUE_TRUE
        || t == JsonToken.VALUE_FALSE) {
      return p.getText();
    }
    p.skipChildren();
    return null;
  }

  /** The current value as a list of texts; a single text is a one-item list, null is empty. */
  private static List<String> list(JsonParser p) throws IOException {
    List<String> values = new ArrayList<>();
    if (p.currentToken() == JsonToken.START_ARRAY) {
      while (p.nextToken() != JsonToken.END_ARRAY) {
        String v = text(p);
        if (v != null) {
          values.add(v);
        }
      }
    } else {
      String v = text(p);
      if (v != null) {
        values.add(v);
      }
    }
    return values;
  }

  private static LocalDate date(
      String value, Path where, int lineNumber, Consumer<Problem> problems) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      Optional<LocalDate> d = FailCsv.date(value);
      if (d.isEmpty()) {
        problems.accept(
            Problem.warning(
                where,
                lineNumber,
                "\"published\" is not a date (YYYY-MM-DD): '" + value + "'; the record has none"));
      }
      return d.orElse(null);
    }
  }
}
