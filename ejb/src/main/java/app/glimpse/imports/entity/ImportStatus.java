package app.glimpse.imports.entity;

/** The life of an import; the names are part of the REST contract. */
public enum ImportStatus {
  QUEUED,
  RUNNING,
  COMPLETED,
  FAILED,
  STOPPED;

  public boolean isFinished() {
    return this == COMPLETED || this == FAILED || this == STOPPED;
  }
}
