package app.glimpse.faces.embed;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.imgproc.Imgproc;

/**
 * Decides whether a face is good enough to be searched for: big enough, confidently detected,
 * sharp, and not turned into profile. Rejected faces are kept with their reason, so thresholds can
 * change without re-analysing photos.
 *
 * <p>Sharpness is the variance of the Laplacian of the aligned grey crop: cheap, and low for both
 * focus blur and upscaled tiny faces. Yaw is read from the landmarks: how far the nose sits from
 * the eyes' midpoint along the eye line, relative to the eye distance.
 */
public final class QualityGate {
  private final float minFacePx;
  private final float minScore;
  private final float minSharpness;
  private final float maxYaw;

  public QualityGate(float minFacePx, float minScore, float minSharpness, float maxYaw) {
    this.minFacePx = minFacePx;
    this.minScore = minScore;
    this.minSharpness = minSharpness;
    this.maxYaw = maxYaw;
  }

  /** Variance of the Laplacian of an aligned BGR crop. */
  public static float sharpness(Mat alignedBgr) {
    Mat grey = new Mat();
    Mat laplacian = new Mat();
    MatOfDouble mean = new MatOfDouble();
    MatOfDouble deviation = new MatOfDouble();
    try {
      Imgproc.cvtColor(alignedBgr, grey, Imgproc.COLOR_BGR2GRAY);
      Imgproc.Laplacian(grey, laplacian, CvType.CV_32F);
      Core.meanStdDev(laplacian, mean, deviation);
      double sd = deviation.toArray()[0];
      return (float) (sd * sd);
    } finally {
      grey.release();
      laplacian.release();
      mean.release();
      deviation.release();
    }
  }

  /**
   * Signed yaw from ArcFace-order landmarks: 0 frontal, magnitude around 0.5 or more in profile.
   */
  public static float yaw(float[] landmarks) {
    float ex = (landmarks[0] + landmarks[2]) / 2;
    float ey = (landmarks[1] + landmarks[3]) / 2;
    float vx = landmarks[2] - landmarks[0];
    float vy = landmarks[3] - landmarks[1];
    float eyeDistance = (float) Math.hypot(vx, vy);
    if (eyeDistance < 1e-3f) {
      return 1f;
    }
    float along = ((landmarks[4] - ex) * vx + (landmarks[5] - ey) * vy) / eyeDistance;
    return along / eyeDistance;
  }

  /** {@code null} when the face passes, else the first failed gate. */
  public String rejectReason(float faceSizePx, float score, float sharpness, float yaw) {
    if (faceSizePx < minFacePx) {
      return "too-small";
    }
    if (score < minScore) {
      return "low-score";
    }
    if (Math.abs(yaw) > maxYaw) {
      return "profile";
    }
    if (sharpness < minSharpness) {
      return "blurry";
    }
    return null;
  }
}
