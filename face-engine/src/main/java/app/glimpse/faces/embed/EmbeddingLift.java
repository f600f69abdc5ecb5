package app.glimpse.faces.embed;

import java.util.SplittableRandom;

/**
 * Lifts unit vectors of fewer dimensions (dlib's 128) into the 512 dimensions the product stores
 * and indexes, with a fixed 512 x d matrix of orthonormal columns: {@code Q^T Q = I}, so every dot
 * product, hence every cosine, is kept (to float rounding, about 1e-7) and lifted vectors stay unit
 * length.
 *
 * <p>Why a dense random frame rather than zero padding, which keeps cosines exactly too: the
 * index's prefilter ({@code SignSketch} in the ejb module) reads the signs of two 512-bit blocks
 * after fixed sign flips and Walsh-Hadamard transforms, and its cutoffs assume that each block's
 * share of differing bits estimates angle / pi without bias. A zero-padded vector fills the first
 * 128 coordinates only: the first Hadamard pass copies them into all four 128-long quarters, and
 * the hyperplanes the bits stand for become a fixed structured set in that subspace. On the
 * deepface and event faces (dlib, 12090 pairs) the two blocks then erred by +0.012 and -0.013 of
 * the bits (about 0.8 standard deviations each, opposite ways, so they cancel in the sum): the
 * first block looked further than it was, which eats the first test's extra margin. Lifted by this
 * matrix each hyperplane is, seen from the subspace, a random direction, and the blocks erred by
 * -0.005 and -0.001 (ArcFace's 512-d embeddings: +0.002 and 0.000). It also spreads the energy over
 * all 512 components, which suits the index's int8 rows: their cosine error was 0.00035 rms against
 * 0.00057 for zero padding.
 *
 * <p>The matrix comes from a fixed seed and exact arithmetic (uniform doubles, Gram-Schmidt with
 * square roots), so it is the same on every JVM. It must never change: stored embeddings are only
 * comparable with queries lifted by the same matrix ({@code EmbeddingLiftTest} pins it).
 */
public final class EmbeddingLift {
  private static final long SEED = 0x64_6c_69_62_31_32_38L; // "dlib128"

  private final int from;
  private final int to;

  /** Row-major to x from. */
  private final float[] matrix;

  private EmbeddingLift(int from, int to, float[] matrix) {
    this.from = from;
    this.to = to;
    this.matrix = matrix;
  }

  /** The lift of {@code dimensions}-d vectors into {@value FaceEmbedder#DIMENSIONS}. */
  public static EmbeddingLift from(int dimensions) {
    int to = FaceEmbedder.DIMENSIONS;
    if (dimensions < 1 || dimensions > to) {
      throw new IllegalArgumentException("cannot lift " + dimensions + " dimensions to " + to);
    }
    SplittableRandom random = new SplittableRandom(SEED ^ dimensions);
    double[][] columns = new double[dimensions][to];
    for (int j = 0; j < dimensions; j++) {
      double[] c = columns[j];
      for (int i = 0; i < to; i++) {
        c[i] = 2 * random.nextDouble() - 1;
      }
      // modified Gram-Schmidt, twice, against the columns before
      for (int pass = 0; pass < 2; pass++) {
        for (int k = 0; k < j; k++) {
          double dot = 0;
          for (int i = 0; i < to; i++) {
            dot += c[i] * columns[k][i];
          }
          for (int i = 0; i < to; i++) {
            c[i] -= dot * columns[k][i];
          }
        }
        double norm = 0;
        for (int i = 0; i < to; i++) {
          norm += c[i] * c[i];
        }
        double inv = 1 / Math.sqrt(norm);
        for (int i = 0; i < to; i++) {
          c[i] *= inv;
        }
      }
    }
    float[] matrix = new float[to * dimensions];
    for (int i = 0; i < to; i++) {
      for (int j = 0; j < dimensions; j++) {
        matrix[i * dimensions + j] = (float) columns[j][i];
      }
    }
    return new EmbeddingLift(dimensions, to, matrix);
  }

  /** Dimensions in. */
  public int dimensions() {
    return from;
  }

  /** {@code Q v}: a {@value FaceEmbedder#DIMENSIONS}-d vector with the same length. */
  public float[] lift(float[] v) {
    if (v.length != from) {
      throw new IllegalArgumentException("expected " + from + " numbers, got " + v.length);
    }
    float[] out = new float[to];
    for (int i = 0; i < to; i++) {
      double sum = 0;
      int row = i * from;
      for (int j = 0; j < from; j++) {
        sum += matrix[row + j] * v[j];
      }
      out[i] = (float) sum;
    }
    return out;
  }
}
