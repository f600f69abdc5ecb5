package app.glimpse.imports.boundary;

import app.glimpse.faces.FaceEngine;
import app.glimpse.faces.PhotoAnalysis;
import app.glimpse.faces.UnreadableImageException;
import app.glimpse.imports.control.ImportProgress;
import app.glimpse.imports.control.ImportSources;
import app.glimpse.imports.control.OriginalsBudget;
import app.glimpse.imports.control.UnreadableFileException;
import app.glimpse.imports.entity.ImportStatus;
import app.glimpse.imports.entity.PhotoImport;
import app.glimpse.imports.entity.SourceKind;
import app.glimpse.imports.job.SourceFile;
import app.glimpse.photos.boundary.PhotoStore;
import app.glimpse.photos.entity.Photo;
import app.glimpse.platform.control.FileTexts;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Indexes one file of an import: reads it, finds its faces, has the photos area store the photo,
 * its faces and its previews ({@link PhotoStore}), and brings the import's counts up to date. The
 * same file with the same content is stored at most once, however often it is delivered. A file
 * that cannot be read, or not as an image, is recorded with its reason; the import goes on. The
 * bytes come from the source's kind of storage ({@link ImportSources}) and are dropped once the
 * previews are made: a Drive original is never written to disk.
 */
@Stateless
public class PhotoIndexing {

  private static final Logger LOG = Logger.getLogger(PhotoIndexing.class.getName());

  @PersistenceContext EntityManager em;

  @Inject ImportProgress progress;

  @Inject ImportSources sources;

  @EJB PhotoStore photos;

  @Inject FaceEngine engine;

  @Inject OriginalsBudget memory;

  public void index(long importId, SourceFile file) {
    PhotoImport run = em.find(PhotoImport.class, importId);
    if (run == null || run.getStatus() == ImportStatus.STOPPED) {
      return; // a stopped import lists this file again when it is restarted
    }
    String tooLarge = memory.refusal(file.size());
    if (tooLarge != null) {
      unreadable(run, file, tooLarge);
      return;
    }
    PhotoStore.SourcedFile found;
    PhotoAnalysis analysis = null;
    String failure = null;
    // the file's bytes are held only while it is read and analysed, within the node's budget
    try (OriginalsBudget.Hold held = memory.hold(file.size())) {
      byte[] bytes;
      try {
        bytes = sources.read(run, file);
      } catch (UnreadableFileException e) {
        held.close();
        unreadable(run, file, e.getMessage());
        return;
      }
      found = sourced(run, file, sha256(bytes));
      if (photos.attachSame(found)) {
        found = null;
      } else {
        try {
          analysis = engine.analyze(bytes, file.name());
        } catch (UnreadableImageException e) {
          failure = e.getMessage();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for memory to read " + file, e);
    }
    if (found == null) { // the same file with the same content, stored before
      recount(importId);
      return;
    }
    lockBeforeWriting(importId);
    if (analysis != null) {
      photos.storeIndexed(found, analysis);
    } else {
      LOG.log(
          Level.INFO,
          "Import {0}: {1} failed: {2}",
          new Object[] {importId, found.fileId(), photos.storeFailed(found, failure)});
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
    photos.recordUnreadable(sourced(run, file, "-"), reason);
    recount(run.getId());
  }

  private static PhotoStore.SourcedFile sourced(PhotoImport run, SourceFile file, String hash) {
    return new PhotoStore.SourcedFile(
        run.getEvent().getId(),
        run.getSource().getId(),
        run.getId(),
        FileTexts.storable(file.id()),
        file.name(),
        hash,
        file.version(),
        folder(run, file));
  }

  /**
   * The sub-folder of its source that {@code file} lies in (its path there, the folders parted by
   * "/"), whose set the photo goes into; null for a file at the top. Drive's listing says it (files
   * are named by id there); a server folder's file id is its path.
   */
  static String folder(PhotoImport run, SourceFile file) {
    if (run.getSource().getKind() == SourceKind.DRIVE) {
      String folder = FileTexts.storable(file.folder());
      return folder == null || folder.isBlank() ? null : folder;
    }
    String path = file.id().replace('\\', '/');
    int slash = path.lastIndexOf('/');
    String folder = slash > 0 ? FileTexts.storable(path.substring(0, slash)) : null;
    return folder == null || folder.isBlank() ? null : folder;
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

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
