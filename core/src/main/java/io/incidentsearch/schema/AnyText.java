package io.incidentsearch.schema;

import java.io.IOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.BytesTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefHash;

/**
 * Builds one document's {@link Schema#ANY_TEXT} field from the terms its default-search fields
 * produce while they are indexed, so the text is analysed once, not twice.
 *
 * <p>Each source value is added as a field ({@link #source}) whose token stream passes every
 * term on to this collector; the {@link #field()}, added to the document after all sources,
 * emits the distinct terms collected. That relies on Lucene inverting a document's fields in the
 * order they were added, one stream consumed before the next starts: the contract {@code
 * TeeSinkTokenFilter} relies on too. One instance per document; not thread-safe (Lucene inverts
 * a document on one thread).
 */
final class AnyText {
  /** Terms only, no norms: the field is matched and counted, never scored. */
  static final FieldType TYPE = new FieldType(TextField.TYPE_NOT_STORED);

  static {
    TYPE.setIndexOptions(IndexOptions.DOCS);
    TYPE.setOmitNorms(true);
    TYPE.freeze();
  }

  private final BytesRefHash terms = new BytesRefHash();

  /** A text field of {@code name} whose terms are also collected for {@link Schema#ANY_TEXT}. */
  Field source(String name, String value, FieldType type) {
    return new Field(name, value, type) {
      @Override
      public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
        return new Collecting(super.tokenStream(analyzer, reuse));
      }
    };
  }

  /** The {@link Schema#ANY_TEXT} field: to be added after every {@link #source} field. */
  Field field() {
    return new Field(Schema.ANY_TEXT, new Distinct(), TYPE);
  }

  /** Passes its input through, adding each term to {@link #terms}. */
  private final class Collecting extends TokenFilter {
    private final TermToBytesRefAttribute term = addAttribute(TermToBytesRefAttribute.class);

    Collecting(TokenStream input) {
      super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) {
        return false;
      }
      terms.add(term.getBytesRef());
      return true;
    }
  }

  /** Emits the collected terms, each once, in the order first seen. */
  private final class Distinct extends TokenStream {
    private final BytesTermAttribute term = addAttribute(BytesTermAttribute.class);
    private final BytesRef scratch = new BytesRef();
    private int next;

    @Override
    public void reset() throws IOException {
      super.reset();
      next = 0;
    }

    @Override
    public boolean incrementToken() {
      if (next >= terms.size()) {
        return false;
      }
      clearAttributes();
      term.setBytesRef(terms.get(next++, scratch));
      return true;
    }
  }
}
