package app.glimpse.faces.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;

/**
 * The float input of an image model, kept in one direct buffer that ONNX Runtime reads in place,
 * and filled from 8-bit 3-channel images by OpenCV's vectorised conversions instead of a Java loop
 * per pixel. One per thread and model: not thread-safe, reused for every call.
 *
 * <p>Holds up to {@code capacity} images of {@code rows} x {@code cols}, either channel-last (NHWC)
 * or channel-first (NCHW, one plane per channel); each value is {@code pixel * scale + shift}.
 */
public final class InputBuffer {
  private final int rows;
  private final int cols;
  private final boolean planar;
  private final FloatBuffer floats;
  private final Mat[] images;
  private final Mat converted;
  private final MatOfInt straight = new MatOfInt(0, 0, 1, 1, 2, 2);
  private final MatOfInt reversed = new MatOfInt(0, 2, 1, 1, 2, 0);

  /**
   * @param planar channel-first (NCHW) when true, channel-last (NHWC) when false
   */
  public InputBuffer(int rows, int cols, int capacity, boolean planar) {
    this.rows = rows;
    this.cols = cols;
    this.planar = planar;
    int imageBytes = rows * cols * 3 * Float.BYTES;
    ByteBuffer bytes =
        ByteBuffer.allocateDirect(capacity * imageBytes).order(ByteOrder.nativeOrder());
    this.floats = bytes.asFloatBuffer();
    // views into the buffer: per image, three planes or one interleaved image
    this.images = new Mat[capacity * (planar ? 3 : 1)];
    int planeBytes = rows * cols * Float.BYTES;
    for (int i = 0; i < images.length; i++) {
      images[i] =
          planar
              ? new Mat(rows, cols, CvType.CV_32FC1, bytes.slice(i * planeBytes, planeBytes))
              : new Mat(rows, cols, CvType.CV_32FC3, bytes.slice(i * imageBytes, imageBytes));
    }
    this.converted = new Mat(rows, cols, CvType.CV_32FC3);
  }

  /**
   * Writes {@code image} (8-bit, 3 channels, exactly rows x cols) as image {@code index}.
   *
   * @param reverse reverse the channel order (BGR to RGB)
   */
  public void put(int index, Mat image, double scale, double shift, boolean reverse) {
    if (image.rows() != rows || image.cols() != cols || image.type() != CvType.CV_8UC3) {
      throw new IllegalArgumentException("expected an 8-bit " + cols + "x" + rows + " image");
    }
    if (planar) {
      image.convertTo(converted, CvType.CV_32F, scale, shift);
      List<Mat> planes = List.of(images[3 * index], images[3 * index + 1], images[3 * index + 2]);
      Core.mixChannels(List.of(converted), planes, reverse ? reversed : straight);
    } else if (reverse) {
      image.convertTo(converted, CvType.CV_32F, scale, shift);
      Core.mixChannels(List.of(converted), List.of(images[index]), reversed);
    } else {
      image.convertTo(images[index], CvType.CV_32F, scale, shift);
    }
  }

  /** The first {@code count} images, ready for {@code OnnxTensor.createTensor}. */
  public FloatBuffer floats(int count) {
    floats.clear();
    floats.limit(count * rows * cols * 3);
    return floats;
  }
}
