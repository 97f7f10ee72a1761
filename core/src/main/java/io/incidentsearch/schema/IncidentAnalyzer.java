package io.incidentsearch.schema;

import java.io.IOException;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.TermToBytesRefAttribute;
import org.apache.lucene.util.Attribute;
import org.apache.lucene.util.AttributeImpl;
import org.apache.lucene.util.AttributeReflector;
import org.apache.lucene.util.BytesRefHash;

/**
 * The analysis of every English text field: standard tokenization, possessives removed ({@code
 * Twitter's} and {@code Twitter’s} both give {@code twitter}), lower case, ASCII folding (accents
 * and typographic quotes), stop words, Porter stemming.
 *
 * <p>The stop set is Lucene's English set without {@code it}, {@code no} and {@code not}: in
 * incident reports "IT" names a department and a kind of system ("IT outage"), and negation carries
 * meaning in causes ("not encrypted").
 *
 * <p>Between folding and stop words sits a spelling tap ({@code SpellingTap}): the words at that
 * point are exactly those of the spelling dictionary ({@link Schema#SPELL}), which the indexer
 * gathers there instead of analysing the text a second time.
 */
public final class IncidentAnalyzer extends Analyzer {
  /** The stop words removed from text fields. */
  public static final CharArraySet STOP_WORDS;

  static {
    Set<String> kept = Set.of("it", "no", "not");
    CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.size(), false);
    for (Object word : EnglishAnalyzer.ENGLISH_STOP_WORDS_SET) {
      String w = new String((char[]) word);
      if (!kept.contains(w)) {
        stop.add(w);
      }
    }
    STOP_WORDS = CharArraySet.unmodifiableSet(stop);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    StandardTokenizer source = new StandardTokenizer();
    TokenStream result = new EnglishPossessiveFilter(source);
    result = new LowerCaseFilter(result);
    result = new ASCIIFoldingFilter(result);
    result = new TapFilter(result);
    result = new StopFilter(result, STOP_WORDS);
    result = new PorterStemFilter(result);
    return new TokenStreamComponents(source, result);
  }

  /**
   * Keeps the values of a multi-valued field (section items, cited headlines) apart, so a phrase or
   * proximity match never spans two of them.
   */
  @Override
  public int getPositionIncrementGap(String fieldName) {
    return 100;
  }

  // Wildcard, prefix and fuzzy terms are not stemmed: only lower-cased and folded.
  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new ASCIIFoldingFilter(new LowerCaseFilter(in));
  }

  /**
   * Where the words passing the tap go while a document's field is indexed ({@link SpellingWords});
   * null (the default, and at query time) when nowhere. Not a per-token value, so clearing the
   * attributes between tokens keeps it.
   */
  interface SpellingTap extends Attribute {
    void sink(BytesRefHash words);

    BytesRefHash sink();
  }

  private static final class SpellingTapImpl extends AttributeImpl implements SpellingTap {
    private BytesRefHash words;

    @Override
    public void sink(BytesRefHash sink) {
      words = sink;
    }

    @Override
    public BytesRefHash sink() {
      return words;
    }

    @Override
    public void clear() {}

    @Override
    public void reflectWith(AttributeReflector reflector) {
      reflector.reflect(SpellingTap.class, "sink", words);
    }

    @Override
    public void copyTo(AttributeImpl target) {
      ((SpellingTapImpl) target).words = words;
    }
  }

  /** Adds every word to the {@link SpellingTap}'s sink, when there is one. */
  private static final class TapFilter extends TokenFilter {
    private final TermToBytesRefAttribute term = addAttribute(TermToBytesRefAttribute.class);
    private final SpellingTap tap;

    TapFilter(TokenStream input) {
      super(input);
      addAttributeImpl(new SpellingTapImpl());
      tap = getAttribute(SpellingTap.class);
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) {
        return false;
      }
      BytesRefHash words = tap.sink();
      if (words != null) {
        words.add(term.getBytesRef());
      }
      return true;
    }
  }
}
