package io.incidentsearch.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NumberedItemsTest {

  @Test
  void pageTextSplitsOnTheSequence() {
    assertEquals(
        List.of(
            "Twitter's \"contacts upload\" feature",
            "Twitter's Android app",
            "Twitter's notification system [96761]"),
        NumberedItems.split(
            "1. Twitter's \"contacts upload\" feature 2. Twitter's Android app 3. Twitter's"
                + " notification system [96761]"));
  }

  @Test
  void yearEndingASentenceIsText() {
    String timeline =
        "1. The incident happened in December 2019 [Article 96761]. Explanation: Step 1: The"
            + " article mentions December 24. Step 2: The article was published on February 3,"
            + " 2020. Step 3: Considering the report, it likely occurred in December 2019.";
    assertEquals(List.of(timeline.substring(3)), NumberedItems.split(timeline));
  }

  @Test
  void versionNumbersAreText() {
    assertEquals(
        List.of(
            "The app crashed on iOS 13.2. Apple fixed it in version 2.0 within a week [3663].",
            "Users lost data [3710]."),
        NumberedItems.split(
            "1. The app crashed on iOS 13.2. Apple fixed it in version 2.0 within a week [3663]."
                + " 2. Users lost data [3710]."));
  }

  @Test
  void twoInsideASentenceBeforeTheRealMarker() {
    assertEquals(
        List.of(
            "The rollout moved to phase 2. Users complained at once [96761].",
            "Support lines were flooded [96761]."),
        NumberedItems.split(
            "1. The rollout moved to phase 2. Users complained at once [96761]. 2. Support lines"
                + " were flooded [96761]."));
  }

  @Test
  void numberOutOfSequenceIsText() {
    assertEquals(
        List.of("Reboot loop", "Lost 4. Data"),
        NumberedItems.split("1. Reboot loop 2. Lost 4. Data"));
  }

  @Test
  void textWithoutLeadingOneIsOneItem() {
    assertEquals(
        List.of("[81854] The system that failed was MCAS, see 2. below"),
        NumberedItems.split("  [81854] The system that failed was MCAS, see 2. below \n"));
    assertEquals(List.of(), NumberedItems.split("  \n "));
    assertEquals(List.of(), NumberedItems.split(null));
  }

  @Test
  void csvCellWithContinuationAndBlankLines() {
    // The Time cell of FAIL incident 2751, as the CSV export has it.
    String cell =
        "1. The software failure incident happened on Tuesday, as mentioned in the article"
            + " [104834]. \n\nTherefore, the estimated timeline for the incident would be:\n"
            + "Step 1: The incident happened on a Tuesday.\nStep 2: The article was published on"
            + " 2020-09-18.\nStep 3: Estimating back, the incident likely occurred in September"
            + " 2020.";
    List<String> items = NumberedItems.split(cell);
    assertEquals(1, items.size());
    assertEquals(cell.substring(3), items.get(0));
  }

  @Test
  void csvCellPrefersMarkersAtLineStarts() {
    assertEquals(
        List.of(
            "Boat tour company - lost £1,000 a day\nas trips stopped [104834].",
            "Boat owners stranded after the gate opened by 3. Then more [104834].",
            "Residents [104834]."),
        NumberedItems.split(
            "1. Boat tour company - lost £1,000 a day\nas trips stopped [104834].\n\n"
                + "2. Boat owners stranded after the gate opened by 3. Then more [104834].\n"
                + "3. Residents [104834].\n"));
  }

  @Test
  void nestedRestartIsContinuation() {
    assertEquals(
        List.of("Causes:\n   1. a sub-point", "Other"),
        NumberedItems.split("1. Causes:\n   1. a sub-point\n2. Other"));
  }
}
