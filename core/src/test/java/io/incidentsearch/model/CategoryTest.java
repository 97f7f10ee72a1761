package io.incidentsearch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CategoryTest {
  @Test
  void olderVocabularyMapsToTheCurrentTermAndUnknownOptionsAreKept() {
    assertEquals("within_system", Category.normalizeOption("within the system"));
    assertEquals("outside_system", Category.normalizeOption(" Outside  the System "));
    assertEquals("non-human_actions", Category.normalizeOption("non human actions"));
    assertEquals("link_level", Category.normalizeOption("wired/wireless link level"));
    assertEquals("non-human", Category.normalizeOption("non human"));
    assertEquals("both", Category.normalizeOption("both"), "no current equivalent: kept");
    assertEquals("consumer_device", Category.normalizeOption("consumer device"));
    assertEquals("", Category.normalizeOption("  "));
  }

  @Test
  void iotLayersRollUpUnderCps() {
    for (Category c : List.of(Category.PERCEPTION, Category.COMMUNICATION, Category.APPLICATION)) {
      assertEquals(Category.CPS, c.parent().orElseThrow());
    }
    assertTrue(Category.PHASE.parent().isEmpty());
    assertEquals(Category.PHASE, Category.byLabel("Phase (Design/Operation)").orElseThrow());
    assertEquals(Category.BEHAVIOUR, Category.byLabel("Behavior").orElseThrow());
  }
}
