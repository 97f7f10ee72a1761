package io.incidentsearch.tool;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.incidentsearch.formats.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The renderer for programs: every {@code --json} output is ONE JSON document on standard output,
 * written here with Jackson's streaming generator (no object mapping, quick start).
 */
final class Json {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  /** Writes one JSON value. */
  @FunctionalInterface
  interface Body {
    /** Writes the document's value with {@code g}. */
    void write(JsonGenerator g) throws IOException;
  }

  private Json() {}

  /** Writes the document {@code body} produces to {@code out}, then a line end. */
  static void write(PrintWriter out, Body body) {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
    out.flush();
  }

  /** A generator over {@code out} for streams of documents (JSON Lines); the caller closes it. */
  static JsonGenerator generator(java.io.Writer out) throws IOException {
    return FACTORY.createGenerator(out);
  }

  /** {@code {"file","line","severity","message"}}. */
  static void problem(JsonGenerator g, Problem p) throws IOException {
    g.writeStartObject();
    g.writeStringField("file", p.file().toString());
    g.writeNumberField("line", p.line());
    g.writeStringField("severity", p.severity().name().toLowerCase(java.util.Locale.ROOT));
    g.writeStringField("message", p.message());
    g.writeEndObject();
  }

  /** {@code [{"value":..,"count":..},..]} in the map's order. */
  static void counts(JsonGenerator g, Map<String, ? extends Number> counts) throws IOException {
    g.writeStartArray();
    for (Map.Entry<String, ? extends Number> e : counts.entrySet()) {
      g.writeStartObject();
      g.writeStringField("value", e.getKey());
      g.writeNumberField("count", e.getValue().longValue());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** A string field, or null when {@code value} is null. */
  static void stringOrNull(JsonGenerator g, String field, Object value) throws IOException {
    if (value == null) {
      g.writeNullField(field);
    } else {
      g.writeStringField(field, value.toString());
    }
  }
}
