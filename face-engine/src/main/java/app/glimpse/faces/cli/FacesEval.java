package app.glimpse.faces.cli;

import app.glimpse.faces.DetectedFace;
import app.glimpse.faces.FaceEngine;
import app.glimpse.faces.PhotoAnalysis;
import app.glimpse.faces.UnreadableImageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Quality of the engine on a labelled folder: faces found per photo, verification on labelled pairs
 * (AUC, best cosine threshold and its accuracy), rank-1 identification, and detection against faces
 * boxed by eye (found, missed, false detections: {@link BoxMatch}).
 *
 * <p>{@code identities.tsv} (identity, file), {@code pairs.tsv} (file, file, Yes/No) and {@code
 * truth.tsv} (one line per face: file, x, y, width, height, note; the file's folder is ignored) are
 * picked up from the photo folder when not given. A photo's identity embedding is its first face:
 * the largest that passed the quality gates, else the largest.
 */
final class FacesEval {
  private final FaceEngine engine;
  private final Map<String, String> options;

  /** Fields that follow the established ones on the summary line (hold-out and event figures). */
  private final StringBuilder extra = new StringBuilder();

  FacesEval(FaceEngine engine, Map<String, String> options) {
    this.engine = engine;
    this.options = options;
  }

  void run() throws IOException {
    Path dir = Path.of(required("photos"));
    Map<String, PhotoAnalysis> analyses = new LinkedHashMap<>();
    int unreadable = 0;
    long start = System.nanoTime();
    List<Path> photos;
    try (Stream<Path> files = Files.list(dir)) {
      photos =
          files
              .filter(
                  p ->
                      p.getFileName()
                          .toString()
                          .toLowerCase(Locale.ROOT)
                          .matches(".*\\.(jpe?g|png|webp|bmp|tiff?|gif)"))
              .sorted()
              .toList();
    }
    for (Path photo : photos) {
      try {
        PhotoAnalysis analysis = engine.analyze(photo);
        analyses.put(photo.getFileName().toString(), analysis);
        System.out.printf(
            Locale.ROOT,
            "%s\t%dx%d\tfaces=%d\taccepted=%d%n",
            photo.getFileName(),
            analysis.width(),
            analysis.height(),
            analysis.faces().size(),
            analysis.acceptedFaces().size());
      } catch (UnreadableImageException e) {
        unreadable++;
        System.out.println(photo.getFileName() + "\tunreadable: " + e.getMessage());
      }
    }
    double msPerPhoto = (System.nanoTime() - start) / 1e6 / Math.max(1, photos.size());
    int faces = analyses.values().stream().mapToInt(a -> a.faces().size()).sum();
    long noFace = analyses.values().stream().filter(a -> a.faces().isEmpty()).count();

    StringBuilder summary = new StringBuilder("faces-eval");
    summary.append(" detector=").append(engine.check().detector().split(" ")[0]);
    summary
        .append(" embedder=")
        .append(engine.config().embedderKind().name().toLowerCase(Locale.ROOT));
    summary.append(" photos=").append(photos.size()).append(" unreadable=").append(unreadable);
    summary.append(" faces=").append(faces);
    summary.append(format(" faces_per_photo=%.2f", (double) faces / Math.max(1, analyses.size())));
    summary.append(" no_face=").append(noFace);
    pairs(dir, analyses, summary);
    identities(dir, analyses, summary);
    truth(dir, analyses, summary);
    summary.append(format(" ms_per_photo=%.1f", msPerPhoto));
    System.out.println(summary.append(extra));
  }

  private void pairs(Path dir, Map<String, PhotoAnalysis> analyses, StringBuilder summary)
      throws IOException {
    Path file = table("pairs", dir);
    if (file == null) {
      return;
    }
    List<double[]> scored = new ArrayList<>();
    int missing = 0;
    for (String[] row : rows(file)) {
      float[] a = embedding(analyses.get(row[0]));
      float[] b = embedding(analyses.get(row[1]));
      boolean same = row[2].trim().equalsIgnoreCase("yes");
      if (a == null || b == null) {
        missing++;
        scored.add(new double[] {-1, same ? 1 : 0});
      } else {
        scored.add(new double[] {FaceEngine.cosine(a, b), same ? 1 : 0});
      }
    }
    summary.append(" pairs=").append(scored.size()).append(" pairs_missing=").append(missing);
    summary.append(format(" auc=%.4f", auc(scored)));
    double[] best = bestThreshold(scored);
    summary.append(format(" best_threshold=%.3f accuracy=%.4f", best[0], best[1]));
  }

  static double auc(List<double[]> scored) {
    long positives = scored.stream().filter(s -> s[1] == 1).count();
    long negatives = scored.size() - positives;
    double wins = 0;
    for (double[] p : scored) {
      if (p[1] != 1) {
        continue;
      }
      for (double[] n : scored) {
        if (n[1] == 0) {
          wins += p[0] > n[0] ? 1 : p[0] == n[0] ? 0.5 : 0;
        }
      }
    }
    return positives == 0 || negatives == 0 ? Double.NaN : wins / (positives * negatives);
  }

  /** {threshold, accuracy} maximising accuracy of "same person when cosine >= threshold". */
  static double[] bestThreshold(List<double[]> scored) {
    List<double[]> sorted = new ArrayList<>(scored);
    sorted.sort(Comparator.comparingDouble(s -> s[0]));
    double best = -1;
    double bestThreshold = 0;
    for (int i = 0; i <= sorted.size(); i++) {
      double threshold =
          i == 0
              ? sorted.get(0)[0] - 1e-6
              : i == sorted.size()
                  ? sorted.get(i - 1)[0] + 1e-6
                  : (sorted.get(i - 1)[0] + sorted.get(i)[0]) / 2;
      int correct = 0;
      for (double[] s : sorted) {
        if ((s[0] >= threshold) == (s[1] == 1)) {
          correct++;
        }
      }
      double accuracy = (double) correct / sorted.size();
      if (accuracy > best) {
        best = accuracy;
        bestThreshold = threshold;
      }
    }
    return new double[] {bestThreshold, best};
  }

  private void identities(Path dir, Map<String, PhotoAnalysis> analyses, StringBuilder summary)
      throws IOException {
    Path file = table("identities", dir);
    if (file == null) {
      return;
    }
    List<String[]> labelled = rows(file);
    int correct = 0;
    for (String[] probe : labelled) {
      float[] e = embedding(analyses.get(probe[1]));
      String bestIdentity = null;
      double best = -2;
      for (String[] other : labelled) {
        float[] o = embedding(analyses.get(other[1]));
        if (other == probe || e == null || o == null) {
          continue;
        }
        double cos = FaceEngine.cosine(e, o);
        if (cos > best) {
          best = cos;
          bestIdentity = other[0];
        }
      }
      if (probe[0].equals(bestIdentity)) {
        correct++;
      }
    }
    summary.append(" rank1=").append(correct).append('/').append(labelled.size());
    photoSearch(dir, labelled, analyses, summary);
  }

  /**
   * Calibrates selfie search as a guest meets it: each labelled photo in turn is the selfie (the
   * face search takes from it: {@link FaceEngine#facesForSearch}, its largest face if that is
   * accepted, else no result), every other labelled photo is the gallery, a photo scores its best
   * accepted face, and it is returned when that score reaches the threshold. Precision and recall
   * are summed over all selfies; the threshold reported is the one with the best F1 (ties: the
   * higher). Then the same calibration held out by identity ({@link #holdout}) and on event photos
   * ({@link EventSearch}).
   */
  private void photoSearch(
      Path dir, List<String[]> labelled, Map<String, PhotoAnalysis> analyses, StringBuilder summary)
      throws IOException {
    int n = labelled.size();
    // scores[i][j]: photo j's score for selfie i (its best accepted face); -infinity when the
    // selfie has no usable face, -2 when the photo has no accepted face
    double[][] scores = new double[n][n];
    long selfieNanos = 0;
    int unusable = 0;
    for (int i = 0; i < n; i++) {
      String[] probe = labelled.get(i);
      float[] query = null;
      long t0 = System.nanoTime();
      try {
        List<DetectedFace> selfie =
            engine.facesForSearch(Files.readAllBytes(dir.resolve(probe[1])));
        if (!selfie.isEmpty() && selfie.get(0).accepted()) {
          query = selfie.get(0).embedding();
        }
      } catch (UnreadableImageException e) {
        // counted as unusable below
      }
      selfieNanos += System.nanoTime() - t0;
      if (query == null) {
        unusable++;
      }
      for (int j = 0; j < n; j++) {
        PhotoAnalysis photo = analyses.get(labelled.get(j)[1]);
        double best = Double.NEGATIVE_INFINITY;
        if (query != null && photo != null) {
          best = -2;
          for (DetectedFace face : photo.faces()) {
            if (face.accepted()) {
              best = Math.max(best, FaceEngine.cosine(query, face.embedding()));
            }
          }
        }
        scores[i][j] = best;
      }
    }
    List<Integer> everyone = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      everyone.add(i);
    }
    List<SearchQuality.Judged> all = judged(labelled, scores, everyone, everyone);
    double threshold = SearchQuality.bestThreshold(all);
    SearchQuality.Tally at = SearchQuality.at(all, threshold);
    double[] window = SearchQuality.window(all, 0.95);
    summary.append(
        format(
            " search_threshold=%.2f search_precision=%.4f search_recall=%.4f"
                + " search_window=%.2f-%.2f selfie_unusable=%d selfie_ms=%.1f",
            threshold,
            at.precision(),
            at.recall(),
            window[0],
            window[1],
            unusable,
            selfieNanos / 1e6 / Math.max(1, n)));
    holdout(labelled, scores);
    events(dir, labelled, analyses);
  }

  /**
   * Cross-validation by identity: the identities are split into two folds ({@link
   * SearchQuality#folds}); for each fold, the threshold is calibrated as above on the other fold
   * alone (its photos as selfies and as gallery: nothing of the held-out people is seen), then the
   * held-out fold's photos are the selfies against every other labelled photo (their own people's
   * other photos and all the calibration fold's photos as strangers). Counts are pooled over both
   * folds, at each fold's own threshold and at the shipped one ({@code --threshold}). Also, as
   * {@code holdout_window_*}, with each fold's threshold chosen by the rule the shipped 0.43 was
   * chosen by: the middle of the calibration fold's window where precision and recall both reach
   * 0.95.
   */
  private void holdout(List<String[]> labelled, double[][] scores) {
    List<List<String>> folds =
        SearchQuality.folds(labelled.stream().map(row -> row[0]).toList(), 2);
    List<Integer> everyone = new ArrayList<>();
    for (int i = 0; i < labelled.size(); i++) {
      everyone.add(i);
    }
    SearchQuality.Tally pooled = SearchQuality.Tally.NONE;
    SearchQuality.Tally pooledShipped = SearchQuality.Tally.NONE;
    SearchQuality.Tally pooledWindow = SearchQuality.Tally.NONE;
    List<String> thresholds = new ArrayList<>();
    List<String> windowThresholds = new ArrayList<>();
    List<String> sizes = new ArrayList<>();
    for (List<String> fold : folds) {
      List<Integer> heldOut = new ArrayList<>();
      List<Integer> calibration = new ArrayList<>();
      for (int i = 0; i < labelled.size(); i++) {
        (fold.contains(labelled.get(i)[0]) ? heldOut : calibration).add(i);
      }
      List<SearchQuality.Judged> calibrated = judged(labelled, scores, calibration, calibration);
      double threshold = SearchQuality.bestThreshold(calibrated);
      double windowThreshold = SearchQuality.windowMiddle(calibrated, 0.95);
      List<SearchQuality.Judged> test = judged(labelled, scores, heldOut, everyone);
      pooled = pooled.plus(SearchQuality.at(test, threshold));
      pooledShipped = pooledShipped.plus(SearchQuality.at(test, shippedThreshold()));
      pooledWindow = pooledWindow.plus(SearchQuality.at(test, windowThreshold));
      thresholds.add(format("%.2f", threshold));
      windowThresholds.add(format("%.2f", windowThreshold));
      sizes.add(fold.size() + "/" + heldOut.size());
    }
    extra.append(
        format(
            " holdout_folds=%s holdout_thresholds=%s holdout_precision=%.4f holdout_recall=%.4f"
                + " holdout_threshold_at=%.2f holdout_precision_at=%.4f holdout_recall_at=%.4f"
                + " holdout_window_thresholds=%s holdout_window_precision=%.4f"
                + " holdout_window_recall=%.4f",
            String.join(",", sizes),
            String.join("/", thresholds),
            pooled.precision(),
            pooled.recall(),
            shippedThreshold(),
            pooledShipped.precision(),
            pooledShipped.recall(),
            String.join("/", windowThresholds),
            pooledWindow.precision(),
            pooledWindow.recall()));
  }

  /** Each selfie in {@code selfies} against each other photo in {@code gallery}. */
  private static List<SearchQuality.Judged> judged(
      List<String[]> labelled, double[][] scores, List<Integer> selfies, List<Integer> gallery) {
    List<SearchQuality.Judged> judged = new ArrayList<>();
    for (int i : selfies) {
      for (int j : gallery) {
        if (i != j) {
          judged.add(
              new SearchQuality.Judged(
                  scores[i][j], labelled.get(i)[0].equals(labelled.get(j)[0])));
        }
      }
    }
    return judged;
  }

  /** Held-out selfies on synthetic event photos; {@code --events 0} skips it. */
  private void events(Path dir, List<String[]> labelled, Map<String, PhotoAnalysis> analyses)
      throws IOException {
    int count = Integer.parseInt(options.getOrDefault("events", "48"));
    if (count <= 0) {
      return;
    }
    Path out =
        Path.of(
            options.getOrDefault(
                "events-out",
                Path.of(System.getProperty("java.io.tmpdir"), "glimpse-faces-eval-events")
                    .toString()));
    Path strangers =
        options.containsKey("strangers")
            ? Path.of(options.get("strangers"))
            : dir.toAbsolutePath().resolveSibling("groups-unlabeled");
    long start = System.nanoTime();
    EventSearch.Result result =
        new EventSearch(
                engine,
                Long.parseLong(
                    options.getOrDefault("events-seed", Long.toString(EventSearch.SEED))))
            .run(dir, labelled, analyses, strangers, out, count, shippedThreshold());
    extra.append(
        format(
            " event_photos=%d event_selfies=%d event_selfie_unusable=%d event_faces=%d"
                + " event_faces_accepted=%d event_strangers=%d event_threshold=%.2f"
                + " event_precision=%.4f event_recall=%.4f event_s=%.1f",
            result.photos(),
            result.selfies(),
            result.selfiesUnusable(),
            result.faces(),
            result.facesAccepted(),
            result.strangers(),
            shippedThreshold(),
            result.tally().precision(),
            result.tally().recall(),
            (System.nanoTime() - start) / 1e9));
  }

  /**
   * The search threshold the product ships ({@code --threshold}, default the embedder's from the
   * model manifest: 0.43 for ArcFace).
   */
  private double shippedThreshold() {
    String given = options.get("threshold");
    return Double.parseDouble(given != null ? given : Float.toString(engine.searchThreshold()));
  }

  /**
   * Detection against faces boxed by eye ({@link BoxMatch}): for each photo of the folder the box
   * file lists (the file's folder is ignored), one line with the faces found, missed and the false
   * detections (every face the engine reports counts, accepted or not), then the sums on the
   * summary line; {@code recall} is found over the faces boxed.
   */
  private void truth(Path dir, Map<String, PhotoAnalysis> analyses, StringBuilder summary)
      throws IOException {
    Path file = table("truth", dir);
    if (file == null) {
      return;
    }
    BoxMatch.Result total = BoxMatch.Result.NONE;
    for (Map.Entry<String, List<BoxMatch.Truth>> row :
        BoxMatch.parse(Files.readAllLines(file)).entrySet()) {
      String photo = Path.of(row.getKey()).getFileName().toString();
      if (!Files.exists(dir.resolve(photo))) {
        continue;
      }
      PhotoAnalysis analysis = analyses.get(photo);
      BoxMatch.Result result =
          analysis == null
              ? BoxMatch.match(row.getValue(), List.of(), 0, 0)
              : BoxMatch.match(
                  row.getValue(),
                  analysis.faces().stream().map(DetectedFace::box).toList(),
                  analysis.width(),
                  analysis.height());
      System.out.printf(
          Locale.ROOT,
          "%s\ttruth=%d\tfound=%d\tmissed=%d\tfalse=%d\tignored=%d%s%s%n",
          photo,
          result.truth(),
          result.found(),
          result.missed(),
          result.falseDetections(),
          result.ignored(),
          result.missed() == 0 ? "" : "\tmissed_at=" + BoxMatch.boxes(result.missedBoxes()),
          result.falseDetections() == 0 ? "" : "\tfalse_at=" + BoxMatch.boxes(result.falseBoxes()));
      total = total.plus(result);
    }
    if (total.truth() == 0) {
      return;
    }
    summary.append(" truth_faces=").append(total.truth());
    summary.append(" found=").append(total.found());
    summary.append(" missed=").append(total.missed());
    summary.append(" false_detections=").append(total.falseDetections());
    summary.append(" ignored_detections=").append(total.ignored());
    summary.append(format(" recall=%.3f", total.recall()));
  }

  private static float[] embedding(PhotoAnalysis analysis) {
    if (analysis == null || analysis.faces().isEmpty()) {
      return null;
    }
    DetectedFace largest = analysis.faces().get(0);
    return largest.embedding();
  }

  private Path table(String name, Path dir) {
    String given = options.get(name);
    if (given != null) {
      return Path.of(given);
    }
    Path beside = dir.resolve(name + ".tsv");
    return Files.isRegularFile(beside) ? beside : null;
  }

  private static List<String[]> rows(Path tsv) throws IOException {
    return Files.readAllLines(tsv).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(l -> l.split("\t"))
        .toList();
  }

  private String required(String key) {
    String value = options.get(key);
    if (value == null) {
      throw new IllegalArgumentException("--" + key + " is required");
    }
    return value;
  }

  private static String format(String pattern, Object... values) {
    return String.format(Locale.ROOT, pattern, values);
  }
}
