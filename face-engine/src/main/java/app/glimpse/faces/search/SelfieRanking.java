package app.glimpse.faces.search;

import app.glimpse.faces.embed.FaceEmbedder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks an event's photos for a guest's selfies: a photo's score is the best cosine similarity of
 * any of its faces to any query, and it is returned when that score reaches the threshold.
 *
 * <p>Query expansion: an event is not a one-to-one check. The same person appears many times in the
 * same light, clothes and angle, and those photos resemble each other more than any of them
 * resembles a selfie taken later on a phone. So the faces that match the selfie with high
 * confidence ({@link Settings#confident()}, at most {@link Settings#expansionFaces()} of them, one
 * per photo) join the query: the selfie and the mean of those faces, equally weighted and
 * normalised, are searched again, and each face keeps its better score of the two passes. A face
 * that only the event's own photos of the person bring above the threshold (a turned head, a darker
 * corner of the room) is found that way, while a stranger stays as far from the expanded query as
 * from the selfie.
 */
public final class SelfieRanking {

  /** Share of the way from the threshold to 1 at which a match is confident: 0.43 -> 0.55. */
  public static final float CONFIDENT_SHARE = 0.21f;

  /** How many confident faces join the query at most. */
  public static final int EXPANSION_FACES = 8;

  /** How a search ranks; {@link #plain} is the one-pass search. */
  public record Settings(float threshold, float confident, int expansionFaces) {

    public Settings {
      if (Float.isNaN(threshold) || expansionFaces < 0) {
        throw new IllegalArgumentException("a threshold and a number of expansion faces >= 0");
      }
    }

    /** One pass with the selfie alone. */
    public static Settings plain(float threshold) {
      return new Settings(threshold, Float.POSITIVE_INFINITY, 0);
    }

    /**
     * Query expansion as shipped: faces that close a fifth of the way from the threshold to a
     * perfect match ({@link #CONFIDENT_SHARE}) join the query, at most {@link #EXPANSION_FACES}.
     * With the default embedder's 0.43 that is 0.55; the share keeps the same meaning for an
     * embedder whose scores lie elsewhere (dlib's threshold is 0.93).
     */
    public static Settings expanding(float threshold) {
      return new Settings(threshold, confidentFor(threshold), EXPANSION_FACES);
    }

    /** The confident score for a threshold: see {@link #expanding}. */
    public static float confidentFor(float threshold) {
      return threshold + CONFIDENT_SHARE * (1 - threshold);
    }

    /** Whether confident matches join the query. */
    public boolean expands() {
      return expansionFaces > 0 && confident < Float.POSITIVE_INFINITY;
    }
  }

  private SelfieRanking() {}

  /**
   * The photos showing the person of {@code queries} (one embedding per selfie), best first, at
   * most {@code limit}: for each photo its best-matching face and score.
   */
  public static List<FaceHit> rank(
      List<float[]> queries, EventFaceSet faces, Settings settings, int limit) {
    if (queries.isEmpty() || limit < 1) {
      throw new IllegalArgumentException("at least one query and a positive limit");
    }
    Map<Long, FaceHit> bestPerFace = new HashMap<>();
    for (float[] query : queries) {
      List<FaceHit> first =
          faces.above(query, Math.min(settings.threshold(), settings.confident()));
      keepBest(bestPerFace, first);
      if (settings.expands()) {
        float[] expanded = expanded(query, confident(first, settings), faces);
        if (expanded != null) {
          keepBest(bestPerFace, faces.above(expanded, settings.threshold()));
        }
      }
    }
    Map<Long, FaceHit> bestPerPhoto = new HashMap<>();
    for (FaceHit hit : bestPerFace.values()) {
      if (hit.score() >= settings.threshold()) {
        bestPerPhoto.merge(hit.photoId(), hit, SelfieRanking::better);
      }
    }
    return bestPerPhoto.values().stream()
        .sorted(
            Comparator.comparingDouble(FaceHit::score)
                .reversed()
                .thenComparingLong(FaceHit::photoId))
        .limit(limit)
        .toList();
  }

  /** The best face per photo among {@code hits} at or above the confident score, best first. */
  public static List<FaceHit> confident(List<FaceHit> hits, Settings settings) {
    Map<Long, FaceHit> perPhoto = new HashMap<>();
    for (FaceHit hit : hits) {
      if (hit.score() >= settings.confident()) {
        perPhoto.merge(hit.photoId(), hit, SelfieRanking::better);
      }
    }
    return perPhoto.values().stream()
        .sorted(Comparator.comparingDouble(FaceHit::score).reversed())
        .limit(settings.expansionFaces())
        .toList();
  }

  /** The query and the mean of the confident faces, equally weighted; null without any. */
  public static float[] expanded(float[] query, List<FaceHit> confident, EventFaceSet faces) {
    if (confident.isEmpty()) {
      return null;
    }
    float[] mean = new float[query.length];
    for (FaceHit hit : confident) {
      float[] e = faces.embedding(hit.faceId());
      for (int i = 0; i < mean.length; i++) {
        mean[i] += e[i] / confident.size();
      }
    }
    for (int i = 0; i < mean.length; i++) {
      mean[i] += query[i];
    }
    return FaceEmbedder.normalise(mean);
  }

  private static FaceHit better(FaceHit a, FaceHit b) {
    return a.score() > b.score() || (a.score() == b.score() && a.faceId() <= b.faceId()) ? a : b;
  }

  private static void keepBest(Map<Long, FaceHit> best, List<FaceHit> hits) {
    for (FaceHit hit : hits) {
      best.merge(hit.faceId(), hit, SelfieRanking::better);
    }
  }

  /** An {@link EventFaceSet} over embeddings in memory, scanned exactly; for tests and evals. */
  public static final class InMemory implements EventFaceSet {
    private final List<long[]> ids = new ArrayList<>();
    private final List<float[]> embeddings = new ArrayList<>();
    private final Map<Long, Integer> byFace = new HashMap<>();

    public void add(long faceId, long photoId, float[] embedding) {
      byFace.put(faceId, embeddings.size());
      ids.add(new long[] {faceId, photoId});
      embeddings.add(embedding);
    }

    public int size() {
      return embeddings.size();
    }

    @Override
    public List<FaceHit> above(float[] query, float threshold) {
      List<FaceHit> hits = new ArrayList<>();
      for (int f = 0; f < embeddings.size(); f++) {
        float[] e = embeddings.get(f);
        float dot = 0;
        for (int i = 0; i < e.length; i++) {
          dot += query[i] * e[i];
        }
        if (dot >= threshold) {
          hits.add(new FaceHit(ids.get(f)[0], ids.get(f)[1], dot));
        }
      }
      return hits;
    }

    @Override
    public float[] embedding(long faceId) {
      return embeddings.get(byFace.get(faceId));
    }
  }
}
