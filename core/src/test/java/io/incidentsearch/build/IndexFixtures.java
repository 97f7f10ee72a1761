package io.incidentsearch.build;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.engine.OpenIndexes;
import io.incidentsearch.schema.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/** Helpers shared by the index tests. */
final class IndexFixtures {
  private IndexFixtures() {}

  /** Copies the folder {@code from} to {@code to} (created). */
  static Path copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return to;
  }

  /** The single term {@code field}'s analysis makes of {@code word}. */
  static String term(String field, String word) throws IOException {
    try (TokenStream ts = Schema.get().analyzer().tokenStream(field, word)) {
      CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      List<String> out = new ArrayList<>();
      while (ts.incrementToken()) {
        out.add(t.toString());
      }
      ts.end();
      if (out.size() != 1) {
        throw new IllegalArgumentException(word + " analyses to " + out);
      }
      return out.get(0);
    }
  }

  /** Incident ids whose {@code field} has the analysed {@code word}. */
  static List<String> incidentsMatching(IncidentIndex index, String field, String word)
      throws IOException {
    BooleanQuery q =
        new BooleanQuery.Builder()
            .add(new TermQuery(new Term(field, term(field, word))), BooleanClause.Occur.FILTER)
            .add(new TermQuery(new Term(Schema.TYPE, "incident")), BooleanClause.Occur.FILTER)
            .build();
    IndexSearcher s = OpenIndexes.searcherManager(index).acquire();
    try {
      List<String> ids = new ArrayList<>();
      for (ScoreDoc sd : s.search(q, 1000).scoreDocs) {
        ids.add(s.storedFields().document(sd.doc).get(Schema.ID));
      }
      ids.sort(null);
      return ids;
    } finally {
      OpenIndexes.searcherManager(index).release(s);
    }
  }

  /**
   * Every live document's stored fields, keyed by record key or file path, with paths below {@code
   * root} made relative so two copies of an archive compare equal.
   */
  static Map<String, String> storedDump(IncidentIndex index, Path root) {
    try {
      IndexSearcher s = OpenIndexes.searcherManager(index).acquire();
      try {
        Map<String, String> dump = new TreeMap<>();
        StoredFields stored = s.storedFields();
        for (ScoreDoc sd : s.search(MatchAllDocsQuery.INSTANCE, 100_000).scoreDocs) {
          Document d = stored.document(sd.doc);
          StringBuilder b = new StringBuilder();
          for (IndexableField f : d.getFields()) {
            String v = f.stringValue() != null ? f.stringValue() : String.valueOf(f.numericValue());
            b.append(f.name()).append('=').append(v).append('\n');
          }
          String id = d.get(Schema.KEY) != null ? d.get(Schema.KEY) : "file " + d.get(Schema.FILE);
          dump.put(
              id.replace(root.toString(), "ROOT"), b.toString().replace(root.toString(), "ROOT"));
        }
        return dump;
      } finally {
        OpenIndexes.searcherManager(index).release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
