package app.glimpse.photos.boundary;

import app.glimpse.events.entity.Event;
import app.glimpse.faces.DetectedFace;
import app.glimpse.faces.Landmark;
import app.glimpse.faces.PhotoAnalysis;
import app.glimpse.faces.PhotoMetadata;
import app.glimpse.photos.control.Previews;
import app.glimpse.photos.entity.Face;
import app.glimpse.photos.entity.Photo;
import app.glimpse.platform.control.NodeName;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Stores what an import found in a file: the photo with its faces and previews, or the file with
 * the reason it could not be indexed. The photos area owns these rows, so it builds them; the
 * import (in {@code imports}) reads the file, runs the face engine and keeps its counts. Runs in
 * the caller's transaction, after the caller has taken its import's row lock.
 */
@Stateless
public class PhotoStore {

  @PersistenceContext EntityManager em;

  @Inject Previews previews;

  @Inject NodeName nodeName;

  @jakarta.ejb.EJB PhotoSets sets;

  /**
   * A file of a source as an import met it.
   *
   * @param fileId the file's id in its source, as stored
   * @param hash the SHA-256 of its content, "-" when it could not be read
   * @param version the content version the source announced, if any
   * @param folder the sub-folder of its source the file lies in, whose set the photo goes into
   *     ({@link PhotoSets#addFromFolder}); null if none
   */
  public record SourcedFile(
      long eventId,
      long sourceId,
      long importId,
      String fileId,
      String name,
      String hash,
      String version,
      String folder) {}

  /**
   * Whether the same file with the same content is stored already; if so it now counts for this
   * import, with the version the source announces now.
   */
  public boolean attachSame(SourcedFile file) {
    Optional<Photo> same = same(file);
    same.ifPresent(
        photo -> {
          photo.attachTo(file.importId());
          if (file.version() != null) {
            photo.sourceVersion(file.version());
          }
        });
    return same.isPresent();
  }

  /**
   * Stores the photo the face engine analysed, its faces and its previews.
   *
   * @throws app.glimpse.photos.control.PreviewsFullException if the previews' disk has no room for
   *     them: the transaction rolls back, nothing of the photo is stored
   */
  public void storeIndexed(SourcedFile file, PhotoAnalysis analysis) {
    Photo photo =
        Photo.indexed(
            event(file), file.sourceId(), file.importId(), file.fileId(), file.name(), file.hash());
    PhotoMetadata meta = analysis.metadata();
    Instant takenAt = meta.capturedAtWithOffset().map(time -> time.toInstant()).orElse(null);
    if (takenAt == null && meta.capturedAt() != null) {
      takenAt = meta.capturedAt().toInstant(ZoneOffset.UTC);
    }
    photo.describe(
        analysis.width(),
        analysis.height(),
        takenAt,
        meta.capturedOffset() == null ? null : meta.capturedOffset().getId(),
        meta.make(),
        meta.model(),
        meta.lens(),
        meta.hasGps());
    photo.sourceVersion(file.version());
    photo.indexedBy(nodeName.get());
    em.persist(photo);
    for (DetectedFace detected : analysis.faces()) {
      em.persist(face(photo, detected));
    }
    photo.countFaces(analysis.acceptedFaces().size());
    em.flush();
    previews.store(file.eventId(), photo.getId(), analysis.thumbnailJpeg(), analysis.previewJpeg());
    if (file.folder() != null) {
      sets.addFromFolder(file.eventId(), photo.getId(), file.folder());
    }
  }

  /**
   * Stores a file that was read but is no image the engine takes, with the reason.
   *
   * @return the reason as stored
   */
  public String storeFailed(SourcedFile file, String reason) {
    Photo photo = failed(file, reason);
    photo.sourceVersion(file.version());
    em.persist(photo);
    return photo.getFailureReason();
  }

  /**
   * Records, once, a file that could not even be read (its hash "-"), with the reason: a file
   * recorded so before counts for this import instead.
   */
  public void recordUnreadable(SourcedFile file, String reason) {
    Optional<Photo> same = same(file);
    if (same.isPresent()) {
      same.get().attachTo(file.importId());
    } else {
      em.persist(failed(file, reason));
    }
  }

  private Photo failed(SourcedFile file, String reason) {
    Photo photo =
        Photo.failed(
            event(file),
            file.sourceId(),
            file.importId(),
            file.fileId(),
            file.name(),
            file.hash(),
            reason);
    photo.indexedBy(nodeName.get());
    return photo;
  }

  private Optional<Photo> same(SourcedFile file) {
    return em.createNamedQuery(Photo.FIND_SAME, Photo.class)
        .setParameter("eventId", file.eventId())
        .setParameter("sourceId", file.sourceId())
        .setParameter("fileId", file.fileId())
        .setParameter("hash", file.hash())
        .getResultStream()
        .findFirst();
  }

  private Event event(SourcedFile file) {
    return em.getReference(Event.class, file.eventId());
  }

  private static Face face(Photo photo, DetectedFace detected) {
    float[] landmarks = new float[10];
    List<Landmark> points = detected.landmarks();
    for (int i = 0; i < Math.min(5, points.size()); i++) {
      landmarks[2 * i] = points.get(i).x();
      landmarks[2 * i + 1] = points.get(i).y();
    }
    return new Face(
        photo,
        new float[] {
          detected.box().x(), detected.box().y(), detected.box().width(), detected.box().height()
        },
        landmarks,
        detected.score(),
        detected.embedding(),
        detected.accepted() ? null : detected.rejectReason());
  }
}
