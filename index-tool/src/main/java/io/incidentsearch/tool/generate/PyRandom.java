package io.incidentsearch.tool.generate;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CPython 3.11's {@code random.Random}, as far as the generator uses it: the same seed gives the
 * same draws, so Java and the Python reference write the same archive. The core is MT19937 ({@code
 * _randommodule.c}); the methods above it follow {@code random.py} line by line, because each of
 * them consumes the generator's words in its own way and a single extra or missing word shifts
 * every later draw.
 */
final class PyRandom {
  private static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908b0df;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7fffffff;

  private final int[] mt = new int[N];
  private int mti;

  /**
   * Seeded like {@code random.Random(seed)} with a str (version 2): the seed is the big-endian
   * integer of the UTF-8 bytes followed by their SHA-512 digest, fed to {@code init_by_array} as
   * 32-bit words, least significant first.
   */
  PyRandom(String seed) {
    byte[] text = seed.getBytes(StandardCharsets.UTF_8);
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-512").digest(text);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-512", e);
    }
    byte[] all = new byte[text.length + digest.length];
    System.arraycopy(text, 0, all, 0, text.length);
    System.arraycopy(digest, 0, all, text.length, digest.length);
    BigInteger n = new BigInteger(1, all);
    // CPython sizes the key by the number's bit length, not the byte count.
    int words = Math.max(1, (n.bitLength() + 31) / 32);
    int[] key = new int[words];
    for (int i = 0; i < words; i++) {
      key[i] = n.shiftRight(32 * i).intValue();
    }
    initByArray(key);
  }

  private void initGenrand(int s) {
    mt[0] = s;
    for (mti = 1; mti < N; mti++) {
      mt[mti] = 1812433253 * (mt[mti - 1] ^ (mt[mti - 1] >>> 30)) + mti;
    }
  }

  private void initByArray(int[] key) {
    initGenrand(19650218);
    int i = 1;
    int j = 0;
    for (int k = Math.max(N, key.length); k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) {
        j = 0;
      }
    }
    for (int k = N - 1; k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    mti = N;
  }

  /** The next 32 bits ({@code genrand_uint32}), as an int holding the unsigned value's bits. */
  int nextWord() {
    if (mti >= N) {
      int kk;
      for (kk = 0; kk < N - M; kk++) {
        int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
      }
      for (; kk < N - 1; kk++) {
        int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
        mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
      }
      int y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
      mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
      mti = 0;
    }
    int y = mt[mti++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y;
  }

  /** {@code random()}: 53 random bits from two words, in [0, 1). */
  double random() {
    int a = nextWord() >>> 5;
    int b = nextWord() >>> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

  /** {@code getrandbits(k)} for 0 &lt;= k &lt;= 31 (one word, its top k bits). */
  private int getrandbits(int k) {
    return k == 0 ? 0 : nextWord() >>> (32 - k);
  }

  /**
   * {@code _randbelow_with_getrandbits(n)}: rejection sampling on {@code n.bit_length()} bits (not
   * those of n - 1, as CPython 3.11 does).
   */
  int randbelow(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("empty range");
    }
    int k = 32 - Integer.numberOfLeadingZeros(n);
    int r = getrandbits(k);
    while (r >= n) {
      r = getrandbits(k);
    }
    return r;
  }

  /** {@code randint(a, b)}: a + randbelow(b - a + 1). */
  int randint(int a, int b) {
    return a + randbelow(b - a + 1);
  }

  /** {@code choice(seq)}. */
  <T> T choice(List<T> seq) {
    if (seq.isEmpty()) {
      throw new IndexOutOfBoundsException("Cannot choose from an empty sequence");
    }
    return seq.get(randbelow(seq.size()));
  }

  /** {@code choice(seq)} over an int array. */
  int choice(int[] seq) {
    if (seq.length == 0) {
      throw new IndexOutOfBoundsException("Cannot choose from an empty sequence");
    }
    return seq[randbelow(seq.length)];
  }

  /**
   * {@code sample(range(n), k)}: k distinct indexes below n in selection order. CPython picks a
   * pool (list) or a set of selections by comparing n with the size of a k-element set; the two
   * draw differently, so the same threshold is computed here.
   */
  int[] sample(int n, int k) {
    if (k < 0 || k > n) {
      throw new IllegalArgumentException("Sample larger than population or is negative");
    }
    int[] result = new int[k];
    long setsize = 21;
    if (k > 5) {
      // 4 ** ceil(log(3k, 4)); 3k is never a power of 4, so no rounding question arises here.
      setsize += 1L << (2 * (int) Math.ceil(StrictMath.log(k * 3.0) / StrictMath.log(4)));
    }
    if (n <= setsize) {
      int[] pool = new int[n];
      for (int i = 0; i < n; i++) {
        pool[i] = i;
      }
      for (int i = 0; i < k; i++) {
        int j = randbelow(n - i);
        result[i] = pool[j];
        pool[j] = pool[n - i - 1];
      }
    } else {
      Set<Integer> selected = new HashSet<>();
      for (int i = 0; i < k; i++) {
        int j = randbelow(n);
        while (selected.contains(j)) {
          j = randbelow(n);
        }
        selected.add(j);
        result[i] = j;
      }
    }
    return result;
  }
}
