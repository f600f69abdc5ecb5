package app.glimpse.gallery.boundary;

import app.glimpse.search.boundary.SearchResult;
import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a guest's last selfie search found, per event, for this browser session only: "Your photos"
 * with the matched faces, minus the ones the guest marked "not me". Only the result is kept, never
 * the selfie; the ZIP download reads the photos from here, so a guest can only download what their
 * own search found in an event they hold a pass for.
 */
@SessionScoped
public class GuestFinds implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Map<Long, Found> found = new ConcurrentHashMap<>();

  /** Keeps the result of a search in event {@code eventId}, replacing the previous one. */
  public Found keep(long eventId, SearchResult result) {
    Found kept = Found.of(result);
    found.put(eventId, kept);
    return kept;
  }

  public Optional<Found> in(long eventId) {
    return Optional.ofNullable(found.get(eventId));
  }

  /** Drops a wrong match from the guest's photos (this session only; nothing is stored). */
  public void notMe(long eventId, long photoId) {
    found.computeIfPresent(eventId, (id, current) -> current.without(photoId));
  }

  public void forget(long eventId) {
    found.remove(eventId);
  }

  /** The photos found and the note about the selfie's faces. */
  public record Found(List<FoundPhoto> photos, String note, int faces, int removed)
      implements Serializable {

    private static final long serialVersionUID = 1L;

    static Found of(SearchResult result) {
      return new Found(
          result.matches().stream().map(FoundPhoto::of).toList(),
          result.note(),
          result.faces().size(),
          0);
    }

    Found without(long photoId) {
      List<FoundPhoto> kept = photos.stream().filter(p -> p.photoId() != photoId).toList();
      return new Found(kept, note, faces, removed + photos.size() - kept.size());
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
