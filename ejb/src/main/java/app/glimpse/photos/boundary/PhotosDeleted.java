package app.glimpse.photos.boundary;

import java.util.List;

/**
 * The photographer deleted photos of an event: their rows are tombstones now (status DELETED), and
 * their faces and set memberships are gone. Fired in the deleting transaction: the people area
 * recounts its people in it; the areas keeping the photos' files (previews here, uploaded originals
 * in imports) remove them observing it {@code during = AFTER_SUCCESS}.
 *
 * @param eventId the event
 * @param photos the deleted photos with where they came from
 */
public record PhotosDeleted(long eventId, List<Deleted> photos) {

  public PhotosDeleted {
    photos = List.copyOf(photos);
  }

  /** A deleted photo, its source (by id: photos know no sources) and its file id there. */
  public record Deleted(long photoId, long sourceId, String sourceFileId) {}
}
