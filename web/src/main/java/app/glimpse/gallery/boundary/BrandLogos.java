package app.glimpse.gallery.boundary;

import app.glimpse.delivery.boundary.StudioLogos;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /brand/{slug}/logo.png}: the logo of the studio whose gallery has {@code slug}, shown
 * on the gallery and its code page. A studio's brand is public, so no pass is asked; the link
 * carries the upload time ({@code ?v=}), so a browser keeps it for a day and a new logo shows at
 * once.
 */
@WebServlet("/brand/*")
public class BrandLogos extends HttpServlet {

  private static final Pattern PATH = Pattern.compile("/([a-z0-9-]{1,80})/logo\\.png");

  @EJB StudioLogos logos;

  /** Where the logo of the gallery {@code slug} is served, with its version, or null if none. */
  public static String link(String contextPath, String slug, StudioLogos.Logo logo) {
    return contextPath + "/brand/" + slug + "/logo.png?v=" + logo.uploadedAt().toEpochMilli();
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Matcher matcher = PATH.matcher(String.valueOf(request.getPathInfo()));
    Optional<StudioLogos.Logo> logo =
        matcher.matches() ? logos.ofGallery(matcher.group(1)) : Optional.empty();
    if (logo.isEmpty()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    response.setContentType("image/png");
    response.setHeader("Cache-Control", "public, max-age=86400");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setContentLength(logo.get().png().length);
    response.getOutputStream().write(logo.get().png());
  }
}
