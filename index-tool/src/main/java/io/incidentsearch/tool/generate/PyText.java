package io.incidentsearch.tool.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Python 3.11 string semantics the generator depends on, where Java's differ: {@code str.strip()},
 * {@code str.split()}, the Unicode {@code \s}, {@code \d} and {@code \w} of {@code re} on str,
 * {@code re.split}, and {@code str.format} with positional and named fields.
 *
 * <p>Python's whitespace ({@code str.isspace}, {@code re}'s {@code \s}) includes U+001C..U+001F,
 * U+0085 and U+00A0, unlike {@link Character#isWhitespace} and Java's {@code \s}. Python's {@code
 * \d} is category Nd and {@code \w} categories L* and N* plus '_', as in CPython's Unicode 14
 * tables; Java's tables are newer, so the letters and digits Unicode 15 and 16 added are excluded
 * here, keeping the classes those of CPython 3.11 on JDK 21 to 25.
 */
final class PyText {
  /** The characters of {@code str.isspace()} (all in the BMP), as the body of a regex class. */
  private static final String SPACE_BODY =
      "\\t\\n\\x0B\\f\\r\\x1C-\\x20\\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F"
          + "\\u3000";

  /**
   * Code points that are letters or numbers in Unicode 15.0 to 16.0 but unassigned in Unicode 14.0
   * (CPython 3.11's tables), as inclusive ranges.
   */
  private static final int[] NEWER_WORD = {
    0x1C89, 0x1C8A, 0xA7CB, 0xA7CD, 0xA7DA, 0xA7DC, 0x105C0, 0x105F3, 0x10D40, 0x10D65, 0x10D6F,
    0x10D85, 0x10EC2, 0x10EC4, 0x1123F, 0x11240, 0x11380, 0x11389, 0x1138B, 0x1138B, 0x1138E,
    0x1138E, 0x11390, 0x113B5, 0x113B7, 0x113B7, 0x113D1, 0x113D1, 0x113D3, 0x113D3, 0x116D0,
    0x116E3, 0x11BC0, 0x11BE0, 0x11BF0, 0x11BF9, 0x11F02, 0x11F02, 0x11F04, 0x11F10, 0x11F12,
    0x11F33, 0x11F50, 0x11F59, 0x1342F, 0x1342F, 0x13441, 0x13446, 0x13460, 0x143FA, 0x16100,
    0x1611D, 0x16130, 0x16139, 0x16D40, 0x16D6C, 0x16D70, 0x16D79, 0x18CFF, 0x18CFF, 0x1B132,
    0x1B132, 0x1B155, 0x1B155, 0x1CCF0, 0x1CCF9, 0x1D2C0, 0x1D2D3, 0x1DF25, 0x1DF2A, 0x1E030,
    0x1E06D, 0x1E4D0, 0x1E4EB, 0x1E4F0, 0x1E4F9, 0x1E5D0, 0x1E5ED, 0x1E5F0, 0x1E5FA, 0x2B739,
    0x2B739, 0x2EBF0, 0x2EE5D, 0x31350, 0x323AF
  };

  /** Python's {@code \s}. */
  static final String S = "[" + SPACE_BODY + "]";

  /** Python's {@code \S}. */
  static final String NOT_S = "[^" + SPACE_BODY + "]";

  /** Python's {@code \d}. */
  static final String D = "[\\p{Nd}&&[^" + ranges(NEWER_WORD) + "]]";

  private PyText() {}

  private static String ranges(int[] table) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < table.length; i += 2) {
      b.append(String.format(java.util.Locale.ROOT, "\\x{%X}-\\x{%X}", table[i], table[i + 1]));
    }
    return b.toString();
  }

  private static boolean newer(int cp) {
    for (int i = 0; i < NEWER_WORD.length; i += 2) {
      if (cp >= NEWER_WORD[i] && cp <= NEWER_WORD[i + 1]) {
        return true;
      }
    }
    return false;
  }

  /** {@code str.isspace()} of one character. */
  static boolean isSpace(int c) {
    return (c >= 0x09 && c <= 0x0D)
        || (c >= 0x1C && c <= 0x20)
        || c == 0x85
        || c == 0xA0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000;
  }

  /** {@code re}'s {@code \d} on str. */
  static boolean isDigit(int cp) {
    return Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER && !newer(cp);
  }

  /** {@code re}'s {@code \w} on str. */
  static boolean isWord(int cp) {
    if (cp == '_') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER ->
          !newer(cp);
      default -> false;
    };
  }

  /** {@code s.strip()}: every Python whitespace character is in the BMP, so chars suffice. */
  static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** {@code s.strip(chars)} for one ASCII character. */
  static String strip(String s, char c) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == c) {
      start++;
    }
    while (end > start && s.charAt(end - 1) == c) {
      end--;
    }
    return s.substring(start, end);
  }

  /** {@code s.split()}: runs of whitespace separate, none at either end yields an empty word. */
  static List<String> split(String s) {
    List<String> words = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && isSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        words.add(s.substring(start, i));
      }
    }
    return words;
  }

  /**
   * {@code re.split(pattern, s)} for a pattern without groups that never matches empty: all pieces,
   * empty ones included (Java's {@code split} drops trailing ones unless the limit is negative).
   */
  static String[] reSplit(Pattern p, String s) {
    return p.split(s, -1);
  }

  /** {@code len(s)}: code points, not UTF-16 units. */
  static int len(String s) {
    return s.codePointCount(0, s.length());
  }

  /**
   * {@code template.format(*positional, P=p, Q=q, H=h)} for the templates the model makes: literal
   * braces doubled, fields {@code {N}} or a named one. Anything else is a bug, not input.
   */
  static String format(String template, List<String> positional, String p, String q, String h) {
    int open = template.indexOf('{');
    int close = template.indexOf('}');
    if (open < 0 && close < 0) {
      return template;
    }
    StringBuilder out = new StringBuilder(template.length() + 32);
    int n = template.length();
    int i = 0;
    while (i < n) {
      char c = template.charAt(i);
      if (c == '{') {
        if (i + 1 < n && template.charAt(i + 1) == '{') {
          out.append('{');
          i += 2;
          continue;
        }
        int end = template.indexOf('}', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("Single '{' encountered in format string");
        }
        String name = template.substring(i + 1, end);
        out.append(field(name, positional, p, q, h));
        i = end + 1;
      } else if (c == '}') {
        if (i + 1 < n && template.charAt(i + 1) == '}') {
          out.append('}');
          i += 2;
          continue;
        }
        throw new IllegalArgumentException("Single '}' encountered in format string");
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static String field(String name, List<String> positional, String p, String q, String h) {
    switch (name) {
      case "P":
        return p;
      case "Q":
        return q;
      case "H":
        return h;
      default:
        int index = Integer.parseInt(name);
        if (index >= positional.size()) {
          throw new IndexOutOfBoundsException("Replacement index " + index + " out of range");
        }
        return positional.get(index);
    }
  }
}
