package io.incidentsearch.schema;

import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analysis of every English text field: standard tokenization, possessives removed ({@code
 * Twitter's} and {@code Twitter’s} both give {@code twitter}), lower case, ASCII folding (accents
 * and typographic quotes), stop words, Porter stemming.
 *
 * <p>The stop set is Lucene's English set without {@code it}, {@code no} and {@code not}: in
 * incident reports "IT" names a department and a kind of system ("IT outage"), and negation
 * carries meaning in causes ("not encrypted").
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
    result = new StopFilter(result, STOP_WORDS);
    result = new PorterStemFilter(result);
    return new TokenStreamComponents(source, result);
  }

  /**
   * Keeps the values of a multi-valued field (section items, cited headlines) apart, so a
   * phrase or proximity match never spans two of them.
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
}
