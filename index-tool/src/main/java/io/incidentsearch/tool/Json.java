package io.incidentsearch.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.incidentsearch.formats.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The renderer for programs: every {@code --json} output is ONE JSON document on standard output, a
 * record (next to what renders it) serialised by the one mapper here. Records keep their
 * components' order; core's objects are mapped into them explicitly, never serialised themselves.
 */
public final class Json {
  /** Configured once, then only read: thread-safe. Never closes the writer it is given. */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private static final ObjectWriter WRITER = MAPPER.writer();
  private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

  private Json() {}

  /** Writes {@code value} as one document to {@code out}, then a line end. */
  static void write(PrintWriter out, Object value) {
    try {
      WRITER.writeValue(out, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
    out.flush();
  }

  /** {@code value} as one document on one line, without a line end. */
  static String string(Object value) {
    try {
      return WRITER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code value} with Jackson's default pretty printer, then a line end. */
  public static void writePretty(Writer out, Object value) throws IOException {
    PRETTY.writeValue(out, value);
    out.write('\n');
  }

  /** {@code {"file","line","severity","message"}}. */
  record ProblemJson(String file, int line, String severity, String message) {
    static ProblemJson of(Problem p) {
      return new ProblemJson(
          p.file().toString(), p.line(), p.severity().name().toLowerCase(Locale.ROOT), p.message());
    }

    static List<ProblemJson> all(List<Problem> problems) {
      return problems.stream().map(ProblemJson::of).toList();
    }
  }

  /** {@code {"value":..,"count":..}}. */
  record CountJson(String value, long count) {
    /** One per entry, in the map's order. */
    static List<CountJson> all(Map<String, ? extends Number> counts) {
      List<CountJson> all = new ArrayList<>(counts.size());
      counts.forEach((value, count) -> all.add(new CountJson(value, count.longValue())));
      return all;
    }
  }

  /** {@code value.toString()}, or null when {@code value} is null. */
  static String stringOrNull(Object value) {
    return value == null ? null : value.toString();
  }
}
