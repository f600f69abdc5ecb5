package app.glimpse.search.control;

import java.util.Random;
import java.util.SplittableRandom;

/**
 * Embeddings of made-up people for tests and for {@code ./glimpse bench search} (the benchmarks
 * module reaches it through this module's test jar), shaped like those of a face recognition
 * network (ArcFace): each person has a centre direction, and each face of that person is the centre
 * plus noise of random strength, so two faces of one person have cosine about 0.4-0.8 and faces of
 * different people about 0.0-0.2. Plain random unit vectors would all be near-orthogonal, which
 * says nothing about thresholds. Deterministic for a seed.
 */
public final class SyntheticFaces {

  /**
   * Squared noise length relative to the centre: 0.25 gives cosine 0.89 to the centre, 3 gives 0.5.
   */
  private static final double MIN_NOISE = 0.25;

  private static final double MAX_NOISE = 3.0;

  /** A direction all faces share a little of, as real embeddings do. */
  private static final double COMMON = 0.3;

  private final float[][] centres;

  public SyntheticFaces(long seed, int people) {
    Random random = new Random(seed);
    float[] common = gaussianUnit(random);
    centres = new float[people][];
    for (int p = 0; p < people; p++) {
      float[] centre = gaussianUnit(random);
      for (int i = 0; i < centre.length; i++) {
        centre[i] += (float) (COMMON * common[i]);
      }
      centres[p] = normalize(centre);
    }
  }

  public int people() {
    return centres.length;
  }

  /** A face of {@code person} as found in event photos: any quality. */
  public float[] face(int person, SplittableRandom random) {
    return face(person, MIN_NOISE + random.nextDouble() * (MAX_NOISE - MIN_NOISE), random);
  }

  /** A selfie of {@code person}: frontal and sharp, so closer to the centre than most faces. */
  public float[] selfie(int person, SplittableRandom random) {
    return face(person, MIN_NOISE + random.nextDouble() * 0.25, random);
  }

  private float[] face(int person, double noise, SplittableRandom random) {
    float[] centre = centres[person];
    float[] face = new float[centre.length];
    double length = 0;
    for (int i = 0; i < face.length; i++) {
      face[i] = (float) (random.nextDouble() * 2 - 1);
      length += face[i] * face[i];
    }
    float factor = (float) (Math.sqrt(noise / length));
    for (int i = 0; i < face.length; i++) {
      face[i] = centre[i] + factor * face[i];
    }
    return normalize(face);
  }

  static float[] normalize(float[] vector) {
    double length = 0;
    for (float v : vector) {
      length += v * v;
    }
    float inverse = (float) (1 / Math.sqrt(length));
    for (int i = 0; i < vector.length; i++) {
      vector[i] *= inverse;
    }
    return vector;
  }

  private static float[] gaussianUnit(Random random) {
    float[] vector = new float[FaceIndex.DIMENSIONS];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = (float) random.nextGaussian();
    }
    return normalize(vector);
  }
}
