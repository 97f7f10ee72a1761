package io.incidentsearch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.IncidentIndex;
import io.incidentsearch.TestCorpus;
import io.incidentsearch.index.BuildOptions;
import io.incidentsearch.model.RecordType;
import io.incidentsearch.schema.Schema;
import io.incidentsearch.search.Hit;
import io.incidentsearch.search.SearchRequest;
import io.incidentsearch.search.SearchResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known-item search and typos on every incident of testdata (fail-dev and fail-extra, which hold
 * the archive's and the seed's incidents too), indexed with their articles.
 */
class KnownItemAndTypoTest {
  @TempDir static Path dir;
  static IncidentIndex index;
  static List<Hit> incidents;

  @BeforeAll
  static void build() throws IOException {
    index = IncidentIndex.openOrCreate(dir);
    index.build(TestCorpus.failPages(), BuildOptions.defaults().threads(2));
    incidents =
        index
            .search(
                SearchRequest.builder()
                    .type(RecordType.INCIDENT)
                    .limit(1000)
                    .countFacets(false)
                    .highlight(false)
                    .build())
            .hits();
    assertEquals(87, incidents.size());
  }

  @AfterAll
  static void close() throws IOException {
    index.close();
  }

  private static SearchResult search(String query) throws IOException {
    return index.search(
        SearchRequest.builder().query(query).limit(10).countFacets(false).highlight(false).build());
  }

  private static String folded(String title) {
    return Schema.get().foldTitle(title);
  }

  @Test
  void everyIncidentTitleAsAQueryRanksThatIncidentFirst() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (Hit incident : incidents) {
      SearchResult r = search(incident.title());
      Hit first = r.hits().isEmpty() ? null : r.hits().get(0);
      boolean same =
          first != null
              && (first.key().equals(incident.key())
                  || (first.type().equals(RecordType.INCIDENT.key())
                      && folded(first.title()).equals(folded(incident.title()))));
      if (!same) {
        wrong.add(
            incident.key() + " " + incident.title() + " -> " + (first == null ? "-" : first.key()));
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void caseAndPunctuationDoNotMatterToKnownItems() throws IOException {
    Hit twitter = incidents.stream().filter(h -> h.id().equals("2750")).findFirst().orElseThrow();
    String shouted = twitter.title().toUpperCase(java.util.Locale.ROOT).replace(" ", " ,  ");
    assertEquals("incident:2750", search(shouted).hits().get(0).key());
    assertEquals("incident:2750", search("\"" + twitter.title() + "\"").hits().get(0).key());
  }

  @Test
  void titlesHoldingTheWholeQueryRankAboveTitlesSharingWords() throws IOException {
    List<Hit> hits =
        index
            .search(
                SearchRequest.builder()
                    .query("phone numbers")
                    .limit(200)
                    .countFacets(false)
                    .highlight(false)
                    .build())
            .hits();
    List<Boolean> holds =
        hits.stream().map(h -> folded(h.title()).contains("phone numbers")).toList();
    int first = holds.indexOf(false);
    assertTrue(first > 0, "some titles hold the phrase: " + hits);
    assertEquals(-1, holds.subList(first, holds.size()).indexOf(true), () -> "" + hits);
    assertTrue(hits.size() > first, "and other records use the words");
  }

  private static final Pattern WORD = Pattern.compile("\\p{L}{6,}");

  /**
   * The typo of a title: its longest word of six letters or more (the first such word when several
   * are as long) with the two letters after its middle swapped; null when that changes nothing.
   */
  static String[] typo(String title) {
    Matcher m = WORD.matcher(title);
    int start = -1;
    int end = -1;
    while (m.find()) {
      if (m.end() - m.start() > end - start) {
        start = m.start();
        end = m.end();
      }
    }
    if (start < 0) {
      return null;
    }
    String word = title.substring(start, end);
    int i = word.length() / 2;
    if (word.charAt(i) == word.charAt(i + 1)) {
      return null;
    }
    String swapped =
        word.substring(0, i) + word.charAt(i + 1) + word.charAt(i) + word.substring(i + 2);
    return new String[] {title.substring(0, start) + swapped + title.substring(end), word};
  }

  @Test
  void oneSwappedLetterIsCorrectedAndTheIncidentStillRanksFirst() throws IOException {
    int tried = 0;
    int corrected = 0;
    int firstWithout = 0;
    int firstWith = 0;
    List<String> missed = new ArrayList<>();
    for (Hit incident : incidents.stream().sorted(Comparator.comparing(Hit::key)).toList()) {
      String[] typo = typo(incident.title());
      if (typo == null) {
        continue;
      }
      tried++;
      SearchResult with = search(typo[0]);
      Optional<String> suggestion = with.suggestion();
      if (suggestion.isPresent()
          && suggestion
              .get()
              .toLowerCase(java.util.Locale.ROOT)
              .contains(typo[1].toLowerCase(java.util.Locale.ROOT))) {
        corrected++;
      } else {
        missed.add(typo[0] + " -> " + suggestion.orElse("(none)"));
      }
      if (!with.hits().isEmpty() && with.hits().get(0).key().equals(incident.key())) {
        firstWith++;
      }
      List<Hit> without = search(incident.title()).hits();
      if (!without.isEmpty() && without.get(0).key().equals(incident.key())) {
        firstWithout++;
      }
    }
    System.out.printf(
        "typos: %d titles, %d corrected, first without typo %d, with typo %d%n",
        tried, corrected, firstWithout, firstWith);
    missed.forEach(m -> System.out.println("  not corrected: " + m));
    assertTrue(tried >= 80, "titles tried: " + tried);
    assertTrue(corrected >= 0.9 * tried, corrected + " of " + tried + " corrected");
    assertTrue(firstWith >= firstWithout - tried / 20, firstWith + " vs " + firstWithout);
  }
}
