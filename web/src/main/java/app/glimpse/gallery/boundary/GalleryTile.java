package app.glimpse.gallery.boundary;

/**
 * One photo of the gallery's grid as the page renders it, its links and its text alternative worked
 * out once in Java. A 48-photo page with each value as its own expression on the view-scoped page
 * bean made several hundred bean look-ups and reflective method calls per render; plain getters on
 * the repeat's variable take a fraction of that.
 */
public final class GalleryTile {
  private final int index;
  private final long photoId;
  private final String thumb;
  private final String preview;
  private final String download;
  private final String alt;

  GalleryTile(int index, long photoId, String thumb, String preview, String download, String alt) {
    this.index = index;
    this.photoId = photoId;
    this.thumb = thumb;
    this.preview = preview;
    this.download = download;
    this.alt = alt;
  }

  /** Position in the grid, from 0. */
  public int getIndex() {
    return index;
  }

  /** The photo's id, for its heart. */
  public long getPhotoId() {
    return photoId;
  }

  public String getThumb() {
    return thumb;
  }

  public String getPreview() {
    return preview;
  }

  public String getDownload() {
    return download;
  }

  public String getAlt() {
    return alt;
  }
}
