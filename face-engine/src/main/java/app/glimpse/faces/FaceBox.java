package app.glimpse.faces;

/**
 * Axis-aligned face box in pixels of the orientation-corrected, full-resolution photo.
 *
 * @param x left edge
 * @param y top edge
 * @param width box width
 * @param height box height
 */
public record FaceBox(float x, float y, float width, float height) {

  /** The shorter side, which is what "face size" means for quality gates. */
  public float size() {
    return Math.min(width, height);
  }

  /** Intersection over union with another box. */
  public float iou(FaceBox other) {
    float ix = Math.max(0, Math.min(x + width, other.x + other.width) - Math.max(x, other.x));
    float iy = Math.max(0, Math.min(y + height, other.y + other.height) - Math.max(y, other.y));
    float inter = ix * iy;
    float union = width * height + other.width * other.height - inter;
    return union <= 0 ? 0 : inter / union;
  }
}
