package app.glimpse.photos.entity;

/** Whether a photo made it into the index or was recorded with the reason it could not. */
public enum PhotoStatus {
  INDEXED,
  FAILED
}
