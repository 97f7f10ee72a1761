package io.incidentsearch.schema;

import io.incidentsearch.index.Manifest;
import io.incidentsearch.model.RecordType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a {@link Manifest} is kept in the user data of a commit: one key per value, the schema
 * version under {@link Schema#VERSION_KEY}, so that opening an index can check the version first.
 */
public final class ManifestData {
  private ManifestData() {}

  private static final String LUCENE_KEY = "incident-search.lucene-version";
  private static final String DIGEST_KEY = "incident-search.input-digest";
  private static final String FILES_KEY = "incident-search.input-files";
  private static final String COUNT_KEY_PREFIX = "incident-search.records.";
  private static final String BUILT_KEY = "incident-search.built-at";

  /** The input digest of no files: SHA-256 of no bytes. */
  static final String EMPTY_DIGEST =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  /** The manifest of an empty index, as written when one is created. */
  public static Manifest empty() {
    return new Manifest(
        Schema.VERSION,
        org.apache.lucene.util.Version.LATEST.toString(),
        EMPTY_DIGEST,
        0,
        Map.of(),
        Instant.now().toString());
  }

  /** The commit user data holding this manifest. */
  public static Map<String, String> toUserData(Manifest m) {
    Map<String, String> data = new TreeMap<>();
    data.put(Schema.VERSION_KEY, Integer.toString(m.schemaVersion()));
    data.put(LUCENE_KEY, m.luceneVersion());
    data.put(DIGEST_KEY, m.inputDigest());
    data.put(FILES_KEY, Integer.toString(m.inputFiles()));
    m.recordCounts().forEach((type, n) -> data.put(COUNT_KEY_PREFIX + type, Long.toString(n)));
    data.put(BUILT_KEY, m.builtAt());
    return data;
  }

  /**
   * The manifest in commit user data, or null when the data holds none (or is unreadable). The
   * schema version alone is checked elsewhere, with a clearer message.
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
