package app.glimpse.photos.entity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EmbeddingCodecTest {

  @Test
  void halfFloatsKeepUnitVectorsWithinCosineNoise() {
    Random random = new Random(7);
    float[] vector = new float[512];
    double norm = 0;
    for (int i = 0; i < vector.length; i++) {
      vector[i] = (float) random.nextGaussian();
      norm += vector[i] * vector[i];
    }
    for (int i = 0; i < vector.length; i++) {
      vector[i] /= (float) Math.sqrt(norm);
    }
    byte[] stored = EmbeddingCodec.encode(vector);
    assertEquals(1024, stored.length);
    float[] back = EmbeddingCodec.decode(stored);
    double dot = 0;
    double backNorm = 0;
    for (int i = 0; i < vector.length; i++) {
      dot += vector[i] * back[i];
      backNorm += back[i] * back[i];
    }
    double cosine = dot / Math.sqrt(backNorm);
    assertTrue(cosine > 0.99999, "cosine of a vector with its stored form was " + cosine);
  }

  @Test
  void halfFloatEdgeCases() {
    float[] values = {0f, -0f, 1f, -1f, 0.5f, 65504f, 1e-7f, Float.POSITIVE_INFINITY, -2.5f};
    float[] back = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      back[i] = EmbeddingCodec.fromHalf(EmbeddingCodec.toHalf(values[i]));
    }
    assertArrayEquals(
        new float[] {0f, -0f, 1f, -1f, 0.5f, 65504f, 1.1920929E-7f, Float.POSITIVE_INFINITY, -2.5f},
        back);
    assertTrue(Float.isNaN(EmbeddingCodec.fromHalf(EmbeddingCodec.toHalf(Float.NaN))));
  }

  @Test
  void landmarksRoundTripExactly() {
    float[] landmarks = {1.5f, 2.25f, 100f, 200f, 3f, 4f, 5f, 6f, 7f, 8.125f};
    assertArrayEquals(
        landmarks, EmbeddingCodec.decodeFloats(EmbeddingCodec.encodeFloats(landmarks)));
  }
}
