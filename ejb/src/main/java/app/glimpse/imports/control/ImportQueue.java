package app.glimpse.imports.control;

import app.glimpse.imports.job.SourceFile;

/** Where files wait to be indexed, by consumers on any node. */
public interface ImportQueue {

  /** Queues one file of an import, in the caller's transaction. */
  void send(long importId, SourceFile file);

  /** Whether the broker answers right now (a round trip to it, outside any transaction). */
  boolean answers();
}
