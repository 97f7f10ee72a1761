package io.incidentsearch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.schema.RecordDocuments;
import io.incidentsearch.schema.Schema;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.IndexableField;
import org.junit.jupiter.api.Test;

/** Which parsed queries can match records only, so that searches drop the kind filter. */
class RecordQueriesTest {
  private final IncidentQueryParser parser = new IncidentQueryParser();

  @Test
  void fileEntryFieldsAreTheFieldsAFileEntryHas() {
    Set<String> names = new TreeSet<>();
    for (IndexableField f :
        new RecordDocuments(Schema.get())
            .fileEntry(Path.of("/archive/a.txt"), "abc", List.of("incident:1", "article:2"))) {
      names.add(f.name());
    }
    assertEquals(new TreeSet<>(Schema.FILE_ENTRY_FIELDS), names);
  }

  @Test
  void queriesRequiringARecordFieldMatchRecordsOnly() {
    for (String q :
        List.of(
            "software",
            "security breach customers",
            "\"phone numbers\"~3 leak",
            "outag* OR crash~",
            "software -sony",
            "+passwords +(leak OR breach)",
            "phase:operation",
            "id:2750",
            "type:article",
            "published:2019",
            "title:leak AND NOT body:apple",
            "the")) { // only a stop word: matches nothing
      IncidentQueryParser.Parsed p = parser.parseRanked(q);
      assertTrue(RecordQueries.matchesRecordsOnly(p.scoring()), q + " -> " + p.scoring());
      assertTrue(RecordQueries.matchesRecordsOnly(p.matching()), q + " -> " + p.matching());
    }
  }

  @Test
  void queriesThatMayMatchFileEntriesKeepTheFilter() {
    for (String q : List.of("", "-software", "NOT phase:operation")) {
      assertFalse(RecordQueries.matchesRecordsOnly(parser.parse(q)), q + " -> " + parser.parse(q));
    }
  }
}
