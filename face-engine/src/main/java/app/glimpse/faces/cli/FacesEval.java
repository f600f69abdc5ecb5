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
 * (AUC, best cosine threshold and its accuracy), rank-1 identification, and detection recall
 * against hand counts.
 *
 * <p>{@code identities.tsv} (identity, file), {@code pairs.tsv} (file, file, Yes/No) and {@code
 * truth.tsv} (file, visible faces; the file's folder is ignored) are picked up from the photo
 * folder when not given. A photo's identity embedding is its first face: the largest that passed
 * the quality gates, else the largest.
 */
final class FacesEval {
  private final FaceEngine engine;
  private final Map<String, String> options;

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
    summary.append(" photos=").append(photos.size()).append(" unreadable=").append(unreadable);
    summary.append(" faces=").append(faces);
    summary.append(format(" faces_per_photo=%.2f", (double) faces / Math.max(1, analyses.size())));
    summary.append(" no_face=").append(noFace);
    pairs(dir, analyses, summary);
    identities(dir, analyses, summary);
    truth(dir, analyses, summary);
    summary.append(format(" ms_per_photo=%.1f", msPerPhoto));
    System.out.println(summary);
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
   * higher).
   */
  private void photoSearch(
      Path dir, List<String[]> labelled, Map<String, PhotoAnalysis> analyses, StringBuilder summary)
      throws IOException {
    List<double[]> scored = new ArrayList<>(); // {photo score, 1 if the same person}
    int relevantTotal = 0;
    long selfieNanos = 0;
    int unusable = 0;
    for (String[] probe : labelled) {
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
      for (String[] other : labelled) {
        if (other == probe) {
          continue;
        }
        boolean same = probe[0].equals(other[0]);
        if (same) {
          relevantTotal++;
        }
        PhotoAnalysis photo = analyses.get(other[1]);
        if (query == null || photo == null) {
          continue;
        }
        double best = -2;
        for (DetectedFace face : photo.faces()) {
          if (face.accepted()) {
            best = Math.max(best, FaceEngine.cosine(query, face.embedding()));
          }
        }
        scored.add(new double[] {best, same ? 1 : 0});
      }
    }
    double bestF1 = -1;
    double[] at = {0, 0, 0};
    double windowLow = Double.NaN;
    double windowHigh = Double.NaN;
    for (int step = 15; step <= 80; step++) {
      double threshold = step / 100.0;
      int retrieved = 0;
      int hits = 0;
      for (double[] s : scored) {
        if (s[0] >= threshold) {
          retrieved++;
          hits += (int) s[1];
        }
      }
      double precision = retrieved == 0 ? 1 : (double) hits / retrieved;
      double recall = relevantTotal == 0 ? 1 : (double) hits / relevantTotal;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      if (precision >= 0.95 && recall >= 0.95) {
        windowLow = Double.isNaN(windowLow) ? threshold : windowLow;
        windowHigh = threshold;
      }
      if (f1 >= bestF1) {
        bestF1 = f1;
        at = new double[] {threshold, precision, recall};
      }
    }
    summary.append(
        format(
            " search_threshold=%.2f search_precision=%.4f search_recall=%.4f"
                + " search_window=%.2f-%.2f selfie_unusable=%d selfie_ms=%.1f",
            at[0],
            at[1],
            at[2],
            windowLow,
            windowHigh,
            unusable,
            selfieNanos / 1e6 / Math.max(1, labelled.size())));
  }

  private void truth(Path dir, Map<String, PhotoAnalysis> analyses, StringBuilder summary)
      throws IOException {
    Path file = table("truth", dir);
    if (file == null) {
      return;
    }
    int expected = 0;
    int found = 0;
    for (String[] row : rows(file)) {
      String photo = Path.of(row[0]).getFileName().toString();
      if (!Files.exists(dir.resolve(photo))) {
        continue;
      }
      PhotoAnalysis analysis = analyses.get(photo);
      int count = Integer.parseInt(row[1].trim());
      expected += count;
      found += analysis == null ? 0 : Math.min(count, analysis.faces().size());
    }
    if (expected == 0) {
      return;
    }
    summary.append(" truth_faces=").append(expected);
    summary.append(format(" recall=%.3f", (double) found / Math.max(1, expected)));
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
