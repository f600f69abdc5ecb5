package app.glimpse.delivery.control;

import app.glimpse.faces.FaceEngine;
import app.glimpse.faces.UnreadableImageException;
import app.glimpse.faces.decode.DecodedImage;
import app.glimpse.faces.decode.ImageDecoder;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The web size of a photo: its longest side {@value #LONG_SIDE} px (never enlarged), turned as its
 * EXIF orientation says, as an image to draw a watermark into and write as JPEG. Decoded by the
 * face engine's decoder (libjpeg's DCT scaling, the formats and pixel limit imports accept).
 */
@ApplicationScoped
public class WebSizes {

  public static final int LONG_SIDE = 2048;

  @Inject FaceEngine engine;

  private ImageDecoder decoder;

  @PostConstruct
  void prepare() {
    decoder = new ImageDecoder(engine.config().maxPixels());
  }

  public BufferedImage of(byte[] original, String name) throws UnreadableImageException {
    DecodedImage decoded = decoder.decode(original, name, LONG_SIDE);
    Mat image = decoded.image();
    Mat small = image;
    try {
      int longSide = Math.max(image.cols(), image.rows());
      if (longSide > LONG_SIDE) {
        double f = (double) LONG_SIDE / longSide;
        small = new Mat();
        Imgproc.resize(
            image,
            small,
            new Size(
                Math.max(1, Math.round(image.cols() * f)),
                Math.max(1, Math.round(image.rows() * f))),
            0,
            0,
            Imgproc.INTER_AREA);
      }
      BufferedImage bgr =
          new BufferedImage(small.cols(), small.rows(), BufferedImage.TYPE_3BYTE_BGR);
      small.get(0, 0, ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData());
      return bgr;
    } finally {
      if (small != image) {
        small.release();
      }
      decoded.release();
    }
  }
}
