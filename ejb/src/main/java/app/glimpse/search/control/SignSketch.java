package app.glimpse.search.control;

import java.util.SplittableRandom;

/**
 * 1024-bit sign codes of embeddings, whose Hamming distance estimates the angle between two
 * vectors: the fraction of differing bits is about {@code arccos(cosine) / pi}. The raw components
 * are not used directly because learned embeddings are not isotropic (some dimensions are biased,
 * some correlated); two rounds of a fixed random sign flip followed by a Walsh-Hadamard transform
 * turn the bits into 512 orthogonal random hyperplanes (SimHash), for which that estimate holds
 * whatever the data. A second, independent block of 512 halves the variance of the estimate, which
 * lets far fewer faces of other people through; the first block alone serves as a quicker, looser
 * first test.
 */
final class SignSketch {

  static final int DIMENSIONS = 512;
  static final int BLOCK_WORDS = DIMENSIONS / 64;
  static final int WORDS = 2 * BLOCK_WORDS;

  /** Per block two rounds, as one leaves sparse vectors (a few large components) poorly spread. */
  private static final float[][][] FLIPS = {
    {flips(0x5eed_51d5L), flips(0x51d5_5eedL)}, {flips(0x0dd_b10cL), flips(0xb10c_0ddL)}
  };

  private SignSketch() {}

  /** Writes the code of {@code vector} into {@code code[offset..offset + WORDS)}. */
  static void encode(float[] vector, long[] code, int offset) {
    for (int block = 0; block < FLIPS.length; block++) {
      float[] y = vector.clone();
      for (float[] flips : FLIPS[block]) {
        for (int i = 0; i < DIMENSIONS; i++) {
          y[i] *= flips[i];
        }
        hadamard(y);
      }
      for (int w = 0; w < BLOCK_WORDS; w++) {
        long bits = 0;
        for (int b = 0; b < 64; b++) {
          if (y[w * 64 + b] < 0) {
            bits |= 1L << b;
          }
        }
        code[offset + block * BLOCK_WORDS + w] = bits;
      }
    }
  }

  private static void hadamard(float[] y) {
    for (int half = 1; half < DIMENSIONS; half <<= 1) {
      for (int start = 0; start < DIMENSIONS; start += half << 1) {
        for (int i = start; i < start + half; i++) {
          float a = y[i];
          float b = y[i + half];
          y[i] = a + b;
          y[i + half] = a - b;
        }
      }
    }
  }

  /**
   * The largest Hamming distance over {@code bits} bits at which a vector can still have cosine
   * {@code threshold} with the query, with {@code sigmas} binomial standard deviations of margin
   * for the spread of the estimate (the measured spread is about 0.8 of binomial).
   */
  static int cutoff(float threshold, double sigmas, int bits) {
    double p = Math.acos(Math.max(-1, Math.min(1, threshold))) / Math.PI;
    double spread = Math.sqrt(bits * p * (1 - p));
    return (int) Math.min(bits, Math.ceil(bits * p + sigmas * spread));
  }

  private static float[] flips(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] flips = new float[DIMENSIONS];
    for (int i = 0; i < DIMENSIONS; i++) {
      flips[i] = random.nextBoolean() ? 1f : -1f;
    }
    return flips;
  }
}
