package app.glimpse.faces.decode;

import app.glimpse.faces.FaceEngineException;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Makes the display preview and the thumbnail from the image that was decoded for detection, so a
 * photo is decoded once. The thumbnail is scaled from the preview, which is cheaper than from the
 * full image and looks the same.
 */
public final class PreviewEncoder {
  private final int previewSize;
  private final int thumbnailSize;
  private final MatOfInt jpegParams;

  public PreviewEncoder(int previewSize, int thumbnailSize, int jpegQuality) {
    this.previewSize = previewSize;
    this.thumbnailSize = thumbnailSize;
    this.jpegParams = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, jpegQuality);
  }

  /** {thumbnail, preview} as JPEG bytes; images are never upscaled. */
  public byte[][] encode(Mat bgr) {
    Mat preview = shrink(bgr, previewSize);
    Mat thumbnail = shrink(preview, thumbnailSize);
    try {
      return new byte[][] {jpeg(thumbnail), jpeg(preview)};
    } finally {
      if (thumbnail != preview) {
        thumbnail.release();
      }
      if (preview != bgr) {
        preview.release();
      }
    }
  }

  /** {@code image} itself when it already fits in {@code longSide}, else a smaller copy. */
  static Mat shrink(Mat image, int longSide) {
    int current = Math.max(image.cols(), image.rows());
    if (current <= longSide) {
      return image;
    }
    double f = (double) longSide / current;
    Mat small = new Mat();
    Imgproc.resize(
        image,
        small,
        new Size(
            Math.max(1, Math.round(image.cols() * f)), Math.max(1, Math.round(image.rows() * f))),
        0,
        0,
        // INTER_AREA costs 5x more at non-integer ratios such as 2000 -> 1600; above 1/2 bilinear
        // reads every source pixel and looks the same
        f >= 0.5 ? Imgproc.INTER_LINEAR : Imgproc.INTER_AREA);
    return small;
  }

  private byte[] jpeg(Mat image) {
    MatOfByte out = new MatOfByte();
    try {
      if (!Imgcodecs.imencode(".jpg", image, out, jpegParams)) {
        throw new FaceEngineException("JPEG encoding failed");
      }
      return out.toArray();
    } finally {
      out.release();
    }
  }
}
