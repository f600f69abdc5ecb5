package app.glimpse.imports.boundary;

import app.glimpse.events.boundary.Events;
import app.glimpse.events.entity.Event;
import app.glimpse.imports.control.DriveAccess;
import app.glimpse.imports.control.DriveClient;
import app.glimpse.imports.control.DriveFailure;
import app.glimpse.imports.control.ImportRoots;
import app.glimpse.imports.control.UploadStore;
import app.glimpse.imports.entity.DriveAccount;
import app.glimpse.imports.entity.PhotoImport;
import app.glimpse.imports.entity.Source;
import app.glimpse.imports.entity.SourceKind;
import app.glimpse.photos.entity.Photo;
import app.glimpse.platform.Caller;
import app.glimpse.platform.ClientError;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Imports of photos into an event: accepted and started here, run by the import job and the import
 * queue.
 */
@Stateless
public class Imports {

  /** The job in batch-jobs' META-INF/batch-jobs. */
  public static final String IMPORT_JOB = "photo-import";

  /** The most sub-folders the folder picker lists in one folder. */
  static final int MAX_SUBFOLDERS = 500;

  @PersistenceContext EntityManager em;

  @Resource SessionContext context;

  @EJB Events events;

  @Inject DriveAccess drive;

  @Inject
  @ConfigProperty(name = "glimpse.import.roots")
  Optional<String> importRoots;

  /**
   * Imports a server folder, which must lie inside the allowed import roots: records the import,
   * then starts the import job once that record is committed, so the job always finds it.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public ImportView importFolder(@NotNull Caller caller, long eventId, String folder) {
    return start(
        context.getBusinessObject(Imports.class).recordFolderImport(caller, eventId, folder));
  }

  /**
   * Imports a folder of the caller's connected Google Drive ({@code folderId}, "root" for My
   * Drive), with its sub-folders if {@code includeSubfolders}: checks the folder with Drive,
   * records the import, then starts the import job. Files already indexed with the content Drive
   * announces now are not listed again.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public ImportView importDrive(
      @NotNull Caller caller, long eventId, String folderId, boolean includeSubfolders) {
    return start(
        context
            .getBusinessObject(Imports.class)
            .recordDriveImport(caller, eventId, folderId, includeSubfolders));
  }

  /**
   * A new upload folder for the event, if the caller works for its studio: the files of one upload
   * are written there, then imported with {@link #importUpload}.
   */
  public String newUpload(@NotNull Caller caller, long eventId) {
    events.staffEvent(caller, eventId);
    return UploadStore.newBatch(eventId);
  }

  /** Imports the files of an upload folder from {@link #newUpload}. */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public ImportView importUpload(@NotNull Caller caller, long eventId, String location, int files) {
    return start(
        context
            .getBusinessObject(Imports.class)
            .recordUploadImport(caller, eventId, location, files));
  }

  /** The import of an upload, recorded and committed, not started yet. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public ImportView recordUploadImport(
      @NotNull Caller caller, long eventId, String location, int files) {
    Event event = events.staffEvent(caller, eventId);
    if (!location.startsWith(eventId + "/")) {
      throw ClientError.badRequest("invalid_upload", "That upload belongs to another event.");
    }
    UploadStore.folder(location);
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
    return ImportView.of(run);
  }

  private ImportView start(ImportView created) {
    startJob(created.id());
    return created;
  }

  /** Starts the import job of a recorded and committed import. */
  static void startJob(long importId) {
    Properties parameters = new Properties();
    parameters.setProperty("importId", Long.toString(importId));
    BatchRuntime.getJobOperator().start(IMPORT_JOB, parameters);
  }

  /** The import of a Drive folder, recorded and committed, not started yet. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public ImportView recordDriveImport(
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
    return ImportView.of(run);
  }

  /** The server folders imports may read (GLIMPSE_IMPORT_ROOTS), for the event's photographer. */
  public List<String> importRoots(@NotNull Caller caller, long eventId) {
    events.staffEvent(caller, eventId);
    return ImportRoots.parse(importRoots).roots().stream().map(Path::toString).toList();
  }

  /**
   * The folders directly inside {@code folder}, a folder imports may read, for the portal's folder
   * picker: directories only, no symbolic links, never anything outside the import roots.
   */
  public List<String> serverFolders(@NotNull Caller caller, long eventId, String folder) {
    events.staffEvent(caller, eventId);
    try {
      return ImportRoots.parse(importRoots).subfolders(folder, MAX_SUBFOLDERS).stream()
          .map(Path::toString)
          .toList();
    } catch (IllegalArgumentException e) {
      throw ClientError.badRequest("invalid_folder", e.getMessage());
    }
  }

  /** The import of a server folder, recorded and committed, not started yet. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public ImportView recordFolderImport(@NotNull Caller caller, long eventId, String folder) {
    Event event = events.staffEvent(caller, eventId);
    Path real;
    try {
      real = ImportRoots.parse(importRoots).resolve(folder);
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
    return ImportView.of(run);
  }

  /**
   * Stops the import: its listing job stops, and files still queued are left for a restart.
   *
   * @throws ClientError 409 if it has finished already
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public ImportView stop(@NotNull Caller caller, long importId) {
    ImportView stopped = context.getBusinessObject(Imports.class).recordStop(caller, importId);
    Long execution = context.getBusinessObject(Imports.class).execution(importId);
    if (execution != null) {
      try {
        BatchRuntime.getJobOperator().stop(execution);
      } catch (JobExecutionNotRunningException | NoSuchJobExecutionException finished) {
        // the listing had ended; the consumers skip the files of a stopped import
      }
    }
    return stopped;
  }

  /** Marks the import stopped. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public ImportView recordStop(@NotNull Caller caller, long importId) {
    PhotoImport run = staffImport(caller, importId);
    em.lock(run, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    if (!run.stop()) {
      throw ClientError.conflict(
          "not_running", "The import has finished; there is nothing to stop.");
    }
    return ImportView.of(run);
  }

  /** The job execution of the import, if it has started. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Long execution(long importId) {
    PhotoImport run = em.find(PhotoImport.class, importId);
    return run == null ? null : run.getJobExecutionId();
  }

  /**
   * Restarts a stopped or failed import: the source is listed again, leaving out what the import
   * recorded before; nothing is indexed twice.
   *
   * @throws ClientError 409 if the import is not stopped or failed
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public ImportView restart(@NotNull Caller caller, long importId) {
    return start(context.getBusinessObject(Imports.class).recordRestart(caller, importId));
  }

  /** Sets a stopped or failed import going again, not started yet. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public ImportView recordRestart(@NotNull Caller caller, long importId) {
    PhotoImport run = staffImport(caller, importId);
    em.lock(run, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    if (!run.restart()) {
      throw ClientError.conflict(
          "not_stopped",
          "Only a stopped or failed import can be restarted; this one is " + run.getStatus() + ".");
    }
    return ImportView.of(run);
  }

  /** The import, if the caller works for the studio of its event; 404 otherwise. */
  public ImportView get(@NotNull Caller caller, long importId) {
    return ImportView.of(staffImport(caller, importId));
  }

  /** The event's latest import, if it has any. */
  public Optional<ImportView> latest(@NotNull Caller caller, long eventId) {
    Event event = events.staffEvent(caller, eventId);
    return em.createNamedQuery(PhotoImport.LATEST_BY_EVENT, PhotoImport.class)
        .setParameter("eventId", event.getId())
        .setMaxResults(1)
        .getResultStream()
        .findFirst()
        .map(ImportView::of);
  }

  /** The files of the import that could not be indexed, each with its reason. */
  public List<FailedFile> failures(@NotNull Caller caller, long importId) {
    PhotoImport run = staffImport(caller, importId);
    return em.createNamedQuery(Photo.FAILED_BY_IMPORT, Photo.class)
        .setParameter("importId", run.getId())
        .getResultStream()
        .map(
            photo ->
                new FailedFile(
                    photo.getSourceFileId(), photo.getFileName(), photo.getFailureReason()))
        .toList();
  }

  private PhotoImport staffImport(Caller caller, long importId) {
    PhotoImport run = em.find(PhotoImport.class, importId);
    if (run == null || !caller.isStaffOf(run.getEvent().getStudio().getId())) {
      throw ClientError.notFound("import");
    }
    return run;
  }

  /** A file that could not be indexed: where it is in its source, its name, and why. */
  public record FailedFile(String path, String fileName, String reason)
      implements java.io.Serializable {}
}
