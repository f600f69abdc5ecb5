package app.glimpse.faces.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.faces.cli.SearchQuality.Judged;
import app.glimpse.faces.cli.SearchQuality.Tally;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchQualityTest {

  @Test
  void foldsAreDealtFromSortedNames() {
    List<List<String>> folds =
        SearchQuality.folds(List.of("df02", "df00", "df03", "df01", "df00", "df04"), 2);
    assertEquals(List.of(List.of("df00", "df02", "df04"), List.of("df01", "df03")), folds);
  }

  @Test
  void foldsCoverEveryIdentityOnce() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 13; i++) {
      names.add(String.format("df%02d", i));
    }
    List<List<String>> folds = SearchQuality.folds(names, 2);
    assertEquals(7, folds.get(0).size());
    assertEquals(6, folds.get(1).size());
    List<String> all = new ArrayList<>(folds.get(0));
    all.addAll(folds.get(1));
    assertTrue(all.containsAll(names) && all.size() == names.size());
    assertThrows(IllegalArgumentException.class, () -> SearchQuality.folds(names, 1));
  }

  @Test
  void precisionAndRecallCountReturnedPhotos() {
    List<Judged> judged =
        List.of(
            new Judged(0.9, true),
            new Judged(0.5, true),
            new Judged(0.3, true),
            new Judged(0.6, false),
            new Judged(0.2, false),
            new Judged(Double.NEGATIVE_INFINITY, true)); // selfie without a usable face: a miss
    Tally t = SearchQuality.at(judged, 0.5);
    assertEquals(new Tally(3, 2, 4), t);
    assertEquals(2.0 / 3, t.precision(), 1e-9);
    assertEquals(0.5, t.recall(), 1e-9);
  }

  @Test
  void nothingReturnedCountsAsPrecise() {
    Tally none = SearchQuality.at(List.of(new Judged(0.1, true)), 0.5);
    assertEquals(1.0, none.precision());
    assertEquals(0.0, none.recall());
    assertEquals(0.0, none.f1());
  }

  @Test
  void talliesPoolByCounts() {
    Tally pooled = Tally.NONE.plus(new Tally(10, 9, 10)).plus(new Tally(2, 0, 8));
    assertEquals(new Tally(12, 9, 18), pooled);
    assertEquals(0.75, pooled.precision(), 1e-9);
    assertEquals(0.5, pooled.recall(), 1e-9);
  }

  @Test
  void bestThresholdTakesTheHigherOfTies() {
    // genuine pairs at 0.60 and 0.70, impostors at 0.30: every threshold from 0.31 to 0.60
    // separates them perfectly
    List<Judged> judged =
        List.of(new Judged(0.60, true), new Judged(0.70, true), new Judged(0.30, false));
    assertEquals(0.60, SearchQuality.bestThreshold(judged), 1e-9);
    double[] window = SearchQuality.window(judged, 0.95);
    assertEquals(0.31, window[0], 1e-9);
    assertEquals(0.60, window[1], 1e-9);
    assertEquals(0.46, SearchQuality.windowMiddle(judged, 0.95), 1e-9); // 0.455 rounded up
  }

  @Test
  void windowMiddleFallsBackToBestF1WithoutAWindow() {
    List<Judged> judged = List.of(new Judged(0.40, true), new Judged(0.50, false));
    double[] window = SearchQuality.window(judged, 0.95);
    assertTrue(Double.isNaN(window[0]) && Double.isNaN(window[1]));
    assertEquals(
        SearchQuality.bestThreshold(judged), SearchQuality.windowMiddle(judged, 0.95), 1e-9);
  }
}
