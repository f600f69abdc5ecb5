package app.glimpse.search.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.faces.search.EventFaceSet;
import app.glimpse.faces.search.FaceHit;
import app.glimpse.photos.entity.EmbeddingCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FaceIndexTest {

  /** Largest difference between an int8 score and the float cosine, with room to spare. */
  private static final float TOLERANCE = 0.003f;

  @Test
  void findsTheSamePhotosInTheSameOrderAsAnExactFloatScan() {
    SyntheticFaces synthetic = new SyntheticFaces(11, 300);
    SplittableRandom random = new SplittableRandom(12);
    FaceIndex index = new FaceIndex();
    List<float[]> faces = new ArrayList<>();
    for (int f = 0; f < 15_000; f++) {
      float[] face = synthetic.face(random.nextInt(synthetic.people()), random);
      faces.add(face);
      index.add(f, f / 6, face);
    }
    float threshold = 0.4f;
    int compared = 0;
    for (int q = 0; q < 20; q++) {
      float[] selfie = synthetic.selfie(random.nextInt(synthetic.people()), random);
      Map<Long, Float> exact = new HashMap<>();
      for (int f = 0; f < faces.size(); f++) {
        exact.merge(f / 6L, dot(selfie, faces.get(f)), Math::max);
      }
      List<PhotoMatch> ranked = index.rank(selfie, threshold, 1000);
      for (PhotoMatch match : ranked) {
        assertEquals(exact.get(match.photoId()), match.score(), TOLERANCE);
        assertTrue(match.score() >= threshold);
      }
      for (int i = 1; i < ranked.size(); i++) {
        float before = exact.get(ranked.get(i - 1).photoId());
        assertTrue(before + 2 * TOLERANCE >= exact.get(ranked.get(i).photoId()), "ranked by score");
      }
      List<Long> found = ranked.stream().map(PhotoMatch::photoId).toList();
      for (Map.Entry<Long, Float> photo : exact.entrySet()) {
        if (photo.getValue() >= threshold + TOLERANCE) {
          assertTrue(found.contains(photo.getKey()), "photo " + photo.getKey() + " is found");
          compared++;
        }
      }
    }
    assertTrue(compared > 200, "the queries have matches to compare: " + compared);
  }

  @Test
  void asAFaceSetItReturnsEveryFaceAboveTheThresholdWithItsStoredEmbedding() {
    SyntheticFaces synthetic = new SyntheticFaces(21, 50);
    SplittableRandom random = new SplittableRandom(22);
    FaceIndex index = new FaceIndex();
    List<float[]> faces = new ArrayList<>();
    for (int f = 0; f < 3_000; f++) {
      float[] face = synthetic.face(random.nextInt(synthetic.people()), random);
      faces.add(face);
      index.add(f, f / 3, face);
    }
    float[] selfie = synthetic.selfie(7, random);
    EventFaceSet set = index.faceSet();
    List<FaceHit> hits = set.above(selfie, 0.4f);
    long expected = faces.stream().filter(face -> dot(selfie, face) >= 0.4f + TOLERANCE).count();
    assertTrue(expected > 10, "the case has matches: " + expected);
    assertTrue(hits.size() >= expected, hits.size() + " of " + expected);
    for (FaceHit hit : hits) {
      float[] stored = set.embedding(hit.faceId());
      float[] original = faces.get((int) hit.faceId());
      assertEquals(hit.faceId() / 3, hit.photoId());
      assertEquals(1f, dot(stored, original) / norm(stored), 0.001f);
      assertEquals(dot(selfie, original), hit.score(), TOLERANCE);
    }
    assertThrows(IllegalArgumentException.class, () -> set.embedding(-1));
  }

  private static float norm(float[] v) {
    return (float) Math.sqrt(dot(v, v));
  }

  @Test
  void answersOneMatchPerPhotoWithItsBestFace() {
    FaceIndex index = new FaceIndex();
    index.add(1, 100, unit(0.5f));
    index.add(2, 100, unit(0.9f));
    index.add(3, 100, unit(0.7f));
    index.add(4, 200, unit(0.6f));

    List<PhotoMatch> matches = index.rank(unit(1), 0.3f, 10);

    assertEquals(List.of(100L, 200L), matches.stream().map(PhotoMatch::photoId).toList());
    assertEquals(2, matches.get(0).faceId());
    assertEquals(0.9f, matches.get(0).score(), TOLERANCE);
    assertEquals(0.6f, matches.get(1).score(), TOLERANCE);
  }

  @Test
  void leavesOutFacesBelowTheThresholdAndStopsAtTheLimit() {
    FaceIndex index = new FaceIndex();
    float[] cosines = {0.2f, 0.38f, 0.42f, 0.6f, 0.8f, 0.95f};
    for (int i = 0; i < cosines.length; i++) {
      index.add(i, i, unit(cosines[i]));
    }

    assertEquals(
        List.of(5L, 4L, 3L, 2L),
        index.rank(unit(1), 0.4f, 10).stream().map(PhotoMatch::photoId).toList());
    assertEquals(
        List.of(5L, 4L), index.rank(unit(1), 0.4f, 2).stream().map(PhotoMatch::photoId).toList());
    assertTrue(index.rank(unit(1), 0.99f, 10).isEmpty());
  }

  @Test
  void takesEmbeddingsInTheirStoredForm() {
    float[] face = new SyntheticFaces(3, 1).face(0, new SplittableRandom(4));
    FaceIndex index = new FaceIndex();
    index.add(7, 70, EmbeddingCodec.encode(face));

    List<PhotoMatch> matches = index.rank(face, 0.5f, 1);

    assertEquals(List.of(70L), matches.stream().map(PhotoMatch::photoId).toList());
    assertEquals(1f, matches.get(0).score(), TOLERANCE);
  }

  @Test
  void anEmptyIndexFindsNothing() {
    FaceIndex index = new FaceIndex();

    assertTrue(index.rank(unit(1), 0.4f, 10).isEmpty());
    assertEquals(0, index.size());
    assertEquals(0, index.memoryBytes());
  }

  @Test
  void refusesVectorsOfTheWrongLength() {
    FaceIndex index = new FaceIndex();
    index.add(1, 1, unit(1));

    assertThrows(IllegalArgumentException.class, () -> index.rank(new float[128], 0.4f, 10));
    assertThrows(IllegalArgumentException.class, () -> index.rank(null, 0.4f, 10));
    assertThrows(IllegalArgumentException.class, () -> index.add(2, 2, new float[513]));
    assertThrows(IllegalArgumentException.class, () -> index.rank(unit(1), 0.4f, 0));
    assertEquals(1, index.size());
  }

  @Test
  void ranksConsistentlyWhileAWriterAppends() throws InterruptedException {
    SyntheticFaces synthetic = new SyntheticFaces(21, 50);
    SplittableRandom random = new SplittableRandom(22);
    float[][] pool = new float[1000][];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = synthetic.face(i % synthetic.people(), random);
    }
    float[] selfie = synthetic.selfie(0, random);
    int total = 80_000;
    FaceIndex index = new FaceIndex();
    index.add(0, 0, selfie);
    AtomicBoolean writing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    Thread writer =
        new Thread(
            () -> {
              for (int f = 1; f < total; f++) {
                index.add(f, f, pool[f % pool.length]);
              }
              writing.set(false);
            });
    writer.start();
    int rankings = 0;
    int previous = 0;
    while (writing.get() || rankings == 0) {
      try {
        List<PhotoMatch> matches = index.rank(selfie, 0.4f, Integer.MAX_VALUE);
        assertEquals(0, matches.get(0).photoId(), "the face itself comes first");
        assertTrue(matches.size() >= previous, "appending never loses matches");
        for (PhotoMatch match : matches) {
          assertEquals(match.photoId(), match.faceId());
          float[] face = match.faceId() == 0 ? selfie : pool[(int) (match.faceId() % pool.length)];
          assertEquals(dot(selfie, face), match.score(), TOLERANCE, "a face is read whole");
          assertTrue(match.score() >= 0.4f);
        }
        previous = matches.size();
      } catch (Throwable e) {
        failures.add(e);
        break;
      }
      rankings++;
    }
    writer.join();

    assertTrue(failures.isEmpty(), () -> "ranking failed: " + failures.peek());
    assertEquals(total, index.size());
    int surely = 1;
    int possibly = 1;
    for (int f = 1; f < total; f++) {
      float score = dot(selfie, pool[f % pool.length]);
      surely += score >= 0.4f + TOLERANCE ? 1 : 0;
      possibly += score >= 0.4f - TOLERANCE ? 1 : 0;
    }
    int found = index.rank(selfie, 0.4f, Integer.MAX_VALUE).size();
    assertTrue(surely <= found && found <= possibly, found + " of " + surely + ".." + possibly);
    assertTrue(surely > 1000, "the selfie's person is in the pool");
  }

  @Test
  void holdsMemoryInProportionToItsFaces() {
    FaceIndex index = new FaceIndex();
    index.add(1, 1, unit(1));
    long small = index.memoryBytes();
    for (int f = 2; f <= 40_000; f++) {
      index.add(f, f, unit(0.5f));
    }

    assertEquals(660, FaceIndex.bytesPerFace());
    assertTrue(small <= 100 * FaceIndex.bytesPerFace(), "a small event takes little: " + small);
    assertTrue(index.memoryBytes() <= 1.25 * 40_000 * FaceIndex.bytesPerFace());
    assertEquals(
        List.of(1L), index.rank(unit(1), 0.9f, 10).stream().map(PhotoMatch::photoId).toList());
    assertEquals(40_000, index.rank(unit(1), 0.4f, Integer.MAX_VALUE).size());
  }

  /** A unit vector at cosine {@code cosine} to the first axis. */
  private static float[] unit(float cosine) {
    float[] vector = new float[FaceIndex.DIMENSIONS];
    vector[0] = cosine;
    vector[1] = (float) Math.sqrt(1 - cosine * cosine);
    return vector;
  }

  private static float dot(float[] a, float[] b) {
    float sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
