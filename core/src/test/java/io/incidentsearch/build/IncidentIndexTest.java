package io.incidentsearch.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.TestCorpus;
import io.incidentsearch.engine.OpenIndexes;
import io.incidentsearch.formats.ArchiveScanner;
import io.incidentsearch.formats.ParsedFile;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.index.BuildReport;
import io.incidentsearch.index.IndexLockedException;
import io.incidentsearch.index.IndexMissingException;
import io.incidentsearch.index.IndexStats;
import io.incidentsearch.index.IndexVersionException;
import io.incidentsearch.model.Article;
import io.incidentsearch.model.Category;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import io.incidentsearch.schema.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening, refusing, locking, concurrent reading and statistics of the facade. */
class IncidentIndexTest {
  private static final BuildOptions OPTIONS = BuildOptions.defaults().threads(2);

  @TempDir Path tmp;

  @Test
  void facadeNamesTheSchemasFacetDimensionsAndVersion() {
    assertEquals(Schema.facetDimensions(), IncidentIndex.facetDimensions());
    assertEquals(Schema.VERSION, IncidentIndex.schemaVersion());
  }

  @Test
  void refusesAnIndexOfAnotherSchemaVersionUntilRebuiltInFull() throws IOException {
    Path dir = tmp.resolve("old");
    writeCommit(dir, Map.of(Schema.VERSION_KEY, "0"));
    IndexVersionException e =
        assertThrows(IndexVersionException.class, () -> IncidentIndex.open(dir));
    assertTrue(e.getMessage().contains("schema version 0"), e.getMessage());
    assertTrue(e.getMessage().contains("uses " + Schema.VERSION), e.getMessage());
    assertTrue(e.getMessage().contains("rebuild it with `index-tool build --full"), e.getMessage());
    assertThrows(IndexVersionException.class, () -> IncidentIndex.openOrCreate(dir));
    List<Path> archive = List.of(TestCorpus.testdata().resolve("archive"));
    // An incremental build refuses too; a full one replaces the index.
    assertThrows(IndexVersionException.class, () -> IncidentIndex.build(dir, archive, OPTIONS));
    BuildReport r = IncidentIndex.build(dir, archive, OPTIONS.full(true));
    assertEquals(42, r.added());
    try (IncidentIndex index = IncidentIndex.open(dir)) {
      assertEquals(Schema.VERSION, index.manifest().schemaVersion());
      assertTrue(index.get("incident:2750").isPresent());
    }
  }

  @Test
  void refusesAnIndexWithoutSchemaVersion() throws IOException {
    Path dir = tmp.resolve("foreign");
    writeCommit(dir, Map.of());
    IndexVersionException e =
        assertThrows(IndexVersionException.class, () -> IncidentIndex.open(dir));
    assertTrue(e.getMessage().contains("schema version none"), e.getMessage());
  }

  @Test
  void saysWhenThereIsNoIndex() throws IOException {
    IndexMissingException e =
        assertThrows(IndexMissingException.class, () -> IncidentIndex.open(tmp.resolve("nothing")));
    assertTrue(e.getMessage().contains("index-tool build"), e.getMessage());
    Files.createDirectories(tmp.resolve("empty"));
    assertThrows(IndexMissingException.class, () -> IncidentIndex.open(tmp.resolve("empty")));
    // openOrCreate makes an empty, readable index.
    try (IncidentIndex index = IncidentIndex.openOrCreate(tmp.resolve("empty"))) {
      assertEquals(0L, index.manifest().recordCounts().get("incident"));
      assertEquals(Map.of(), index.stats().missingArticles());
      assertTrue(index.get("incident:2750").isEmpty());
    }
    try (IncidentIndex index = IncidentIndex.open(tmp.resolve("empty"))) {
      assertEquals(0, index.manifest().inputFiles());
    }
  }

  @Test
  void aSecondWriterGetsTheLockExceptionWhileReadersCarryOn() throws IOException {
    Path dir = tmp.resolve("idx");
    List<Path> archive = List.of(TestCorpus.testdata().resolve("archive"));
    try (IncidentIndex index = IncidentIndex.openOrCreate(dir)) {
      index.build(archive, OPTIONS);
      try (Directory d = FSDirectory.open(dir);
          IndexWriter other = new IndexWriter(d, new IndexWriterConfig())) {
        IndexLockedException e =
            assertThrows(IndexLockedException.class, () -> index.build(archive, OPTIONS));
        assertTrue(e.getMessage().contains("locked by another build"), e.getMessage());
        assertThrows(IndexLockedException.class, () -> IncidentIndex.build(dir, archive, OPTIONS));
        // Readers need no lock.
        assertTrue(index.get("incident:2750").isPresent());
        try (IncidentIndex reader = IncidentIndex.open(dir)) {
          assertEquals(13L, reader.stats().recordCounts().get("incident"));
        }
        other.rollback();
      }
      assertEquals(0, index.build(archive, OPTIONS).filesParsed()); // the lock is free again
    }
  }

  @Test
  void searchesRunWhileABuildUpdatesTheIndex() throws Exception {
    Path archive = TestCorpus.testdata().resolve("archive");
    try (IncidentIndex index = IncidentIndex.openOrCreate(tmp.resolve("idx"))) {
      index.build(List.of(archive.resolve("incidents")), OPTIONS);
      assertEquals(0, articleCount(index));

      AtomicBoolean stop = new AtomicBoolean();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      Set<Integer> seen = Collections.synchronizedSet(new LinkedHashSet<>());
      List<Thread> searchers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread thread =
            new Thread(
                () -> {
                  try {
                    while (!stop.get()) {
                      int articles = articleCount(index);
                      int incidents =
                          count(index, new TermQuery(new Term(Schema.TYPE, "incident")));
                      if (incidents != 13) {
                        throw new AssertionError("incidents: " + incidents);
                      }
                      seen.add(articles);
                      index.get("incident:2750").orElseThrow();
                    }
                  } catch (Throwable e) {
                    failures.add(e);
                  }
                });
        thread.start();
        searchers.add(thread);
      }
      BuildReport r = index.build(List.of(archive), OPTIONS);
      assertEquals(29, r.added());
      assertEquals(29, articleCount(index)); // visible at once, no reopening by hand
      stop.set(true);
      for (Thread t : searchers) {
        t.join();
      }
      assertEquals(List.of(), List.copyOf(failures));
      assertTrue(Set.of(0, 29).containsAll(seen), seen.toString()); // never a half build
    }
  }

  private static int articleCount(IncidentIndex index) throws IOException {
    return count(index, new TermQuery(new Term(Schema.TYPE, "article")));
  }

  private static int count(IncidentIndex index, TermQuery q) throws IOException {
    IndexSearcher s = OpenIndexes.searcherManager(index).acquire();
    try {
      return s.count(q);
    } finally {
      OpenIndexes.searcherManager(index).release(s);
    }
  }

  @Test
  void statsAgreeWithTheParsedArchive() throws IOException {
    Path archive = TestCorpus.testdata().resolve("archive");
    // What the index should say, computed from the parsed files.
    ArchiveScanner scanner = new ArchiveScanner();
    List<Incident> incidents = new ArrayList<>();
    Map<String, Article> articles = new HashMap<>();
    for (Path f : scanner.listFiles(List.of(archive)).files()) {
      ParsedFile p = scanner.parse(f);
      for (Record r : p.records()) {
        if (r instanceof Incident i) {
          incidents.add(i);
        } else {
          articles.put(r.id(), (Article) r);
        }
      }
    }
    // A record's phase values: an incident's own, an article's citing incidents' (else missing).
    Map<String, Integer> phases = new TreeMap<>();
    LocalDate first = null;
    LocalDate last = null;
    Map<String, List<String>> missing = new TreeMap<>();
    List<Record> all = new ArrayList<>(incidents);
    all.addAll(articles.values());
    for (Record r : all) {
      Set<String> values = new LinkedHashSet<>();
      for (Incident i : incidents) {
        if (r == i || (r instanceof Article a && i.articleIds().contains(a.id()))) {
          values.addAll(i.taxonomy().options(Category.PHASE));
        }
      }
      if (values.isEmpty()) {
        values.add(Schema.MISSING);
      }
      values.forEach(v -> phases.merge(v, 1, Integer::sum));
      if (r.publishedDate().isPresent()) {
        LocalDate d = r.publishedDate().get();
        first = first == null || d.isBefore(first) ? d : first;
        last = last == null || d.isAfter(last) ? d : last;
      }
    }
    for (Incident i : incidents) {
      for (String a : i.articleIds()) {
        if (!articles.containsKey(a)) {
          missing.computeIfAbsent(a, k -> new ArrayList<>()).add(i.id());
        }
      }
    }
    missing.values().forEach(l -> l.sort(null));

    try (IncidentIndex index = IncidentIndex.openOrCreate(tmp.resolve("idx"))) {
      index.build(List.of(archive), OPTIONS);
      IndexStats stats = index.stats();
      assertEquals(Map.of("incident", 13L, "article", 29L), stats.recordCounts());
      assertEquals(13, stats.facet(Schema.DIM_TYPE).get("incident"));
      assertEquals(29, stats.facet(Schema.DIM_TYPE).get("article"));
      assertEquals(phases, new TreeMap<>(stats.facet("phase")));
      assertEquals(first, stats.firstPublished());
      assertEquals(last, stats.lastPublished());
      assertEquals(missing, stats.missingArticles());
      for (String dim : Schema.facetDimensions()) {
        assertTrue(stats.facetCounts().containsKey(dim), dim);
      }
      // Unknown options are those outside the vocabulary, per category.
      stats
          .unknownOptions()
          .forEach(
              (cat, values) ->
                  values.forEach(
                      v -> assertTrue(!Category.byKey(cat).orElseThrow().isKnownOption(v), v)));
    }
  }

  /** Writes an index with one document and the given commit user data. */
  private static void writeCommit(Path dir, Map<String, String> userData) throws IOException {
    try (Directory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
      Document doc = new Document();
      doc.add(new StringField("id", "x", Field.Store.YES));
      w.addDocument(doc);
      w.setLiveCommitData(userData.entrySet());
      w.commit();
    }
  }
}
