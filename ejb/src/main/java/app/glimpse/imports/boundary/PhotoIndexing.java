package app.glimpse.imports.boundary;

import app.glimpse.faces.DetectedFace;
import app.glimpse.faces.FaceEngine;
import app.glimpse.faces.Landmark;
import app.glimpse.faces.PhotoAnalysis;
import app.glimpse.faces.PhotoMetadata;
import app.glimpse.faces.UnreadableImageException;
import app.glimpse.imports.control.ImportProgress;
import app.glimpse.imports.control.ImportSources;
import app.glimpse.imports.control.UnreadableFileException;
import app.glimpse.imports.entity.ImportStatus;
import app.glimpse.imports.entity.PhotoImport;
import app.glimpse.imports.entity.Source;
import app.glimpse.imports.job.SourceFile;
import app.glimpse.photos.control.Previews;
import app.glimpse.photos.entity.Face;
import app.glimpse.photos.entity.Photo;
import app.glimpse.platform.FileTexts;
import app.glimpse.platform.NodeName;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Indexes one file of an import: reads it, finds its faces, stores the photo, its faces and its
 * previews, and brings the import's counts up to date. The same file with the same content is
 * stored at most once, however often it is delivered. A file that cannot be read, or not as an
 * image, is recorded with its reason; the import goes on. The bytes come from the source's kind of
 * storage ({@link ImportSources}) and are dropped once the previews are made: a Drive original is
 * never written to disk.
 */
@Stateless
public class PhotoIndexing {

  private static final Logger LOG = Logger.getLogger(PhotoIndexing.class.getName());

  @PersistenceContext EntityManager em;

  @Inject ImportProgress progress;

  @Inject ImportSources sources;

  public void index(long importId, SourceFile file) {
    PhotoImport run = em.find(PhotoImport.class, importId);
    if (run == null || run.getStatus() == ImportStatus.STOPPED) {
      return; // a stopped import lists this file again when it is restarted
    }
    Source source = run.getSource();
    String fileId = FileTexts.storable(file.id());
    String name = file.name();
    byte[] bytes;
    try {
      bytes = sources.read(run, file);
    } catch (UnreadableFileException e) {
      unreadable(run, file, e.getMessage());
      return;
    }
    String hash = sha256(bytes);
    Optional<Photo> same = find(run, fileId, hash);
    if (same.isPresent()) {
      same.get().attachTo(importId);
      if (file.version() != null) {
        same.get().sourceVersion(file.version());
      }
      recount(importId);
      return;
    }
    Photo photo;
    PhotoAnalysis analysis = null;
    try {
      analysis = FaceEngine.shared().analyze(bytes, name);
      photo = Photo.indexed(run.getEvent(), source.getId(), importId, fileId, name, hash);
      PhotoMetadata meta = analysis.metadata();
      Instant takenAt = meta.capturedAtWithOffset().map(time -> time.toInstant()).orElse(null);
      if (takenAt == null && meta.capturedAt() != null) {
        takenAt = meta.capturedAt().toInstant(java.time.ZoneOffset.UTC);
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
    } catch (UnreadableImageException e) {
      photo =
          Photo.failed(
              run.getEvent(), source.getId(), importId, fileId, name, hash, e.getMessage());
    }
    photo.sourceVersion(file.version());
    photo.indexedBy(NodeName.get());
    lockBeforeWriting(importId);
    em.persist(photo);
    if (analysis != null) {
      for (DetectedFace detected : analysis.faces()) {
        em.persist(face(photo, detected));
      }
      photo.countFaces(analysis.acceptedFaces().size());
      em.flush();
      Previews.store(
          run.getEvent().getId(), photo.getId(), analysis.thumbnailJpeg(), analysis.previewJpeg());
    } else {
      LOG.log(
          Level.INFO,
          "Import {0}: {1} failed: {2}",
          new Object[] {importId, fileId, photo.getFailureReason()});
    }
    recount(importId);
  }

  /**
   * Records, once, that {@code file} could not be indexed for {@code reason}: the last delivery of
   * a file whose indexing failed in a way nothing above foresaw ({@link PhotoFileConsumer}). Its
   * import counts it as failed and can complete.
   */
  public void fail(long importId, SourceFile file, String reason) {
    PhotoImport run = em.find(PhotoImport.class, importId);
    if (run == null || run.getStatus() == ImportStatus.STOPPED) {
      return;
    }
    LOG.log(
        Level.WARNING,
        "Import {0}: {1} failed: {2}",
        new Object[] {importId, FileTexts.clean(file.id(), Photo.FILE_NAME_LENGTH), reason});
    unreadable(run, file, reason);
  }

  /** Records, once, a file that could not even be read, with the reason. */
  private void unreadable(PhotoImport run, SourceFile file, String reason) {
    lockBeforeWriting(run.getId());
    Optional<Photo> same = find(run, FileTexts.storable(file.id()), "-");
    if (same.isPresent()) {
      same.get().attachTo(run.getId());
    } else {
      Photo failed =
          Photo.failed(
              run.getEvent(),
              run.getSource().getId(),
              run.getId(),
              file.id(),
              file.name(),
              "-",
              reason);
      failed.indexedBy(NodeName.get());
      em.persist(failed);
    }
    recount(run.getId());
  }

  private Optional<Photo> find(PhotoImport run, String fileId, String hash) {
    return em.createNamedQuery(Photo.FIND_SAME, Photo.class)
        .setParameter("eventId", run.getEvent().getId())
        .setParameter("sourceId", run.getSource().getId())
        .setParameter("fileId", fileId)
        .setParameter("hash", hash)
        .getResultStream()
        .findFirst();
  }

  /**
   * Takes the import's row lock before the first insert. An inserted photo holds a key-share lock
   * on its import row (the foreign key), and each face takes the event's row to be numbered (see
   * V3__search_and_people.sql): a consumer that inserted first and locked the import afterwards
   * could wait on one that holds the event's row while waiting for the import's. In this order
   * writers of one import simply take turns.
   */
  private void lockBeforeWriting(long importId) {
    progress.lock(importId);
  }

  private void recount(long importId) {
    PhotoImport locked = progress.lock(importId);
    progress.recount(locked);
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

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
