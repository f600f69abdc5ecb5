package app.glimpse.events.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.platform.boundary.ClientError;
import app.glimpse.platform.boundary.Html;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * {@code GET /studio/events/{id}/card}: the card guests find the gallery with, to print and set on
 * the tables: the event's name, a large QR code of the gallery link, the link itself, the code, two
 * lines of instructions and the studio's name. An A6 card by default, an A4 poster with {@code
 * ?size=a4}; on screen the page shows the card as it prints, with a print button and a link to the
 * other size. Photographers of the event only (it lies under {@code /studio}; anyone else: 404).
 * The QR code is in the page (a PNG data address), so the printed card needs nothing else.
 */
@WebServlet("/studio/events/*")
public class EventCard extends HttpServlet {

  private static final Pattern CARD = Pattern.compile("/(\\d{1,18})/card");
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

  @EJB Events events;
  @Inject Callers callers;

  /** Where the card of event {@code id} is, under {@code contextPath}. */
  public static String link(String contextPath, long id) {
    return contextPath + "/studio/events/" + id + "/card";
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Matcher card = CARD.matcher(String.valueOf(request.getPathInfo()));
    if (!card.matches()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    long id = Long.parseLong(card.group(1));
    EventView event;
    String code;
    try {
      event = events.get(callers.current(), id);
      code = events.accessCode(callers.current(), id).orElse(null);
    } catch (ClientError notTheirs) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    if (!event.guestAccess()) {
      response.sendError(
          HttpServletResponse.SC_CONFLICT,
          "This gallery has no guest access yet: set a code on the event page first.");
      return;
    }
    boolean poster = "a4".equalsIgnoreCase(request.getParameter("size"));
    String link = GalleryQrCode.galleryLink(request, event.slug());
    app.glimpse.studios.boundary.StudioBrand brand = events.brandOf(callers.current(), id);
    response.setContentType("text/html");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "private, no-store");
    response
        .getWriter()
        .write(
            page(
                request.getContextPath(), event, link, code, brand.name(), poster, brand.accent()));
  }

  static String page(
      String contextPath,
      EventView event,
      String link,
      String code,
      String studio,
      boolean poster) {
    return page(
        contextPath,
        event,
        link,
        code,
        studio,
        poster,
        app.glimpse.studios.boundary.StudioBrand.DEFAULT_ACCENT);
  }

  /**
   * The card's page, in the studio's {@code accent} (#rrggbb, checked when the studio chose it):
   * the code and a rule under the title take it.
   */
  static String page(
      String contextPath,
      EventView event,
      String link,
      String code,
      String studio,
      boolean poster,
      String accent) {
    String shortLink = link.replaceFirst("^https?://", "");
    String other = link(contextPath, event.id()) + (poster ? "" : "?size=a4");
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + Html.escape(event.name())
        + (poster ? " · poster" : " · card")
        + " · Glimpse</title><link rel=\"icon\" type=\"image/svg+xml\" href=\""
        + contextPath
        + "/favicon.svg\"><style>"
        + css(poster)
        + ".logo{display:block;max-height:14mm;max-width:60%;margin:0 auto 2mm}"
        + ".code strong{color:"
        + accent
        + "}h1{border-bottom:3px solid "
        + accent
        + ";padding-bottom:.15em}"
        + "</style></head><body><nav class=\"tools\"><a href=\""
        + contextPath
        + "/studio/event.xhtml?id="
        + event.id()
        + "\">Back to the event</a><button type=\"button\" id=\"print\""
        + " onclick=\"window.print()\">Print</button><a id=\"otherSize\" href=\""
        + Html.escape(other)
        + "\">"
        + (poster ? "A6 card" : "A4 poster")
        + "</a></nav><main id=\"card\" class=\"sheet\">"
        // the studio's logo, if it has one (gallery.boundary.BrandLogos answers 404 otherwise)
        + "<img id=\"cardLogo\" class=\"logo\" alt=\"\" onerror=\"this.remove()\" src=\""
        + contextPath
        + "/brand/"
        + Html.escape(event.slug())
        + "/logo.png?v="
        + System.currentTimeMillis()
        + "\"><h1 id=\"cardTitle\">"
        + Html.escape(event.name())
        + "</h1>"
        + (event.date() == null ? "" : "<p class=\"date\">" + DATE.format(event.date()) + "</p>")
        + "<img id=\"cardQr\" alt=\"QR code of the gallery link\" src=\"data:image/png;base64,"
        + qr(link)
        + "\"><p class=\"link\" id=\"cardLink\">"
        + Html.escape(shortLink)
        + "</p>"
        + (code == null
            ? "<p class=\"code missing\" id=\"cardCode\">Ask the photographer for the code</p>"
            : "<p class=\"code\">Code <strong id=\"cardCode\">"
                + Html.escape(code)
                + "</strong></p>")
        + "<ol class=\"how\"><li>Scan the QR code or open the link, and enter the code.</li>"
        + "<li>Tap <strong>Find me</strong> and take a selfie: you see every photo you are in.</li>"
        + "</ol><p class=\"studio\" id=\"cardStudio\">Photos by "
        + Html.escape(studio == null ? "your photographer" : studio)
        + "</p></main></body></html>";
  }

  private static String css(boolean poster) {
    // sizes in millimetres of the printed sheet; the screen shows the same sheet
    // A6 by its measures: Chromium does not know the keyword
    String size = poster ? "A4" : "105mm 148mm";
    double width = poster ? 210 : 105;
    double height = poster ? 297 : 148;
    double scale = width / 105;
    return "@page{size:"
        + size
        + ";margin:0}"
        + "*{box-sizing:border-box}"
        + "html,body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
        + "color:#1b1b1f;background:#eceef2}"
        + ".tools{display:flex;gap:12px;align-items:center;justify-content:center;flex-wrap:wrap;"
        + "padding:12px}"
        + ".tools a,.tools button{font:inherit;font-size:16px;min-height:44px;padding:10px 16px;"
        + "border-radius:8px;border:1px solid #3a4a8a;color:#23306b;background:#fff;"
        + "text-decoration:none;cursor:pointer}"
        + ".tools button{background:#23306b;color:#fff}"
        + ".sheet{width:"
        + width
        + "mm;height:"
        + height
        + "mm;margin:0 auto 24px;background:#fff;display:flex;flex-direction:column;"
        + "align-items:center;justify-content:space-between;text-align:center;padding:"
        + 8 * scale
        + "mm "
        + 7 * scale
        + "mm;overflow:hidden;box-shadow:0 2px 12px rgba(0,0,0,.15)}"
        + "h1{font-family:Georgia,'Times New Roman',serif;font-weight:600;margin:0;font-size:"
        + 7 * scale
        + "mm;line-height:1.15;overflow-wrap:anywhere}"
        + ".date{margin:0;font-size:"
        + 3.4 * scale
        + "mm;color:#4a4a55}"
        + "#cardQr{width:"
        + 52 * scale
        + "mm;height:"
        + 52 * scale
        + "mm;image-rendering:pixelated}"
        + ".link{margin:0;font-size:"
        + 3.4 * scale
        + "mm;font-weight:600;overflow-wrap:anywhere}"
        + ".code{margin:0;font-size:"
        + 4.2 * scale
        + "mm}.code strong{font-family:ui-monospace,Menlo,Consolas,monospace;letter-spacing:.08em;"
        + "font-size:"
        + 5.6 * scale
        + "mm}"
        + ".how{margin:0;padding-left:1.3em;text-align:left;font-size:"
        + 3.2 * scale
        + "mm;line-height:1.35}"
        + ".studio{margin:0;font-size:"
        + 3 * scale
        + "mm;color:#4a4a55}"
        + "@media screen and (max-width:"
        + Math.round(width * 3.78 + 24)
        + "px){.sheet{transform-origin:top left;zoom:"
        + (poster ? "0.45" : "0.9")
        + "}}"
        + "@media print{html,body{background:#fff}.tools{display:none}"
        + ".sheet{margin:0;box-shadow:none;zoom:1}}";
  }

  private static String qr(String link) {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(GalleryQrCode.draw(link, 10), "png", png);
    } catch (IOException inMemory) {
      throw new IllegalStateException(inMemory);
    }
    return Base64.getEncoder().encodeToString(png.toByteArray());
  }
}
