package io.incidentsearch.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.TestCorpus;
import io.incidentsearch.formats.ArchiveScanner;
import io.incidentsearch.formats.ScanResult;
import io.incidentsearch.model.Record;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * The page field replayed from the own fields' analysis ({@link PageText}) indexes exactly what
 * analysing the same values again indexes: terms, frequencies, positions and norms, on every record
 * of the testdata archive (stop words at the ends of values, multi-valued sections, accents).
 */
class PageTextTest {

  @Test
  void replayedPageIndexesWhatASecondAnalysisIndexes() throws IOException {
    ScanResult scan = new ArchiveScanner().scan(List.of(TestCorpus.testdata().resolve("archive")));
    List<Record> records = new ArrayList<>();
    records.addAll(scan.incidents());
    records.addAll(scan.articles());
    assertTrue(records.size() > 30, "the archive's records: " + records.size());
    FieldType analysedAgain = new FieldType(TextField.TYPE_NOT_STORED);
    analysedAgain.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    RecordDocuments documents = new RecordDocuments(Schema.get());
    try (Directory replayed = new ByteBuffersDirectory();
        Directory reanalysed = new ByteBuffersDirectory()) {
      try (IndexWriter a = writer(replayed);
          IndexWriter b = writer(reanalysed)) {
        for (Record r : records) {
          a.addDocument(
              switch (r) {
                case io.incidentsearch.model.Incident i -> documents.incident(i, "", List.of());
                case io.incidentsearch.model.Article x -> documents.article(x, "", List.of());
              });
          Document page = new Document();
          for (Map.Entry<String, List<String>> f : RecordTexts.of(r).entrySet()) {
            if (!f.getKey().equals(Schema.PUBLICATION)
                && !f.getKey().equals(Schema.PUBLICATION_ALIAS)) {
              for (String value : f.getValue()) {
                page.add(new Field(Schema.TEXT, value, analysedAgain));
              }
            }
          }
          b.addDocument(page);
        }
        a.forceMerge(1);
        b.forceMerge(1);
      }
      try (DirectoryReader ra = DirectoryReader.open(replayed);
          DirectoryReader rb = DirectoryReader.open(reanalysed)) {
        assertSamePage(ra.leaves().get(0).reader(), rb.leaves().get(0).reader());
      }
    }
  }

  private static IndexWriter writer(Directory dir) throws IOException {
    return new IndexWriter(dir, new IndexWriterConfig(Schema.get().analyzer()));
  }

  private static void assertSamePage(LeafReader a, LeafReader b) throws IOException {
    Terms ta = a.terms(Schema.TEXT);
    Terms tb = b.terms(Schema.TEXT);
    assertNotNull(ta);
    assertEquals(tb.size(), ta.size(), "distinct terms");
    TermsEnum ea = ta.iterator();
    TermsEnum eb = tb.iterator();
    int checked = 0;
    for (BytesRef t = eb.next(); t != null; t = eb.next()) {
      assertEquals(t, ea.next());
      PostingsEnum pa = ea.postings(null, PostingsEnum.POSITIONS);
      PostingsEnum pb = eb.postings(null, PostingsEnum.POSITIONS);
      for (int d = pb.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pb.nextDoc()) {
        assertEquals(d, pa.nextDoc(), t.utf8ToString());
        assertEquals(pb.freq(), pa.freq(), t.utf8ToString());
        for (int i = 0; i < pb.freq(); i++) {
          assertEquals(pb.nextPosition(), pa.nextPosition(), t.utf8ToString() + " in doc " + d);
        }
        checked++;
      }
      assertEquals(DocIdSetIterator.NO_MORE_DOCS, pa.nextDoc());
    }
    assertTrue(checked > 1000, "postings compared: " + checked);
    NumericDocValues na = a.getNormValues(Schema.TEXT);
    NumericDocValues nb = b.getNormValues(Schema.TEXT);
    for (int d = nb.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = nb.nextDoc()) {
      assertEquals(d, na.nextDoc());
      assertEquals(nb.longValue(), na.longValue(), "norm of doc " + d);
    }
  }
}
