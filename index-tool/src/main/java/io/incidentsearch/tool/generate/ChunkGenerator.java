package io.incidentsearch.tool.generate;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws the incidents of one chunk and their articles, in exactly the order of the reference
 * generator's {@code gen_chunk}: each chunk has its own {@link PyRandom} seeded with {@code
 * "seed/chunk"}, so chunks are independent and any thread may make any of them, while every draw
 * within a chunk must come in the reference's order (one more or one fewer shifts all the rest).
 *
 * <p>Text pages are written as they are made; CSV rows go to the chunk's own part files, which the
 * writer appends in chunk order: a chunk's rows run to megabytes, and holding them in memory would
 * make the heap grow with the threads.
 */
final class ChunkGenerator {
  /** Incidents per chunk: fixed, as the seed of each chunk depends on it. */
  static final int CHUNK = 500;

  /** The first and last publication day, as proleptic Gregorian ordinals ({@code toordinal}). */
  static final int START = ordinal(LocalDate.of(2010, 1, 1));

  static final int END = ordinal(LocalDate.of(2024, 12, 31));

  private static final String SEED_TRAILER =
      "Be the first to comment\n\nLeave a Reply\n\nYour email address will not be published.\n\n\n*";

  /** The columns of the generated {@code incident_data.csv}. */
  static final List<String> INCIDENT_COLUMNS;

  static {
    List<String> cols =
        new ArrayList<>(List.of("Incident ID", "Related Article IDs", "Published", "Title"));
    cols.add("Summary");
    for (String[] pm : CorpusModel.POSTMORTEM) {
      cols.add(pm[1]);
    }
    List<String> cats =
        List.of(
            "Recurring",
            "Phase",
            "Boundary",
            "Nature",
            "Dimension",
            "Objective",
            "Intent",
            "Capability",
            "Duration",
            "Behaviour",
            "Domain",
            "Consequence",
            "CPS",
            "Perception",
            "Communication",
            "Application");
    cats.forEach(c -> cols.add(c + " Option"));
    cats.forEach(c -> cols.add(c + " Rationale"));
    INCIDENT_COLUMNS = List.copyOf(cols);
  }

  /** The columns of the generated {@code article_data.csv} (FAIL's article export). */
  static final List<String> ARTICLE_COLUMNS =
      List.of(
          "Article ID",
          "Related Incident IDs",
          "Published",
          "URL",
          "Source",
          "Article Summary",
          "Body",
          "Scraped At",
          "Scrape Successful",
          "Describes Failure",
          "Analyzable Failure",
          "Article Stored",
          "Similarity Score",
          "Headline",
          "Title",
          "Summary",
          "System",
          "Time",
          "SEcauses",
          "NSEcauses",
          "Impacts",
          "Preventions",
          "Fixes",
          "ResponsibleOrg",
          "ImpactedOrg",
          "References",
          "Phase Option",
          "Boundary Option",
          "Nature Option",
          "Dimension Option",
          "Objective Option",
          "Intent Option",
          "Capability Option",
          "Duration Option",
          "Domain Option",
          "CPS Option",
          "Perception Option",
          "Communication Option",
          "Application Option",
          "Behaviour Option",
          "Phase Rationale",
          "Boundary Rationale",
          "Nature Rationale",
          "Dimension Rationale",
          "Objective Rationale",
          "Intent Rationale",
          "Capability Rationale",
          "Duration Rationale",
          "Domain Rationale",
          "CPS Rationale",
          "Perception Rationale",
          "Communication Rationale",
          "Application Rationale",
          "Behaviour Rationale");

  /** The empty cells after an article row's title (FAIL's LLM-filled article columns). */
  private static final List<String> EMPTY_39 = java.util.Collections.nCopies(39, "");

  /**
   * What one chunk made.
   *
   * @param files page files written (text form)
   * @param bytes their bytes
   * @param incidentPart the file of the chunk's incident rows (CSV form), else null
   * @param articlePart the file of the chunk's article rows (CSV form), else null
   */
  record Result(long files, long bytes, Path incidentPart, Path articlePart) {}

  private final CorpusModel model;
  private final GeneratorOptions options;

  ChunkGenerator(CorpusModel model, GeneratorOptions options) {
    this.model = model;
    this.options = options;
  }

  static int ordinal(LocalDate d) {
    return Math.toIntExact(d.toEpochDay() + 719163);
  }

  static LocalDate fromOrdinal(int ordinal) {
    return LocalDate.ofEpochDay(ordinal - 719163L);
  }

  /** The part file a chunk writes its rows of {@code csvName} to, beside the final file. */
  Path part(int chunk, String csvName) {
    return options.out().resolve("." + csvName + "." + chunk + ".part");
  }

  /** Generates incidents [lo, hi) of the run, chunk number {@code chunk}. */
  Result generate(int chunk, int lo, int hi) throws IOException {
    if (options.format() == GeneratorOptions.Format.CSV) {
      Path incPart = part(chunk, SyntheticArchive.INCIDENTS_OUT);
      Path artPart = part(chunk, SyntheticArchive.ARTICLES_OUT);
      try (Writer inc = Files.newBufferedWriter(incPart, StandardCharsets.UTF_8);
          Writer art = Files.newBufferedWriter(artPart, StandardCharsets.UTF_8)) {
        generate(chunk, lo, hi, inc, art);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(incPart);
        Files.deleteIfExists(artPart);
        throw e;
      }
      return new Result(0, 0, incPart, artPart);
    }
    return generate(chunk, lo, hi, null, null);
  }

  private Result generate(int chunk, int lo, int hi, Writer incCsv, Writer artCsv)
      throws IOException {
    final CorpusModel m = model;
    final int k = options.articlesPerIncident();
    final boolean raw = options.format() == GeneratorOptions.Format.CSV;
    PyRandom rng = new PyRandom(options.seed() + "/" + chunk);
    long files = 0;
    long bytes = 0;
    StringBuilder line = new StringBuilder();
    Path idir = options.out().resolve("incidents");
    Path adir = options.out().resolve("articles");
    for (int i = lo; i < hi; i++) {
      String iid = Long.toString(options.firstIncidentId() + i);
      List<String> a = new ArrayList<>(k);
      for (int j = 0; j < k; j++) {
        a.add(Long.toString(options.firstArticleId() + (long) i * k + j));
      }
      String p = String.join(", ", a);
      String q = String.join(", ", a.stream().map(x -> "Article " + x).toList());
      String h = String.join(", ", a.stream().map(x -> "#" + x).toList());
      List<List<String>> rots = new ArrayList<>(k);
      for (int r = 0; r < k; r++) {
        String[] rot = new String[m.maxs];
        for (int j = 0; j < m.maxs; j++) {
          rot[j] = a.get((r + j) % k);
        }
        rots.add(Arrays.asList(rot));
      }
      int d0 = rng.randint(START, END);
      LocalDate pub = fromOrdinal(d0);
      String hour = pub.getMonthValue() > 3 && pub.getMonthValue() < 11 ? "07" : "08";
      String published = pub + " " + hour + ":00:00+00:00";
      // title
      String title;
      if (rng.random() < 0.15 || m.titleParts.isEmpty()) {
        title = rng.choice(m.titles);
      } else {
        CorpusModel.TitlePart left = rng.choice(m.titleParts);
        title = left.left() + left.connector() + rng.choice(m.titleParts).right();
      }
      Map<String, String> fields = new HashMap<>();
      List<String> lead = new ArrayList<>();
      int fi = 0;
      for (String[] pm : CorpusModel.POSTMORTEM) {
        String col = pm[1];
        int cnt = rng.choice(m.counts.get(col));
        if (cnt == 0 || rng.random() < 0.01) {
          fields.put(col, "");
          continue;
        }
        String t;
        List<CorpusModel.Pair> wholes = m.whole.get(col);
        if (cnt < 0 && !wholes.isEmpty()) {
          CorpusModel.Pair w = rng.choice(wholes);
          t = raw ? w.raw() : w.flat();
        } else {
          cnt = Math.max(cnt, 1);
          List<CorpusModel.Pair> pool = m.items.get(col);
          int[] idx = rng.sample(pool.size(), Math.min(cnt, pool.size()));
          StringBuilder b = new StringBuilder();
          for (int n = 0; n < idx.length; n++) {
            if (n > 0) {
              b.append(raw ? "\n" : " ");
            }
            CorpusModel.Pair item = pool.get(idx[n]);
            b.append(n + 1).append(". ").append(raw ? item.raw() : item.flat());
          }
          t = b.toString();
          if (col.equals("SEcauses") || col.equals("Impacts")) {
            lead.add(m.clean.get(col).get(idx[0]));
          }
        }
        fields.put(col, PyText.format(t, rots.get(fi % k), p, q, h));
        fi++;
      }
      Map<String, String[]> tax = new HashMap<>();
      for (String cat : CorpusModel.ALL_CATS) {
        if (cat.equals("CPS") && !raw) {
          continue;
        }
        CorpusModel.Tax pair = rng.choice(m.tax.get(cat));
        List<String> pool = m.taxPool.get(cat);
        List<String> outP = new ArrayList<>(pair.paragraphs().size());
        for (List<String> sents : pair.paragraphs()) {
          StringBuilder b = new StringBuilder(sents.get(0));
          for (String s : sents.subList(1, sents.size())) {
            b.append(' ').append(rng.random() < 0.6 ? rng.choice(pool) : s);
          }
          outP.add(b.toString());
        }
        String t = String.join(raw ? "\n\n" : " ", outP);
        tax.put(cat, new String[] {pair.option(), PyText.format(t, rots.get(fi % k), p, q, h)});
        fi++;
      }
      // every incident cites all of its articles at least once
      String probe = fields.getOrDefault("References", "");
      if (!a.stream().allMatch(probe::contains)) {
        fields.put(
            "References", PyText.strip(probe + (probe.isEmpty() ? "" : " ") + "[" + p + "]"));
      }
      if (raw) {
        int nSumm = rng.randint(3, 6);
        List<String> sents = new ArrayList<>(nSumm);
        for (int s = 0; s < nSumm; s++) {
          sents.add(rng.choice(m.summary));
        }
        String summ = PyText.format(String.join(" ", sents), rots.get(0), p, q, h);
        Map<String, String> row = new HashMap<>(fields);
        row.put("Incident ID", iid);
        row.put("Related Article IDs", "[" + p + "]");
        row.put("Published", published);
        row.put("Title", title);
        row.put("Summary", summ);
        for (Map.Entry<String, String[]> e : tax.entrySet()) {
          row.put(e.getKey() + " Option", e.getValue()[0]);
          row.put(e.getKey() + " Rationale", e.getValue()[1]);
        }
        List<String> cells = new ArrayList<>(INCIDENT_COLUMNS.size());
        for (String c : INCIDENT_COLUMNS) {
          cells.add(row.getOrDefault(c, ""));
        }
        line.setLength(0);
        PyCsv.writeRow(line, cells);
        incCsv.append(line);
      } else {
        byte[] data = incidentPage(title, pub, fields, tax).getBytes(StandardCharsets.UTF_8);
        Files.write(idir.resolve(iid + ".txt"), data);
        files++;
        bytes += data.length;
      }
      // articles
      for (int j = 0; j < k; j++) {
        String aid = a.get(j);
        CorpusModel.Source source = rng.choice(m.sources);
        List<String> h1 = rng.choice(m.heads);
        List<String> h2 = rng.choice(m.heads);
        List<String> words = new ArrayList<>(h1.subList(0, (h1.size() + 1) / 2));
        words.addAll(h2.subList(h2.size() / 2, h2.size()));
        String head = String.join(" ", words);
        LocalDate apub = fromOrdinal(Math.min(d0 + rng.randint(0, 40), END));
        String ts =
            String.format(
                java.util.Locale.ROOT,
                "%s %02d:%02d:%02d+00:00",
                apub,
                rng.randint(0, 23),
                rng.randint(0, 59),
                rng.randint(0, 59));
        int nPar = rng.randint(4, 24);
        StringBuilder body = new StringBuilder();
        body.append("Published on ")
            .append(ts)
            .append(". ")
            .append(lead.isEmpty() ? title : String.join(" ", lead));
        for (int n = 0; n < nPar; n++) {
          body.append("\n\n").append(rng.choice(m.paras));
        }
        if (raw) {
          String slug = slug(head);
          List<String> cells =
              new ArrayList<>(
                  List.of(
                      aid,
                      "[" + iid + "]",
                      ts,
                      "https://" + source.host() + "/" + apub.getYear() + "/" + slug + "/",
                      "https://" + source.host(),
                      "",
                      body.toString(),
                      "",
                      "True",
                      "True",
                      "True",
                      "",
                      "",
                      head + " - " + source.name(),
                      j == 0 ? title : ""));
          cells.addAll(EMPTY_39);
          line.setLength(0);
          PyCsv.writeRow(line, cells);
          artCsv.append(line);
        } else {
          String sep = rng.random() < 0.15 ? " \u2013 " : " - ";
          StringBuilder text = new StringBuilder(head.length() + body.length() + 128);
          text.append(head).append(sep).append(source.name()).append("\n\n").append(body);
          if (rng.random() < 0.1) {
            text.append("\n\n").append(SEED_TRAILER);
          }
          byte[] data = text.toString().getBytes(StandardCharsets.UTF_8);
          Files.write(adir.resolve(aid + ".txt"), data);
          files++;
          bytes += data.length;
        }
      }
    }
    return new Result(files, bytes, null, null);
  }

  /** The postmortem page (format A) of an incident. */
  private static String incidentPage(
      String title, LocalDate pub, Map<String, String> fields, Map<String, String[]> tax) {
    List<String> lines = new ArrayList<>();
    lines.addAll(
        List.of("Incident: " + title, "", "Published Date: " + pub, "", "Postmortem Analysis"));
    for (String[] pm : CorpusModel.POSTMORTEM) {
      String f = fields.get(pm[1]);
      lines.add(pm[0] + (f.isEmpty() ? "" : " " + f));
    }
    lines.addAll(List.of("", "Software Taxonomy of Faults", "", "Category Option Rationale"));
    taxonomyRows(lines, CorpusModel.TAXONOMY, tax);
    lines.addAll(List.of("", "IoT System Layer", "", "Layer Option Rationale"));
    taxonomyRows(lines, CorpusModel.IOT, tax);
    lines.addAll(List.of("", "Other Details", "", "Category Option Rationale"));
    taxonomyRows(lines, CorpusModel.OTHER, tax);
    lines.addAll(List.of("", "Sources", "", "Back to List"));
    return String.join("\n", lines);
  }

  private static void taxonomyRows(
      List<String> lines, List<String[]> group, Map<String, String[]> tax) {
    for (String[] row : group) {
      String[] or = tax.get(row[1]);
      StringBuilder b = new StringBuilder(row[0]);
      for (String x : or) {
        if (!x.isEmpty()) {
          b.append(' ').append(x);
        }
      }
      lines.add(b.toString());
    }
  }

  /**
   * {@code re.sub(r"[^a-z0-9]+", "-", head.lower()).strip("-")[:60]}. Only what lowercases to ASCII
   * letters and digits survives, so Python's {@code lower()} reduces to ASCII plus the two
   * characters whose lowercase holds an ASCII letter: U+0130 ("i" + U+0307) and the Kelvin sign.
   */
  static String slug(String head) {
    StringBuilder b = new StringBuilder(head.length());
    boolean gap = false;
    for (int i = 0; i < head.length(); ) {
      int cp = head.codePointAt(i);
      i += Character.charCount(cp);
      char keep;
      boolean after = false;
      if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
        keep = (char) cp;
      } else if (cp >= 'A' && cp <= 'Z') {
        keep = (char) (cp + ('a' - 'A'));
      } else if (cp == 0x0130) {
        keep = 'i';
        after = true; // U+0307, not kept
      } else if (cp == 0x212A) {
        keep = 'k';
      } else {
        gap = true;
        continue;
      }
      if (gap) {
        b.append('-');
      }
      b.append(keep);
      gap = after;
    }
    if (gap) {
      b.append('-');
    }
    String s = PyText.strip(b.toString(), '-');
    return s.length() > 60 ? s.substring(0, 60) : s;
  }
}
