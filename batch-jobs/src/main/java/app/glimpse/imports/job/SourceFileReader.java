package app.glimpse.imports.job;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Reads the files of the import's source one by one. The checkpoint is the position in the source's
 * stable file order, so a stopped or crashed import resumes after the last chunk it committed.
 */
@Dependent
@Named
public class SourceFileReader extends AbstractItemReader {

  @Inject
  @BatchProperty(name = "importId")
  String importId;

  @Inject JobContext job;

  @EJB ImportSteps steps;

  private List<String> files;
  private int position;

  @Override
  public void open(Serializable checkpoint) {
    long id = Long.parseLong(importId);
    steps.started(id, job.getExecutionId());
    files = steps.files(id);
    position = checkpoint == null ? 0 : (Integer) checkpoint;
  }

  @Override
  public Object readItem() {
    return position < files.size() ? files.get(position++) : null;
  }

  @Override
  public Serializable checkpointInfo() {
    return position;
  }
}
