package io.incidentsearch.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.TestCorpus;
import io.incidentsearch.formats.ArchiveScanner;
import io.incidentsearch.formats.JsonLines;
import io.incidentsearch.index.BuildListener;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.model.Record;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's on-disk parking of parsed records, on every record of the real fixtures. */
class RecordSpillTest {
  @TempDir Path tmp;

  /** Every record under testdata/ (pages, CSV slice, seeds), each with its source file. */
  private static List<Record> fixtureRecords() throws IOException {
    ArchiveScanner scanner = new ArchiveScanner();
    List<Record> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(TestCorpus.testdata())) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.addAll(scanner.parse(f).records());
      }
    }
    return out;
  }

  @Test
  void recordsComeBackExactlyWhenWrittenAndReadFromManyThreads() throws Exception {
    List<Record> records = fixtureRecords();
    assertTrue(records.size() > 80, "a weak test: " + records.size() + " records");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (Directory dir = FSDirectory.open(tmp.resolve("idx"));
        RecordSpill spill = new RecordSpill(dir)) {
      List<Future<RecordSpill.Ref>> appended = new ArrayList<>();
      for (Record r : records) {
        appended.add(pool.submit(() -> spill.append(r)));
      }
      List<RecordSpill.Ref> refs = new ArrayList<>();
      for (Future<RecordSpill.Ref> f : appended) {
        refs.add(f.get());
      }
      spill.seal();
      assertThrows(IllegalStateException.class, () -> spill.append(records.get(0)));

      List<Future<String>> read = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        Record original = records.get(i);
        RecordSpill.Ref ref = refs.get(i);
        read.add(pool.submit(() -> JsonLines.toJson(spill.read(ref, original.source()))));
      }
      for (int i = 0; i < records.size(); i++) {
        Record original = records.get(i);
        assertEquals(JsonLines.toJson(original), read.get(i).get(), original.key());
        assertEquals(original.key(), refs.get(i).key());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refsCarryTheCitedArticlesSoTheBuildNeedNotReadRecordsBack() throws IOException {
    Record twitter =
        new ArchiveScanner()
            .parse(TestCorpus.testdata().resolve("archive/incidents/2750.txt"))
            .records()
            .get(0);
    try (Directory dir = FSDirectory.open(tmp.resolve("idx"));
        RecordSpill spill = new RecordSpill(dir)) {
      RecordSpill.Ref ref = spill.append(twitter);
      assertEquals("incident:2750", ref.key());
      assertTrue(ref.articleIds().contains("96761"), ref.articleIds().toString());
      assertThrows(IllegalStateException.class, () -> spill.read(ref, twitter.source()));
    }
  }

  @Test
  void closeDeletesTheFileAndStaleFilesOfAKilledBuildAreRemoved() throws IOException {
    try (Directory dir = FSDirectory.open(tmp.resolve("idx"))) {
      RecordSpill closed = new RecordSpill(dir);
      closed.append(fixtureRecords().get(0));
      closed.close();
      assertEquals(List.of(), spillFiles(dir));

      RecordSpill abandoned = new RecordSpill(dir); // as a SIGKILL would leave it
      abandoned.append(fixtureRecords().get(0));
      abandoned.seal();
      assertEquals(1, spillFiles(dir).size());
      abandoned.close(); // releases the handle; deleteStale must cope with a leftover too
      RecordSpill leftover = new RecordSpill(dir);
      leftover.seal();
      RecordSpill.deleteStale(dir);
      assertEquals(List.of(), spillFiles(dir));
    }
  }

  @Test
  void buildsLeaveNoSpillFileWhetherTheySucceedOrFail() throws IOException {
    Path location = tmp.resolve("idx");
    Path archive = TestCorpus.testdata().resolve("archive");
    try (IncidentIndex index = IncidentIndex.openOrCreate(location)) {
      index.build(List.of(archive), BuildOptions.defaults().threads(2));
      assertEquals(List.of(), spillFiles(location));

      BuildListener failing =
          new BuildListener() {
            @Override
            public void recordWritten(String key) {
              throw new IllegalStateException("stop here");
            }
          };
      assertThrows(
          IllegalStateException.class,
          () ->
              index.build(
                  List.of(archive),
                  BuildOptions.defaults().full(true).threads(2).listener(failing)));
      assertEquals(List.of(), spillFiles(location));
      assertEquals(
          Map.of("incident", 13L, "article", 29L),
          Map.copyOf(index.stats().recordCounts()),
          "the failed build must leave the last commit");
    }
  }

  @Test
  void theNextBuildRemovesWhatAKilledBuildLeft() throws IOException {
    Path location = tmp.resolve("idx");
    Path archive = TestCorpus.testdata().resolve("archive");
    try (IncidentIndex index = IncidentIndex.openOrCreate(location)) {
      index.build(List.of(archive), BuildOptions.defaults());
    }
    // What a SIGKILL between parsing and the commit leaves: a spill file beside the segments.
    Files.write(location.resolve(RecordSpill.PREFIX + "_records_0.tmp"), new byte[] {1, 2, 3});
    try (IncidentIndex index = IncidentIndex.open(location)) {
      index.build(List.of(archive), BuildOptions.defaults());
      assertEquals(List.of(), spillFiles(location));
      assertEquals(13L, index.stats().recordCounts().get("incident"));
    }
  }

  private static List<String> spillFiles(Directory dir) throws IOException {
    return Arrays.stream(dir.listAll()).filter(f -> f.startsWith(RecordSpill.PREFIX)).toList();
  }

  private static List<String> spillFiles(Path location) throws IOException {
    try (Stream<Path> files = Files.list(location)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(f -> f.startsWith(RecordSpill.PREFIX))
          .toList();
    }
  }
}
