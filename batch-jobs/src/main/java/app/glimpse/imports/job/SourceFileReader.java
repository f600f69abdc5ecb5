package app.glimpse.imports.job;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * Reads the files of the import's source page by page (a server folder is one page, a Drive folder
 * many). The checkpoint is the cursor of the current page and the position in it, so a stopped or
 * crashed import asks the source for that page again and resumes after the last chunk it committed.
 */
@Dependent
@Named
public class SourceFileReader extends AbstractItemReader {

  @Inject
  @BatchProperty(name = "importId")
  String importId;

  @Inject JobContext job;

  @EJB ImportSteps steps;

  private long id;
  private String cursor;
  private SourcePage page;
  private int position;

  @Override
  public void open(Serializable checkpoint) {
    id = Long.parseLong(importId);
    steps.started(id, job.getExecutionId());
    if (checkpoint instanceof Position resumed) {
      cursor = resumed.cursor();
      position = resumed.position();
    }
    page = fetch(cursor);
  }

  @Override
  public Object readItem() {
    while (position >= page.files().size()) {
      if (page.next() == null) {
        return null;
      }
      cursor = page.next();
      page = fetch(cursor);
      position = 0;
    }
    return page.files().get(position++);
  }

  @Override
  public Serializable checkpointInfo() {
    return new Position(cursor, position);
  }

  private SourcePage fetch(String at) {
    try {
      return steps.page(id, at);
    } catch (SourceListingException e) {
      job.setExitStatus(e.getMessage());
      throw e;
    }
  }

  /** Where the reader is: the page's cursor (null for the first page) and the index in it. */
  public record Position(String cursor, int position) implements Serializable {}
}
