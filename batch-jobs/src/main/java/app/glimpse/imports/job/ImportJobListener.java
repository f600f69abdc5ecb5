package app.glimpse.imports.job;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Tells the import how its listing ended: all files queued, or stopped or failed with a reason. */
@Dependent
@Named
public class ImportJobListener extends AbstractJobListener {

  @Inject
  @BatchProperty(name = "importId")
  String importId;

  @Inject JobContext job;

  @EJB ImportSteps steps;

  @Override
  public void afterJob() {
    long id = Long.parseLong(importId);
    BatchStatus status = job.getBatchStatus();
    if (status == BatchStatus.COMPLETED || status == BatchStatus.STARTED) {
      steps.listed(id);
    } else {
      String exit = job.getExitStatus();
      steps.failed(
          id,
          status == BatchStatus.STOPPED
              ? "The import was stopped; restart it to go on."
              : "Listing the source failed" + (exit == null ? "." : ": " + exit));
    }
  }
}
