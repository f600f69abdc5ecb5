package app.glimpse.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.delivery.entity.Watermark;
import app.glimpse.delivery.entity.WatermarkPosition;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The watermark lands where its position says and nowhere else: against the clean image, pixels
 * differ inside the quarter of the image the mark is placed in, and elsewhere no more than the
 * JPEG's own noise.
 */
class WatermarkerTest {

  private final Watermarker watermarker = new Watermarker();

  @Test
  void aTextMarkChangesItsCornerOnly() throws IOException {
    byte[] clean = photoLike(1600, 1067);
    Watermark mark = new Watermark("© Studio Lumen", false, WatermarkPosition.BOTTOM_RIGHT, 40, 70);
    byte[] marked = watermarker.apply(clean, mark, null);
    Difference d = new Difference(watermarker.read(clean), watermarker.read(marked));
    Rectangle corner = new Rectangle(800, 533, 800, 534);
    assertTrue(d.shareAbove(corner, 32) > 0.02, "the corner changed: " + d.shareAbove(corner, 32));
    assertTrue(d.maxOutside(corner) < 24, "nothing else beyond noise: " + d.maxOutside(corner));
    assertTrue(d.meanOutside(corner) < 1.5, "mean noise elsewhere " + d.meanOutside(corner));
  }

  @Test
  void aLogoMarkIsDrawnAtItsPosition() throws IOException {
    byte[] clean = photoLike(1200, 800);
    BufferedImage logo = new BufferedImage(200, 100, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = logo.createGraphics();
    g.setColor(new Color(255, 0, 0, 255));
    g.fillOval(0, 0, 200, 100);
    g.dispose();
    Watermark mark = new Watermark(null, true, WatermarkPosition.TOP_LEFT, 30, 80);
    Difference d =
        new Difference(
            watermarker.read(clean), watermarker.read(watermarker.apply(clean, mark, logo)));
    Rectangle corner = new Rectangle(0, 0, 600, 400);
    assertTrue(d.meanIn(corner) > 8, "the corner changed: " + d.meanIn(corner));
    assertTrue(d.maxOutside(corner) < 24, "nothing else: " + d.maxOutside(corner));
  }

  @Test
  void theMarkFollowsItsPositionAndSize() {
    BufferedImage image = new BufferedImage(1000, 600, BufferedImage.TYPE_INT_RGB);
    Rectangle center =
        watermarker.draw(
            image, new Watermark("Proof", false, WatermarkPosition.CENTER, 50, 50), null);
    assertEquals(500, center.x + center.width / 2, 8.0);
    assertEquals(500, center.width, 30.0);
    Rectangle small =
        watermarker.draw(
            image, new Watermark("Proof", false, WatermarkPosition.TOP_RIGHT, 10, 50), null);
    assertTrue(small.x > 850 && small.y < 40, small.toString());
  }

  @Test
  void aWatermarkIsATextOrTheLogo() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Watermark("x", true, WatermarkPosition.CENTER, 30, 50));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Watermark(null, false, WatermarkPosition.CENTER, 30, 50));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Watermark("x", false, WatermarkPosition.CENTER, 30, 101));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Watermark(" ", false, WatermarkPosition.CENTER, 30, 50));
  }

  @Test
  void onlyRealSmallPngsAreLogos() throws IOException {
    BufferedImage logo = new BufferedImage(64, 32, BufferedImage.TYPE_INT_ARGB);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(logo, "png", png);
    assertNull(PngLogos.refusal(png.toByteArray()));
    assertNotNull(PngLogos.refusal(photoLike(100, 100)), "a JPEG is no PNG");
    assertNotNull(PngLogos.refusal(new byte[0]));
    byte[] cut = java.util.Arrays.copyOf(png.toByteArray(), 40);
    assertNotNull(PngLogos.refusal(cut), "a damaged PNG");
    assertNotNull(PngLogos.refusal(new byte[2 * 1024 * 1024]), "too large");
    ByteArrayOutputStream huge = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(4100, 10, BufferedImage.TYPE_BYTE_GRAY), "png", huge);
    assertTrue(PngLogos.refusal(huge.toByteArray()).contains("4100x10"));
  }

  /** A JPEG with smooth colour and fine texture, like a photo's preview (quality 85). */
  static byte[] photoLike(int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Random random = new Random(7);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int r = (int) (120 + 80 * Math.sin(x / 97.0)) + random.nextInt(12);
        int g = (int) (110 + 70 * Math.cos(y / 61.0)) + random.nextInt(12);
        int b = (int) (100 + 60 * Math.sin((x + y) / 143.0)) + random.nextInt(12);
        image.setRGB(x, y, (clamp(r) << 16) | (clamp(g) << 8) | clamp(b));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    var param = writer.getDefaultWriteParam();
    param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.85f);
    try (var stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
    }
    writer.dispose();
    return out.toByteArray();
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  /** The largest channel difference of each pixel between two images of one size. */
  static final class Difference {
    private final int[][] delta;

    Difference(BufferedImage a, BufferedImage b) {
      assertEquals(a.getWidth(), b.getWidth());
      assertEquals(a.getHeight(), b.getHeight());
      delta = new int[a.getHeight()][a.getWidth()];
      for (int y = 0; y < a.getHeight(); y++) {
        for (int x = 0; x < a.getWidth(); x++) {
          int p = a.getRGB(x, y);
          int q = b.getRGB(x, y);
          int d = 0;
          for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff)));
          }
          delta[y][x] = d;
        }
      }
    }

    double meanIn(Rectangle r) {
      long sum = 0;
      long n = 0;
      for (int y = r.y; y < r.y + r.height && y < delta.length; y++) {
        for (int x = r.x; x < r.x + r.width && x < delta[0].length; x++) {
          sum += delta[y][x];
          n++;
        }
      }
      return (double) sum / n;
    }

    /** The share of pixels in {@code r} that differ by more than {@code threshold}. */
    double shareAbove(Rectangle r, int threshold) {
      long above = 0;
      long n = 0;
      for (int y = r.y; y < r.y + r.height && y < delta.length; y++) {
        for (int x = r.x; x < r.x + r.width && x < delta[0].length; x++) {
          above += delta[y][x] > threshold ? 1 : 0;
          n++;
        }
      }
      return (double) above / n;
    }

    /** Outside {@code r} grown by a JPEG block (8 px), where the mark's edge may bleed. */
    int maxOutside(Rectangle r) {
      Rectangle grown = new Rectangle(r.x - 8, r.y - 8, r.width + 16, r.height + 16);
      int max = 0;
      for (int y = 0; y < delta.length; y++) {
        for (int x = 0; x < delta[0].length; x++) {
          if (!grown.contains(x, y)) {
            max = Math.max(max, delta[y][x]);
          }
        }
      }
      return max;
    }

    double meanOutside(Rectangle r) {
      long sum = 0;
      long n = 0;
      for (int y = 0; y < delta.length; y++) {
        for (int x = 0; x < delta[0].length; x++) {
          if (!r.contains(x, y)) {
            sum += delta[y][x];
            n++;
          }
        }
      }
      return (double) sum / n;
    }
  }
}
