package io.incidentsearch.engine;

import io.incidentsearch.model.Category;
import io.incidentsearch.schema.Schema;
import io.incidentsearch.search.Hit;
import io.incidentsearch.search.Snippet;
import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;

/** A {@link Hit} read from the index: its shown stored fields and its taxonomy. Immutable. */
final class HitReader {
  /**
   * The stored fields a hit shows: loading only these skips decoding the rest of the document (its
   * record JSON and text fields, by far the largest part).
   */
  private static final Set<String> HIT_FIELDS =
      Set.of(Schema.KEY, Schema.ID, Schema.TYPE, Schema.TITLE, Schema.PUBLISHED);

  private final Schema schema;

  HitReader(Schema schema) {
    this.schema = schema;
  }

  Hit hit(IndexSearcher searcher, StoredFields stored, int doc, float score, List<Snippet> snippets)
      throws IOException {
    Document d = stored.document(doc, HIT_FIELDS);
    LocalDate published = null;
    if (d.getField(Schema.PUBLISHED) != null) {
      published = LocalDate.ofEpochDay(d.getField(Schema.PUBLISHED).numericValue().longValue());
    }
    return new Hit(
        d.get(Schema.KEY),
        d.get(Schema.ID),
        d.get(Schema.TYPE),
        d.get(Schema.TITLE),
        published,
        score,
        taxonomy(searcher.getIndexReader(), doc),
        snippets);
  }

  /**
   * The taxonomy of a document as indexed: read from the facet doc values, so incidents and
   * articles (which carry their citing incidents' options) are handled alike.
   */
  Map<String, List<String>> taxonomy(IndexReader reader, int doc) throws IOException {
    Map<String, Set<String>> byDim = new LinkedHashMap<>();
    for (Category c : Category.values()) {
      byDim.put(Schema.categoryField(c), new TreeSet<>());
    }
    List<LeafReaderContext> leaves = reader.leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
    SortedSetDocValues dv = DocValues.getSortedSet(leaf.reader(), FacetCounting.facetField(schema));
    if (dv.advanceExact(doc - leaf.docBase)) {
      for (int i = 0; i < dv.docValueCount(); i++) {
        String[] path = FacetsConfig.stringToPath(dv.lookupOrd(dv.nextOrd()).utf8ToString());
        if (path.length == 2 && byDim.containsKey(path[0])) {
          byDim.get(path[0]).add(path[1]);
        }
      }
    }
    Map<String, List<String>> taxonomy = new LinkedHashMap<>();
    byDim.forEach(
        (dim, options) -> {
          if (!options.isEmpty()) {
            taxonomy.put(dim, List.copyOf(options));
          }
        });
    return java.util.Collections.unmodifiableMap(taxonomy);
  }
}
