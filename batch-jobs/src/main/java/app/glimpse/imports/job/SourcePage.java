package app.glimpse.imports.job;

import java.util.List;

/**
 * A page of a source's image files, and the cursor of the page after it (null after the last).
 * Cursors are opaque strings (Drive's page token and the folders still to visit), so that the job's
 * checkpoint holds only classes of this jar.
 */
public record SourcePage(List<SourceFile> files, String next) {

  public SourcePage {
    files = List.copyOf(files);
  }
}
