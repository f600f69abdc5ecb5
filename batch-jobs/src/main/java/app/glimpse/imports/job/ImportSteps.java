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
   * The page of the source's image files at {@code cursor} (null: the first page). The same cursor
   * gives the same page, so that a restarted job resumes where its last chunk ended. Files whose
   * unchanged content is already indexed for the source may be left out; a page may be empty and
   * still have a next one.
   *
   * @throws SourceListingException if the source cannot be listed
   */
  SourcePage page(long importId, String cursor);

  /**
   * Queues {@code files} for indexing and adds them to the import's total, in the caller's
   * transaction.
   */
  void enqueue(long importId, List<SourceFile> files);

  /** Every file is listed and queued; the import completes once they are all indexed or failed. */
  void listed(long importId);

  /**
   * The job ended without listing everything, with the reason the photographer reads; if it ended
   * because the database or the broker went away, the application may list again once they are back
   * instead.
   */
  void failed(long importId, String reason);
}
