package app.glimpse.imports.control;

import app.glimpse.imports.entity.PhotoImport;
import app.glimpse.imports.entity.SourceKind;
import app.glimpse.imports.job.SourceFile;
import app.glimpse.imports.job.SourcePage;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one filter of what an import lists: a page of its source without the files it need not queue.
 * Left out are the files a restarted import recorded before (they are counted already), and from
 * Drive the files whose announced version is indexed in the event through any Drive folder (Drive
 * file ids are global, so a sub-folder imported after its parent adds nothing twice).
 */
@Dependent
public class KnownFiles {

  @PersistenceContext EntityManager em;

  public SourcePage leaveOutKnown(PhotoImport run, SourcePage page) {
    if (page.files().isEmpty()) {
      return page;
    }
    Set<String> recorded =
        run.getProcessed() + run.getFailed() > 0
            ? Set.copyOf(
                em.createNamedQuery(PhotoImport.RECORDED_FILES, String.class)
                    .setParameter("importId", run.getId())
                    .getResultList())
            : Set.of();
    Set<String> versions = new HashSet<>();
    if (run.getSource().getKind() == SourceKind.DRIVE) {
      em.createNamedQuery(PhotoImport.KNOWN_VERSIONS, Object[].class)
          .setParameter("eventId", run.getEvent().getId())
          .setParameter("kind", SourceKind.DRIVE)
          .setParameter("fileIds", page.files().stream().map(SourceFile::id).toList())
          .getResultStream()
          .forEach(row -> versions.add(row[0] + "\n" + row[1]));
    }
    List<SourceFile> left =
        page.files().stream()
            .filter(file -> !recorded.contains(file.id()))
            .filter(
                file ->
                    file.version() == null || !versions.contains(file.id() + "\n" + file.version()))
            .toList();
    return new SourcePage(left, page.next());
  }
}
