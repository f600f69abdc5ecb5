package app.glimpse.imports.job;

import java.util.List;

/**
 * What the photo import job needs from the application: the files of the import's source, a queue
 * to hand them to, and the import's record. Implemented by a stateless EJB of the ejb module and
 * found by the batch artifacts with {@code @EJB}, so that this jar needs no class of the ejb module
 * (in the EAR it lies in {@code lib/}).
 */
public interface ImportSteps {

  /** The job of {@code importId} runs as {@code executionId}. */
  void started(long importId, long executionId);

  /**
   * The files of the import's source, as ids relative to the source, in a stable order so that a
   * restarted job resumes at the same position. Only files whose content is an image.
   */
  List<String> files(long importId);

  /**
   * Queues {@code files} for indexing and adds them to the import's total, in the caller's
   * transaction.
   */
  void enqueue(long importId, List<String> files);

  /** Every file is listed and queued; the import completes once they are all indexed or failed. */
  void listed(long importId);

  /** The job ended without listing everything, with the reason the photographer reads. */
  void failed(long importId, String reason);
}
