package app.glimpse.imports.control;

import app.glimpse.imports.boundary.ImportCompleted;
import app.glimpse.imports.entity.ImportStatus;
import app.glimpse.imports.entity.PhotoImport;
import app.glimpse.photos.entity.Photo;
import app.glimpse.photos.entity.PhotoStatus;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Brings an import's counts up to date from its photos, the only truth: whatever is redelivered or
 * retried, a file counts once. The import's row is locked first, so concurrent consumers take turns
 * and the last one to commit sees every photo committed before it.
 */
@Dependent
public class ImportProgress {

  @PersistenceContext EntityManager em;

  @Inject Event<ImportCompleted> completions;

  /** The import, locked for this transaction, or null if it is gone (its event was deleted). */
  public PhotoImport lock(long importId) {
    return em.find(PhotoImport.class, importId, LockModeType.PESSIMISTIC_WRITE);
  }

  /**
   * Recounts the locked import from its photos; completes it when everything listed is handled, and
   * then says so ({@link ImportCompleted}).
   */
  public void recount(PhotoImport run) {
    boolean finished = run.getStatus().isFinished();
    em.flush();
    int indexed = 0;
    int failed = 0;
    int faces = 0;
    List<Object[]> rows =
        em.createNamedQuery(Photo.COUNT_BY_IMPORT, Object[].class)
            .setParameter("importId", run.getId())
            .getResultList();
    for (Object[] row : rows) {
      int count = ((Number) row[1]).intValue();
      if (row[0] == PhotoStatus.INDEXED) {
        indexed += count;
        faces = row[2] == null ? 0 : ((Number) row[2]).intValue();
      } else if (row[0] == PhotoStatus.DELETED) {
        indexed += count; // met again and left out: the photographer deleted it
      } else {
        failed = count;
      }
    }
    run.count(indexed, failed, faces);
    if (!finished && run.getStatus() == ImportStatus.COMPLETED) {
      completions.fire(new ImportCompleted(run.getEvent().getId(), run.getId()));
    }
  }
}
