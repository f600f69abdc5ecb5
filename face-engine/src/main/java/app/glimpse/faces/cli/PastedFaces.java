package app.glimpse.faces.cli;

import app.glimpse.faces.FaceBox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Synthetic camera photos for {@code bench faces} and {@code eval faces}: face crops cut from real
 * photos and pasted onto textured backgrounds, with the pasted face boxes as ground truth.
 */
final class PastedFaces {
  private PastedFaces() {}

  /** A face crop with its face box relative to the crop. */
  record Source(Mat crop, Rect face) {
    int faceSize() {
      return Math.max(face.width, face.height);
    }
  }

  /**
   * The square around a face box, 1.8 times its side, clipped to the image; null when less than 40
   * px remain on a side.
   */
  static Source crop(Mat image, FaceBox box) {
    float side = Math.max(box.width(), box.height()) * 1.8f;
    int x0 = (int) Math.max(0, box.x() + box.width() / 2 - side / 2);
    int y0 = (int) Math.max(0, box.y() + box.height() / 2 - side / 2);
    int x1 = (int) Math.min(image.cols(), x0 + side);
    int y1 = (int) Math.min(image.rows(), y0 + side);
    if (image.empty() || x1 - x0 < 40 || y1 - y0 < 40) {
      return null;
    }
    Mat crop = image.submat(new Rect(x0, y0, x1 - x0, y1 - y0)).clone();
    return new Source(
        crop,
        new Rect(
            Math.round(box.x() - x0),
            Math.round(box.y() - y0),
            Math.round(box.width()),
            Math.round(box.height())));
  }

  /**
   * Smooth colour gradient with blurred blobs and sensor-like noise, so the JPEG is camera-sized.
   */
  static Mat background(Random random, int width, int height) {
    int rows = Math.max(2, height / 100);
    int cols = Math.max(2, width / 100);
    Mat small = new Mat(rows, cols, CvType.CV_8UC3);
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < cols; x++) {
        small.put(
            y, x, 60 + random.nextInt(150), 60 + random.nextInt(150), 60 + random.nextInt(150));
      }
    }
    Mat canvas = new Mat();
    Imgproc.resize(small, canvas, new Size(width, height), 0, 0, Imgproc.INTER_CUBIC);
    small.release();
    for (int i = 0; i < 40; i++) {
      Imgproc.circle(
          canvas,
          new Point(random.nextInt(width), random.nextInt(height)),
          20 + random.nextInt(300),
          new Scalar(random.nextInt(256), random.nextInt(256), random.nextInt(256)),
          -1);
    }
    Imgproc.GaussianBlur(canvas, canvas, new Size(0, 0), 9);
    Mat noise = new Mat(canvas.size(), canvas.type());
    Core.randn(noise, 0, 8);
    Core.add(canvas, noise, canvas);
    Core.subtract(canvas, new Scalar(4, 4, 4), canvas);
    noise.release();
    return canvas;
  }

  /** A face size from {@code min} to {@code max} px, uniform on a log scale. */
  static double faceSize(Random random, double min, double max) {
    return Math.exp(Math.log(min) + random.nextDouble() * (Math.log(max) - Math.log(min)));
  }

  /**
   * Pastes the crop so that its face is {@code faceSize} px, at a random place clear of the faces
   * already placed (up to 50 tries); returns the pasted face box (also added to {@code placed}), or
   * null when there was no room.
   */
  static FaceBox paste(
      Mat canvas, Source source, double faceSize, Random random, List<FaceBox> placed) {
    double scale = faceSize / Math.max(source.face().width, source.face().height);
    int w = (int) Math.round(source.crop().cols() * scale);
    int h = (int) Math.round(source.crop().rows() * scale);
    if (w >= canvas.cols() || h >= canvas.rows()) {
      return null;
    }
    for (int attempt = 0; attempt < 50; attempt++) {
      int x = random.nextInt(canvas.cols() - w);
      int y = random.nextInt(canvas.rows() - h);
      FaceBox box =
          new FaceBox(
              (float) (x + source.face().x * scale),
              (float) (y + source.face().y * scale),
              (float) (source.face().width * scale),
              (float) (source.face().height * scale));
      FaceBox area = new FaceBox(x, y, w, h);
      if (placed.stream().anyMatch(p -> area.iou(p) > 0 || overlaps(area, p))) {
        continue;
      }
      Mat resized = new Mat();
      Imgproc.resize(source.crop(), resized, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
      Mat target = canvas.submat(new Rect(x, y, w, h));
      resized.copyTo(target);
      target.release();
      resized.release();
      placed.add(box);
      return box;
    }
    return null;
  }

  /** Writes the canvas as a JPEG of the given quality and returns its bytes. */
  static byte[] writeJpeg(Mat canvas, Path file, int quality) throws IOException {
    MatOfByte jpeg = new MatOfByte();
    try {
      Imgcodecs.imencode(
          ".jpg", canvas, jpeg, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality));
      byte[] bytes = jpeg.toArray();
      Files.write(file, bytes);
      return bytes;
    } finally {
      jpeg.release();
    }
  }

  /** Whether a pasted area comes within one face width of a face already placed. */
  private static boolean overlaps(FaceBox area, FaceBox face) {
    float margin = face.width();
    return area.x() < face.x() + face.width() + margin
        && area.x() + area.width() > face.x() - margin
        && area.y() < face.y() + face.height() + margin
        && area.y() + area.height() > face.y() - margin;
  }
}
