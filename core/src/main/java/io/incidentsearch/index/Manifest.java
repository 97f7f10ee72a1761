package io.incidentsearch.index;

import io.incidentsearch.model.RecordType;
import io.incidentsearch.schema.Schema;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

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

  static final String LUCENE_KEY = "incident-search.lucene-version";
  static final String DIGEST_KEY = "incident-search.input-digest";
  static final String FILES_KEY = "incident-search.input-files";
  static final String COUNT_KEY_PREFIX = "incident-search.records.";
  static final String BUILT_KEY = "incident-search.built-at";

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

  /** The input digest of no files: SHA-256 of no bytes. */
  static final String EMPTY_DIGEST =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  /**
   * The manifest of an empty index, as written when one is created.
   *
   * @return a manifest of no input files and no records, built now
   */
  public static Manifest empty() {
    return new Manifest(
        Schema.VERSION,
        org.apache.lucene.util.Version.LATEST.toString(),
        EMPTY_DIGEST,
        0,
        Map.of(),
        Instant.now().toString());
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

  /**
   * The commit user data holding this manifest.
   *
   * @return a new sorted map of Lucene commit user data entries, the schema version's among them
   */
  public Map<String, String> toUserData() {
    Map<String, String> data = new TreeMap<>();
    data.put(Schema.VERSION_KEY, Integer.toString(schemaVersion));
    data.put(LUCENE_KEY, luceneVersion);
    data.put(DIGEST_KEY, inputDigest);
    data.put(FILES_KEY, Integer.toString(inputFiles));
    recordCounts.forEach((type, n) -> data.put(COUNT_KEY_PREFIX + type, Long.toString(n)));
    data.put(BUILT_KEY, builtAt);
    return data;
  }

  /**
   * The manifest in commit user data, or null when the data holds none (or is unreadable). The
   * schema version alone is checked elsewhere, with a clearer message.
   *
   * @param data the user data of a Lucene commit, as {@link #toUserData()} writes it
   * @return the manifest, or null
   */
  public static Manifest fromUserData(Map<String, String> data) {
    try {
      String version = data.get(Schema.VERSION_KEY);
      if (version == null || !data.containsKey(DIGEST_KEY)) {
        return null;
      }
      Map<String, Long> counts = new LinkedHashMap<>();
      for (RecordType t : RecordType.values()) {
        counts.put(t.key(), Long.parseLong(data.getOrDefault(COUNT_KEY_PREFIX + t.key(), "0")));
      }
      return new Manifest(
          Integer.parseInt(version),
          data.getOrDefault(LUCENE_KEY, ""),
          data.get(DIGEST_KEY),
          Integer.parseInt(data.getOrDefault(FILES_KEY, "0")),
          counts,
          data.getOrDefault(BUILT_KEY, ""));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
