package app.glimpse.faces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.glimpse.faces.embed.FaceAligner;
import app.glimpse.faces.embed.QualityGate;
import org.junit.jupiter.api.Test;

class FaceAlignerTest {

  @Test
  void recoversAKnownSimilarity() {
    float[] target = {38.3f, 51.7f, 73.5f, 51.5f, 56.0f, 71.7f, 41.5f, 92.4f, 70.7f, 92.2f};
    double angle = Math.toRadians(25);
    double scale = 3.2;
    float[] source = new float[10];
    for (int i = 0; i < 5; i++) {
      double x = target[2 * i], y = target[2 * i + 1];
      source[2 * i] = (float) (scale * (Math.cos(angle) * x - Math.sin(angle) * y) + 400);
      source[2 * i + 1] = (float) (scale * (Math.sin(angle) * x + Math.cos(angle) * y) + 150);
    }
    double[] m = FaceAligner.similarity(source, target);
    for (int i = 0; i < 5; i++) {
      double x = m[0] * source[2 * i] + m[1] * source[2 * i + 1] + m[2];
      double y = m[3] * source[2 * i] + m[4] * source[2 * i + 1] + m[5];
      assertArrayEquals(new double[] {target[2 * i], target[2 * i + 1]}, new double[] {x, y}, 1e-3);
    }
    assertEquals(1 / scale, Math.hypot(m[0], m[3]), 1e-6);
  }

  @Test
  void yawIsZeroForAFrontalFaceAndLargeForAProfile() {
    float[] frontal = {38f, 52f, 74f, 52f, 56f, 72f, 42f, 92f, 70f, 92f};
    float[] profile = {60f, 52f, 70f, 52f, 85f, 72f, 62f, 92f, 72f, 92f};
    assertEquals(0f, QualityGate.yaw(frontal), 0.01f);
    assertEquals(2.0f, QualityGate.yaw(profile), 0.01f);
  }
}
