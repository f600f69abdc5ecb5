package app.glimpse.faces.embed;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Warps a face to the standard ArcFace 112x112 crop with the least-squares similarity transform
 * (rotation, uniform scale, translation; no shear) that maps its five landmarks onto the template.
 *
 * <p>Embedders are trained on exactly this crop; a plain box crop loses several points of
 * verification accuracy.
 */
public final class FaceAligner {
  /** Crop side in pixels. */
  public static final int SIZE = 112;

  /** ArcFace template: image-left eye, image-right eye, nose tip, left and right mouth corner. */
  static final float[] TEMPLATE = {
    38.2946f, 51.6963f, 73.5318f, 51.5014f, 56.0252f, 71.7366f, 41.5493f, 92.3655f, 70.7299f,
    92.2041f
  };

  private FaceAligner() {}

  /**
   * Least-squares similarity from {@code source} points to {@code target} points, both (x, y)
   * pairs, as a 2x3 affine matrix {@code [a -b tx; b a ty]} in row-major order.
   */
  public static double[] similarity(float[] source, float[] target) {
    int n = source.length / 2;
    double sx = 0, sy = 0, tx = 0, ty = 0;
    for (int i = 0; i < n; i++) {
      sx += source[2 * i];
      sy += source[2 * i + 1];
      tx += target[2 * i];
      ty += target[2 * i + 1];
    }
    sx /= n;
    sy /= n;
    tx /= n;
    ty /= n;
    double dot = 0, cross = 0, norm = 0;
    for (int i = 0; i < n; i++) {
      double px = source[2 * i] - sx, py = source[2 * i + 1] - sy;
      double qx = target[2 * i] - tx, qy = target[2 * i + 1] - ty;
      dot += px * qx + py * qy;
      cross += px * qy - py * qx;
      norm += px * px + py * py;
    }
    double a = norm == 0 ? 1 : dot / norm;
    double b = norm == 0 ? 0 : cross / norm;
    return new double[] {a, -b, tx - a * sx + b * sy, b, a, ty - b * sx - a * sy};
  }

  /**
   * The aligned 112x112 BGR crop of the face whose ArcFace-order {@code landmarks} are given in
   * pixels of {@code image}. The caller releases the result.
   */
  public static Mat align(Mat image, float[] landmarks) {
    double[] m = similarity(landmarks, TEMPLATE);
    Mat transform = new Mat(2, 3, CvType.CV_64F);
    transform.put(0, 0, m);
    Mat aligned = new Mat();
    Imgproc.warpAffine(
        image,
        aligned,
        transform,
        new Size(SIZE, SIZE),
        Imgproc.INTER_LINEAR,
        Core.BORDER_CONSTANT,
        new Scalar(0, 0, 0));
    transform.release();
    return aligned;
  }
}
