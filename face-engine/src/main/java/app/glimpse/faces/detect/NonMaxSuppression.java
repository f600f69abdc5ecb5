package app.glimpse.faces.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merges duplicate detections of one face: from overlapping tiles, from neighbouring pyramid
 * levels, or from neighbouring anchors. A box is dropped when it overlaps a better one by IoU, or
 * lies mostly inside a better one (a face half-seen at a tile edge next to the whole face from a
 * coarser level).
 */
public final class NonMaxSuppression {
  private NonMaxSuppression() {}

  /** Best-first survivors of {@code candidates}. */
  public static List<FaceCandidate> apply(
      List<FaceCandidate> candidates, float iouLimit, float containmentLimit) {
    return apply(
        candidates,
        Comparator.comparingDouble(FaceCandidate::score).reversed(),
        iouLimit,
        containmentLimit);
  }

  /** Survivors of {@code candidates}, the first in {@code order} winning each conflict. */
  public static List<FaceCandidate> apply(
      List<FaceCandidate> candidates,
      Comparator<FaceCandidate> order,
      float iouLimit,
      float containmentLimit) {
    List<FaceCandidate> sorted = new ArrayList<>(candidates);
    sorted.sort(order);
    List<FaceCandidate> kept = new ArrayList<>();
    for (FaceCandidate c : sorted) {
      if (!overlapsAny(c, kept, iouLimit, containmentLimit)) {
        kept.add(c);
      }
    }
    return kept;
  }

  /** {@code kept} plus those of {@code extra} that duplicate none of them (nor each other). */
  public static List<FaceCandidate> addMissing(
      List<FaceCandidate> kept, List<FaceCandidate> extra, float iouLimit, float containmentLimit) {
    List<FaceCandidate> result = new ArrayList<>(kept);
    for (FaceCandidate c : apply(extra, iouLimit, containmentLimit)) {
      if (!overlapsAny(c, kept, iouLimit, containmentLimit)) {
        result.add(c);
      }
    }
    return result;
  }

  private static boolean overlapsAny(
      FaceCandidate c, List<FaceCandidate> others, float iouLimit, float containmentLimit) {
    for (FaceCandidate k : others) {
      float ix =
          Math.max(0, Math.min(c.x() + c.width(), k.x() + k.width()) - Math.max(c.x(), k.x()));
      float iy =
          Math.max(0, Math.min(c.y() + c.height(), k.y() + k.height()) - Math.max(c.y(), k.y()));
      float inter = ix * iy;
      float union = c.area() + k.area() - inter;
      if (inter / union > iouLimit || inter / Math.min(c.area(), k.area()) > containmentLimit) {
        return true;
      }
    }
    return false;
  }
}
