package app.glimpse.imports.control;

import app.glimpse.drive.control.DriveAccess;
import app.glimpse.drive.control.DriveClient;
import app.glimpse.drive.control.DriveFailure;
import app.glimpse.drive.entity.DriveAccount;
import app.glimpse.events.boundary.Events;
import app.glimpse.events.entity.Event;
import app.glimpse.imports.boundary.ImportView;
import app.glimpse.imports.boundary.Imports;
import app.glimpse.imports.entity.PhotoImport;
import app.glimpse.imports.entity.Source;
import app.glimpse.imports.entity.SourceKind;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What the use cases of {@link Imports} record before they start or stop the import job, each in a
 * transaction of its own that is committed when the method returns, so that the job (which runs in
 * other threads, perhaps on another node) always finds the record. The use cases run without a
 * transaction and call these in turn. An EJB, unlike the area's other control classes, because only
 * the container begins a transaction of its own per call; it is the one place of the area that
 * does.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ImportRecords {

  @PersistenceContext EntityManager em;

  @EJB Events events;

  @Inject DriveAccess drive;

  @Inject UploadStore uploads;

  @Inject StudioImportRoots roots;

  @Inject Listings listings;

  /** The import of an upload, recorded and committed, not started yet. */
  public ImportView upload(@NotNull Caller caller, long eventId, String location, int files) {
    Event event = events.staffEvent(caller, eventId);
    if (!location.startsWith(eventId + "/")) {
      throw ClientError.badRequest("invalid_upload", "That upload belongs to another event.");
    }
    uploads.folder(location);
    Source source =
        new Source(
            event,
            SourceKind.UPLOAD,
            location,
            "Upload of " + files + (files == 1 ? " file" : " files"));
    em.persist(source);
    PhotoImport run = new PhotoImport(event, source);
    em.persist(run);
    em.flush();
    listings.claim(run.getId());
    return ImportView.of(run);
  }

  /**
   * Starts the import job of a recorded and committed import whose listing this node claimed
   * ({@link Listings}; no transaction of its own: the job operator is called as the caller's code
   * calls it).
   */
  public static void startJob(long importId) {
    Properties parameters = new Properties();
    parameters.setProperty("importId", Long.toString(importId));
    BatchRuntime.getJobOperator().start(Imports.IMPORT_JOB, parameters);
  }

  /** The import of a Drive folder, recorded and committed, not started yet. */
  public ImportView drive(
      @NotNull Caller caller, long eventId, String folderId, boolean includeSubfolders) {
    Event event = events.staffEvent(caller, eventId);
    if (!DriveClient.isDriveId(folderId)) {
      throw ClientError.badRequest("invalid_folder", "Give the Drive folder's id as folderId.");
    }
    DriveAccount account = em.find(DriveAccount.class, caller.photographerId());
    if (account == null) {
      drive.configured();
      throw ClientError.conflict(
          "drive_not_connected", "Connect your Google Drive first (GET /api/v1/drive/authorize).");
    }
    DriveClient.DriveFolder folder;
    try {
      folder = drive.client(account).folder(folderId);
    } catch (DriveFailure e) {
      if (e.kind() == DriveFailure.Kind.NOT_FOUND) {
        throw ClientError.badRequest("invalid_folder", e.getMessage());
      }
      throw ClientError.conflict("drive_unavailable", e.getMessage());
    }
    Source source =
        em.createNamedQuery(Source.FIND, Source.class)
            .setParameter("eventId", event.getId())
            .setParameter("kind", SourceKind.DRIVE)
            .setParameter("location", folder.id())
            .getResultStream()
            .findFirst()
            .orElseGet(
                () -> {
                  Source created =
                      new Source(event, SourceKind.DRIVE, folder.id(), "Drive: " + folder.name());
                  em.persist(created);
                  return created;
                });
    PhotoImport run =
        PhotoImport.ofDrive(event, source, caller.photographerId(), includeSubfolders);
    em.persist(run);
    em.flush();
    listings.claim(run.getId());
    return ImportView.of(run);
  }

  /** The import of a server folder, recorded and committed, not started yet. */
  public ImportView folder(@NotNull Caller caller, long eventId, String folder) {
    Event event = events.staffEvent(caller, eventId);
    Path real;
    try {
      real = roots.of(event.getStudio().getId()).resolve(folder);
    } catch (IllegalArgumentException e) {
      throw ClientError.badRequest("invalid_folder", e.getMessage());
    }
    Source source =
        em.createNamedQuery(Source.FIND, Source.class)
            .setParameter("eventId", event.getId())
            .setParameter("kind", SourceKind.FOLDER)
            .setParameter("location", real.toString())
            .getResultStream()
            .findFirst()
            .orElseGet(
                () -> {
                  Source created =
                      new Source(event, SourceKind.FOLDER, real.toString(), real.toString());
                  em.persist(created);
                  return created;
                });
    PhotoImport run = new PhotoImport(event, source);
    em.persist(run);
    em.flush();
    listings.claim(run.getId());
    return ImportView.of(run);
  }

  /** Marks the import stopped. */
  public ImportView stop(@NotNull Caller caller, long importId) {
    PhotoImport run = staffImport(caller, importId);
    em.lock(run, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    if (!run.stop()) {
      throw ClientError.conflict(
          "not_running", "The import has finished; there is nothing to stop.");
    }
    return ImportView.of(run);
  }

  /** The job execution of the import, if it has started. */
  public Long execution(long importId) {
    PhotoImport run = em.find(PhotoImport.class, importId);
    return run == null ? null : run.getJobExecutionId();
  }

  /** Sets a stopped or failed import going again, not started yet. */
  public ImportView restart(@NotNull Caller caller, long importId) {
    PhotoImport run = staffImport(caller, importId);
    em.lock(run, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    if (!run.restart()) {
      throw ClientError.conflict(
          "not_stopped",
          "Only a stopped or failed import can be restarted; this one is " + run.getStatus() + ".");
    }
    em.flush();
    listings.claim(run.getId());
    return ImportView.of(run);
  }

  /** The import, if the caller works for the studio of its event; 404 otherwise. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public PhotoImport staffImport(Caller caller, long importId) {
    PhotoImport run = em.find(PhotoImport.class, importId);
    if (run == null || !caller.isStaffOf(run.getEvent().getStudio().getId())) {
      throw ClientError.notFound("import");
    }
    return run;
  }
}
