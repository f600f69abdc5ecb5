package app.glimpse.imports.boundary;

import app.glimpse.events.boundary.EventDeleted;
import app.glimpse.imports.control.UploadStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Removes the originals uploaded to a deleted event once its deletion is committed; the originals
 * of server folders and Drive stay where they are.
 */
@ApplicationScoped
public class EventUploads {

  @Inject UploadStore uploads;

  public void onDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventDeleted deleted) {
    uploads.deleteEvent(deleted.eventId());
  }
}
