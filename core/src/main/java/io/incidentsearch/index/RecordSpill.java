package io.incidentsearch.index;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.incidentsearch.formats.JsonLines;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.codecs.compressing.CompressionMode;
import org.apache.lucene.codecs.compressing.Compressor;
import org.apache.lucene.codecs.compressing.Decompressor;
import org.apache.lucene.store.ByteBuffersDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;

/**
 * Parsed records parked in a temporary file between parsing and writing, so that a build's
 * heap does not grow with the archive: the build keeps only a small {@link Ref} per record
 * (key, cited article ids, where its bytes are) and reads a record back when it writes the
 * record's document or a neighbour's.
 *
 * <p>Records are stored as their JSON Lines form (exact round trip), LZ4-compressed. The file is
 * a {@link Directory#createTempOutput temporary output} of the index directory, so it is on the
 * same disk as the index and works with any {@code Directory}; its name starts with {@link
 * #PREFIX}, which Lucene's own file bookkeeping ignores. {@link #close} deletes it; a build killed
 * before that leaves it behind, and the next build removes it ({@link #deleteStale}).
 *
 * <p>Thread-safe: {@link #append} may be called from many threads until {@link #seal}, then
 * {@link #read} from many threads until {@link #close}.
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
  // Lucene's LZ4 (the stored-fields FAST mode): compressors and decompressors are not
  // thread-safe, so one of each per thread; they are small.
  private final ThreadLocal<Compressor> compressors =
      ThreadLocal.withInitial(CompressionMode.FAST::newCompressor);
  private final ThreadLocal<Decompressor> decompressors =
      ThreadLocal.withInitial(CompressionMode.FAST::newDecompressor);

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
    ByteBuffersDataOutput compressed = ByteBuffersDataOutput.newResettableInstance();
    compressors.get().compress(
        new ByteBuffersDataInput(List.of(ByteBuffer.wrap(json))), compressed);
    List<String> articleIds =
        record instanceof Incident i ? List.copyOf(i.articleIds()) : List.of();
    String key = IndexBuilder.key(record);
    synchronized (this) {
      if (out == null) {
        throw new IllegalStateException("spill is sealed");
      }
      long offset = out.getFilePointer();
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
    BytesRef json = new BytesRef();
    decompressors.get().decompress(input, length, 0, length, json);
    return IndexBuilder.parseJson(
        new String(json.bytes, json.offset, json.length, UTF_8), source.toString());
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
