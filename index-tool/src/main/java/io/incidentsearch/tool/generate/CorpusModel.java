package io.incidentsearch.tool.generate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pools of real text from FAIL's two CSV exports, with article citations turned into {@code
 * str.format} templates: single citations become {@code {0}}, {@code {1}}, ...; groups of several
 * articles become {@code {P}} ("1, 2"), {@code {Q}} ("Article 1, Article 2") or {@code {H}} ("#1,
 * #2"), so that a generated incident cites exactly its own generated articles.
 *
 * <p>Built once and only read afterwards, so any number of chunk generators share it. The pools and
 * their order are those of the reference generator's {@code Model}: a draw picks an index, and the
 * same index must name the same text.
 */
final class CorpusModel {
  /** The postmortem sections: page label and CSV column. */
  static final List<String[]> POSTMORTEM =
      List.of(
          new String[] {"Timeline", "Time"},
          new String[] {"System", "System"},
          new String[] {"Responsible Organization", "ResponsibleOrg"},
          new String[] {"Impacted Organization", "ImpactedOrg"},
          new String[] {"Software Causes", "SEcauses"},
          new String[] {"Non-software Causes", "NSEcauses"},
          new String[] {"Impacts", "Impacts"},
          new String[] {"Preventions", "Preventions"},
          new String[] {"Fixes", "Fixes"},
          new String[] {"References", "References"});

  /** The taxonomy rows of a postmortem page: label and category. */
  static final List<String[]> TAXONOMY =
      List.of(
          new String[] {"Recurring", "Recurring"},
          new String[] {"Phase (Design/Operation)", "Phase"},
          new String[] {"Boundary (Internal/External)", "Boundary"},
          new String[] {"Nature (Human/Non-human)", "Nature"},
          new String[] {"Dimension (Hardware/Software)", "Dimension"},
          new String[] {"Objective (Malicious/Non-malicious)", "Objective"},
          new String[] {"Intent (Poor/Accidental Decisions)", "Intent"},
          new String[] {"Capability (Incompetence/Accidental)", "Capability"},
          new String[] {"Duration", "Duration"},
          new String[] {"Behaviour", "Behaviour"});

  /** The IoT layer rows. */
  static final List<String[]> IOT =
      List.of(
          new String[] {"Perception", "Perception"},
          new String[] {"Communication", "Communication"},
          new String[] {"Application", "Application"});

  /** The "Other Details" rows. */
  static final List<String[]> OTHER =
      List.of(new String[] {"Consequence", "Consequence"}, new String[] {"Domain", "Domain"});

  /** Every category in generation order (CPS only exists in the CSV form). */
  static final List<String> ALL_CATS;

  static {
    List<String> cats = new ArrayList<>();
    for (List<String[]> group : List.of(TAXONOMY, IOT, OTHER)) {
      for (String[] row : group) {
        cats.add(row[1]);
      }
    }
    cats.add("CPS");
    ALL_CATS = List.copyOf(cats);
  }

  /** Where a title may be cut in two for recombination, tried in this order. */
  static final List<String> CONNECTORS =
      List.of(
          " Due to ",
          " Leads to ",
          " Leading to ",
          " Causes ",
          " Exposes ",
          " After ",
          ": ",
          " in ",
          " on ",
          " via ",
          " by ",
          " for ",
          " with ");

  private static final Pattern WS = Pattern.compile("[ \\t\\r\\n\\f\\x0B]+");
  private static final Pattern SEQ =
      Pattern.compile(
          "(Article |#|a)?"
              + PyText.D
              + "{3,6}(?:,"
              + PyText.S
              + "*(?:Article |#|a)?"
              + PyText.D
              + "{3,6})+");
  private static final Pattern DIGITS = Pattern.compile(PyText.D + "{3,6}");
  private static final Pattern SENT =
      Pattern.compile("(?<=[.!?])" + PyText.S + "+(?=[A-Z(\\[\"'])");
  private static final Pattern ITEM = Pattern.compile("^" + PyText.D + "+\\." + PyText.S + "+");
  private static final Pattern BLANK_LINE = Pattern.compile("\\n" + PyText.S + "*\\n");
  private static final Pattern NEWLINES_3 = Pattern.compile("\\n{3,}");
  private static final Pattern HEADLINE =
      Pattern.compile(
          "(?d)^(.*"
              + PyText.NOT_S
              + ")"
              + PyText.S
              + "+[-\\u2013|]"
              + PyText.S
              + "+([^-\\u2013|]+)$");
  private static final Pattern SCHEME = Pattern.compile("^https?://");
  private static final Pattern PUBLISHED_ON =
      Pattern.compile("^Published on [^.]*(?:\\." + PyText.D + "+)?[^.]*\\." + PyText.S + "*");
  private static final Pattern BRACKETED_ID =
      Pattern.compile(PyText.S + "*[\\[<(][^\\]>)]*" + PyText.D + "{3,6}[^\\]>)]*[\\]>)]");

  /** A text of a postmortem section as a template, flattened (page) and raw (CSV cell). */
  record Pair(String flat, String raw) {}

  /** A title cut at a connector. */
  record TitlePart(String left, String connector, String right) {}

  /** A taxonomy cell: the option, and the rationale's paragraphs as sentence templates. */
  record Tax(String option, List<List<String>> paragraphs) {}

  /** A news source: host and display name. */
  record Source(String host, String name) {}

  final Set<String> known;
  int maxs = 1;
  final Map<String, List<Pair>> items = new LinkedHashMap<>();
  final Map<String, int[]> counts = new LinkedHashMap<>();
  final Map<String, List<Pair>> whole = new LinkedHashMap<>();
  final Map<String, List<String>> clean = new LinkedHashMap<>();
  final Map<String, List<Tax>> tax = new LinkedHashMap<>();
  final Map<String, List<String>> taxPool = new LinkedHashMap<>();
  final List<String> summary = new ArrayList<>();
  final List<TitlePart> titleParts = new ArrayList<>();
  final List<String> titles = new ArrayList<>();
  final List<List<String>> heads = new ArrayList<>();
  final List<Source> sources = new ArrayList<>();
  final List<String> paras = new ArrayList<>();

  /**
   * The model of the two exports' text.
   *
   * @param incidentCsv the text of {@code incident_data.csv}
   * @param articleCsv the text of {@code article_state0.csv}
   */
  CorpusModel(String incidentCsv, String articleCsv) {
    List<Map<String, String>> inc = PyCsv.readDicts(incidentCsv);
    List<Map<String, String>> art = PyCsv.readDicts(articleCsv);
    known = new HashSet<>();
    for (Map<String, String> a : art) {
      String id = a.get("Article ID");
      if (id != null) {
        known.add(id);
      }
    }
    // Postmortem fields: numbered items (pool) + empirical item counts + unnumbered whole fields.
    for (String[] pm : POSTMORTEM) {
      String col = pm[1];
      List<Pair> colItems = new ArrayList<>();
      int[] colCounts = new int[inc.size()];
      List<Pair> colWhole = new ArrayList<>();
      List<String> colClean = new ArrayList<>();
      for (int r = 0; r < inc.size(); r++) {
        String v = PyText.strip(get(inc.get(r), col));
        if (v.isEmpty()) {
          colCounts[r] = 0;
          continue;
        }
        List<String> its = splitItems(v);
        if (its == null) {
          colWhole.add(template(flat(v), v));
          colCounts[r] = -1;
        } else {
          colCounts[r] = its.size();
          for (String it : its) {
            colItems.add(template(flat(it), it));
            colClean.add(clean(it));
          }
        }
      }
      items.put(col, colItems);
      counts.put(col, colCounts);
      whole.put(col, colWhole);
      clean.put(col, colClean);
    }
    // Taxonomy: (option cell, rationale paragraphs as sentence templates) pairs + sentence pools.
    for (String cat : ALL_CATS) {
      List<Tax> pairs = new ArrayList<>();
      List<String> pool = new ArrayList<>();
      for (Map<String, String> r : inc) {
        String opt = PyText.strip(get(r, cat + " Option"));
        String rat = PyText.strip(get(r, cat + " Rationale"));
        List<List<String>> paragraphs = new ArrayList<>();
        for (String p : PyText.reSplit(BLANK_LINE, rat)) {
          p = flat(p);
          if (p.isEmpty()) {
            continue;
          }
          List<String> sents = new ArrayList<>();
          for (String s : PyText.reSplit(SENT, p)) {
            if (!s.isEmpty()) {
              sents.add(template(s, s).flat());
            }
          }
          paragraphs.add(sents);
          pool.addAll(sents.subList(Math.min(1, sents.size()), sents.size()));
        }
        pairs.add(new Tax(opt, paragraphs));
      }
      tax.put(cat, pairs);
      taxPool.put(cat, pool.isEmpty() ? List.of("") : pool);
    }
    for (Map<String, String> r : inc) {
      for (String s : PyText.reSplit(SENT, flat(get(r, "Summary")))) {
        if (!s.isEmpty()) {
          summary.add(template(s, s).flat());
        }
      }
    }
    // Titles split at a connector word -> (left, connector, right) for recombination.
    for (Map<String, String> r : inc) {
      String t = flat(get(r, "Title"));
      titles.add(t);
      for (String c : CONNECTORS) {
        int i = t.indexOf(c);
        if (i > 0) {
          titleParts.add(new TitlePart(t.substring(0, i), c, t.substring(i + c.length())));
          break;
        }
      }
    }
    // Articles: headlines (without ' - Source'), sources, paragraphs.
    for (Map<String, String> a : art) {
      String h = PyText.strip(get(a, "Headline"));
      Matcher m = HEADLINE.matcher(h);
      if (m.find()) {
        heads.add(PyText.split(m.group(1)));
        String host = SCHEME.matcher(get(a, "Source")).replaceFirst("");
        sources.add(new Source(PyText.strip(host, '/'), m.group(2)));
      }
      String body = PUBLISHED_ON.matcher(get(a, "Body")).replaceFirst("");
      for (String p : PyText.reSplit(BLANK_LINE, body)) {
        p = PyText.strip(p);
        if (p.isEmpty()) {
          continue;
        }
        if (PyText.len(p) > 1500) { // bodies stored without paragraph breaks: ~4-sentence chunks
          String[] ss = PyText.reSplit(SENT, p);
          for (int i = 0; i < ss.length; i += 4) {
            paras.add(String.join(" ", List.of(ss).subList(i, Math.min(i + 4, ss.length))));
          }
        } else {
          paras.add(p);
        }
      }
    }
  }

  /** {@code (row.get(col) or "")}. */
  private static String get(Map<String, String> row, String col) {
    String v = row.get(col);
    return v == null ? "" : v;
  }

  /** {@code flat(s)}: ASCII whitespace runs to one space, then Python's strip. */
  static String flat(String s) {
    return PyText.strip(WS.matcher(s).replaceAll(" "));
  }

  /** Numbered items ("1. ...") of a field, or null when its first line is not one. */
  private static List<String> splitItems(String v) {
    String[] lines = v.split("\n", -1);
    if (!ITEM.matcher(PyText.strip(lines[0])).lookingAt()) {
      return null;
    }
    List<StringBuilder> its = new ArrayList<>();
    for (String ln : lines) {
      String s = PyText.strip(ln);
      Matcher m = ITEM.matcher(s);
      if (m.lookingAt()) {
        its.add(new StringBuilder(s.substring(m.end())));
      } else if (!s.isEmpty() && !its.isEmpty()) {
        its.get(its.size() - 1).append('\n').append(s);
      } else if (s.isEmpty() && !its.isEmpty()) {
        its.get(its.size() - 1).append('\n');
      }
    }
    List<String> out = new ArrayList<>(its.size());
    for (StringBuilder it : its) {
      out.add(PyText.strip(NEWLINES_3.matcher(it).replaceAll("\n\n")));
    }
    return out;
  }

  /** Templates a (flat, raw) pair: citations become format fields, braces are escaped. */
  private Pair template(String textFlat, String textRaw) {
    return new Pair(template(textFlat), template(textRaw));
  }

  private String template(String text) {
    String s = text.replace("{", "{{").replace("}", "}}");
    // Groups of at least two known articles.
    Matcher m = SEQ.matcher(s);
    StringBuilder b = new StringBuilder(s.length());
    int last = 0;
    while (m.find()) {
      b.append(s, last, m.start());
      b.append(sequence(m));
      last = m.end();
    }
    b.append(s, last, s.length());
    s = b.toString();
    // Single known article ids: runs of exactly 3 to 6 digits ((?<!\d)\d{3,6}(?!\d)).
    b = new StringBuilder(s.length());
    int k = 0;
    last = 0;
    int i = 0;
    int n = s.length();
    while (i < n) {
      int cp = s.codePointAt(i);
      if (!PyText.isDigit(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      int digits = 0;
      while (i < n && PyText.isDigit(cp = s.codePointAt(i))) {
        i += Character.charCount(cp);
        digits++;
      }
      if (digits >= 3 && digits <= 6 && known.contains(s.substring(start, i))) {
        b.append(s, last, start).append('{').append(k).append('}');
        k++;
        last = i;
      }
    }
    b.append(s, last, n);
    maxs = Math.max(maxs, k);
    return b.toString();
  }

  private String sequence(Matcher m) {
    String group = m.group();
    Matcher ids = DIGITS.matcher(group);
    int cited = 0;
    while (ids.find()) {
      if (known.contains(ids.group())) {
        cited++;
      }
    }
    if (cited < 2) {
      return group;
    }
    String prefix = m.group(1) == null ? "" : m.group(1);
    return switch (prefix) {
      case "Article " -> "{Q}";
      case "#" -> "{H}";
      default -> "{P}";
    };
  }

  /** An item without its bracketed citations and with "Article N" as "the article". */
  private static String clean(String text) {
    String s = BRACKETED_ID.matcher(flat(text)).replaceAll("");
    return PyText.strip(replaceArticleWords(s));
  }

  /**
   * {@code re.sub(r"\bArticles? \d{3,6}\b", "the article", s)}. Done by hand: Java's lookbehind
   * misreads a letter outside the BMP before the match, and {@code \d{3,6}\b} can only end a whole
   * digit run, so the boundaries are plain checks of the neighbouring code points.
   */
  private static String replaceArticleWords(String s) {
    StringBuilder b = null;
    int last = 0;
    int from = 0;
    while (true) {
      int at = s.indexOf("Article", from);
      if (at < 0) {
        break;
      }
      from = at + 1;
      if (at > 0 && PyText.isWord(s.codePointBefore(at))) {
        continue;
      }
      int i = at + "Article".length();
      if (i < s.length() && s.charAt(i) == 's') {
        i++;
      }
      if (i >= s.length() || s.charAt(i) != ' ') {
        continue;
      }
      i++;
      int digits = 0;
      int cp;
      while (i < s.length() && PyText.isDigit(cp = s.codePointAt(i))) {
        i += Character.charCount(cp);
        digits++;
      }
      if (digits < 3 || digits > 6 || (i < s.length() && PyText.isWord(s.codePointAt(i)))) {
        continue;
      }
      if (b == null) {
        b = new StringBuilder(s.length());
      }
      b.append(s, last, at).append("the article");
      last = i;
      from = i;
    }
    if (b == null) {
      return s;
    }
    return b.append(s, last, s.length()).toString();
  }
}
