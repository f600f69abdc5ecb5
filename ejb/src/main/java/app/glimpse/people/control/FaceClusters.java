package app.glimpse.people.control;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups faces into people: plain Java, no container, so that quality can be measured on labelled
 * photos.
 *
 * <p>Each face, in the order given (the order faces were stored), joins the person whose mean face
 * is most similar, if that similarity reaches the threshold and the person has no face in the same
 * photo (one photo never shows a person twice); otherwise it starts a new group. Then groups whose
 * mean faces reach the threshold and share no photo are merged, most similar first, until none are
 * left. Groups with fewer than {@code minFaces} faces are not people.
 *
 * <p>Known people are seeds: their faces are placed first and stay in them (a photographer's
 * corrections), so new faces join them rather than forming duplicates.
 */
public final class FaceClusters {

  /** A face to group: its id, its photo, its L2-normalised embedding, and a fixed person or 0. */
  public record Item(long faceId, long photoId, float[] embedding, long fixedPerson) {}

  /**
   * A person known before grouping, summed up: the sum of its faces' embeddings and their photos.
   * New faces can join it; its own faces are not listed again.
   */
  public record Seed(long person, float[] sum, Set<Long> photos) {}

  /** One group found: the seed person it grew from (0 for a new one) and its faces. */
  public record Group(long seedPerson, List<Item> faces) {}

  private final float threshold;
  private final int minFaces;

  public FaceClusters(float threshold, int minFaces) {
    this.threshold = threshold;
    this.minFaces = Math.max(1, minFaces);
  }

  /**
   * Groups {@code items}: those with a fixed person first form that person's seed, the others are
   * placed in order.
   */
  public List<Group> group(List<Item> items) {
    return group(List.of(), items);
  }

  /**
   * Groups {@code items} around the known people {@code known} (their groups list only the items
   * that joined them) and around each other.
   */
  public List<Group> group(List<Seed> known, List<Item> items) {
    List<Cluster> clusters = new ArrayList<>();
    Map<Long, Cluster> seeds = new LinkedHashMap<>();
    for (Seed seed : known) {
      Cluster cluster = new Cluster(seed.person());
      cluster.absorb(seed);
      clusters.add(cluster);
      seeds.put(seed.person(), cluster);
    }
    for (Item item : items) {
      if (item.fixedPerson() != 0) {
        seeds
            .computeIfAbsent(
                item.fixedPerson(),
                person -> {
                  Cluster seed = new Cluster(person);
                  clusters.add(seed);
                  return seed;
                })
            .add(item);
      }
    }
    for (Item item : items) {
      if (item.fixedPerson() != 0) {
        continue;
      }
      Cluster best = null;
      float bestScore = threshold;
      for (Cluster cluster : clusters) {
        if (cluster.photos.contains(item.photoId())) {
          continue;
        }
        float score = cluster.similarity(item.embedding());
        if (score >= bestScore) {
          bestScore = score;
          best = cluster;
        }
      }
      if (best == null) {
        best = new Cluster(0);
        clusters.add(best);
      }
      best.add(item);
    }
    mergeSimilar(clusters);
    List<Group> groups = new ArrayList<>();
    for (Cluster cluster : clusters) {
      if (cluster.seedPerson != 0 || cluster.size >= minFaces) {
        groups.add(new Group(cluster.seedPerson, List.copyOf(cluster.items)));
      }
    }
    return groups;
  }

  /**
   * Merges groups whose mean faces reach the threshold, most similar pair first. Pairs wait in a
   * queue with the versions of both groups they were scored at; a pair whose group changed since is
   * scored again before it counts.
   */
  private void mergeSimilar(List<Cluster> clusters) {
    java.util.PriorityQueue<Pair> queue =
        new java.util.PriorityQueue<>((x, y) -> Float.compare(y.score, x.score));
    for (int i = 0; i < clusters.size(); i++) {
      for (int j = i + 1; j < clusters.size(); j++) {
        offer(queue, clusters.get(i), clusters.get(j));
      }
    }
    Set<Cluster> removed = new HashSet<>();
    while (!queue.isEmpty()) {
      Pair pair = queue.poll();
      if (removed.contains(pair.a) || removed.contains(pair.b)) {
        continue;
      }
      if (pair.a.version != pair.versionA || pair.b.version != pair.versionB) {
        offer(queue, pair.a, pair.b);
        continue;
      }
      if (pair.a.sharesPhotoWith(pair.b)) {
        continue;
      }
      Cluster keep = pair.b.seedPerson != 0 ? pair.b : pair.a;
      Cluster gone = keep == pair.a ? pair.b : pair.a;
      for (Item item : gone.items) {
        keep.add(item);
      }
      removed.add(gone);
      for (Cluster other : clusters) {
        if (other != keep && !removed.contains(other)) {
          offer(queue, keep, other);
        }
      }
    }
    clusters.removeAll(removed);
  }

  private void offer(java.util.Queue<Pair> queue, Cluster a, Cluster b) {
    if (a.seedPerson != 0 && b.seedPerson != 0) {
      return; // two people the photographer kept apart stay apart
    }
    float score = a.averageSimilarity(b);
    if (score >= threshold) {
      queue.add(new Pair(a, b, score, a.version, b.version));
    }
  }

  private record Pair(Cluster a, Cluster b, float score, int versionA, int versionB) {}

  private static final class Cluster {
    final long seedPerson;
    final List<Item> items = new ArrayList<>();
    final Set<Long> photos = new HashSet<>();
    final float[] sum = new float[512];
    int version;

    Cluster(long seedPerson) {
      this.seedPerson = seedPerson;
    }

    int size;

    void absorb(Seed seed) {
      photos.addAll(seed.photos());
      for (int i = 0; i < sum.length && i < seed.sum().length; i++) {
        sum[i] += seed.sum()[i];
      }
      size += seed.photos().size();
      version++;
    }

    void add(Item item) {
      items.add(item);
      size++;
      photos.add(item.photoId());
      float[] e = item.embedding();
      for (int i = 0; i < sum.length && i < e.length; i++) {
        sum[i] += e[i];
      }
      version++;
    }

    /**
     * The average cosine similarity of {@code embedding} to the group's faces (the dot product with
     * their sum, over their number): comparable with the threshold calibrated on pairs of faces.
     * The cosine to the group's normalised mean would be higher for the same faces, more so the
     * larger the group, and let two similar-looking people merge.
     */
    float similarity(float[] embedding) {
      float dot = 0;
      for (int i = 0; i < sum.length && i < embedding.length; i++) {
        dot += sum[i] * embedding[i];
      }
      return size == 0 ? 0 : dot / size;
    }

    /** The average cosine similarity over all pairs of faces, one from each group. */
    float averageSimilarity(Cluster other) {
      return other.size == 0 ? 0 : similarity(other.sum) / other.size;
    }

    boolean sharesPhotoWith(Cluster other) {
      Set<Long> smaller = photos.size() <= other.photos.size() ? photos : other.photos;
      Set<Long> larger = smaller == photos ? other.photos : photos;
      for (Long photo : smaller) {
        if (larger.contains(photo)) {
          return true;
        }
      }
      return false;
    }
  }
}
