package app.glimpse.faces.detect;

/**
 * A raw detection in the pixels of the image the detector was given.
 *
 * @param x left edge
 * @param y top edge
 * @param width box width
 * @param height box height
 * @param score confidence 0..1
 * @param landmarks five (x, y) pairs in ArcFace order: image-left eye, image-right eye, nose, left
 *     and right mouth corner
 */
public record FaceCandidate(
    float x, float y, float width, float height, float score, float[] landmarks) {

  float area() {
    return width * height;
  }

  float centerX() {
    return x + width / 2;
  }

  float centerY() {
    return y + height / 2;
  }

  /** The same detection with every coordinate multiplied by {@code factor}. */
  public FaceCandidate scaled(double factor) {
    float f = (float) factor;
    float[] points = new float[landmarks.length];
    for (int i = 0; i < points.length; i++) {
      points[i] = landmarks[i] * f;
    }
    return new FaceCandidate(x * f, y * f, width * f, height * f, score, points);
  }

  /** The same detection moved by ({@code dx}, {@code dy}) after scaling by {@code factor}. */
  FaceCandidate mapped(float dx, float dy, float factor) {
    float[] points = new float[landmarks.length];
    for (int i = 0; i < points.length; i += 2) {
      points[i] = (landmarks[i] + dx) * factor;
      points[i + 1] = (landmarks[i + 1] + dy) * factor;
    }
    return new FaceCandidate(
        (x + dx) * factor, (y + dy) * factor, width * factor, height * factor, score, points);
  }
}
