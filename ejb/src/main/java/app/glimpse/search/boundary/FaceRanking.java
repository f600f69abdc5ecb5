package app.glimpse.search.boundary;

import app.glimpse.search.control.FaceIndex;
import app.glimpse.search.control.PhotoMatch;
import app.glimpse.search.control.SearchViews;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
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

  /** How many searchable faces the event has, as this node's view holds them now. */
  public int faces(long eventId) {
    return views.current(eventId).index().size();
  }
}
