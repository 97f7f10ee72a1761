package io.incidentsearch.build;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.incidentsearch.formats.JsonLines;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import io.incidentsearch.schema.IndexQueries;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.util.IOUtils;

/**
 * Parsed records parked in a temporary file between parsing and writing, so that a build's heap
 * does not grow with the archive: the build keeps only a small {@link Ref} per record (key, cited
 * article ids, where its bytes are) and reads a record back when it writes the record's document or
 * a neighbour's.
 *
 * <p>Records are stored as their JSON Lines form (exact round trip), deflated at the fastest level:
 * a build's disk peak matters more than the few percent of CPU deflating costs over LZ4 (figures in
 * src/docs/PERFORMANCE.md, "Build memory and disk"). The file is a {@link
 * Directory#createTempOutput temporary output} of the index directory, so it is on the same disk as
 * the index and works with any {@code Directory}; its name starts with {@link #PREFIX}, which
 * Lucene's own file bookkeeping ignores. {@link #close} deletes it; a build killed before that
 * leaves it behind, and the next build removes it ({@link #deleteStale}).
 *
 * <p>Thread-safe: {@link #append} may be called from many threads until {@link #seal}, then {@link
 * #read} from many threads until {@link #close}.
 */
final class RecordSpill implements Closeable {
  /** The name prefix of spill files in an index directory. */
  static final String PREFIX = "incident-search-spill";

  /** Where a parked record is, and what the build needs of it without reading it back. */
  record Ref(String key, List<String> articleIds, long offset, int length) {}

  private final Directory directory;
  private final String name;
  private IndexOutput out;
  private IndexInput in;
  // Deflaters and inflaters are not thread-safe (and hold native memory until ended, which
  // the pool's few threads keep for the build): one of each per thread, reset per record.
  private final ThreadLocal<Deflater> deflaters =
      ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED, true));
  private final ThreadLocal<Inflater> inflaters = ThreadLocal.withInitial(() -> new Inflater(true));

  RecordSpill(Directory directory) throws IOException {
    this.directory = directory;
    this.out = directory.createTempOutput(PREFIX, "records", IOContext.DEFAULT);
    this.name = out.getName();
  }

  /** Deletes spill files a killed build left in {@code directory}. Call with the write lock. */
  static void deleteStale(Directory directory) throws IOException {
    for (String file : directory.listAll()) {
      if (file.startsWith(PREFIX)) {
        directory.deleteFile(file);
      }
    }
  }

  /** Parks {@code record} (compressing on the calling thread) and says where it is. */
  Ref append(Record record) throws IOException {
    byte[] json = JsonLines.toJson(record).getBytes(UTF_8);
    Deflater deflater = deflaters.get();
    deflater.reset();
    deflater.setInput(json);
    deflater.finish();
    ByteBuffersDataOutput compressed = ByteBuffersDataOutput.newResettableInstance();
    byte[] buffer = new byte[Math.min(64 * 1024, json.length + 64)];
    while (!deflater.finished()) {
      int n = deflater.deflate(buffer);
      compressed.writeBytes(buffer, 0, n);
    }
    int compressedLength = Math.toIntExact(compressed.size());
    List<String> articleIds =
        record instanceof Incident i ? List.copyOf(i.articleIds()) : List.of();
    String key = record.key();
    synchronized (this) {
      if (out == null) {
        throw new IllegalStateException("spill is sealed");
      }
      long offset = out.getFilePointer();
      out.writeVInt(compressedLength);
      compressed.copyTo(out);
      return new Ref(key, articleIds, offset, json.length);
    }
  }

  /** Ends appending and opens the file for reading. */
  synchronized void seal() throws IOException {
    if (out != null) {
      out.close();
      out = null;
      in = directory.openInput(name, IOContext.DEFAULT);
    }
  }

  /** The record {@code ref} points at, with {@code source} as its source file. */
  Record read(Ref ref, Path source) throws IOException {
    return read(ref.offset(), ref.length(), source);
  }

  /** The record at {@code offset} of uncompressed {@code length}, with {@code source}. */
  Record read(long offset, int length, Path source) throws IOException {
    IndexInput master;
    synchronized (this) {
      master = in;
    }
    if (master == null) {
      throw new IllegalStateException("spill is not sealed, or closed");
    }
    IndexInput input = master.clone(); // clones are cheap and each is used by one thread only
    input.seek(offset);
    byte[] compressed = new byte[input.readVInt()];
    input.readBytes(compressed, 0, compressed.length);
    byte[] json = new byte[length];
    Inflater inflater = inflaters.get();
    inflater.reset();
    inflater.setInput(compressed);
    try {
      if (inflater.inflate(json) != length || !inflater.finished()) {
        throw new CorruptIndexException("spilled record is not " + length + " bytes", input);
      }
    } catch (DataFormatException e) {
      throw new CorruptIndexException("spilled record does not inflate", input, e);
    }
    return IndexQueries.parseJson(new String(json, UTF_8), source.toString());
  }

  /** Closes and deletes the file. */
  @Override
  public synchronized void close() throws IOException {
    try {
      IOUtils.close(out, in);
    } finally {
      out = null;
      in = null;
      IOUtils.deleteFilesIgnoringExceptions(directory, name);
    }
  }
}
