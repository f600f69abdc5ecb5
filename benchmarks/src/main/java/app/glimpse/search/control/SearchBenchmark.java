package app.glimpse.search.control;

import app.glimpse.photos.entity.EmbeddingCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code ./glimpse bench search}: builds one event of synthetic faces ({@link SyntheticFaces}) in a
 * {@link FaceIndex}, the embeddings passing through their stored half-float form, then times selfie
 * queries against it and checks the photos found against an exact float cosine scan of the same
 * stored vectors. Plain Java on purpose: the ranking is measured without a server, and the whole
 * request ({@code search_ms_p95}) is measured with one elsewhere ({@code SearchRequestBenchmark}).
 * It lives in the benchmarks module, out of the deployed ejb jar, but in {@link FaceIndex}'s
 * package: it calls the package-private {@code search}, for the ranking's counts and for the scan
 * of every face without the pre-filter.
 *
 * <p>Options: {@code --faces N} (1000000), {@code --faces-per-photo N} (20), {@code --people N}
 * (faces / 50), {@code --queries N} (200), {@code --warmup N} (50), {@code --threshold T} (0.43),
 * {@code --recall-queries N} (20), {@code --seed N}.
 */
public final class SearchBenchmark {

  private SearchBenchmark() {}

  public static void main(String[] args) {
    Map<String, String> options = options(args);
    int faces = Integer.parseInt(options.getOrDefault("faces", "1000000"));
    int facesPerPhoto = Integer.parseInt(options.getOrDefault("faces-per-photo", "20"));
    int people =
        Integer.parseInt(options.getOrDefault("people", String.valueOf(Math.max(1, faces / 50))));
    int queries = Integer.parseInt(options.getOrDefault("queries", "200"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "50"));
    float threshold = Float.parseFloat(options.getOrDefault("threshold", "0.43"));
    int recallQueries =
        Math.min(queries, Integer.parseInt(options.getOrDefault("recall-queries", "20")));
    long seed = Long.parseLong(options.getOrDefault("seed", "20240605"));
    System.out.printf(
        Locale.ROOT,
        "search: %d faces, %d per photo, %d people, threshold %.2f, java %s, %d cores%n",
        faces,
        facesPerPhoto,
        people,
        threshold,
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());

    SyntheticFaces synthetic = new SyntheticFaces(seed, people);
    SplittableRandom random = new SplittableRandom(seed);
    float[][] selfies = new float[queries + warmup][];
    for (int q = 0; q < selfies.length; q++) {
      selfies[q] = synthetic.selfie(random.nextInt(people), random);
    }
    List<Map<Long, Float>> exact = new ArrayList<>();
    for (int q = 0; q < recallQueries; q++) {
      exact.add(new HashMap<>());
    }

    long started = System.nanoTime();
    FaceIndex index = new FaceIndex();
    for (int f = 0; f < faces; f++) {
      float[] stored =
          EmbeddingCodec.decode(
              EmbeddingCodec.encode(synthetic.face(random.nextInt(people), random)));
      long photoId = f / facesPerPhoto + 1L;
      index.add(f + 1L, photoId, stored);
      for (int q = 0; q < recallQueries; q++) {
        float score = dot(selfies[warmup + q], stored);
        if (score >= threshold) {
          exact.get(q).merge(photoId, score, Math::max);
        }
      }
    }
    double buildSeconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "build: %.1f s (generate, half-float round trip, add, exact scan of %d queries), %d MiB in chunks%n",
        buildSeconds,
        recallQueries,
        index.memoryBytes() >> 20);

    for (int q = 0; q < warmup; q++) {
      index.rank(selfies[q], threshold, 1000);
    }
    double[] millis = new double[queries];
    long candidates = 0;
    long matches = 0;
    long found = 0;
    long expected = 0;
    long extra = 0;
    int sameOrder = 0;
    double maxError = 0;
    double invertedGap = 0;
    for (int q = 0; q < queries; q++) {
      long t0 = System.nanoTime();
      FaceIndex.Ranking ranking = index.search(selfies[warmup + q], threshold, Integer.MAX_VALUE);
      millis[q] = (System.nanoTime() - t0) / 1e6;
      candidates += ranking.candidates();
      matches += ranking.matches().size();
      if (q < recallQueries) {
        Map<Long, Float> truth = exact.get(q);
        expected += truth.size();
        for (PhotoMatch match : ranking.matches()) {
          Float score = truth.get(match.photoId());
          if (score != null) {
            found++;
            maxError = Math.max(maxError, Math.abs(score - match.score()));
          } else {
            extra++;
          }
        }
        List<PhotoMatch> ranked = ranking.matches();
        for (int i = 1; i < ranked.size(); i++) {
          Float before = truth.get(ranked.get(i - 1).photoId());
          Float after = truth.get(ranked.get(i).photoId());
          if (before != null && after != null) {
            invertedGap = Math.max(invertedGap, after - before);
          }
        }
        List<Long> truthOrder =
            truth.entrySet().stream()
                .sorted(Map.Entry.<Long, Float>comparingByValue().reversed())
                .map(Map.Entry::getKey)
                .toList();
        if (truthOrder.equals(ranking.matches().stream().map(PhotoMatch::photoId).toList())) {
          sameOrder++;
        }
      }
    }
    double[] full = new double[recallQueries];
    long foundByFullScan = 0;
    for (int q = 0; q < full.length; q++) {
      long t0 = System.nanoTime();
      List<PhotoMatch> matchesOfFullScan =
          index
              .search(selfies[warmup + q], threshold, Integer.MAX_VALUE, Double.POSITIVE_INFINITY)
              .matches();
      full[q] = (System.nanoTime() - t0) / 1e6;
      for (PhotoMatch match : matchesOfFullScan) {
        foundByFullScan += exact.get(q).containsKey(match.photoId()) ? 1 : 0;
      }
    }
    Arrays.sort(millis);
    Arrays.sort(full);
    double recall = expected == 0 ? 1 : (double) found / expected;
    System.out.printf(
        Locale.ROOT,
        "rank: %d queries, %.0f faces scored exactly per query (%.2f%%), %.1f photos per query%n",
        queries,
        (double) candidates / queries,
        100.0 * candidates / queries / faces,
        (double) matches / queries);
    System.out.printf(
        Locale.ROOT,
        "exact: %d of %d photos above the threshold found over %d queries (%d more found),"
            + " same order in %d (largest inverted score gap %.4f), largest score difference %.4f;"
            + " int8 scan of every face (no pre-filter) finds %d, p50 %.1f ms%n",
        found,
        expected,
        recallQueries,
        extra,
        sameOrder,
        invertedGap,
        maxError,
        foundByFullScan,
        percentile(full, 50));
    System.out.printf(
        Locale.ROOT,
        "%s faces=%d photos=%d threshold=%.2f rank_ms_p50=%.1f rank_ms_p95=%.1f"
            + " bytes_per_face=%d index_recall=%.4f candidates_per_query=%.0f%s%n",
        options.getOrDefault("summary", "search-bench"),
        faces,
        (faces + facesPerPhoto - 1) / facesPerPhoto,
        threshold,
        percentile(millis, 50),
        percentile(millis, 95),
        FaceIndex.bytesPerFace(),
        recall,
        (double) candidates / queries,
        options.containsKey("summary") ? "" : " search_ms_p95=NA");
  }

  private static float dot(float[] a, float[] b) {
    float sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static double percentile(double[] sorted, int percent) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[
        Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        throw new IllegalArgumentException("Options are --name value pairs, got " + args[i]);
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }
}
