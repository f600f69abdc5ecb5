package app.glimpse.search.control;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One ranking made of the rankings of several query faces of the same guest (a search with more
 * than one selfie): a photo scores its best score over the queries, with the face that scored it,
 * best first, in the same order as a single ranking (score, then photo id).
 *
 * <p>Why merging each query's top {@code limit} is enough: a photo left out of a query's top {@code
 * limit} is beaten there by {@code limit} photos at least as good, and each of them keeps at least
 * that score in the merge, so it could not have entered the merged top {@code limit} through that
 * query either.
 */
public final class MergedRanking {

  private static final Comparator<PhotoMatch> BEST_FIRST =
      Comparator.comparingDouble(PhotoMatch::score)
          .reversed()
          .thenComparingLong(PhotoMatch::photoId);

  private MergedRanking() {}

  /**
   * The photos of all {@code rankings}, each with its best match, best first, at most {@code
   * limit}.
   */
  public static List<PhotoMatch> of(Collection<List<PhotoMatch>> rankings, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("A ranking needs a positive limit");
    }
    Map<Long, PhotoMatch> best = new HashMap<>();
    for (List<PhotoMatch> ranking : rankings) {
      for (PhotoMatch match : ranking) {
        best.merge(match.photoId(), match, MergedRanking::better);
      }
    }
    return best.values().stream().sorted(BEST_FIRST).limit(limit).toList();
  }

  /** The higher score; on a tie the match seen first, so that the first query's face is kept. */
  private static PhotoMatch better(PhotoMatch kept, PhotoMatch other) {
    return other.score() > kept.score() ? other : kept;
  }
}
