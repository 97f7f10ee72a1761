package io.incidentsearch.schema;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.BytesTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRefArray;
import org.apache.lucene.util.Counter;

/**
 * Builds one document's page field ({@link Schema#TEXT}: the record's own text as one field) from
 * the tokens its own text fields' analysis produces while Lucene indexes them, so the text is not
 * analysed a second time. The page and the own fields share one analyzer ({@link
 * IncidentAnalyzer}), so the recorded tokens are the ones a second analysis would give: the same
 * terms with the same position increments, including the one a stream reports at its end (stop
 * words trailing a value), so the page's positions and lengths are unchanged.
 *
 * <p>Each own text value is recorded by the filter {@link #record} puts at the end of its stream;
 * {@link #fields}, added to the document after every own text field, replays them, one page value
 * per own value and in the same order. Like {@link SpellingWords} this relies on Lucene inverting a
 * document's fields in the order of their names' first occurrence, one stream consumed before the
 * next starts. One instance per document; not thread-safe.
 */
final class PageText {
  private final BytesRefArray terms = new BytesRefArray(Counter.newCounter());
  private int[] increments = new int[64];
  // Value v's tokens are terms[start[v] .. start[v + 1]); its end increment is endIncrement[v].
  private final List<int[]> values = new ArrayList<>();

  /** Records the tokens of {@code analysed}, one own text value, for the page. */
  TokenStream record(TokenStream analysed) {
    return new Recorder(analysed);
  }

  /**
   * The page's values, one per own text value {@link #record} will see: to be added after every own
   * text field. Each reads its recorded tokens when Lucene starts it, after the own fields.
   */
  List<Field> fields(int count, FieldType type) {
    List<Field> out = new ArrayList<>(count);
    for (int v = 0; v < count; v++) {
      out.add(new Field(Schema.TEXT, new Replay(v), type));
    }
    return out;
  }

  private final class Recorder extends TokenFilter {
    private final TermToBytesRefAttribute term = getAttribute(TermToBytesRefAttribute.class);
    private final PositionIncrementAttribute increment =
        addAttribute(PositionIncrementAttribute.class);
    private int[] value;

    Recorder(TokenStream input) {
      super(input);
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      value = new int[] {terms.size(), terms.size(), 0};
      values.add(value);
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) {
        return false;
      }
      int i = terms.append(term.getBytesRef());
      increments = ArrayUtil.grow(increments, i + 1);
      increments[i] = increment.getPositionIncrement();
      value[1] = i + 1;
      return true;
    }

    @Override
    public void end() throws IOException {
      super.end();
      value[2] = increment.getPositionIncrement();
    }
  }

  /** Emits one recorded value again: its terms and position increments, then its end. */
  private final class Replay extends TokenStream {
    private final BytesTermAttribute term = addAttribute(BytesTermAttribute.class);
    private final PositionIncrementAttribute increment =
        addAttribute(PositionIncrementAttribute.class);
    private final org.apache.lucene.util.BytesRefBuilder spare =
        new org.apache.lucene.util.BytesRefBuilder();
    private final int value;
    private int to;
    private int endIncrement;
    private int next;

    Replay(int value) {
      this.value = value;
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      if (value >= values.size()) {
        throw new IllegalStateException(
            "page value " + value + " read before its own text field was indexed");
      }
      int[] v = values.get(value);
      next = v[0];
      to = v[1];
      endIncrement = v[2];
    }

    @Override
    public boolean incrementToken() {
      if (next >= to) {
        return false;
      }
      clearAttributes();
      term.setBytesRef(terms.get(spare, next));
      increment.setPositionIncrement(increments[next]);
      next++;
      return true;
    }

    @Override
    public void end() throws IOException {
      super.end();
      increment.setPositionIncrement(endIncrement);
    }
  }
}
