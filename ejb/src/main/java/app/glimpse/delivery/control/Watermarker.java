package app.glimpse.delivery.control;

import app.glimpse.delivery.entity.Watermark;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Draws a watermark into an image with Java 2D: a text (white with a soft dark shadow, so that it
 * reads on light and dark photos) or the studio's logo, as wide as the watermark's size says, at
 * its position and opacity. Plain Java, so that its output can be checked pixel by pixel without a
 * server. JPEGs are written at quality {@value #QUALITY_PERCENT}%, above the previews' 85, so that
 * drawing into a preview adds little noise where there is no mark.
 */
@ApplicationScoped
public class Watermarker {

  static final int QUALITY_PERCENT = 92;

  /** Decodes {@code jpeg}, draws {@code mark} into it and encodes it again. */
  public byte[] apply(byte[] jpeg, Watermark mark, BufferedImage logo) {
    BufferedImage image = read(jpeg);
    draw(image, mark, logo);
    return jpeg(image);
  }

  /**
   * Draws {@code mark} into {@code image} (which it changes) and answers where: the mark's bounds.
   * {@code logo} is needed only for a logo mark; without one nothing is drawn.
   */
  public Rectangle draw(BufferedImage image, Watermark mark, BufferedImage logo) {
    int width = image.getWidth();
    int height = image.getHeight();
    int margin = Math.max(2, Math.round(Math.min(width, height) * 0.03f));
    int targetWidth =
        Math.max(8, Math.min(width - 2 * margin, Math.round(width * mark.size() / 100f)));
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      float alpha = mark.opacity() / 100f;
      if (mark.logo()) {
        if (logo == null) {
          return new Rectangle();
        }
        double scale = (double) targetWidth / logo.getWidth();
        int w = targetWidth;
        int h = (int) Math.max(1, Math.round(logo.getHeight() * scale));
        if (h > height - 2 * margin) { // a tall logo on a wide image: fit the height instead
          h = Math.max(1, height - 2 * margin);
          w = (int) Math.max(1, Math.round(logo.getWidth() * (double) h / logo.getHeight()));
        }
        Rectangle at = place(mark, width, height, w, h, margin);
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, alpha));
        g.drawImage(logo, at.x, at.y, at.width, at.height, null);
        return at;
      }
      FontRenderContext context = g.getFontRenderContext();
      Font base = new Font(Font.SANS_SERIF, Font.BOLD, 100);
      Rectangle2D measured = new TextLayout(mark.text(), base, context).getBounds();
      float points = (float) (100 * targetWidth / Math.max(1, measured.getWidth()));
      points = Math.min(points, (height - 2 * margin) * 0.8f);
      Font font = base.deriveFont(points);
      TextLayout layout = new TextLayout(mark.text(), font, context);
      Rectangle2D bounds = layout.getBounds();
      int w = (int) Math.ceil(bounds.getWidth());
      int h = (int) Math.ceil(bounds.getHeight());
      Rectangle at = place(mark, width, height, w, h, margin);
      float x = (float) (at.x - bounds.getX());
      float y = (float) (at.y - bounds.getY());
      float shadow = Math.max(1, points / 24);
      g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, alpha * 0.6f));
      g.setColor(Color.BLACK);
      layout.draw(g, x + shadow, y + shadow);
      g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, alpha));
      g.setColor(Color.WHITE);
      layout.draw(g, x, y);
      return new Rectangle(at.x, at.y, w + (int) Math.ceil(shadow), h + (int) Math.ceil(shadow));
    } finally {
      g.dispose();
    }
  }

  private static Rectangle place(Watermark mark, int width, int height, int w, int h, int margin) {
    int left = margin;
    int right = width - margin - w;
    int top = margin;
    int bottom = height - margin - h;
    return switch (mark.position()) {
      case CENTER -> new Rectangle((width - w) / 2, (height - h) / 2, w, h);
      case TOP_LEFT -> new Rectangle(left, top, w, h);
      case TOP_RIGHT -> new Rectangle(right, top, w, h);
      case BOTTOM_LEFT -> new Rectangle(left, bottom, w, h);
      case BOTTOM_RIGHT -> new Rectangle(right, bottom, w, h);
    };
  }

  /** An image in RGB that Java 2D can draw into and the JPEG writer can write. */
  public BufferedImage read(byte[] image) {
    try {
      BufferedImage read = ImageIO.read(new ByteArrayInputStream(image));
      if (read == null) {
        throw new IllegalArgumentException("Not an image ImageIO can read");
      }
      if (read.getType() == BufferedImage.TYPE_3BYTE_BGR
          || read.getType() == BufferedImage.TYPE_INT_RGB) {
        return read;
      }
      BufferedImage rgb =
          new BufferedImage(read.getWidth(), read.getHeight(), BufferedImage.TYPE_INT_RGB);
      Graphics2D g = rgb.createGraphics();
      g.drawImage(read, 0, 0, null);
      g.dispose();
      return rgb;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public byte[] jpeg(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 4);
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(QUALITY_PERCENT / 100f);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
