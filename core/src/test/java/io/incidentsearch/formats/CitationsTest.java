package io.incidentsearch.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Citation extraction: order of mixed bracket groups and bare mentions, and long pages. */
class CitationsTest {
  @Test
  void groupsAndBareMentionsComeInTextOrderEachOnce() {
    String text =
        "Article 1111 first reported it. The flaw [2222] was old [Article 3333, #4444]. See"
            + " Articles 5555 and 6666; later <Article 7777> and [a8888; 2222]. Cyberpunk 2077"
            + " [Cyberpunk 2077: refunds, #9999] sold 13 million copies. article #1212.";
    assertEquals(
        List.of("1111", "2222", "3333", "4444", "5555", "6666", "7777", "8888", "9999", "1212"),
        Citations.extract(text));
  }

  @Test
  void aBareMentionInsideAGroupIsReadOnceAsPartOfTheGroup() {
    assertEquals(
        List.of("3001", "3002", "3003"),
        Citations.extract("[Article 3001, Article 3002] then Article 3003"));
  }

  @Test
  void aLongPageWithThousandsOfCitationsIsReadInLinearTime() {
    // Like a generated postmortem: numbered items each ending with a citation, and a bare
    // mention only at the very end. Re-searching the whole rest of the text for every
    // citation took minutes on this; linear scanning takes milliseconds.
    StringBuilder b = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String id = Integer.toString(100_000 + i);
      b.append(i + 1).append(". The system failed again after the update [").append(id)
          .append("]. ");
      expected.add(id);
    }
    b.append("Finally, Article 999999 summed it up.");
    expected.add("999999");
    List<String> ids =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Citations.extract(b));
    assertEquals(expected, ids);
  }
}
