package io.incidentsearch.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The index writer's buffer follows the heap: a sixteenth of it, within bounds. */
class RamBufferTest {
  private static final long MB = 1024 * 1024;

  @Test
  void aSixteenthOfTheHeapBetween32And128Megabytes() {
    assertEquals(32, IndexBuilder.ramBufferMb(256 * MB));
    assertEquals(64, IndexBuilder.ramBufferMb(1024 * MB));
    assertEquals(128, IndexBuilder.ramBufferMb(2048 * MB));
    assertEquals(128, IndexBuilder.ramBufferMb(64 * 1024 * MB));
  }
}
