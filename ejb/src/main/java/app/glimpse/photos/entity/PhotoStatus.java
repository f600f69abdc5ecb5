package app.glimpse.photos.entity;

/**
 * Whether a photo made it into the index, was recorded with the reason it could not, or was deleted
 * by the photographer (a tombstone without faces or previews, so that the next import of its folder
 * leaves the file out; see V10__curate.sql).
 */
public enum PhotoStatus {
  INDEXED,
  FAILED,
  DELETED
}
