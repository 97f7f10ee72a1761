package io.incidentsearch.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.TestCorpus;
import io.incidentsearch.model.Article;
import io.incidentsearch.model.Incident;
import io.incidentsearch.model.Record;
import io.incidentsearch.model.RecordType;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Every CSV export of fail-extra parses to the records its rows hold, counted here with plain
 * commons-csv: incident exports to incidents, article tables to articles, titles and bodies never
 * lost where the cells have them, and no problem.
 */
class FailExtraCsvTest {
  /** What each file's rows are, by file name (from FAIL's repository and fail-extra's README). */
  private static final Map<String, RecordType> KINDS =
      Map.of(
          "auto_evaluation__ClassificationEval2010-2016__experiment_data_auto_articles.csv",
          RecordType.ARTICLE,
          "auto_evaluation__train.csv",
          RecordType.ARTICLE,
          "auto_evaluation__ClassificationEval2010-2016__experiment_data_auto_incidents.csv",
          RecordType.INCIDENT,
          "auto_evaluation__experiment_data_auto_incidents.csv",
          RecordType.INCIDENT,
          "auto_evaluation__experiment_data_auto_incidents_Test.csv",
          RecordType.INCIDENT,
          "auto_evaluation__experiment_data_auto_incidents_Train.csv",
          RecordType.INCIDENT,
          "fetched_data__Outdated__incident_data.csv",
          RecordType.INCIDENT,
          "set_commands__saved_states__incident_state0.csv",
          RecordType.INCIDENT);

  @Test
  void everyFileGivesTheRecordsItsRowsHold() throws IOException {
    List<Path> files;
    try (Stream<Path> all = Files.list(TestCorpus.failExtra().resolve("csv"))) {
      files = all.sorted().toList();
    }
    assertEquals(KINDS.keySet(), Set.copyOf(files.stream().map(FailExtraCsvTest::name).toList()));
    for (Path file : files) {
      RecordType kind = KINDS.get(name(file));
      List<CSVRecord> rows = rows(file);
      List<String> header = rows.get(0).toList();
      List<CSVRecord> data = rows.subList(1, rows.size());

      ParsedFile parsed = new ArchiveScanner().parse(file);
      assertEquals(List.of(), parsed.problems(), name(file));
      assertEquals(
          kind == RecordType.ARTICLE ? Format.FAIL_ARTICLE_CSV : Format.FAIL_INCIDENT_CSV,
          parsed.format(),
          name(file));
      List<Record> records = parsed.records();
      assertEquals(data.size(), records.size(), name(file));
      for (int i = 0; i < data.size(); i++) {
        CSVRecord row = data.get(i);
        Record record = records.get(i);
        String where = name(file) + " row " + (i + 1);
        assertEquals(kind, record.type(), where);
        assertEquals(row.get(0).strip(), record.id(), where);
        assertFalse(record.title().isBlank(), where + ": no title");
        assertTrue(FailCsv.date(record.title()).isEmpty(), where + ": a date as title");
        boolean aligned = row.size() == header.size();
        if (record instanceof Article a) {
          String body = row.get(header.indexOf("Body")).strip();
          assertEquals(body.isEmpty(), a.body().isEmpty(), where + ": body");
          String headline = row.get(header.indexOf("Headline"));
          String title = row.get(header.indexOf("Title"));
          assertTrue(
              headline.contains(a.title()) || title.contains(a.title()),
              where + ": title " + a.title());
          assertFalse(a.publication() == null, where + ": publication");
        } else if (aligned) {
          Incident incident = (Incident) record;
          assertEquals(row.get(header.indexOf("Title")).strip(), incident.title(), where);
        }
      }
    }
  }

  private static String name(Path file) {
    return file.getFileName().toString();
  }

  private static List<CSVRecord> rows(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser csv = CSVFormat.RFC4180.builder().get().parse(in)) {
      return csv.getRecords();
    }
  }
}
