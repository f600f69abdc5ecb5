package app.glimpse.imports.entity;

/** Where an event's photos come from. */
public enum SourceKind {
  /** A folder on the server, under one of the allowed import roots. */
  FOLDER,
  /** Files uploaded from the browser or the API; Glimpse keeps the originals. */
  UPLOAD,
  /** A Google Drive folder of the photographer's. */
  DRIVE
}
