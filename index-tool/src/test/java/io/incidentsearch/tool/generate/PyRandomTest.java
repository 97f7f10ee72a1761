package io.incidentsearch.tool.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link PyRandom} against CPython 3.11: the expected values were printed by {@code python3 -c
 * 'import random; r = random.Random("1/0"); ...'} with the same calls in the same order.
 */
class PyRandomTest {
  private static final List<Integer> RANGE_31 = IntStream.range(0, 31).boxed().toList();

  @Test
  void drawsWhatCpythonDrawsFromAStrSeed() {
    // r = random.Random("1/0"); [r.random() for _ in range(2)], r.randint(733773, 739251),
    // [r.choice(range(31)) for _ in range(4)], r.sample(range(40), 7), r.sample(range(1000), 8)
    PyRandom r = new PyRandom("1/0");
    assertEquals(0.9064717269000477, r.random());
    assertEquals(0.3812832754115595, r.random());
    assertEquals(737372, r.randint(733773, 739251));
    int[] choices = {
      r.choice(RANGE_31), r.choice(RANGE_31), r.choice(RANGE_31), r.choice(RANGE_31)
    };
    assertArrayEquals(new int[] {3, 14, 8, 16}, choices);
    assertArrayEquals(new int[] {6, 7, 38, 20, 10, 32, 3}, r.sample(40, 7)); // the pool branch
    assertArrayEquals(new int[] {417, 881, 220, 693, 774, 726, 848, 947}, r.sample(1000, 8));
  }

  @Test
  void aNegativeSeedAndBothSampleBranches() {
    // r = random.Random("-12/345"); r.getrandbits(32), r.sample(range(22), 22)[:5],
    // r.sample(range(100), 6)
    PyRandom r = new PyRandom("-12/345");
    assertEquals(694968317L, Integer.toUnsignedLong(r.nextWord()));
    int[] all = r.sample(22, 22);
    assertArrayEquals(new int[] {17, 12, 0, 4, 2}, java.util.Arrays.copyOf(all, 5));
    assertEquals(22, IntStream.of(all).distinct().count());
    // n = 100 > 21 + 4 ** ceil(log(18, 4)) = 85: the set branch
    assertArrayEquals(new int[] {73, 97, 61, 85, 44, 90}, r.sample(100, 6));
  }
}
