package app.glimpse.events.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.platform.boundary.ClientError;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * {@code GET /studio/qr/{event}.png}: the QR code of an event's gallery link, to print at the venue
 * (PNG, 8 pixels per module). Photographers only: it lies under {@code /studio}.
 */
@WebServlet("/studio/qr/*")
public class GalleryQrCode extends HttpServlet {

  @EJB Events events;
  @Inject Callers callers;

  /**
   * Where the QR code of event {@code id} is, under {@code contextPath}; the gallery's {@code slug}
   * in the query makes a new link a new address, so no browser shows the old code from its cache.
   */
  public static String link(String contextPath, long id, String slug) {
    return contextPath + "/studio/qr/" + id + ".png?v=" + slug;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = String.valueOf(request.getPathInfo());
    if (!path.matches("/\\d{1,18}\\.png")) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    EventView event;
    try {
      event = events.get(callers.current(), Long.parseLong(path.substring(1, path.length() - 4)));
    } catch (ClientError notTheirs) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    BufferedImage image = draw(galleryLink(request, event.slug()), 8);
    response.setContentType("image/png");
    response.setHeader("Cache-Control", "private, no-cache");
    ImageIO.write(image, "png", response.getOutputStream());
  }

  /** The absolute address of a gallery, as guests type it or scan it. */
  public static String galleryLink(HttpServletRequest request, String slug) {
    String scheme = request.getScheme();
    int port = request.getServerPort();
    boolean defaultPort =
        "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
    return scheme
        + "://"
        + request.getServerName()
        + (defaultPort ? "" : ":" + port)
        + request.getContextPath()
        + "/g/"
        + slug;
  }

  static BufferedImage draw(String text, int scale) {
    BitMatrix matrix;
    try {
      matrix =
          new QRCodeWriter()
              .encode(
                  text,
                  BarcodeFormat.QR_CODE,
                  0,
                  0,
                  Map.of(
                      EncodeHintType.MARGIN,
                      4,
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M));
    } catch (WriterException e) {
      throw new IllegalArgumentException("Cannot encode " + text + " as a QR code", e);
    }
    int size = matrix.getWidth() * scale;
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        image.setRGB(x, y, matrix.get(x / scale, y / scale) ? 0x000000 : 0xFFFFFF);
      }
    }
    return image;
  }
}
