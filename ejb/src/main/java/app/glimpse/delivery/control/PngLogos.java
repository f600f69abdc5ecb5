package app.glimpse.delivery.control;

import app.glimpse.delivery.entity.StudioLogo;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * What a studio's logo must be: a real PNG (its signature, then a header and pixels ImageIO can
 * decode) of at most {@link StudioLogo#MAX_BYTES} and {@link StudioLogo#MAX_SIDE} px a side; the
 * size is read from the header before any pixel is decoded, so a small file announcing a huge image
 * costs nothing.
 */
public final class PngLogos {

  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private PngLogos() {}

  /** Why {@code png} is refused, or null if it is a logo. */
  public static String refusal(byte[] png) {
    if (png.length == 0) {
      return "The logo is empty.";
    }
    if (png.length > StudioLogo.MAX_BYTES) {
      return "The logo has " + png.length + " bytes; at most 1 MiB (1048576 bytes) is accepted.";
    }
    if (png.length < SIGNATURE.length
        || !Arrays.equals(Arrays.copyOf(png, SIGNATURE.length), SIGNATURE)) {
      return "The logo is not a PNG file.";
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
      Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
      ImageReader reader = readers.next();
      try {
        reader.setInput(in);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width > StudioLogo.MAX_SIDE || height > StudioLogo.MAX_SIDE) {
          return "The logo is "
              + width
              + "x"
              + height
              + " px; at most "
              + StudioLogo.MAX_SIDE
              + " px a side is accepted.";
        }
        reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException damaged) {
      return "The PNG file is damaged and cannot be read.";
    }
    return null;
  }

  /** The logo's pixels, with its transparency. */
  public static BufferedImage decode(byte[] png) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      if (image == null) {
        throw new IllegalArgumentException("Not a PNG");
      }
      return image;
    } catch (IOException e) {
      throw new IllegalArgumentException("Not a PNG", e);
    }
  }
}
