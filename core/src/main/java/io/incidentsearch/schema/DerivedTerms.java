package io.incidentsearch.schema;

import java.io.IOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.BytesTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefHash;

/**
 * Builds one document's fields of distinct terms, {@link Schema#ANY_TEXT} and {@link
 * Schema#SPELL}, from the analysis of its text fields while Lucene indexes them, so no text is
 * analysed twice: {@code any_text} takes the terms a searched field indexes, {@code spell} the
 * words {@link IncidentAnalyzer} passes its {@linkplain IncidentAnalyzer.SpellingTap spelling
 * tap}, before stop words and stemming.
 *
 * <p>Each text value is added as a field ({@link #text}) whose token stream hands its terms to
 * this collector; {@link #addTo}, called after every text field is added, appends the two fields,
 * which emit the distinct terms collected. That relies on Lucene inverting a document's fields in
 * the order they were added, one stream consumed before the next starts: the contract {@code
 * TeeSinkTokenFilter} relies on too. One instance per document; not thread-safe (Lucene inverts
 * a document on one thread).
 */
final class DerivedTerms {
  /** Terms only, no norms: the fields are matched and counted, never scored. */
  static final FieldType TYPE = new FieldType(TextField.TYPE_NOT_STORED);

  static {
    TYPE.setIndexOptions(IndexOptions.DOCS);
    TYPE.setOmitNorms(true);
    TYPE.freeze();
  }

  private final BytesRefHash anyText = new BytesRefHash();
  private final BytesRefHash spelling = new BytesRefHash();

  /**
   * A text field; its terms also go to {@link Schema#ANY_TEXT} when {@code searched}, and its
   * words to {@link Schema#SPELL} when {@code spelled} (the field's analyzer must then be {@link
   * IncidentAnalyzer}).
   */
  Field text(String name, String value, FieldType type, boolean searched, boolean spelled) {
    if (!searched && !spelled) {
      return new Field(name, value, type);
    }
    return new Field(name, value, type) {
      @Override
      public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
        TokenStream ts = super.tokenStream(analyzer, reuse);
        if (spelled && !ts.hasAttribute(IncidentAnalyzer.SpellingTap.class)) {
          throw new IllegalStateException("the analyzer of field " + name + " has no spelling tap");
        }
        return new Collecting(ts, searched ? anyText : null, spelled ? spelling : null);
      }
    };
  }

  /** Appends {@link Schema#ANY_TEXT} and {@link Schema#SPELL}: after every {@link #text}. */
  void addTo(Document doc) {
    doc.add(new Field(Schema.ANY_TEXT, new Distinct(anyText), TYPE));
    doc.add(new Field(Schema.SPELL, new Distinct(spelling), TYPE));
  }

  /**
   * Passes its input through, adding each term to {@code terms} (when not null) and pointing
   * the analyzer's spelling tap at {@code words} while it runs.
   */
  private static final class Collecting extends TokenFilter {
    private final TermToBytesRefAttribute term = addAttribute(TermToBytesRefAttribute.class);
    private final BytesRefHash terms;
    private final BytesRefHash words;

    Collecting(TokenStream input, BytesRefHash terms, BytesRefHash words) {
      super(input);
      this.terms = terms;
      this.words = words;
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      tap(words);
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) {
        return false;
      }
      if (terms != null) {
        terms.add(term.getBytesRef());
      }
      return true;
    }

    @Override
    public void close() throws IOException {
      // The analyzer's components are reused by later fields and queries: unhook the sink.
      tap(null);
      super.close();
    }

    private void tap(BytesRefHash sink) {
      if (hasAttribute(IncidentAnalyzer.SpellingTap.class)) {
        getAttribute(IncidentAnalyzer.SpellingTap.class).sink(sink);
      }
    }
  }

  /** Emits the collected terms, each once, in the order first seen. */
  private static final class Distinct extends TokenStream {
    private final BytesTermAttribute term = addAttribute(BytesTermAttribute.class);
    private final BytesRef scratch = new BytesRef();
    private final BytesRefHash terms;
    private int next;

    Distinct(BytesRefHash terms) {
      this.terms = terms;
    }

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
