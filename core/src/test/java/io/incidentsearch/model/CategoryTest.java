package io.incidentsearch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.incidentsearch.formats.PostmortemPageReader;
import java.nio.file.Path;
import java.util.ArrayList;
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
  void multiWordLegacyOptionOnAPageIsRecognised() {
    // "non human" (older Consequence vocabulary) once fell apart into "non" + rationale.
    String page =
        "Incident: Old export\n\nPublished Date: 2015-01-01\n\nSoftware Taxonomy of Faults\n\n"
            + "Category Option Rationale\n"
            + "Consequence non human, property The failure damaged equipment.";
    List<Object> problems = new ArrayList<>();
    Incident i =
        PostmortemPageReader.read(page, "1", Path.of("1.txt"), problems::add).orElseThrow();
    assertEquals(List.of("non-human", "property"), i.taxonomy().options(Category.CONSEQUENCE));
    assertEquals(
        "The failure damaged equipment.", i.taxonomy().get(Category.CONSEQUENCE).rationale());
    assertTrue(problems.isEmpty(), problems.toString());
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
