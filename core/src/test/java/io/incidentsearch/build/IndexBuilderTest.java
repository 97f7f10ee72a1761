package io.incidentsearch.build;

import static io.incidentsearch.build.IndexFixtures.copyTree;
import static io.incidentsearch.build.IndexFixtures.incidentsMatching;
import static io.incidentsearch.build.IndexFixtures.storedDump;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.TestCorpus;
import io.incidentsearch.formats.Problem;
import io.incidentsearch.index.ArchiveSource;
import io.incidentsearch.index.BuildListener;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.index.BuildReport;
import io.incidentsearch.index.Manifest;
import io.incidentsearch.model.Article;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.schema.Schema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Full, no-op and incremental builds on the real fixtures. */
class IndexBuilderTest {
  private static final BuildOptions OPTIONS = BuildOptions.defaults().threads(3);

  @TempDir Path tmp;

  private Path archiveCopy() throws IOException {
    return copyTree(TestCorpus.testdata().resolve("archive"), tmp.resolve("archive"));
  }

  @Test
  void fullBuildIndexesEveryRecordAndWritesTheManifest() throws IOException {
    try (IncidentIndex index = IncidentIndex.openOrCreate(tmp.resolve("idx"))) {
      BuildReport r = index.build(List.of(TestCorpus.testdata().resolve("archive")), OPTIONS);
      assertEquals(42, r.added());
      assertEquals(0, r.updated() + r.deleted() + r.unchanged());
      assertEquals(42, r.filesScanned());
      assertEquals(42, r.filesParsed());
      assertEquals(0, r.filesSkipped());

      Manifest m = index.manifest();
      assertEquals(13, m.count(RecordType.INCIDENT));
      assertEquals(29, m.count(RecordType.ARTICLE));
      assertEquals(Schema.VERSION, m.schemaVersion());
      assertEquals(org.apache.lucene.util.Version.LATEST.toString(), m.luceneVersion());
      assertEquals(42, m.inputFiles());
      assertEquals(m, r.manifest());

      Incident twitter = (Incident) index.get("incident:2750").orElseThrow();
      assertTrue(twitter.title().startsWith("Twitter Exposes User Phone Numbers"), twitter.title());
      assertTrue(twitter.articleIds().contains("96761"));
      Article reuters = (Article) index.get("article:96761").orElseThrow();
      // The article lists the incidents of the index that cite it.
      assertEquals(List.of("2750"), reuters.incidentIds());
      assertTrue(index.get("incident:96761").isEmpty());
    }
  }

  @Test
  void noOpRebuildParsesNothingAndChangesNothing() throws IOException {
    try (IncidentIndex index = IncidentIndex.openOrCreate(tmp.resolve("idx"))) {
      List<Path> roots = List.of(TestCorpus.testdata().resolve("archive"));
      Manifest first = index.build(roots, OPTIONS).manifest();
      BuildReport r = index.build(roots, OPTIONS);
      assertEquals(0, r.added() + r.updated() + r.deleted() + r.relinked());
      assertEquals(42, r.unchanged());
      assertEquals(0, r.filesParsed());
      assertEquals(42, r.filesSkipped());
      assertEquals(List.of(), r.problems());
      assertEquals(first, index.manifest()); // no new commit at all
    }
  }

  @Test
  void incrementalBuildChangesExactlyWhatChangedAndTheLinkedRecords() throws IOException {
    Path archive = archiveCopy();
    try (IncidentIndex index = IncidentIndex.openOrCreate(tmp.resolve("idx"))) {
      index.build(List.of(archive), OPTIONS);
      // "Ruvic" (a photo credit) is only in article 96761, cited by incident 2750.
      assertEquals(List.of("2750"), incidentsMatching(index, Schema.CITED_TEXT, "Ruvic"));
      String digest = index.manifest().inputDigest();

      Path changed = archive.resolve("incidents/2728.txt");
      String text = Files.readString(changed);
      Files.writeString(changed, text.replaceFirst("Incident: ", "Incident: Quokkafrost "));
      Files.delete(archive.resolve("articles/96761.txt"));
      Path added = archive.resolve("articles/990001.txt");
      Files.writeString(
          added,
          "Lighthouse keepers report zebraglyph outage - Example News\n\n"
              + "Published on 2021-05-04 08:00:00+00:00. The zebraglyph service stopped.");

      BuildReport r = index.build(List.of(archive), OPTIONS);
      assertEquals(1, r.added(), r.toString());
      assertEquals(1, r.updated(), r.toString());
      assertEquals(1, r.deleted(), r.toString());
      assertEquals(40, r.unchanged(), r.toString());
      assertEquals(2, r.filesParsed());
      assertEquals(40, r.filesSkipped());
      assertEquals(1, r.filesDeleted());
      // 2750 lost an article; 2728's cited articles carry its (changed) record.
      assertTrue(r.relinked() >= 2, r.toString());
      assertNotEquals(digest, r.manifest().inputDigest());

      assertTrue(index.get("incident:2728").orElseThrow().title().startsWith("Quokkafrost "));
      assertTrue(index.get("article:96761").isEmpty());
      assertEquals(
          "Lighthouse keepers report zebraglyph outage",
          index.get("article:990001").orElseThrow().title());
      // The citing incident no longer finds the deleted article's words...
      assertEquals(List.of(), incidentsMatching(index, Schema.CITED_TEXT, "Ruvic"));
      // ...still cites it, and stats say it is missing.
      assertTrue(
          ((Incident) index.get("incident:2750").orElseThrow()).articleIds().contains("96761"));
      assertEquals(List.of("2750"), index.stats().missingArticles().get("96761"));
      assertEquals(13, index.manifest().count(RecordType.INCIDENT));
      assertEquals(29, index.manifest().count(RecordType.ARTICLE));

      // The article comes back: the incident finds its words again.
      Files.copy(
          TestCorpus.testdata().resolve("archive/articles/96761.txt"),
          archive.resolve("articles/96761.txt"));
      BuildReport back = index.build(List.of(archive), OPTIONS);
      assertEquals(1, back.added());
      assertEquals(List.of("2750"), incidentsMatching(index, Schema.CITED_TEXT, "Ruvic"));
      assertFalse(index.stats().missingArticles().containsKey("96761"));
    }
  }

  @Test
  void incrementalResultEqualsAFullBuildOfTheSameInputs() throws IOException {
    Path archive = archiveCopy();
    try (IncidentIndex inc = IncidentIndex.openOrCreate(tmp.resolve("inc"));
        IncidentIndex full = IncidentIndex.openOrCreate(tmp.resolve("full"))) {
      inc.build(List.of(archive), OPTIONS);
      // An incident changes its taxonomy and citations; an article changes; one goes.
      Path incident = archive.resolve("incidents/2750.txt");
      Files.writeString(
          incident,
          Files.readString(incident)
              .replace("[96761]", "[96761, 3710]")
              .replace(
                  "Phase (Design/Operation) design, operation",
                  "Phase (Design/Operation) operation"));
      Path article = archive.resolve("articles/3710.txt");
      Files.writeString(article, Files.readString(article) + "\nAn added closing paragraph.");
      Files.delete(archive.resolve("articles/3663.txt"));
      inc.build(List.of(archive), OPTIONS);

      full.build(List.of(archive), OPTIONS.full(true));
      assertEquals(storedDump(full, archive), storedDump(inc, archive));
      assertEquals(full.stats(), inc.stats());
      assertTrue(full.manifest().sameContent(inc.manifest()));
      for (String word : List.of("Ruvic", "closing", "Twitter")) {
        assertEquals(
            incidentsMatching(full, Schema.CITED_TEXT, word),
            incidentsMatching(inc, Schema.CITED_TEXT, word),
            word);
      }
      // 3710 is now cited by 2750 too.
      Article a = (Article) inc.get("article:3710").orElseThrow();
      assertTrue(a.incidentIds().contains("2750"), a.incidentIds().toString());
    }
  }

  @Test
  void duplicateIdsKeepTheRecordOfTheFirstPathAndWarn() throws IOException {
    Path archive = archiveCopy();
    // The CSV export holds the same 13 incidents as the pages, 2750 with another title;
    // "a-export" sorts first.
    Path csv = archive.resolve("a-export/incident_data.csv");
    Files.createDirectories(csv.getParent());
    Files.writeString(
        csv,
        Files.readString(TestCorpus.testdata().resolve("csv/incident_data.csv"))
            .replace("Twitter Exposes User Phone Numbers", "Twitter Leaks Phone Numbers"));
    try (IncidentIndex inc = IncidentIndex.openOrCreate(tmp.resolve("inc"));
        IncidentIndex full = IncidentIndex.openOrCreate(tmp.resolve("full"))) {
      BuildReport r = inc.build(List.of(archive), OPTIONS);
      assertEquals(13, inc.manifest().count(RecordType.INCIDENT));
      assertEquals(csv, inc.get("incident:2750").orElseThrow().source());
      // The 12 copies that say the same are no problem; the one that differs is.
      List<Problem> dupes =
          r.problems().stream().filter(p -> p.message().contains("duplicate")).toList();
      assertEquals(1, dupes.size(), r.problems().toString());
      Problem p = dupes.get(0);
      assertEquals(archive.resolve("incidents/2750.txt"), p.file());
      assertEquals(Problem.Severity.WARNING, p.severity());
      assertTrue(p.message().contains("duplicate incident id 2750 (it differs in title)"));
      assertTrue(p.message().contains(csv.toString()), p.message());

      // Same inputs, same winner.
      full.build(List.of(archive), OPTIONS.full(true));
      assertEquals(storedDump(full, archive), storedDump(inc, archive));

      // The winning file goes: the pages' records come back without the pages changing.
      Files.delete(csv);
      BuildReport after = inc.build(List.of(archive), OPTIONS);
      assertEquals(13, after.updated(), after.toString());
      assertEquals(13, after.filesParsed(), after.toString()); // the 13 pages, parsed again
      assertEquals(
          archive.resolve("incidents/2750.txt"), inc.get("incident:2750").orElseThrow().source());
      full.build(List.of(archive), OPTIONS.full(true));
      assertEquals(storedDump(full, archive), storedDump(inc, archive));
    }
  }

  @Test
  void failDevPagesAndCsvIncrementallyEqualFullBuilds() throws IOException {
    Path archive = tmp.resolve("fail-dev");
    for (String part : List.of("incidents", "articles", "csv")) {
      copyTree(TestCorpus.failDev().resolve(part), archive.resolve(part));
    }
    try (IncidentIndex inc = IncidentIndex.openOrCreate(tmp.resolve("inc"))) {
      BuildReport first = inc.build(List.of(archive), OPTIONS);
      assertEquals(31, inc.manifest().count(RecordType.INCIDENT));
      assertEquals(76, inc.manifest().count(RecordType.ARTICLE));
      // Every record is twice: "articles/" < "csv/" < "incidents/", so article pages win
      // and the incident CSV wins; the copies say the same, so no duplicate is reported.
      assertEquals(List.of(), first.problems());
      for (int step = 0; step < 2; step++) {
        if (step == 0) {
          Files.delete(archive.resolve("csv/incident_data.csv")); // page incidents come back
        } else {
          Files.delete(archive.resolve("articles/96761.txt")); // the CSV's 96761 takes over
        }
        inc.build(List.of(archive), OPTIONS);
        try (IncidentIndex full = IncidentIndex.openOrCreate(tmp.resolve("full" + step))) {
          full.build(List.of(archive), OPTIONS.full(true));
          assertEquals(storedDump(full, archive), storedDump(inc, archive), "step " + step);
          assertEquals(full.stats(), inc.stats());
        }
      }
      assertEquals(
          archive.resolve("csv/article_state0.csv"),
          inc.get("article:96761").orElseThrow().source());
    }
  }

  @Test
  void aBuildFromScratchGivesWhatAnUpdateOfTheSameInputsGives() throws IOException {
    // fail-dev pages and CSV: every record twice, so the duplicate rules are exercised too;
    // the incident pages, which lose to the CSV, get other titles, so each is reported.
    Path archive = tmp.resolve("fail-dev");
    for (String part : List.of("incidents", "articles", "csv")) {
      copyTree(TestCorpus.failDev().resolve(part), archive.resolve(part));
    }
    try (var pages = Files.list(archive.resolve("incidents"))) {
      for (Path page : pages.toList()) {
        Files.writeString(page, Files.readString(page).replaceFirst("Incident: ", "Incident: A "));
      }
    }
    Path elsewhere = tmp.resolve("elsewhere/3710.txt");
    Files.createDirectories(elsewhere.getParent());
    Files.copy(archive.resolve("articles/3710.txt"), elsewhere);
    try (IncidentIndex updated = IncidentIndex.openOrCreate(tmp.resolve("updated"));
        IncidentIndex scratch = IncidentIndex.openOrCreate(tmp.resolve("scratch"))) {
      // A non-empty index takes the update path; the same inputs into an empty one do not.
      updated.build(List.of(elsewhere), OPTIONS);
      Recorder updates = new Recorder();
      BuildReport u = updated.build(List.of(archive), OPTIONS.listener(updates));
      Recorder fresh = new Recorder();
      BuildReport s = scratch.build(List.of(archive), OPTIONS.listener(fresh));

      assertEquals(storedDump(updated, archive), storedDump(scratch, archive));
      assertEquals(updated.stats(), scratch.stats());
      assertTrue(updated.manifest().sameContent(scratch.manifest()));
      assertEquals(u.problems(), s.problems());
      assertEquals(
          31, s.problems().stream().filter(p -> p.message().contains("differs in title")).count());
      assertEquals(u.added() + u.updated(), s.added());
      assertEquals(0, s.updated() + s.deleted() + s.relinked());
      assertEquals(u.filesParsed(), s.filesParsed());
      assertEquals(updates.parsed, fresh.parsed);
      assertEquals(updates.written, fresh.written);

      // And what it leaves behind lets the next build parse nothing.
      BuildReport again = scratch.build(List.of(archive), OPTIONS);
      assertEquals(0, again.filesParsed(), again.toString());
      assertFalse(again.changedRecords());
    }
  }

  @Test
  void severalRootsGiveTheDigestOfTheirSortedRelativePaths() throws IOException {
    // Two roots whose files interleave: the from-scratch build streams the digest only while
    // the lines come sorted, and must sort them here.
    Path b = tmp.resolve("b");
    Path a = tmp.resolve("a");
    Files.createDirectories(b.resolve("x"));
    Files.createDirectories(a);
    Files.copy(TestCorpus.testdata().resolve("archive/articles/3710.txt"), b.resolve("x/3710.txt"));
    Files.copy(TestCorpus.testdata().resolve("archive/articles/3663.txt"), a.resolve("y.txt"));
    try (IncidentIndex scratch = IncidentIndex.openOrCreate(tmp.resolve("scratch"))) {
      scratch.build(List.of(b, a), OPTIONS);
      List<String> lines =
          List.of(
              "x/3710.txt\t" + io.incidentsearch.common.Sha256.ofFile(b.resolve("x/3710.txt")),
              "y.txt\t" + io.incidentsearch.common.Sha256.ofFile(a.resolve("y.txt")));
      assertEquals(BuildCommit.inputDigest(lines), scratch.manifest().inputDigest());
    }
  }

  @Test
  void aRecordWithAnImmenseIdIsSkippedWithAnErrorAndTheRestIsIndexed() throws IOException {
    // A 40,000-character id cell failed the whole build (Lucene's term limit is 32,766 bytes).
    Path archive = archiveCopy();
    Path csv = archive.resolve("export/incident_data.csv");
    Files.createDirectories(csv.getParent());
    List<String> lines = Files.readAllLines(TestCorpus.testdata().resolve("csv/incident_data.csv"));
    StringBuilder out = new StringBuilder(lines.get(0)).append('\n');
    out.append("9".repeat(40_000)).append(",[3710],2020-01-01,An immense id,Its summary.");
    out.append(",".repeat(lines.get(0).split(",", -1).length - 5)).append('\n');
    Files.writeString(csv, out.toString());
    try (IncidentIndex index = IncidentIndex.openOrCreate(tmp.resolve("idx"))) {
      for (boolean full : List.of(true, false)) {
        if (!full) {
          Files.writeString(csv, out + "\n"); // changed: the update path parses it again
        }
        BuildReport r = index.build(List.of(archive), OPTIONS.full(full));
        Problem p =
            r.problems().stream()
                .filter(x -> x.file().equals(csv) && x.severity() == Problem.Severity.ERROR)
                .findFirst()
                .orElseThrow(() -> new AssertionError(r.problems().toString()));
        assertTrue(p.message().contains("its id is 40,000 characters long"), p.message());
        assertEquals(13, index.manifest().count(RecordType.INCIDENT), r.toString());
        assertEquals(29, index.manifest().count(RecordType.ARTICLE), r.toString());
      }
    }
  }

  /** Records a build's listener calls. */
  private static final class Recorder implements BuildListener {
    final List<Path> parsed = new java.util.ArrayList<>();
    final List<String> written = new java.util.ArrayList<>();

    @Override
    public void fileParsed(Path file, int records) {
      parsed.add(file);
    }

    @Override
    public void recordWritten(String key) {
      written.add(key);
    }
  }

  @Test
  void aFailedBuildLeavesTheLastCommitIntact() throws IOException {
    Path archive = archiveCopy();
    Path dir = tmp.resolve("idx");
    Map<String, String> before;
    Manifest manifest;
    try (IncidentIndex index = IncidentIndex.openOrCreate(dir)) {
      index.build(List.of(archive), OPTIONS);
      before = storedDump(index, archive);
      manifest = index.manifest();
      Files.delete(archive.resolve("incidents/2728.txt"));
      Files.delete(archive.resolve("articles/96761.txt"));
      Path changed = archive.resolve("incidents/2750.txt");
      Files.writeString(
          changed, Files.readString(changed).replaceFirst("Incident: ", "Incident: X "));

      AtomicInteger written = new AtomicInteger();
      BuildListener failing =
          new BuildListener() {
            @Override
            public void recordWritten(String key) {
              if (written.incrementAndGet() == 2) {
                throw new IllegalStateException("injected failure");
              }
            }
          };
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> index.build(List.of(archive), OPTIONS.listener(failing)));
      assertEquals("injected failure", e.getMessage());
      assertEquals(before, storedDump(index, archive));
      assertEquals(manifest, index.manifest());
    }
    // A reader that dies with an Error half-way: same result, and the lock is released.
    ArchiveSource dying = errorOn("2750.txt"); // changed, so parsed
    try (IncidentIndex index = IncidentIndex.openOrCreate(dir, dying)) {
      assertThrows(AssertionError.class, () -> index.build(List.of(archive), OPTIONS));
    }
    try (IncidentIndex index = IncidentIndex.open(dir)) {
      assertEquals(before, storedDump(index, archive));
      assertEquals(manifest, index.manifest());
      BuildReport r = index.build(List.of(archive), OPTIONS);
      assertEquals(2, r.deleted());
      assertTrue(index.get("incident:2750").orElseThrow().title().startsWith("X "));
    }
  }

  /** The scanner, except that parsing {@code fileName} throws an Error. */
  private static ArchiveSource errorOn(String fileName) {
    ArchiveSource real = new ScannerArchiveSource();
    return new ArchiveSource() {
      @Override
      public List<Path> discover(Path root, Consumer<Problem> problems) throws IOException {
        return real.discover(root, problems);
      }

      @Override
      public Parsed parse(Path file) throws IOException {
        if (file.getFileName().toString().equals(fileName)) {
          throw new AssertionError("reader crashed on " + file);
        }
        return real.parse(file);
      }
    };
  }

  @Test
  void aMissingRootStopsTheBuildInsteadOfDeletingEverything() throws IOException {
    try (IncidentIndex index = IncidentIndex.openOrCreate(tmp.resolve("idx"))) {
      index.build(List.of(TestCorpus.testdata().resolve("archive")), OPTIONS);
      assertThrows(
          java.nio.file.NoSuchFileException.class,
          () -> index.build(List.of(tmp.resolve("no-such-archive")), OPTIONS));
      assertEquals(42, index.stats().recordCounts().values().stream().mapToLong(x -> x).sum());
    }
  }

  @Test
  void manifestDependsOnContentAndRelativePathsOnly() throws IOException {
    Path a = copyTree(TestCorpus.testdata().resolve("archive"), tmp.resolve("one/archive"));
    Path b = copyTree(TestCorpus.testdata().resolve("archive"), tmp.resolve("two/elsewhere"));
    try (IncidentIndex x = IncidentIndex.openOrCreate(tmp.resolve("x"));
        IncidentIndex y = IncidentIndex.openOrCreate(tmp.resolve("y"))) {
      Manifest mx = x.build(List.of(a), OPTIONS).manifest();
      Manifest my = y.build(List.of(b), OPTIONS.threads(1)).manifest();
      assertTrue(mx.sameContent(my), mx + " vs " + my);
      Files.writeString(
          b.resolve("articles/3710.txt"),
          "changed",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.APPEND);
      assertNotEquals(mx.inputDigest(), y.build(List.of(b), OPTIONS).manifest().inputDigest());
    }
  }

  @Test
  void aFullBuildRecordsTheHashesOfWhatItParsedSoTheNextBuildParsesNothing() throws IOException {
    List<Path> roots = List.of(TestCorpus.testdata().resolve("archive"));
    try (IncidentIndex index = IncidentIndex.openOrCreate(tmp.resolve("idx"))) {
      BuildReport full = index.build(roots, OPTIONS.full(true));
      assertEquals(42, full.filesParsed());
      BuildReport again = index.build(roots, OPTIONS);
      assertEquals(0, again.filesParsed(), again.toString());
      assertEquals(42, again.filesSkipped());
      assertEquals(full.manifest(), again.manifest()); // same digest: no new commit
    }
  }
}
