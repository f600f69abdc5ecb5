package app.glimpse.imports.boundary;

import app.glimpse.imports.control.ImportProgress;
import app.glimpse.imports.control.ImportQueue;
import app.glimpse.imports.control.ImportSources;
import app.glimpse.imports.entity.ImportStatus;
import app.glimpse.imports.entity.PhotoImport;
import app.glimpse.imports.job.ImportSteps;
import app.glimpse.imports.job.SourceFile;
import app.glimpse.imports.job.SourcePage;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The application's side of the photo import job (see {@link ImportSteps}). */
@Stateless
@Local(ImportSteps.class)
public class ImportJobSteps implements ImportSteps {

  private static final Logger LOG = Logger.getLogger(ImportJobSteps.class.getName());

  @PersistenceContext EntityManager em;

  @Inject ImportQueue queue;

  @Inject ImportProgress progress;

  @Inject ImportSources sources;

  @Override
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void started(long importId, long executionId) {
    PhotoImport run = progress.lock(importId);
    if (run != null) {
      run.started(executionId);
    }
  }

  @Override
  public SourcePage page(long importId, String cursor) {
    PhotoImport run = em.find(PhotoImport.class, importId);
    if (run == null || run.getStatus() == ImportStatus.STOPPED) {
      return new SourcePage(List.of(), null);
    }
    SourcePage page = sources.page(run, cursor);
    if (run.getProcessed() + run.getFailed() > 0) {
      // a restarted import: what it recorded before is counted already
      Set<String> recorded =
          Set.copyOf(
              em.createQuery(
                      "SELECT p.sourceFileId FROM Photo p WHERE p.importId = :id", String.class)
                  .setParameter("id", importId)
                  .getResultList());
      page =
          new SourcePage(
              page.files().stream().filter(f -> !recorded.contains(f.id())).toList(), page.next());
    }
    LOG.log(
        Level.INFO,
        "Import {0}: {1} image files to index in {2}{3}",
        new Object[] {
          importId,
          page.files().size(),
          run.getSource().getLabel(),
          page.next() == null ? "" : ", more to list"
        });
    return page;
  }

  @Override
  public void enqueue(long importId, List<SourceFile> files) {
    PhotoImport run = progress.lock(importId);
    if (run == null || run.getStatus() == ImportStatus.STOPPED) {
      return;
    }
    for (SourceFile file : files) {
      queue.send(importId, file);
    }
    run.listedMore(files.size());
  }

  @Override
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void listed(long importId) {
    PhotoImport run = progress.lock(importId);
    if (run != null && run.getStatus() != ImportStatus.STOPPED) {
      run.listingFinished();
      progress.recount(run);
    }
  }

  @Override
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void failed(long importId, String reason) {
    PhotoImport run = progress.lock(importId);
    if (run != null) {
      run.fail(reason);
    }
  }
}
