package app.glimpse.imports.boundary;

import app.glimpse.imports.control.ImportProgress;
import app.glimpse.imports.control.ImportQueue;
import app.glimpse.imports.control.ImportRoots;
import app.glimpse.imports.control.SourceFolders;
import app.glimpse.imports.entity.PhotoImport;
import app.glimpse.imports.entity.SourceKind;
import app.glimpse.imports.job.ImportSteps;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The application's side of the photo import job (see {@link ImportSteps}). */
@Stateless
@Local(ImportSteps.class)
public class ImportJobSteps implements ImportSteps {

  private static final Logger LOG = Logger.getLogger(ImportJobSteps.class.getName());

  @PersistenceContext EntityManager em;

  @Inject ImportQueue queue;

  @Inject ImportProgress progress;

  @Inject
  @ConfigProperty(name = "glimpse.import.roots")
  Optional<String> importRoots;

  @Override
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void started(long importId, long executionId) {
    PhotoImport run = progress.lock(importId);
    if (run != null) {
      run.started(executionId);
    }
  }

  @Override
  public List<String> files(long importId) {
    PhotoImport run = em.find(PhotoImport.class, importId);
    if (run == null) {
      return List.of();
    }
    if (run.getSource().getKind() != SourceKind.FOLDER) {
      throw new IllegalStateException("Only server folders can be listed yet");
    }
    Path folder = ImportRoots.parse(importRoots).resolve(run.getSource().getLocation());
    List<String> files = SourceFolders.imageFiles(folder);
    LOG.log(
        Level.INFO,
        "Import {0}: {1} image files in {2}",
        new Object[] {importId, files.size(), folder});
    return files;
  }

  @Override
  public void enqueue(long importId, List<String> files) {
    PhotoImport run = progress.lock(importId);
    if (run == null) {
      return;
    }
    for (String file : files) {
      queue.send(importId, file);
    }
    run.listedMore(files.size());
  }

  @Override
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void listed(long importId) {
    PhotoImport run = progress.lock(importId);
    if (run != null) {
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
