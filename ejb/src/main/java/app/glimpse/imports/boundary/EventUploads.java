package app.glimpse.imports.boundary;

import app.glimpse.events.boundary.EventDeleted;
import app.glimpse.imports.control.UploadStore;
import app.glimpse.imports.entity.Source;
import app.glimpse.imports.entity.SourceKind;
import app.glimpse.photos.boundary.PhotosDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Removes the originals uploaded to a deleted event, or of deleted photos, once the deletion is
 * committed; the originals of server folders and Drive stay where they are.
 */
@ApplicationScoped
public class EventUploads {

  private static final Logger LOG = Logger.getLogger(EventUploads.class.getName());

  @Inject UploadStore uploads;

  @PersistenceContext EntityManager em;

  public void onDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventDeleted deleted) {
    uploads.deleteEvent(deleted.eventId());
  }

  public void onDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) PhotosDeleted deleted) {
    for (PhotosDeleted.Deleted photo : deleted.photos()) {
      Source source = em.find(Source.class, photo.sourceId());
      if (source == null || source.getKind() != SourceKind.UPLOAD) {
        continue;
      }
      try {
        Path folder = uploads.folder(source.getLocation());
        Path file = folder.resolve(photo.sourceFileId()).normalize();
        if (file.startsWith(folder) && !file.equals(folder)) {
          Files.deleteIfExists(file);
        }
      } catch (IOException | RuntimeException leftBehind) {
        LOG.log(
            Level.WARNING,
            "Could not remove the uploaded original of deleted photo " + photo.photoId(),
            leftBehind);
      }
    }
  }
}
