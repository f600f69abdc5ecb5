package app.glimpse.faces.embed;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Warps a face to an embedder's standard crop with the least-squares similarity transform
 * (rotation, uniform scale, translation; no shear) that maps its five landmarks onto the embedder's
 * template: ArcFace's 112x112 crop ({@link #ARCFACE}) or dlib's 150x150 face chip ({@link #DLIB}).
 *
 * <p>Embedders are trained on exactly their crop; a plain box crop loses several points of
 * verification accuracy.
 */
public final class FaceAligner {
  /** ArcFace crop side in pixels. */
  public static final int SIZE = 112;

  /** ArcFace template: image-left eye, image-right eye, nose tip, left and right mouth corner. */
  static final float[] TEMPLATE = {
    38.2946f, 51.6963f, 73.5318f, 51.5014f, 56.0252f, 71.7366f, 41.5493f, 92.3655f, 70.7299f,
    92.2041f
  };

  /**
   * Where the five ArcFace-order landmarks lie in dlib's face chip ({@code get_face_chip_details}
   * with size 150 and padding 0.25, what dlib's face recognition model was trained on). dlib fits
   * its chip to 33 points of its 68-point mean face, x' = 150 (0.25 + x) / 1.5; the points here are
   * where our detector's landmarks fall on that mean face: the centroids of its eye contours
   * (points 36-41, 42-47), its nose tip (30), and mouth corners placed as the detector places them,
   * 0.414 eye distances either side of the mouth's centre (between inner-lip points 62 and 66).
   * Minus half a pixel: dlib samples its chip so that the template's centre (75, 75) is pixel 74.5.
   * (The mean face's own mouth corners, 48 and 54, or the ArcFace template fitted onto these points
   * measured slightly worse on the eval's event photos; docs/search.md.)
   */
  static final float[] DLIB_TEMPLATE = dlibTemplate();

  /** An embedder's crop: its side in pixels and where the five landmarks go. */
  public record Template(int size, float[] points) {}

  public static final Template ARCFACE = new Template(SIZE, TEMPLATE);

  public static final Template DLIB = new Template(150, DLIB_TEMPLATE);

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
    return align(image, landmarks, ARCFACE);
  }

  /**
   * The BGR crop of {@code template} for the face whose ArcFace-order {@code landmarks} are given
   * in pixels of {@code image}. The caller releases the result.
   */
  public static Mat align(Mat image, float[] landmarks, Template template) {
    double[] m = similarity(landmarks, template.points());
    Mat transform = new Mat(2, 3, CvType.CV_64F);
    transform.put(0, 0, m);
    Mat aligned = new Mat();
    Imgproc.warpAffine(
        image,
        aligned,
        transform,
        new Size(template.size(), template.size()),
        Imgproc.INTER_LINEAR,
        Core.BORDER_CONSTANT,
        new Scalar(0, 0, 0));
    transform.release();
    return aligned;
  }

  private static float[] dlibTemplate() {
    // dlib's mean face (interpolation.h, get_face_chip_details), points 30, 36-47, 62 and 66 of 68
    double[][] eyes = {
      {0.121737, 0.187122, 0.265825, 0.334606, 0.260918, 0.182743},
      {0.216423, 0.178758, 0.179852, 0.231733, 0.245099, 0.244077},
      {0.645647, 0.714428, 0.793132, 0.858516, 0.79751, 0.719335},
      {0.231733, 0.179852, 0.178758, 0.216423, 0.244077, 0.245099}
    };
    double leftX = mean(eyes[0]), leftY = mean(eyes[1]);
    double rightX = mean(eyes[2]), rightY = mean(eyes[3]);
    double noseX = 0.490127, noseY = 0.515625;
    double mouthX = 0.490127, mouthY = (0.785343 + 0.831803) / 2;
    double half = 0.414; // BlazeFaceNetwork.MOUTH_HALF_WIDTH
    double dx = (rightX - leftX) * half, dy = (rightY - leftY) * half;
    double[] points = {
      leftX, leftY, rightX, rightY, noseX, noseY, mouthX - dx, mouthY - dy, mouthX + dx, mouthY + dy
    };
    float[] template = new float[10];
    for (int i = 0; i < 10; i++) {
      template[i] = (float) (150 * (0.25 + points[i]) / 1.5 - 0.5);
    }
    return template;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }
}
