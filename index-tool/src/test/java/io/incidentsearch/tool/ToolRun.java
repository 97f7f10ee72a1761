package io.incidentsearch.tool;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs {@code index-tool} in this process and reads what it printed: the index-tool tests'
 * counterpart of the core's {@code TestCorpus}, plus a small JSON reader (no object mapper).
 *
 * @param exitCode the exit code
 * @param out standard output
 * @param err standard error
 */
record ToolRun(int exitCode, String out, String err) {

  /** Runs with no terminal and no environment variables. */
  static ToolRun run(String... args) {
    return run(Environment.plain(Map.of()), args);
  }

  /** Runs in {@code env}. */
  static ToolRun run(Environment env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        IndexTool.run(
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    return new ToolRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Standard output as one JSON value (maps, lists, strings, numbers, booleans, nulls). */
  @SuppressWarnings("unchecked")
  Map<String, Object> json() {
    Object v = parseJson(out);
    assertTrue(v instanceof Map, "not a JSON object: " + out);
    return (Map<String, Object>) v;
  }

  /** Standard output as a JSON array of objects. */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> jsonArray() {
    Object v = parseJson(out);
    assertTrue(v instanceof List, "not a JSON array: " + out);
    return (List<Map<String, Object>>) v;
  }

  /** The lines of standard output. */
  List<String> lines() {
    return out.isEmpty() ? List.of() : List.of(out.split("\n"));
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
  }

  /** The project's {@code testdata/} (system property {@code incidentsearch.testdata}). */
  static Path testdata() {
    Path p =
        Path.of(System.getProperty("incidentsearch.testdata", "../testdata"))
            .toAbsolutePath()
            .normalize();
    assertTrue(Files.isDirectory(p), "testdata not found at " + p);
    return p;
  }

  /** {@code testdata/archive}: 13 incident pages and 29 article pages. */
  static Path archive() {
    return testdata().resolve("archive");
  }

  /** Parses one JSON document; exactly one value, nothing after it. */
  static Object parseJson(String text) {
    try (JsonParser p = new JsonFactory().createParser(text)) {
      Object v = value(p, p.nextToken());
      if (p.nextToken() != null) {
        throw new AssertionError("more than one JSON value in: " + text);
      }
      return v;
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  private static Object value(JsonParser p, JsonToken t) throws IOException {
    if (t == null) {
      throw new IOException("no JSON value");
    }
    return switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          m.put(name, value(p, p.nextToken()));
        }
        yield m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        JsonToken next;
        while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
          l.add(value(p, next));
        }
        yield l;
      }
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getLongValue();
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      case VALUE_NULL -> null;
      default -> throw new IOException("unexpected " + t);
    };
  }

  /** Copies the folder {@code from} to {@code to} (created). */
  static Path copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return to;
  }

  /** The SHA-256 of a file's bytes, in hex: to tell that a command left a file alone. */
  static String sha256(Path f) throws IOException {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
