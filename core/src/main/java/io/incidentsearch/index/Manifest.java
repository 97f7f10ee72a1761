package io.incidentsearch.index;

import io.incidentsearch.model.RecordType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an index was built from, stored in the user data of its commit, so it always describes
 * exactly the committed documents.
 *
 * <p>The input digest is a SHA-256 over the sorted lines {@code <relative path>\t<content hash>},
 * one per input file, where the relative path is the file's path below the archive root it was
 * found under, with {@code /} separators. Relative paths keep the digest independent of where an
 * archive is stored (the same archive copied elsewhere gives the same digest) while still telling a
 * renamed file apart — a rename changes record ids, since page ids are file stems. Same inputs give
 * the same manifest except for {@code builtAt}.
 *
 * @param schemaVersion the schema version of the builder ({@link
 *     io.incidentsearch.IncidentIndex#schemaVersion()})
 * @param luceneVersion the Lucene version that wrote the commit
 * @param inputDigest the digest described above (hex)
 * @param inputFiles the number of input files
 * @param recordCounts records by type key ({@code incident}, {@code article}), every type listed
 * @param builtAt when the commit was written (ISO-8601 instant)
 */
public record Manifest(
    int schemaVersion,
    String luceneVersion,
    String inputDigest,
    int inputFiles,
    Map<String, Long> recordCounts,
    String builtAt) {

  /** Copies the counts, in type order. */
  public Manifest {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (RecordType t : RecordType.values()) {
      counts.put(t.key(), recordCounts.getOrDefault(t.key(), 0L));
    }
    recordCounts = java.util.Collections.unmodifiableMap(counts);
  }

  /**
   * The number of records of {@code type}.
   *
   * @param type the record type; not null
   * @return how many records of that type the commit holds
   */
  public long count(RecordType type) {
    return recordCounts.get(type.key());
  }

  /**
   * Whether this describes the same inputs and records as {@code other}, ignoring times.
   *
   * @param other another manifest, or null
   * @return true when every field but {@link #builtAt()} is equal; false for null
   */
  public boolean sameContent(Manifest other) {
    return other != null
        && schemaVersion == other.schemaVersion
        && luceneVersion.equals(other.luceneVersion)
        && inputDigest.equals(other.inputDigest)
        && inputFiles == other.inputFiles
        && recordCounts.equals(other.recordCounts);
  }
}
