package app.glimpse.photos.boundary;

import app.glimpse.events.boundary.EventDeleted;
import app.glimpse.photos.control.Previews;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Removes the previews of a deleted event, or of deleted photos, once the deletion is committed.
 */
@ApplicationScoped
public class EventPreviews {

  @Inject Previews previews;

  public void onDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventDeleted deleted) {
    previews.deleteEvent(deleted.eventId());
  }

  public void onDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) PhotosDeleted deleted) {
    for (PhotosDeleted.Deleted photo : deleted.photos()) {
      previews.delete(deleted.eventId(), photo.photoId());
    }
  }
}
