package app.glimpse.gallery.boundary;

import app.glimpse.search.boundary.SearchResult;
import java.io.Serializable;
import java.util.Locale;

/**
 * A face's box in percent of a square tile that shows the centre of its photo ({@code object-fit:
 * cover}), clipped to the tile, for the highlight drawn over a thumbnail.
 */
public record FaceFrame(float left, float top, float width, float height) implements Serializable {

  /** The frame of {@code box} (photo pixels) in a square tile; null if it cannot be placed. */
  public static FaceFrame inSquareTile(
      SearchResult.Box box, Integer photoWidth, Integer photoHeight) {
    if (box == null
        || photoWidth == null
        || photoHeight == null
        || photoWidth <= 0
        || photoHeight <= 0) {
      return null;
    }
    float side = Math.min(photoWidth, photoHeight);
    float offsetX = (photoWidth - side) / 2;
    float offsetY = (photoHeight - side) / 2;
    float left = clip((box.x() - offsetX) / side);
    float top = clip((box.y() - offsetY) / side);
    float right = clip((box.x() + box.width() - offsetX) / side);
    float bottom = clip((box.y() + box.height() - offsetY) / side);
    if (right - left <= 0 || bottom - top <= 0) {
      return null; // the face lies outside the part the tile shows
    }
    return new FaceFrame(left * 100, top * 100, (right - left) * 100, (bottom - top) * 100);
  }

  /** The frame as an inline CSS position for an absolutely placed element. */
  public String css() {
    return String.format(
        Locale.ROOT, "left:%.2f%%;top:%.2f%%;width:%.2f%%;height:%.2f%%", left, top, width, height);
  }

  private static float clip(float fraction) {
    return Math.max(0, Math.min(1, fraction));
  }
}
