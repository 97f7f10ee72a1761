package io.incidentsearch.engine;

import io.incidentsearch.schema.Schema;
import io.incidentsearch.search.SortOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.SortedSetSelector;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene sort of each {@link SortOrder} and the cursors that continue a sorted search where its
 * previous page ended. Stateless.
 */
final class SearchCursors {
  private static final String CURSOR_VERSION = "c1";

  private SearchCursors() {}

  static Sort sortOf(SortOrder order) {
    SortField byKey = KeywordField.newSortField(Schema.KEY, false, SortedSetSelector.Type.MIN);
    return switch (order) {
      case RELEVANCE -> new Sort(SortField.FIELD_SCORE, byKey);
      // Missing dates sort last in both directions.
      case NEWEST ->
          new Sort(
              LongField.newSortField(
                  Schema.PUBLISHED, true, SortedNumericSelector.Type.MAX, Long.MIN_VALUE),
              byKey);
      case OLDEST ->
          new Sort(
              LongField.newSortField(
                  Schema.PUBLISHED, false, SortedNumericSelector.Type.MIN, Long.MAX_VALUE),
              byKey);
    };
  }

  /**
   * The cursor after {@code last}: its sort values (score bits or date) and record key, so the next
   * page is a {@code searchAfter} that neither repeats nor skips a hit. URL-safe Base64.
   */
  static String encode(SortOrder order, FieldDoc last) {
    Object first = last.fields[0];
    String value =
        first instanceof Float f
            ? Integer.toHexString(Float.floatToRawIntBits(f))
            : Long.toString((Long) first);
    String key = ((BytesRef) last.fields[1]).utf8ToString();
    String plain = String.join("\n", CURSOR_VERSION, order.name(), value, key);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  static FieldDoc decode(String cursor, SortOrder order) {
    String[] parts;
    try {
      parts =
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 4);
    } catch (IllegalArgumentException e) {
      throw badCursor(cursor, "it is not a cursor of this tool");
    }
    if (parts.length != 4 || !parts[0].equals(CURSOR_VERSION)) {
      throw badCursor(cursor, "it is not a cursor of this tool");
    }
    if (!parts[1].equals(order.name())) {
      throw badCursor(cursor, "it was made for sort " + parts[1] + ", not " + order.name());
    }
    try {
      Object value =
          order == SortOrder.RELEVANCE
              ? (Object) Float.intBitsToFloat(Integer.parseUnsignedInt(parts[2], 16))
              : (Object) Long.parseLong(parts[2]);
      // Doc id MAX_VALUE: on an exact tie of all sort values (only the cursor's own record,
      // keys being unique) the record counts as already seen.
      return new FieldDoc(
          Integer.MAX_VALUE, Float.NaN, new Object[] {value, new BytesRef(parts[3])});
    } catch (NumberFormatException e) {
      throw badCursor(cursor, "it is damaged");
    }
  }

  private static IllegalArgumentException badCursor(String cursor, String why) {
    return new IllegalArgumentException(
        "Cannot continue from cursor '"
            + cursor
            + "': "
            + why
            + ". Use the cursor of the previous page of the same query and sort, or start again"
            + " without one.");
  }
}
