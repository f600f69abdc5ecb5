package app.glimpse.imports.control;

/** Where files wait to be indexed, by consumers on any node. */
public interface ImportQueue {

  /** Queues one file of an import, in the caller's transaction. */
  void send(long importId, String fileId);
}
