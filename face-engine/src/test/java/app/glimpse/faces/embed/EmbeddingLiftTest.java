package app.glimpse.faces.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EmbeddingLiftTest {
  private static final EmbeddingLift LIFT = EmbeddingLift.from(128);

  @Test
  void keepsLengthsAndCosines() {
    SplittableRandom random = new SplittableRandom(3);
    for (int trial = 0; trial < 200; trial++) {
      float[] a = unit(random);
      float[] b = unit(random);
      // mix so that some pairs are close, as faces of one person are
      for (int i = 0; i < 128; i++) {
        b[i] = trial % 2 == 0 ? b[i] : a[i] + 0.2f * b[i];
      }
      b = FaceEmbedder.normalise(b);
      float[] la = LIFT.lift(a);
      float[] lb = LIFT.lift(b);
      assertEquals(512, la.length);
      assertEquals(1, dot(la, la), 1e-5);
      assertEquals(dot(a, b), dot(la, lb), 1e-5, "trial " + trial);
    }
  }

  @Test
  void columnsAreOrthonormal() {
    float[][] lifted = new float[128][];
    for (int j = 0; j < 128; j++) {
      float[] e = new float[128];
      e[j] = 1;
      lifted[j] = LIFT.lift(e);
    }
    for (int j = 0; j < 128; j += 7) {
      for (int k = 0; k < 128; k += 5) {
        assertEquals(j == k ? 1 : 0, dot(lifted[j], lifted[k]), 1e-6, j + "," + k);
      }
    }
  }

  /**
   * Stored dlib embeddings are only comparable with queries lifted by the same matrix: it must not
   * change from one version to the next.
   */
  @Test
  void theMatrixNeverChanges() {
    float[] first = new float[128];
    first[0] = 1;
    float[] last = new float[128];
    last[127] = 1;
    double checksum = 0;
    float[] l0 = LIFT.lift(first);
    float[] l127 = LIFT.lift(last);
    for (int i = 0; i < 512; i++) {
      checksum += (i + 1) * (l0[i] + 2 * l127[i]);
    }
    assertEquals(-0.02053027f, l0[0], 1e-7f);
    assertEquals(-0.037975043f, l127[511], 1e-7f);
    assertEquals(-386.32902, checksum, 1e-4);
  }

  private static float[] unit(SplittableRandom random) {
    float[] v = new float[128];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (random.nextDouble() - 0.5);
    }
    return FaceEmbedder.normalise(v);
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
