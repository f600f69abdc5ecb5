package app.glimpse.imports.boundary;

import app.glimpse.access.boundary.Caller;
import app.glimpse.events.boundary.Events;
import app.glimpse.events.entity.Event;
import app.glimpse.imports.control.ImportRoots;
import app.glimpse.imports.entity.PhotoImport;
import app.glimpse.imports.entity.Source;
import app.glimpse.imports.entity.SourceKind;
import app.glimpse.photos.entity.Photo;
import app.glimpse.platform.ClientError;
import jakarta.annotation.Resource;
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

  @PersistenceContext EntityManager em;

  @Resource SessionContext context;

  @EJB Events events;

  @Inject
  @ConfigProperty(name = "glimpse.import.roots")
  Optional<String> importRoots;

  /**
   * Imports a server folder, which must lie inside the allowed import roots: records the import,
   * then starts the import job once that record is committed, so the job always finds it.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public ImportView importFolder(@NotNull Caller caller, long eventId, String folder) {
    ImportView created =
        context.getBusinessObject(Imports.class).recordFolderImport(caller, eventId, folder);
    Properties parameters = new Properties();
    parameters.setProperty("importId", Long.toString(created.id()));
    BatchRuntime.getJobOperator().start(IMPORT_JOB, parameters);
    return created;
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
