package app.glimpse.imports.job;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Hands a chunk of files to the import queue, where consumers on every node index them. */
@Dependent
@Named
public class ImportQueueWriter extends AbstractItemWriter {

  @Inject
  @BatchProperty(name = "importId")
  String importId;

  @EJB ImportSteps steps;

  @Override
  public void writeItems(List<Object> items) {
    steps.enqueue(Long.parseLong(importId), items.stream().map(SourceFile.class::cast).toList());
  }
}
