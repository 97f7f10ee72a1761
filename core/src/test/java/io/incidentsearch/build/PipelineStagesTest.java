package io.incidentsearch.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.TestCorpus;
import io.incidentsearch.formats.Problem;
import io.incidentsearch.index.BuildListener;
import io.incidentsearch.index.BuildOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each stage of the build pipeline alone, on the testdata archive. */
class PipelineStagesTest {
  @TempDir Path tmp;

  private Path archive() throws IOException {
    return IndexFixtures.copyTree(TestCorpus.testdata().resolve("archive"), tmp.resolve("archive"));
  }

  private static List<Path> regularFiles(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .map(p -> p.toAbsolutePath().normalize())
          .sorted()
          .toList();
    }
  }

  @Test
  void inventoryListsEachFileOnceInPathOrderBelowTheFirstRootListingIt() throws IOException {
    Path archive = archive();
    Inventory inv =
        Inventory.discover(
            List.of(archive, archive.resolve("articles")), new ScannerArchiveSource());
    List<Path> expected = regularFiles(archive);
    FileTable files = inv.files();
    assertEquals(expected.size(), files.size(), "a file under two roots is listed once");
    for (int f = 0; f < files.size(); f++) {
      assertEquals(expected.get(f), files.path(f));
      assertNull(files.hash(f), "the inventory hashes nothing");
    }
    int article = files.find(archive.resolve("articles/3710.txt"));
    assertEquals("articles/3710.txt", files.relative(article));
    assertTrue(inv.problems().isEmpty(), inv.problems().toString());
  }

  @Test
  void againstAnEmptyIndexEveryFileIsToParseAndNothingIsHashed() throws IOException {
    Path archive = archive();
    FileTable files = Inventory.discover(List.of(archive), new ScannerArchiveSource()).files();
    try (Directory dir = FSDirectory.open(tmp.resolve("empty"));
        BuildPool pool = new BuildPool(2)) {
      org.apache.lucene.index.IndexWriter w =
          new org.apache.lucene.index.IndexWriter(
              dir, new org.apache.lucene.index.IndexWriterConfig());
      w.commit();
      w.close();
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        IndexBefore before = IndexBefore.of(reader);
        assertTrue(before.isEmpty());
        ChangeSet changes = ChangeSet.of(files, before, pool);
        assertEquals(files.size(), changes.toParseCount());
        assertTrue(changes.gone().isEmpty());
        assertTrue(changes.oldKeys().isEmpty());
        for (int f = 0; f < files.size(); f++) {
          assertNull(files.hash(f));
        }
      }
    }
  }

  /** An index of the archive, then: one article changed, one gone, one new file. */
  private record Edited(Path archive, Path index, Path changed, Path gone, Path added) {}

  private Edited buildThenEdit() throws IOException {
    Path archive = archive();
    Path index = tmp.resolve("index");
    IncidentIndex.build(index, List.of(archive), BuildOptions.defaults().threads(2));
    Path changed = archive.resolve("articles/3710.txt");
    Files.writeString(changed, Files.readString(changed) + "\nOne more paragraph.\n");
    Path gone = archive.resolve("articles/3111.txt");
    Files.delete(gone);
    Path added = archive.resolve("articles/9999999.txt");
    Files.copy(archive.resolve("articles/3663.txt"), added);
    return new Edited(archive, index, changed, gone, added);
  }

  @Test
  void changeSetParsesNewAndChangedFilesAndNamesTheGoneOnes() throws IOException {
    Edited e = buildThenEdit();
    FileTable files = Inventory.discover(List.of(e.archive()), new ScannerArchiveSource()).files();
    try (Directory dir = FSDirectory.open(e.index());
        DirectoryReader reader = DirectoryReader.open(dir);
        BuildPool pool = new BuildPool(2)) {
      ChangeSet changes = ChangeSet.of(files, IndexBefore.of(reader), pool);
      List<Path> toParse = new ArrayList<>();
      for (int i = 0; i < changes.toParseCount(); i++) {
        toParse.add(files.path(changes.toParse(i)));
      }
      assertEquals(List.of(e.changed(), e.added()), toParse);
      assertEquals(List.of(e.gone()), changes.gone());
      assertEquals(List.of("article:3710"), changes.oldKeys().get(e.changed()));
      assertEquals(List.of("article:3111"), changes.oldKeys().get(e.gone()));
      int unchanged = files.find(e.archive().resolve("articles/3663.txt"));
      assertTrue(changes.unchanged(unchanged));
      assertNotNull(files.hash(unchanged), "a file with an entry is hashed to compare");
      assertNull(files.hash(files.find(e.added())), "a new file is hashed when parsed");
    }
  }

  @Test
  void resolutionResolvesTouchedKeysAndLinkPlanRelinksTheirNeighbours() throws IOException {
    Edited e = buildThenEdit();
    FileTable files = Inventory.discover(List.of(e.archive()), new ScannerArchiveSource()).files();
    try (Directory dir = FSDirectory.open(e.index());
        DirectoryReader reader = DirectoryReader.open(dir);
        BuildPool pool = new BuildPool(2);
        RecordSpill spill = new RecordSpill(dir)) {
      IndexBefore before = IndexBefore.of(reader);
      ChangeSet changes = ChangeSet.of(files, before, pool);
      BuildProblems problems = new BuildProblems();
      List<Path> sunk = new ArrayList<>();
      Resolution res =
          Resolution.resolve(
              files,
              changes,
              before,
              new FileParser(new ScannerArchiveSource(), spill),
              spill,
              pool,
              new BuildListener() {},
              problems,
              (file, parsed) -> sunk.add(file));
      assertEquals(List.of(e.changed(), e.added()), sunk);
      KeyTable table = res.table();
      // The new file repeats article 3663's page under another name: its own id is new, so
      // nothing loses; 3663 stays as indexed from its unchanged file.
      int a3710 = table.find("article:3710");
      assertTrue(table.hasRecord(a3710));
      assertEquals(files.find(e.changed()), table.winner(a3710));
      int a3111 = table.find("article:3111");
      assertTrue(table.touched(a3111));
      assertFalse(table.hasRecord(a3111), "no file holds a gone file's key");

      LinkPlan plan = LinkPlan.of(res, before);
      assertEquals(1, plan.deleted(), "article 3111");
      assertEquals(1, plan.updated(), "article 3710");
      List<String> written = new ArrayList<>();
      for (int item : plan.writeOrder(table)) {
        written.add(item >= 0 ? table.key(item) : plan.relinkOutside(-1 - item));
      }
      List<String> citing3710 = before.citing("3710");
      assertFalse(citing3710.isEmpty(), "the fixture has incidents citing article 3710");
      assertTrue(written.containsAll(citing3710), written + " relinks " + citing3710);
      assertTrue(written.containsAll(before.citing("3111")), "citers of a deleted article");
      List<String> sorted = new ArrayList<>(written);
      sorted.sort(null);
      assertEquals(sorted, written, "written in key order");
      for (Problem p : problems.all()) {
        assertFalse(p.isError(), p.toString());
      }
    }
  }
}
