package app.glimpse.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.faces.FaceEngineConfig.DetectorKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** The default detector: UltraFace tiles for boxes, BlazeFace front on each box for landmarks. */
class UltraFaceDetectorTest {

  /** A 12 MP photo with one face of each size pasted onto a noisy background. */
  private static byte[] twelveMegapixels(int[] faceSizes, List<FaceBox> placed) throws Exception {
    Mat source = TestImages.read("deepface/img1.jpg");
    DetectedFace face =
        FaceEngine.shared().analyze(TestImages.photo("deepface/img1.jpg")).faces().get(0);
    FaceBox box = face.box();
    float side = Math.max(box.width(), box.height()) * 1.8f;
    int x0 = (int) Math.max(0, box.x() + box.width() / 2 - side / 2);
    int y0 = (int) Math.max(0, box.y() + box.height() / 2 - side / 2);
    int w = (int) Math.min(source.cols() - x0, side);
    int h = (int) Math.min(source.rows() - y0, side);
    Mat crop = source.submat(new Rect(x0, y0, w, h));
    Mat canvas = new Mat(3000, 4000, CvType.CV_8UC3, new Scalar(90, 120, 150));
    Mat noise = new Mat(canvas.size(), canvas.type());
    Core.randn(noise, 0, 8);
    Core.add(canvas, noise, canvas);
    int x = 200;
    for (int size : faceSizes) {
      double scale = size / (double) Math.max(box.width(), box.height());
      Mat resized = new Mat();
      Imgproc.resize(crop, resized, new Size(w * scale, h * scale), 0, 0, Imgproc.INTER_AREA);
      Mat target = canvas.submat(new Rect(x, 1200, resized.cols(), resized.rows()));
      resized.copyTo(target);
      placed.add(
          new FaceBox(
              (float) (x + (box.x() - x0) * scale),
              (float) (1200 + (box.y() - y0) * scale),
              (float) (box.width() * scale),
              (float) (box.height() * scale)));
      x += resized.cols() + 300;
      target.release();
      resized.release();
    }
    byte[] jpeg = TestImages.encode(canvas, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 92);
    canvas.release();
    noise.release();
    crop.release();
    source.release();
    return jpeg;
  }

  @Test
  void findsSmallAndLargeFacesInATwelveMegapixelPhotoWithLandmarksInside() throws Exception {
    List<FaceBox> placed = new ArrayList<>();
    byte[] photo = twelveMegapixels(new int[] {44, 70, 150, 600}, placed);
    PhotoAnalysis analysis = FaceEngine.shared().analyze(photo, "pasted.jpg");
    assertEquals(4000, analysis.width());
    List<String> missing = new ArrayList<>();
    for (FaceBox truth : placed) {
      DetectedFace match =
          analysis.faces().stream().filter(f -> f.box().iou(truth) > 0.3f).findFirst().orElse(null);
      if (match == null) {
        missing.add(truth.toString());
        continue;
      }
      List<Landmark> points = match.landmarks();
      assertTrue(points.get(0).x() < points.get(1).x(), "left eye left of right eye");
      assertTrue(points.get(2).y() > points.get(0).y(), "nose below the eyes");
      for (Landmark p : points) {
        assertTrue(
            p.x() > truth.x() - truth.width() * 0.2f
                && p.x() < truth.x() + truth.width() * 1.2f
                && p.y() > truth.y() - truth.height() * 0.2f
                && p.y() < truth.y() + truth.height() * 1.2f,
            "landmark " + p + " outside " + truth);
      }
    }
    assertTrue(missing.isEmpty(), "missed " + missing + " found " + analysis.faces());
    assertEquals(placed.size(), analysis.faces().size(), "no duplicates or ghosts");
  }

  @Test
  void blazeFaceTilesStaySelectable() throws Exception {
    try (FaceEngine blaze =
        FaceEngine.create(FaceEngineConfig.defaults().withDetector(DetectorKind.BLAZEFACE, null))) {
      assertTrue(blaze.check().detector().startsWith("blazeface"), blaze.check().detector());
      PhotoAnalysis couple = blaze.analyze(TestImages.photo("deepface/couple.jpg"));
      assertEquals(2, couple.faces().size());
    }
  }
}
