package app.glimpse.faces.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SelfieRankingTest {
  private static final int D = 512;
  private static final float THRESHOLD = 0.43f;

  /**
   * A person seen in the event from one angle (three photos close to each other) and once from a
   * harder one that the selfie alone scores below the threshold, but that resembles the event's
   * other photos of the person; a stranger near the threshold.
   */
  private static final class Event {
    final Random random = new Random(7);
    final float[] person = unit(gaussian());
    final float[] eventLook = unit(mix(person, gaussian(), 0.8f)); // the event's light and clothes
    final float[] selfie = unit(mix(person, gaussian(), 1.1f));
    final SelfieRanking.InMemory faces = new SelfieRanking.InMemory();

    Event() {
      for (int p = 0; p < 3; p++) {
        faces.add(p, p, unit(mix(eventLook, gaussian(), 0.35f)));
      }
      // a turned head in the event's light: far from the selfie, close to the event's look
      faces.add(3, 3, unit(mix(eventLook, gaussian(), 1.0f)));
      // a stranger
      faces.add(4, 4, unit(gaussian()));
    }

    float[] gaussian() {
      float[] v = new float[D];
      for (int i = 0; i < D; i++) {
        v[i] = (float) random.nextGaussian();
      }
      return v;
    }
  }

  @Test
  void expansionFindsWhatOnlyTheEventsOwnPhotosOfThePersonReach() {
    Event event = new Event();
    float alone = dot(event.selfie, event.faces.embedding(3));
    assertTrue(alone < THRESHOLD, "the case needs the turned face below the threshold: " + alone);

    List<FaceHit> plain =
        SelfieRanking.rank(
            List.of(event.selfie), event.faces, SelfieRanking.Settings.plain(THRESHOLD), 10);
    List<FaceHit> expanded =
        SelfieRanking.rank(
            List.of(event.selfie),
            event.faces,
            new SelfieRanking.Settings(THRESHOLD, 0.55f, 8),
            10);

    assertEquals(List.of(0L, 1L, 2L), photos(plain).stream().sorted().toList());
    assertEquals(List.of(0L, 1L, 2L, 3L), photos(expanded).stream().sorted().toList());
  }

  @Test
  void expansionNeedsConfidentMatchesAndLeavesStrangersOut() {
    Event event = new Event();
    // nothing reaches the confident score: the search is the plain one
    List<FaceHit> unsure =
        SelfieRanking.rank(
            List.of(event.selfie),
            event.faces,
            new SelfieRanking.Settings(THRESHOLD, 0.99f, 8),
            10);
    assertEquals(List.of(0L, 1L, 2L), photos(unsure).stream().sorted().toList());
    List<FaceHit> expanded =
        SelfieRanking.rank(
            List.of(event.selfie),
            event.faces,
            new SelfieRanking.Settings(THRESHOLD, 0.55f, 8),
            10);
    assertTrue(photos(expanded).stream().noneMatch(p -> p == 4L), "stranger returned");
  }

  @Test
  void aPhotoScoresItsBestFaceForAnySelfieBestFirst() {
    SelfieRanking.InMemory faces = new SelfieRanking.InMemory();
    float[] a = basis(0);
    float[] b = basis(1);
    faces.add(10, 1, unit(mix(a, b, 0.5f))); // 0.89 to a
    faces.add(11, 1, a); // 1.0 to a: the photo's best
    faces.add(12, 2, unit(mix(b, a, 0.2f))); // 0.98 to b, 0.2 to a
    List<FaceHit> one =
        SelfieRanking.rank(List.of(a), faces, SelfieRanking.Settings.plain(THRESHOLD), 10);
    assertEquals(List.of(new FaceHit(11, 1, 1f)), one);
    List<FaceHit> two =
        SelfieRanking.rank(List.of(a, b), faces, SelfieRanking.Settings.plain(THRESHOLD), 10);
    assertEquals(List.of(1L, 2L), photos(two));
    assertEquals(11L, two.get(0).faceId());
  }

  private static List<Long> photos(List<FaceHit> hits) {
    return hits.stream().map(FaceHit::photoId).toList();
  }

  private static float[] basis(int i) {
    float[] v = new float[D];
    v[i] = 1;
    return v;
  }

  private static float[] mix(float[] a, float[] b, float weightOfB) {
    float[] v = new float[D];
    float na = norm(a);
    float nb = norm(b);
    for (int i = 0; i < D; i++) {
      v[i] = a[i] / na + weightOfB * b[i] / nb;
    }
    return v;
  }

  private static float norm(float[] v) {
    return (float) Math.sqrt(dot(v, v));
  }

  private static float[] unit(float[] v) {
    float n = norm(v);
    float[] u = new float[D];
    for (int i = 0; i < D; i++) {
      u[i] = v[i] / n;
    }
    return u;
  }

  private static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < D; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
