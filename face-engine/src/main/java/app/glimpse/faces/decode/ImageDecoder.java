package app.glimpse.faces.decode;

import app.glimpse.faces.ImageTooLargeException;
import app.glimpse.faces.PhotoMetadata;
import app.glimpse.faces.UnreadableImageException;
import app.glimpse.faces.model.NativeRuntime;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Turns file bytes into an orientation-corrected BGR image, as small as the caller can use.
 *
 * <p>Order matters: the header is read first (format, size, pixel limit), then metadata, then the
 * native decode. JPEGs are decoded through libjpeg's DCT scaling ({@code IMREAD_REDUCED_COLOR_*})
 * down to the smallest size still at least {@code neededLongSide}, which halves decode time for a
 * 12 MP photo. OpenCV 4.9 has no GIF decoder, so GIFs (first frame of animations) go through
 * ImageIO. OpenCV's own EXIF rotation is switched off so that the orientation read here is the only
 * one applied. A camera RAW is decoded through its largest embedded JPEG ({@link CameraRaw}), with
 * the RAW's own metadata; a HEIC through libheif ({@link HeifDecoder}).
 */
public final class ImageDecoder {
  private final long maxPixels;

  public ImageDecoder(long maxPixels) {
    this.maxPixels = maxPixels;
    NativeRuntime.loadOpenCv();
  }

  /**
   * Decodes {@code data}.
   *
   * @param name shown in error messages
   * @param neededLongSide smallest longest side the caller can work with; the full size is used
   *     when smaller
   */
  public DecodedImage decode(byte[] data, String name, int neededLongSide)
      throws UnreadableImageException {
    return decode(data, name, neededLongSide, maxPixels);
  }

  /**
   * Decodes {@code data} if its header announces at most {@code limit} pixels (and at most the
   * decoder's own limit), as {@link #decode(byte[], String, int)}.
   */
  public DecodedImage decode(byte[] data, String name, int neededLongSide, long limit)
      throws UnreadableImageException {
    ImageHeader header = ImageHeader.read(data, name);
    long maxPixels = Math.min(limit, this.maxPixels);
    if (header.pixels() > maxPixels) {
      throw new ImageTooLargeException(
          String.format(
              "%s: %dx%d is %d megapixels, more than the limit of %d",
              name,
              header.width(),
              header.height(),
              header.pixels() / 1_000_000,
              maxPixels / 1_000_000),
          header.pixels());
    }
    if (header.format().equals("heic")) {
      return decodeHeif(data, name, maxPixels);
    }
    byte[] pixels = data;
    PhotoMetadata metadata;
    if (header.cameraRaw()) {
      CameraRaw raw = CameraRaw.recognise(data);
      pixels = raw.preview().bytes(data);
      metadata = rawMetadata(data, raw, pixels, name);
    } else {
      metadata = MetadataReader.read(data, header.format(), name);
    }
    boolean jpeg = header.format().equals("jpeg") || header.cameraRaw();
    if (jpeg && !ImageHeader.jpegComplete(pixels)) {
      throw new UnreadableImageException(
          name + ": the JPEG is cut short (it ends before the end of its image data)");
    }
    Mat stored =
        header.format().equals("gif")
            ? decodeGif(pixels, name)
            : decodeNative(pixels, jpeg, header, neededLongSide);
    if (stored.empty() || stored.cols() < 1 || stored.rows() < 1) {
      stored.release();
      throw new UnreadableImageException(
          name + ": the " + header.format() + " data is damaged and cannot be decoded");
    }
    Mat oriented = orient(stored, metadata.orientation());
    boolean swapped = metadata.orientation() >= 5;
    return new DecodedImage(
        oriented,
        swapped ? header.height() : header.width(),
        swapped ? header.width() : header.height(),
        metadata);
  }

  /**
   * A RAW's own metadata (its IFDs, or a CR3's CMT boxes), which describes the preview too: the
   * preview is stored as the sensor saw it and the RAW's orientation turns it. Only a RAW that says
   * nothing about itself (a RAF keeps its EXIF in the preview) is read through its preview.
   */
  private static PhotoMetadata rawMetadata(
      byte[] data, CameraRaw raw, byte[] preview, String name) {
    PhotoMetadata own =
        raw.exif().isEmpty()
            ? MetadataReader.read(data, raw.format(), name)
            : MetadataReader.read(raw.exif(), raw.format(), name);
    if (own.make() != null || own.model() != null || own.capturedAt() != null) {
      return own;
    }
    return MetadataReader.read(preview, raw.format(), name);
  }

  /**
   * A HEIC: libheif decodes it at full size (HEVC has no reduced decoding) with its own rotation
   * applied, so the decoded image gives the full size and no EXIF orientation is applied again.
   */
  private static DecodedImage decodeHeif(byte[] data, String name, long maxPixels)
      throws UnreadableImageException {
    PhotoMetadata read = MetadataReader.read(data, "heic", name);
    PhotoMetadata metadata =
        new PhotoMetadata(
            read.format(),
            read.capturedAt(),
            read.capturedOffset(),
            read.make(),
            read.model(),
            read.lens(),
            read.hasGps(),
            1);
    Mat image = HeifDecoder.decode(data, name, maxPixels);
    return new DecodedImage(image, image.cols(), image.rows(), metadata);
  }

  private static Mat decodeNative(
      byte[] data, boolean jpeg, ImageHeader header, int neededLongSide) {
    int flags = Imgcodecs.IMREAD_COLOR | Imgcodecs.IMREAD_IGNORE_ORIENTATION;
    if (jpeg) {
      int longSide = Math.max(header.width(), header.height());
      if (longSide / 8 >= neededLongSide) {
        flags = Imgcodecs.IMREAD_REDUCED_COLOR_8 | Imgcodecs.IMREAD_IGNORE_ORIENTATION;
      } else if (longSide / 4 >= neededLongSide) {
        flags = Imgcodecs.IMREAD_REDUCED_COLOR_4 | Imgcodecs.IMREAD_IGNORE_ORIENTATION;
      } else if (longSide / 2 >= neededLongSide) {
        flags = Imgcodecs.IMREAD_REDUCED_COLOR_2 | Imgcodecs.IMREAD_IGNORE_ORIENTATION;
      }
    }
    MatOfByte buffer = new MatOfByte(data);
    try {
      return Imgcodecs.imdecode(buffer, flags);
    } finally {
      buffer.release();
    }
  }

  private static Mat decodeGif(byte[] data, String name) throws UnreadableImageException {
    BufferedImage frame;
    try {
      frame = ImageIO.read(new ByteArrayInputStream(data));
    } catch (IOException | RuntimeException e) {
      throw new UnreadableImageException(
          name + ": the GIF data is damaged and cannot be decoded", e);
    }
    if (frame == null) {
      throw new UnreadableImageException(name + ": the GIF data is damaged and cannot be decoded");
    }
    BufferedImage bgr =
        new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = bgr.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, bgr.getWidth(), bgr.getHeight());
      g.drawImage(frame, 0, 0, null);
    } finally {
      g.dispose();
    }
    Mat mat = new Mat(bgr.getHeight(), bgr.getWidth(), CvType.CV_8UC3);
    mat.put(0, 0, ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData());
    return mat;
  }

  /** Applies EXIF orientation 1..8; releases {@code src} when a new image is made. */
  static Mat orient(Mat src, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return src;
    }
    Mat dst = new Mat();
    switch (orientation) {
      case 2 -> Core.flip(src, dst, 1);
      case 3 -> Core.rotate(src, dst, Core.ROTATE_180);
      case 4 -> Core.flip(src, dst, 0);
      case 5 -> Core.transpose(src, dst);
      case 6 -> Core.rotate(src, dst, Core.ROTATE_90_CLOCKWISE);
      case 7 -> {
        Core.transpose(src, dst);
        Core.flip(dst, dst, -1);
      }
      default -> Core.rotate(src, dst, Core.ROTATE_90_COUNTERCLOCKWISE);
    }
    src.release();
    return dst;
  }
}
