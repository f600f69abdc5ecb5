package app.glimpse.search.control;

import app.glimpse.faces.search.EventFaceSet;
import app.glimpse.faces.search.FaceHit;
import app.glimpse.photos.entity.EmbeddingCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;

/**
 * The searchable faces of one event, held in memory in a layout built for scanning, and the ranking
 * of a query face against them.
 *
 * <p>Why this shape: a selfie search scores the query against every face of the event (up to a
 * million), so the vectors are kept as int8 rows with a per-face scale (512 bytes instead of 2 KiB
 * of floats or 1 KiB of half floats) in large fixed-size chunks, next to a 1024-bit {@link
 * SignSketch sign code} per face: {@value #BYTES_PER_FACE} bytes with the ids. A query first
 * compares sign codes (8 to 16 XOR + bit counts per face), which rules out nearly all faces of
 * other people; only faces whose code is close enough to possibly reach the threshold are scored
 * with the int8 dot product. The scan is split over the cores (a fork-join pool of its own). Scores
 * differ from float cosine by at most about 1e-3 (see {@link #SCORE_ERROR}).
 *
 * <p>Concurrency: one writer at a time appends (imports adding faces) while any number of readers
 * rank. A face is written into its chunk before the volatile size is raised, and readers scan only
 * below the size they read, so they never see a half-written face. A chunk that grows is copied and
 * the copy published before the size moves on, so any chunk a reader sees holds every face below
 * the size it read.
 *
 * <p>Expects L2-normalised embeddings of {@value #DIMENSIONS} dimensions, so that cosine is the dot
 * product.
 */
public final class FaceIndex {

  public static final int DIMENSIONS = SignSketch.DIMENSIONS;

  /**
   * Bound on the difference between a score and the float cosine of the stored vectors (measured up
   * to 0.001 on a million faces). A caller wanting the exact float order ranks at {@code threshold
   * - SCORE_ERROR} and rescores the few returned faces from their stored embeddings.
   */
  public static final float SCORE_ERROR = 0.002f;

  private static final int BYTES_PER_FACE =
      DIMENSIONS + SignSketch.WORDS * Long.BYTES + Float.BYTES + 2 * Long.BYTES;

  /** How far beyond the expected Hamming distance of the threshold candidates are still scored. */
  static final double DEFAULT_SIGMAS = 3.5;

  private static final int CHUNK_SHIFT = 14;
  private static final int CHUNK = 1 << CHUNK_SHIFT;
  private static final int FIRST_CAPACITY = 64;
  private static final int WORDS = SignSketch.WORDS;
  private static final int MIN_FACES_PER_TASK = 32_768;

  /**
   * Scans run on a pool of their own: the common pool has one thread fewer than the cores and is
   * shared with whatever else the server runs there, so a ranking waiting on it could wait long.
   */
  private static final ForkJoinPool SCANS =
      new ForkJoinPool(
          Runtime.getRuntime().availableProcessors(),
          pool -> {
            ForkJoinWorkerThread thread =
                ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName("glimpse-rank-" + thread.getPoolIndex());
            thread.setDaemon(true);
            return thread;
          },
          null,
          false);

  /** Faces are stored with their largest component at +-127; queries with more precision. */
  private static final float FACE_RANGE = 127f;

  private static final float QUERY_RANGE = 16_383f;

  private final double sigmas;
  private final int parallelism;
  private final Object appendLock = new Object();
  private volatile Chunk[] chunks = new Chunk[0];
  private volatile int size;

  public FaceIndex() {
    this(DEFAULT_SIGMAS, Runtime.getRuntime().availableProcessors());
  }

  FaceIndex(double sigmas, int parallelism) {
    this.sigmas = sigmas;
    this.parallelism = Math.max(1, parallelism);
  }

  /** Adds a face with its embedding as stored in the database (see {@link EmbeddingCodec}). */
  public void add(long faceId, long photoId, byte[] storedEmbedding) {
    add(faceId, photoId, EmbeddingCodec.decode(storedEmbedding));
  }

  public void add(long faceId, long photoId, float[] embedding) {
    checkLength(embedding);
    float max = 0;
    for (float v : embedding) {
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException("An embedding holds finite numbers only");
      }
      max = Math.max(max, Math.abs(v));
    }
    float scale = max == 0 ? 0 : FACE_RANGE / max;
    byte[] row = new byte[DIMENSIONS];
    for (int i = 0; i < DIMENSIONS; i++) {
      row[i] = (byte) Math.round(embedding[i] * scale);
    }
    long[] sign = new long[WORDS];
    SignSketch.encode(embedding, sign, 0);
    synchronized (appendLock) {
      int slot = size;
      int index = slot >> CHUNK_SHIFT;
      int at = slot & (CHUNK - 1);
      Chunk[] current = chunks;
      if (index == current.length) {
        current = Arrays.copyOf(current, index + 1);
        current[index] = new Chunk(FIRST_CAPACITY);
        chunks = current;
      } else if (at == current[index].capacity) {
        current = current.clone();
        current[index] = current[index].grown();
        chunks = current;
      }
      Chunk chunk = current[index];
      System.arraycopy(row, 0, chunk.rows, at * DIMENSIONS, DIMENSIONS);
      System.arraycopy(sign, 0, chunk.signs, at * WORDS, WORDS);
      chunk.inverseScales[at] = scale == 0 ? 0 : 1 / scale;
      chunk.faceIds[at] = faceId;
      chunk.photoIds[at] = photoId;
      size = slot + 1;
    }
  }

  public int size() {
    return size;
  }

  /** Bytes one face takes: int8 row, sign code, scale, face and photo id. */
  public static long bytesPerFace() {
    return BYTES_PER_FACE;
  }

  /** Bytes held by the allocated chunks (the last one may be partly empty). */
  public long memoryBytes() {
    long faces = 0;
    for (Chunk chunk : chunks) {
      faces += chunk.capacity;
    }
    return faces * bytesPerFace();
  }

  /**
   * The photos showing the query face: for each photo its best-matching face, if that face's cosine
   * similarity to the query reaches {@code threshold}; best first, at most {@code limit}.
   */
  public List<PhotoMatch> rank(float[] query, float threshold, int limit) {
    return search(query, threshold, limit).matches();
  }

  /** What one ranking found, and how many faces it had to score exactly. */
  record Ranking(List<PhotoMatch> matches, long candidates) {}

  Ranking search(float[] query, float threshold, int limit) {
    return search(query, threshold, limit, sigmas);
  }

  /** As {@link #rank}, with the margin of the sign-code pre-filter chosen by the caller. */
  Ranking search(float[] query, float threshold, int limit, double sigmas) {
    checkLength(query);
    if (limit < 1 || Float.isNaN(threshold)) {
      throw new IllegalArgumentException("Ranking needs a positive limit and a threshold");
    }
    int faces = size;
    Chunk[] snapshot = chunks;
    if (faces == 0) {
      return new Ranking(List.of(), 0);
    }
    List<Hits> parts = scan(query, threshold, sigmas, snapshot, faces);
    return new Ranking(bestPerPhoto(parts, limit), parts.stream().mapToLong(h -> h.scored).sum());
  }

  /**
   * This index as an {@link EventFaceSet} for one ranking (not to be shared between threads): the
   * faces it returns, and their stored embeddings, come from the faces present when it was made.
   */
  public EventFaceSet faceSet() {
    int faces = size;
    Chunk[] snapshot = chunks;
    return new EventFaceSet() {
      private final Map<Long, Integer> slots = new HashMap<>();

      @Override
      public List<FaceHit> above(float[] query, float threshold) {
        checkLength(query);
        if (faces == 0) {
          return List.of();
        }
        List<FaceHit> found = new ArrayList<>();
        for (Hits hits : scan(query, threshold, sigmas, snapshot, faces)) {
          for (int i = 0; i < hits.count; i++) {
            slots.put(hits.faceIds[i], hits.slots[i]);
            found.add(new FaceHit(hits.faceIds[i], hits.photoIds[i], hits.scores[i]));
          }
        }
        return found;
      }

      @Override
      public float[] embedding(long faceId) {
        Integer slot = slots.get(faceId);
        if (slot == null) {
          throw new IllegalArgumentException("face " + faceId + " was not returned by this set");
        }
        Chunk chunk = snapshot[slot >> CHUNK_SHIFT];
        int row = slot & (CHUNK - 1);
        float[] embedding = new float[DIMENSIONS];
        float inverse = chunk.inverseScales[row];
        for (int i = 0; i < DIMENSIONS; i++) {
          embedding[i] = chunk.rows[row * DIMENSIONS + i] * inverse;
        }
        return embedding;
      }
    };
  }

  private List<Hits> scan(
      float[] query, float threshold, double sigmas, Chunk[] snapshot, int faces) {
    Scan scan = new Scan(query, threshold, sigmas, snapshot);
    int tasks = (int) Math.min(parallelism, Math.max(1, faces / MIN_FACES_PER_TASK));
    List<Future<Hits>> forked = new ArrayList<>(tasks - 1);
    for (int t = 1; t < tasks; t++) {
      int from = (int) ((long) faces * t / tasks);
      int to = (int) ((long) faces * (t + 1) / tasks);
      forked.add(SCANS.submit(() -> scan.range(from, to)));
    }
    List<Hits> parts = new ArrayList<>(tasks);
    parts.add(scan.range(0, (int) ((long) faces / tasks)));
    for (Future<Hits> part : forked) {
      parts.add(join(part));
    }
    return parts;
  }

  private static List<PhotoMatch> bestPerPhoto(List<Hits> parts, int limit) {
    Map<Long, PhotoMatch> best = new HashMap<>();
    for (Hits hits : parts) {
      for (int i = 0; i < hits.count; i++) {
        PhotoMatch match = new PhotoMatch(hits.photoIds[i], hits.faceIds[i], hits.scores[i]);
        best.merge(match.photoId(), match, (a, b) -> a.score() >= b.score() ? a : b);
      }
    }
    return best.values().stream()
        .sorted(
            Comparator.comparingDouble(PhotoMatch::score)
                .reversed()
                .thenComparingLong(PhotoMatch::photoId))
        .limit(limit)
        .toList();
  }

  private static Hits join(Future<Hits> part) {
    try {
      return part.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while ranking", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Ranking failed", e.getCause());
    }
  }

  private static void checkLength(float[] vector) {
    if (vector == null || vector.length != DIMENSIONS) {
      throw new IllegalArgumentException(
          "An embedding has "
              + DIMENSIONS
              + " dimensions, not "
              + (vector == null ? 0 : vector.length));
    }
  }

  /** A query prepared once and scanned over ranges of faces, possibly in parallel. */
  private static final class Scan {
    private final int[] query = new int[DIMENSIONS];
    private final long[] sign = new long[WORDS];
    private final float inverseQueryScale;
    private final float threshold;
    private final int firstCutoff;
    private final int cutoff;
    private final Chunk[] chunks;

    Scan(float[] vector, float threshold, double sigmas, Chunk[] chunks) {
      float max = 0;
      for (float v : vector) {
        max = Math.max(max, Math.abs(v));
      }
      float scale = max == 0 ? 0 : QUERY_RANGE / max;
      for (int i = 0; i < DIMENSIONS; i++) {
        query[i] = Math.round(vector[i] * scale);
      }
      this.inverseQueryScale = scale == 0 ? 0 : 1 / scale;
      SignSketch.encode(vector, sign, 0);
      this.threshold = threshold;
      this.firstCutoff = SignSketch.cutoff(threshold, sigmas + 1, SignSketch.DIMENSIONS);
      this.cutoff = SignSketch.cutoff(threshold, sigmas, 2 * SignSketch.DIMENSIONS);
      this.chunks = chunks;
    }

    Hits range(int from, int to) {
      Hits hits = new Hits();
      long[] q = sign;
      long q0 = q[0], q1 = q[1], q2 = q[2], q3 = q[3], q4 = q[4], q5 = q[5], q6 = q[6], q7 = q[7];
      for (int slot = from; slot < to; ) {
        Chunk chunk = chunks[slot >> CHUNK_SHIFT];
        int row = slot & (CHUNK - 1);
        int end = Math.min(CHUNK, row + (to - slot));
        long[] signs = chunk.signs;
        for (int r = row; r < end; r++) {
          int s = r * WORDS;
          int distance =
              Long.bitCount(signs[s] ^ q0)
                  + Long.bitCount(signs[s + 1] ^ q1)
                  + Long.bitCount(signs[s + 2] ^ q2)
                  + Long.bitCount(signs[s + 3] ^ q3)
                  + Long.bitCount(signs[s + 4] ^ q4)
                  + Long.bitCount(signs[s + 5] ^ q5)
                  + Long.bitCount(signs[s + 6] ^ q6)
                  + Long.bitCount(signs[s + 7] ^ q7);
          if (distance > firstCutoff) {
            continue;
          }
          for (int w = SignSketch.BLOCK_WORDS; w < WORDS; w++) {
            distance += Long.bitCount(signs[s + w] ^ q[w]);
          }
          if (distance <= cutoff) {
            hits.scored++;
            float score =
                dot(query, chunk.rows, r * DIMENSIONS)
                    * (chunk.inverseScales[r] * inverseQueryScale);
            if (score >= threshold) {
              hits.add(chunk.photoIds[r], chunk.faceIds[r], score, slot - row + r);
            }
          }
        }
        slot += end - row;
      }
      return hits;
    }

    /** Exact integer dot product; four sums keep the multiply-adds independent. */
    private static int dot(int[] query, byte[] rows, int offset) {
      int s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (int i = 0; i < DIMENSIONS; i += 4) {
        s0 += query[i] * rows[offset + i];
        s1 += query[i + 1] * rows[offset + i + 1];
        s2 += query[i + 2] * rows[offset + i + 2];
        s3 += query[i + 3] * rows[offset + i + 3];
      }
      return s0 + s1 + s2 + s3;
    }
  }

  /** Faces of one range that reached the threshold. */
  private static final class Hits {
    long scored;
    int count;
    long[] photoIds = new long[16];
    long[] faceIds = new long[16];
    float[] scores = new float[16];
    int[] slots = new int[16];

    void add(long photoId, long faceId, float score, int slot) {
      if (count == scores.length) {
        photoIds = Arrays.copyOf(photoIds, count * 2);
        faceIds = Arrays.copyOf(faceIds, count * 2);
        scores = Arrays.copyOf(scores, count * 2);
        slots = Arrays.copyOf(slots, count * 2);
      }
      photoIds[count] = photoId;
      faceIds[count] = faceId;
      slots[count] = slot;
      scores[count++] = score;
    }
  }

  /**
   * A block of up to {@value #CHUNK} faces. A full chunk is never copied again, so appending stays
   * cheap; a small event's only chunk starts small and is replaced by larger copies as it fills, so
   * it does not hold 10 MiB for a handful of faces.
   */
  private static final class Chunk {
    final int capacity;
    final byte[] rows;
    final long[] signs;
    final float[] inverseScales;
    final long[] faceIds;
    final long[] photoIds;

    Chunk(int capacity) {
      this(
          capacity,
          new byte[capacity * DIMENSIONS],
          new long[capacity * WORDS],
          new float[capacity],
          new long[capacity],
          new long[capacity]);
    }

    private Chunk(
        int capacity,
        byte[] rows,
        long[] signs,
        float[] inverseScales,
        long[] faceIds,
        long[] photoIds) {
      this.capacity = capacity;
      this.rows = rows;
      this.signs = signs;
      this.inverseScales = inverseScales;
      this.faceIds = faceIds;
      this.photoIds = photoIds;
    }

    Chunk grown() {
      int larger = Math.min(CHUNK, capacity * 4);
      return new Chunk(
          larger,
          Arrays.copyOf(rows, larger * DIMENSIONS),
          Arrays.copyOf(signs, larger * WORDS),
          Arrays.copyOf(inverseScales, larger),
          Arrays.copyOf(faceIds, larger),
          Arrays.copyOf(photoIds, larger));
    }
  }
}
