package app.glimpse.faces.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Precision and recall of "photos that show me": each (selfie, photo) pair is judged by the photo's
 * score for that selfie (its best accepted face; {@link Double#NEGATIVE_INFINITY} when the selfie
 * or the photo has no usable face) and whether the photo shows the selfie's person. A photo is
 * returned when its score reaches the threshold.
 */
final class SearchQuality {
  /**
   * Thresholds tried by calibration: 0.15 to 0.99 in steps of 0.01 (dlib's embedder separates
   * people around 0.9; ArcFace's figures are the same as with the former upper end of 0.80).
   */
  static final int FIRST_STEP = 15;

  static final int LAST_STEP = 99;

  private SearchQuality() {}

  /** One (selfie, photo) pair. */
  record Judged(double score, boolean relevant) {}

  /** Counts at one threshold; add tallies to pool them. */
  record Tally(int retrieved, int hits, int relevant) {
    static final Tally NONE = new Tally(0, 0, 0);

    /** 1 when nothing was returned (as the calibration has always counted it). */
    double precision() {
      return retrieved == 0 ? 1 : (double) hits / retrieved;
    }

    /** 1 when no photo shows the person. */
    double recall() {
      return relevant == 0 ? 1 : (double) hits / relevant;
    }

    double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    Tally plus(Tally other) {
      return new Tally(retrieved + other.retrieved, hits + other.hits, relevant + other.relevant);
    }
  }

  static Tally at(List<Judged> judged, double threshold) {
    int retrieved = 0;
    int hits = 0;
    int relevant = 0;
    for (Judged j : judged) {
      boolean returned = j.score() >= threshold;
      retrieved += returned ? 1 : 0;
      hits += returned && j.relevant() ? 1 : 0;
      relevant += j.relevant() ? 1 : 0;
    }
    return new Tally(retrieved, hits, relevant);
  }

  /** The calibrated threshold: best F1 over {@link #thresholds()}, ties going to the higher. */
  static double bestThreshold(List<Judged> judged) {
    double bestF1 = -1;
    double best = Double.NaN;
    for (double threshold : thresholds()) {
      double f1 = at(judged, threshold).f1();
      if (f1 >= bestF1) {
        bestF1 = f1;
        best = threshold;
      }
    }
    return best;
  }

  /**
   * {lowest, highest} threshold of {@link #thresholds()} at which precision and recall both reach
   * {@code floor}; NaN when none does.
   */
  static double[] window(List<Judged> judged, double floor) {
    double low = Double.NaN;
    double high = Double.NaN;
    for (double threshold : thresholds()) {
      Tally t = at(judged, threshold);
      if (t.precision() >= floor && t.recall() >= floor) {
        low = Double.isNaN(low) ? threshold : low;
        high = threshold;
      }
    }
    return new double[] {low, high};
  }

  /**
   * The middle of {@link #window}, to the hundredth (halves rounded up); the best-F1 threshold when
   * no threshold reaches {@code floor}.
   */
  static double windowMiddle(List<Judged> judged, double floor) {
    double[] window = window(judged, floor);
    if (Double.isNaN(window[0])) {
      return bestThreshold(judged);
    }
    long steps = Math.round(window[0] * 100) + Math.round(window[1] * 100);
    return (steps + 1) / 2 / 100.0;
  }

  static List<Double> thresholds() {
    List<Double> thresholds = new ArrayList<>();
    for (int step = FIRST_STEP; step <= LAST_STEP; step++) {
      thresholds.add(step / 100.0);
    }
    return thresholds;
  }

  /**
   * Splits identities into {@code count} folds: sorted by name and dealt in turn (the first name to
   * fold 0, the second to fold 1, ...), so the split depends on the names alone.
   */
  static List<List<String>> folds(Collection<String> identities, int count) {
    if (count < 2) {
      throw new IllegalArgumentException("at least 2 folds");
    }
    List<List<String>> folds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      folds.add(new ArrayList<>());
    }
    int i = 0;
    for (String identity : new TreeSet<>(identities)) {
      folds.get(i++ % count).add(identity);
    }
    return folds;
  }
}
