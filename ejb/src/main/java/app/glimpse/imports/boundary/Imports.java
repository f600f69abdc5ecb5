package app.glimpse.imports.boundary;

import app.glimpse.events.boundary.Events;
import app.glimpse.events.entity.Event;
import app.glimpse.imports.control.ImportRecords;
import app.glimpse.imports.control.StudioImportRoots;
import app.glimpse.imports.control.UploadStore;
import app.glimpse.imports.entity.PhotoImport;
import app.glimpse.photos.entity.Photo;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.NoSuchJobExecutionException;
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
import java.util.List;
import java.util.Optional;

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

  @EJB ImportRecords records;

  @EJB Events events;

  @Inject UploadStore uploads;

  @Inject StudioImportRoots roots;

  /**
   * Imports a server folder, which must lie inside the allowed import roots: records the import,
   * then starts the import job once that record is committed, so the job always finds it.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public ImportView importFolder(@NotNull Caller caller, long eventId, String folder) {
    return start(records.folder(caller, eventId, folder));
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
    return start(records.drive(caller, eventId, folderId, includeSubfolders));
  }

  /**
   * A new upload folder for the event, if the caller works for its studio: the files of one upload
   * are written there, then imported with {@link #importUpload}.
   */
  public String newUpload(@NotNull Caller caller, long eventId) {
    events.staffEvent(caller, eventId);
    return uploads.newBatch(eventId);
  }

  /** Imports the files of an upload folder from {@link #newUpload}. */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public ImportView importUpload(@NotNull Caller caller, long eventId, String location, int files) {
    return start(records.upload(caller, eventId, location, files));
  }

  private ImportView start(ImportView created) {
    ImportRecords.startJob(created.id());
    return created;
  }

  /** The server folders imports of the event's studio may read ({@link StudioImportRoots}). */
  public List<String> importRoots(@NotNull Caller caller, long eventId) {
    Event event = events.staffEvent(caller, eventId);
    return roots.of(event.getStudio().getId()).roots().stream().map(Path::toString).toList();
  }

  /**
   * The folders directly inside {@code folder}, a folder imports may read, for the portal's folder
   * picker: directories only, no symbolic links, never anything outside the import roots.
   */
  public List<String> serverFolders(@NotNull Caller caller, long eventId, String folder) {
    Event event = events.staffEvent(caller, eventId);
    try {
      return roots.of(event.getStudio().getId()).subfolders(folder, MAX_SUBFOLDERS).stream()
          .map(Path::toString)
          .toList();
    } catch (IllegalArgumentException e) {
      throw ClientError.badRequest("invalid_folder", e.getMessage());
    }
  }

  /**
   * Stops the import: its listing job stops, and files still queued are left for a restart.
   *
   * @throws ClientError 409 if it has finished already
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public ImportView stop(@NotNull Caller caller, long importId) {
    ImportView stopped = records.stop(caller, importId);
    Long execution = records.execution(importId);
    if (execution != null) {
      try {
        BatchRuntime.getJobOperator().stop(execution);
      } catch (JobExecutionNotRunningException | NoSuchJobExecutionException finished) {
        // the listing had ended; the consumers skip the files of a stopped import
      }
    }
    return stopped;
  }

  /**
   * Restarts a stopped or failed import: the source is listed again, leaving out what the import
   * recorded before; nothing is indexed twice.
   *
   * @throws ClientError 409 if the import is not stopped or failed
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public ImportView restart(@NotNull Caller caller, long importId) {
    return start(records.restart(caller, importId));
  }

  /** The import, if the caller works for the studio of its event; 404 otherwise. */
  public ImportView get(@NotNull Caller caller, long importId) {
    return ImportView.of(records.staffImport(caller, importId));
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
    PhotoImport run = records.staffImport(caller, importId);
    return em.createNamedQuery(Photo.FAILED_BY_IMPORT, Photo.class)
        .setParameter("importId", run.getId())
        .getResultStream()
        .map(
            photo ->
                new FailedFile(
                    photo.getSourceFileId(), photo.getFileName(), photo.getFailureReason()))
        .toList();
  }

  /** A file that could not be indexed: where it is in its source, its name, and why. */
  public record FailedFile(String path, String fileName, String reason)
      implements java.io.Serializable {}
}
