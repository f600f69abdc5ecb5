package app.glimpse.search.boundary;

import app.glimpse.search.control.FaceIndex;
import app.glimpse.search.control.MergedRanking;
import app.glimpse.search.control.PhotoMatch;
import app.glimpse.search.control.SearchViews;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Ranks an event's photos for one query face: cosine similarity against every searchable face of
 * the event, the best face per photo, those reaching the threshold, best first. The faces come from
 * this node's {@link SearchViews view} of what is stored through JPA, brought up to date first.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class FaceRanking {

  @Inject SearchViews views;

  public List<PhotoMatch> rank(long eventId, float[] query, float threshold, int limit) {
    FaceIndex index = views.current(eventId).index();
    return index.rank(query, threshold, limit);
  }

  /**
   * Ranks for several query faces of one person (a guest's selfies): a photo scores its best match
   * over the queries, with the face that matched, best first. Each query is ranked as {@link #rank}
   * ranks one, so whatever a single ranking does (and will do) holds for each; {@link
   * MergedRanking} combines them.
   */
  public List<PhotoMatch> rank(long eventId, List<float[]> queries, float threshold, int limit) {
    if (queries.size() == 1) {
      return rank(eventId, queries.get(0), threshold, limit);
    }
    List<List<PhotoMatch>> rankings = new ArrayList<>(queries.size());
    for (float[] query : queries) {
      rankings.add(rank(eventId, query, threshold, limit));
    }
    return MergedRanking.of(rankings, limit);
  }

  /** How many searchable faces the event has, as this node's view holds them now. */
  public int faces(long eventId) {
    return views.current(eventId).index().size();
  }
}
