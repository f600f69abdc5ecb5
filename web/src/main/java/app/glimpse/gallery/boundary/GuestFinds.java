package app.glimpse.gallery.boundary;

import app.glimpse.search.boundary.Search;
import app.glimpse.search.boundary.SearchResult;
import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a guest's last selfie search found, per event, for this browser session only: "Your photos"
 * with the matched faces, minus the ones the guest marked "not me". Only the result is kept, never
 * the selfie; the ZIP download reads the photos from here, so a guest can only download what their
 * own search found in an event they hold a pass for.
 *
 * <p>So that "Add another photo of me" can combine a further selfie with the earlier ones, whose
 * photos are gone, the search's query faces are kept beside the result: one embedding per selfie
 * (512 numbers, no image), in a transient field, so they stay in this node's memory and are never
 * written anywhere, not even if the container serializes the session. They go when the guest starts
 * a new search or leaves "Your photos", and with the session. A session restored elsewhere keeps
 * its result without them; adding a selfie to it then asks for a new search.
 */
@SessionScoped
public class GuestFinds implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Map<Long, Found> found = new ConcurrentHashMap<>();

  /** Per event, the embedding of the face searched with from each selfie of the kept result. */
  private transient Map<Long, List<float[]>> selfieFaces;

  /**
   * Keeps the result of a search in event {@code eventId} and the faces it searched with, replacing
   * the previous one. A search that added a selfie to the kept one keeps the "not me" choices made
   * on it: the same photos do not come back.
   */
  public Found keep(long eventId, Search.Combined search, boolean added) {
    Found previous = found.get(eventId);
    Found kept = Found.of(search.result());
    if (added && previous != null) {
      kept = kept.without(previous.notMe());
    }
    found.put(eventId, kept);
    selfieFaces().put(eventId, List.copyOf(search.faces()));
    return kept;
  }

  public Optional<Found> in(long eventId) {
    return Optional.ofNullable(found.get(eventId));
  }

  /** The faces of the selfies the kept result was searched with; empty if none are held. */
  public List<float[]> selfieFaces(long eventId) {
    return selfieFaces().getOrDefault(eventId, List.of());
  }

  /**
   * Whether "Add another photo of me" is offered: the kept search found photos, its faces are held
   * here, and it has room for another selfie.
   */
  public boolean canAdd(long eventId) {
    Found kept = found.get(eventId);
    int selfies = selfieFaces(eventId).size();
    return kept != null
        && !kept.photos().isEmpty()
        && selfies == kept.selfies()
        && selfies < Search.MAX_SELFIES;
  }

  /** Drops a wrong match from the guest's photos (this session only; nothing is stored). */
  public void notMe(long eventId, long photoId) {
    found.computeIfPresent(eventId, (id, current) -> current.without(Set.of(photoId)));
  }

  /** Forgets the event's search: its result and the faces of its selfies. */
  public void forget(long eventId) {
    found.remove(eventId);
    selfieFaces().remove(eventId);
  }

  /** Null after the session was deserialized, so created when first needed. */
  private synchronized Map<Long, List<float[]>> selfieFaces() {
    if (selfieFaces == null) {
      selfieFaces = new ConcurrentHashMap<>();
    }
    return selfieFaces;
  }

  /**
   * The photos found, the note about the selfie's faces, how many selfies the search combined, and
   * the photos the guest said are not them (and how many of those this result held).
   */
  public record Found(
      List<FoundPhoto> photos, String note, int faces, int removed, int selfies, Set<Long> notMe)
      implements Serializable {

    private static final long serialVersionUID = 2L;

    static Found of(SearchResult result) {
      return new Found(
          result.matches().stream().map(FoundPhoto::of).toList(),
          result.note(),
          result.faces().size(),
          0,
          result.selfies(),
          Set.of());
    }

    Found without(Set<Long> photoIds) {
      if (photoIds.isEmpty()) {
        return this;
      }
      List<FoundPhoto> kept = photos.stream().filter(p -> !photoIds.contains(p.photoId())).toList();
      Set<Long> dropped = new HashSet<>(notMe);
      dropped.addAll(photoIds);
      return new Found(
          kept, note, faces, removed + photos.size() - kept.size(), selfies, Set.copyOf(dropped));
    }

    public List<Long> photoIds() {
      return photos.stream().map(FoundPhoto::photoId).toList();
    }
  }

  /**
   * A photo the guest is in, with the matched face as a frame in percent of the square thumbnail
   * tile (which shows the photo's centre, {@code object-fit: cover}); null frame if the photo's
   * size is unknown.
   */
  public record FoundPhoto(long photoId, String fileName, float score, FaceFrame frame)
      implements Serializable {

    private static final long serialVersionUID = 1L;

    static FoundPhoto of(SearchResult.Match match) {
      return new FoundPhoto(
          match.photoId(),
          match.fileName(),
          match.score(),
          FaceFrame.inSquareTile(match.faceBox(), match.width(), match.height()));
    }
  }
}
