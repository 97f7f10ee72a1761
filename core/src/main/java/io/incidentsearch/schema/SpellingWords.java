package io.incidentsearch.schema;

import java.io.IOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.BytesTermAttribute;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefHash;

/**
 * Builds one document's {@link Schema#SPELL} field from the words its text fields' analysis passes
 * {@link IncidentAnalyzer}'s spelling tap (before stop words and stemming) while Lucene indexes
 * them, so the text is not analysed a second time for the dictionary.
 *
 * <p>Each text value is added as a field ({@link #text}) whose token stream points the tap at this
 * collector; {@link #field()}, added to the document after every such field, emits the distinct
 * words collected. That relies on Lucene inverting a document's fields in the order they were
 * added, one stream consumed before the next starts: the contract {@code TeeSinkTokenFilter} relies
 * on too. One instance per document; not thread-safe (Lucene inverts a document on one thread).
 */
final class SpellingWords {
  /** Terms only, no norms: the dictionary needs words and document counts, nothing more. */
  private static final FieldType TYPE = new FieldType(TextField.TYPE_NOT_STORED);

  static {
    TYPE.setIndexOptions(IndexOptions.DOCS);
    TYPE.setOmitNorms(true);
    TYPE.freeze();
  }

  private final BytesRefHash words = new BytesRefHash();

  /**
   * A text field whose words also go to {@link Schema#SPELL}; its analyzer must be {@link
   * IncidentAnalyzer}.
   */
  Field text(String name, String value, FieldType type) {
    return text(name, value, type, null);
  }

  /** {@link #text(String, String, FieldType)} whose tokens {@code page} also records. */
  Field text(String name, String value, FieldType type, PageText page) {
    return new Field(name, value, type) {
      @Override
      public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
        TokenStream tapped = new Tapped(name, super.tokenStream(analyzer, reuse), words);
        return page == null ? tapped : page.record(tapped);
      }
    };
  }

  /** The {@link Schema#SPELL} field: to be added after every {@link #text} field. */
  Field field() {
    return new Field(Schema.SPELL, new Distinct(words), TYPE);
  }

  /** Points the analyzer's spelling tap at {@code words} while the stream runs. */
  private static final class Tapped extends TokenFilter {
    private final IncidentAnalyzer.SpellingTap tap;
    private final BytesRefHash words;

    Tapped(String field, TokenStream input, BytesRefHash words) {
      super(input);
      if (!hasAttribute(IncidentAnalyzer.SpellingTap.class)) {
        throw new IllegalStateException(
            "The analyzer of field "
                + field
                + " has no spelling tap: index record documents"
                + " with Schema.get().analyzer().");
      }
      this.tap = getAttribute(IncidentAnalyzer.SpellingTap.class);
      this.words = words;
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      tap.sink(words);
    }

    @Override
    public boolean incrementToken() throws IOException {
      return input.incrementToken();
    }

    @Override
    public void close() throws IOException {
      // The analyzer's components are reused by later fields and queries: unhook the sink.
      tap.sink(null);
      super.close();
    }
  }

  /** Emits the collected words, each once, in the order first seen. */
  private static final class Distinct extends TokenStream {
    private final BytesTermAttribute term = addAttribute(BytesTermAttribute.class);
    private final BytesRef scratch = new BytesRef();
    private final BytesRefHash words;
    private int next;

    Distinct(BytesRefHash words) {
      this.words = words;
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      next = 0;
    }

    @Override
    public boolean incrementToken() {
      if (next >= words.size()) {
        return false;
      }
      clearAttributes();
      term.setBytesRef(words.get(next++, scratch));
      return true;
    }
  }
}
