package app.glimpse.search.boundary;

import app.glimpse.faces.search.FaceHit;
import app.glimpse.faces.search.SelfieRanking;
import app.glimpse.search.control.PhotoMatch;
import app.glimpse.search.control.SearchViews;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Ranks an event's photos for a guest's query faces (one per selfie): cosine similarity against
 * every searchable face of the event, the best face per photo over the queries, those reaching the
 * threshold, best first, with query expansion through the event's own faces when it is on ({@link
 * SelfieRanking}, the same code {@code ./glimpse eval search} measures). The faces come from this
 * node's {@link SearchViews view} of what is stored through JPA, brought up to date first.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class FaceRanking {

  @Inject SearchViews views;

  /** Whether confident matches in the event join the query (docs/search.md, "Query expansion"). */
  @Inject
  @ConfigProperty(name = "glimpse.search.expand", defaultValue = "true")
  boolean expand;

  /**
   * Score from which a face of the event is sure enough to join the query; unset, a fifth of the
   * way from the threshold to 1 ({@link SelfieRanking.Settings#confidentFor}: 0.55 at 0.43).
   */
  @Inject
  @ConfigProperty(name = "glimpse.search.expand.confident")
  Optional<Float> confident;

  /** At most this many of the event's faces join the query (the best, one per photo). */
  @Inject
  @ConfigProperty(name = "glimpse.search.expand.faces", defaultValue = "8")
  int expansionFaces;

  public List<PhotoMatch> rank(long eventId, float[] query, float threshold, int limit) {
    return rank(eventId, List.of(query), threshold, limit);
  }

  /**
   * Ranks for several query faces of one person (a guest's selfies): a photo scores its best match
   * over the queries, with the face that matched, best first.
   */
  public List<PhotoMatch> rank(long eventId, List<float[]> queries, float threshold, int limit) {
    SelfieRanking.Settings settings =
        expand
            ? new SelfieRanking.Settings(
                threshold,
                confident.orElse(SelfieRanking.Settings.confidentFor(threshold)),
                expansionFaces)
            : SelfieRanking.Settings.plain(threshold);
    List<FaceHit> hits =
        SelfieRanking.rank(queries, views.current(eventId).index().faceSet(), settings, limit);
    return hits.stream().map(h -> new PhotoMatch(h.photoId(), h.faceId(), h.score())).toList();
  }

  /** How many searchable faces the event has, as this node's view holds them now. */
  public int faces(long eventId) {
    return views.current(eventId).index().size();
  }
}
