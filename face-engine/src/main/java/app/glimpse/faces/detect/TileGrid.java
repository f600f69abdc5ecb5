package app.glimpse.faces.detect;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Overlapping tiles over an image for detectors with a small fixed input, and which tile owns a
 * detection: each point of the image belongs to exactly one tile (the split runs through the middle
 * of each overlap), so a face seen by two tiles is kept once.
 */
final class TileGrid {

  private final int width;
  private final int height;
  private final int[] xs;
  private final int[] ys;

  /** Tiles of {@code width} x {@code height} over an image of {@code cols} x {@code rows}. */
  TileGrid(int cols, int rows, int width, int height, int overlap) {
    this.width = width;
    this.height = height;
    this.xs = origins(cols, width, overlap);
    this.ys = origins(rows, height, overlap);
  }

  /** Tile starts along one axis: every {@code size - overlap} px, the last flush with the edge. */
  static int[] origins(int length, int size, int overlap) {
    if (length <= size) {
      return new int[] {0};
    }
    int step = size - overlap;
    int count = (int) Math.ceil((double) (length - size) / step) + 1;
    int[] origins = new int[count];
    for (int i = 0; i < count - 1; i++) {
      origins[i] = i * step;
    }
    origins[count - 1] = length - size;
    return origins;
  }

  /**
   * The image with a mirrored border of {@code margin} px, so that faces cut by the photo's edge
   * still look like faces to the network. Mirror ghosts have their centre outside the photo and are
   * dropped by the callers.
   */
  static Mat frame(Mat image, int margin) {
    Mat framed = new Mat();
    int border =
        image.cols() > margin && image.rows() > margin ? Core.BORDER_REFLECT : Core.BORDER_CONSTANT;
    Core.copyMakeBorder(image, framed, margin, margin, margin, margin, border, new Scalar(0, 0, 0));
    return framed;
  }

  /**
   * The image scaled by {@code scale} (itself when 1). Area averaging only below half size: it is
   * several times slower at non-integer ratios, and above 1/2 linear interpolation barely aliases.
   */
  static Mat scaled(Mat rgb, float scale) {
    if (scale == 1f) {
      return rgb;
    }
    Mat level = new Mat();
    Imgproc.resize(
        rgb,
        level,
        new Size(
            Math.max(1, Math.round(rgb.cols() * scale)),
            Math.max(1, Math.round(rgb.rows() * scale))),
        0,
        0,
        scale < 0.5f ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
    return level;
  }

  /** Whether a detection's centre lies in {@code image}; mirror ghosts from the frame do not. */
  static boolean centreInside(FaceCandidate c, Mat image) {
    return c.centerX() >= 0
        && c.centerY() >= 0
        && c.centerX() < image.cols()
        && c.centerY() < image.rows();
  }

  int columns() {
    return xs.length;
  }

  int rows() {
    return ys.length;
  }

  int x(int column) {
    return xs[column];
  }

  int y(int row) {
    return ys[row];
  }

  /**
   * Copies tile ({@code column}, {@code row}) of {@code image} into the top left of {@code tile},
   * black where the image ends before the tile does.
   *
   * @return the size of the copied part
   */
  Rect copy(Mat image, int column, int row, Mat tile) {
    int w = Math.min(width, image.cols() - xs[column]);
    int h = Math.min(height, image.rows() - ys[row]);
    if (w < width || h < height) {
      tile.setTo(new Scalar(0, 0, 0));
    }
    Mat source = image.submat(new Rect(xs[column], ys[row], w, h));
    Mat target = tile.submat(new Rect(0, 0, w, h));
    source.copyTo(target);
    source.release();
    target.release();
    return new Rect(0, 0, w, h);
  }

  /** Whether the point ({@code cx}, {@code cy}) in image pixels belongs to this tile. */
  boolean owns(int column, int row, float cx, float cy) {
    float left = column == 0 ? Float.NEGATIVE_INFINITY : (xs[column - 1] + width + xs[column]) / 2f;
    float right =
        column == xs.length - 1
            ? Float.POSITIVE_INFINITY
            : (xs[column] + width + xs[column + 1]) / 2f;
    float top = row == 0 ? Float.NEGATIVE_INFINITY : (ys[row - 1] + height + ys[row]) / 2f;
    float bottom =
        row == ys.length - 1 ? Float.POSITIVE_INFINITY : (ys[row] + height + ys[row + 1]) / 2f;
    return cx >= left && cx < right && cy >= top && cy < bottom;
  }
}
