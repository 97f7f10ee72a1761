package io.incidentsearch.tool.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * The synthetic FAIL archive generator: text recombined from real FAIL exports into any number of
 * incidents, each citing its own articles. Deterministic: the same options write the same bytes,
 * whatever the number of threads, and the same bytes as the reference Python generator ({@code
 * gen_corpus.py}) given the same arguments.
 *
 * <p>Memory does not grow with the archive: incidents are made in chunks of {@value
 * ChunkGenerator#CHUNK}, at most a fixed number of chunks (twice the threads) are in flight, page
 * files are written by the chunk that makes them, and CSV rows go through a part file per chunk,
 * appended to the output in chunk order.
 */
public final class SyntheticArchive {
  /** Where the fail-dev exports are bundled, relative to this class. */
  static final String BUILT_IN = "fail-dev/";

  static final String INCIDENTS_CSV = "incident_data.csv";
  static final String ARTICLES_CSV = "article_state0.csv";

  /** The CSV files written. */
  static final String INCIDENTS_OUT = "incident_data.csv";

  static final String ARTICLES_OUT = "article_data.csv";

  /**
   * What a run wrote.
   *
   * @param files files written
   * @param bytes their total size
   * @param seconds the wall time
   */
  public record Summary(long files, long bytes, double seconds) {}

  private SyntheticArchive() {}

  /**
   * Writes the archive {@code options} describe.
   *
   * @throws GeneratorException when the source text cannot be read (missing file, not UTF-8) or the
   *     output folder cannot be made
   * @throws IOException when writing fails
   */
  public static Summary generate(GeneratorOptions options) throws IOException {
    long start = System.nanoTime();
    CorpusModel model = model(options.source());
    Path out = options.out();
    boolean csv = options.format() == GeneratorOptions.Format.CSV;
    try {
      if (csv) {
        Files.createDirectories(out);
      } else {
        Files.createDirectories(out.resolve("incidents"));
        Files.createDirectories(out.resolve("articles"));
      }
    } catch (IOException e) {
      throw new GeneratorException("cannot make the output folder " + out + ": " + describe(e), e);
    }
    ChunkGenerator chunks = new ChunkGenerator(model, options);
    long files = 0;
    long bytes = 0;
    if (csv) {
      Path incPath = out.resolve(INCIDENTS_OUT);
      Path artPath = out.resolve(ARTICLES_OUT);
      try (OutputStream inc = Files.newOutputStream(incPath);
          OutputStream art = Files.newOutputStream(artPath)) {
        inc.write(headerRow(ChunkGenerator.INCIDENT_COLUMNS));
        art.write(headerRow(ChunkGenerator.ARTICLE_COLUMNS));
        run(
            options,
            chunks,
            r -> {
              append(r.incidentPart(), inc);
              append(r.articlePart(), art);
            });
      } finally {
        deleteParts(chunks, options);
      }
      files = 2;
      bytes = Files.size(incPath) + Files.size(artPath);
    } else {
      long[] totals = new long[2];
      run(
          options,
          chunks,
          r -> {
            totals[0] += r.files();
            totals[1] += r.bytes();
          });
      files = totals[0];
      bytes = totals[1];
    }
    return new Summary(files, bytes, (System.nanoTime() - start) / 1e9);
  }

  private static byte[] headerRow(java.util.List<String> columns) {
    StringBuilder b = new StringBuilder();
    PyCsv.writeRow(b, columns);
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void append(Path part, OutputStream to) throws IOException {
    Files.copy(part, to);
    Files.delete(part);
  }

  /** Removes the part files a failed or interrupted run left (none after a run that worked). */
  private static void deleteParts(ChunkGenerator chunks, GeneratorOptions options)
      throws IOException {
    int count = chunkCount(options);
    for (int ci = 0; ci < count; ci++) {
      Files.deleteIfExists(chunks.part(ci, INCIDENTS_OUT));
      Files.deleteIfExists(chunks.part(ci, ARTICLES_OUT));
    }
  }

  private static int chunkCount(GeneratorOptions options) {
    return (int) ((options.incidents() + (long) ChunkGenerator.CHUNK - 1) / ChunkGenerator.CHUNK);
  }

  /** Receives the chunks' results in chunk order. */
  private interface Sink {
    void accept(ChunkGenerator.Result r) throws IOException;
  }

  /**
   * Makes every chunk, on the calling thread or on a pool, and hands the results to {@code sink} in
   * chunk order. A bounded window of chunks is in flight, so a slow chunk at the head stops new
   * ones from being started rather than letting finished ones pile up.
   */
  private static void run(GeneratorOptions options, ChunkGenerator chunks, Sink sink)
      throws IOException {
    int n = options.incidents();
    int count = chunkCount(options);
    if (options.threads() == 1 || count == 1) {
      for (int ci = 0; ci < count; ci++) {
        int lo = ci * ChunkGenerator.CHUNK;
        sink.accept(chunks.generate(ci, lo, Math.min(lo + ChunkGenerator.CHUNK, n)));
      }
      return;
    }
    int threads = Math.min(options.threads(), count);
    ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
    Deque<Future<ChunkGenerator.Result>> window = new ArrayDeque<>();
    try {
      for (int ci = 0; ci < count; ci++) {
        if (window.size() >= 2 * threads) {
          sink.accept(take(window.poll()));
        }
        final int chunk = ci;
        final int lo = ci * ChunkGenerator.CHUNK;
        final int hi = Math.min(lo + ChunkGenerator.CHUNK, n);
        window.add(pool.submit(() -> chunks.generate(chunk, lo, hi)));
      }
      while (!window.isEmpty()) {
        sink.accept(take(window.poll()));
      }
    } finally {
      window.forEach(f -> f.cancel(true));
      pool.shutdownNow();
    }
  }

  private static ChunkGenerator.Result take(Future<ChunkGenerator.Result> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while generating");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(c);
    }
  }

  private static ThreadFactory daemonThreads() {
    ThreadFactory base = Executors.defaultThreadFactory();
    return r -> {
      Thread t = base.newThread(r);
      t.setDaemon(true);
      t.setName("generate-" + t.getName());
      return t;
    };
  }

  /** The built-in model, made once per JVM: it is immutable and every run uses the same. */
  private static CorpusModel builtIn;

  private static synchronized CorpusModel builtIn() throws IOException {
    if (builtIn == null) {
      builtIn = new CorpusModel(resource(INCIDENTS_CSV), resource(ARTICLES_CSV));
    }
    return builtIn;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = SyntheticArchive.class.getResourceAsStream(BUILT_IN + name)) {
      if (in == null) {
        throw new GeneratorException(
            "the built-in source text "
                + name
                + " is missing from this build of index-tool; give a folder with --src DIR");
      }
      return decode(in.readAllBytes(), name);
    }
  }

  /** The model of {@code source}'s two exports, or of the built-in ones when it is null. */
  static CorpusModel model(Path source) throws IOException {
    if (source == null) {
      return builtIn();
    }
    return new CorpusModel(read(source, INCIDENTS_CSV), read(source, ARTICLES_CSV));
  }

  private static String read(Path dir, String name) throws IOException {
    Path file = dir.resolve(name);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new GeneratorException(
          "no " + name + " in " + dir + " (--src needs incident_data.csv and article_state0.csv)",
          e);
    } catch (IOException e) {
      throw new GeneratorException("cannot read " + file + ": " + describe(e), e);
    }
    return decode(bytes, file.toString());
  }

  /** Strict UTF-8, as Python's {@code open(..., encoding="utf-8")} reads. */
  private static String decode(byte[] bytes, String name) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new GeneratorException(name + " is not UTF-8 text", e);
    }
  }

  /** The reason of a file system failure, in words (no exception class names). */
  private static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException f) {
      return "a file is in the way (" + f.getFile() + ")";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }
}
