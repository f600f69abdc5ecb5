package app.glimpse.delivery.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.delivery.entity.StudioLogo;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /studio/logo}: the studio's logo from the Delivery section of the event page, the PNG
 * file itself as the body, for a photographer signed in to the studio (the {@code /studio/*}
 * constraint of web.xml); the same boundary as {@code PUT /api/v1/studio/logo}. Only requests with
 * the header {@code X-Glimpse-Logo} are taken, which no cross-site form can send. Answers {@code
 * {"width","height"}} or the API's error shape.
 */
@WebServlet("/studio/logo")
public class StudioLogoUploads extends HttpServlet {

  @EJB StudioLogos logos;
  @Inject Callers callers;

  /** Where the Delivery section sends the logo, under {@code contextPath}. */
  public static String link(String contextPath) {
    return contextPath + "/studio/logo";
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String answer;
    int status;
    try {
      if (request.getHeader("X-Glimpse-Logo") == null) {
        throw ClientError.notFound("upload");
      }
      byte[] png = request.getInputStream().readNBytes(StudioLogo.MAX_BYTES + 1);
      if (png.length > StudioLogo.MAX_BYTES) {
        throw new ClientError(
            413, "logo_too_large", "A logo may have at most 1 MiB (1048576 bytes).");
      }
      StudioLogos.Logo logo = logos.put(callers.current(), png);
      answer =
          Json.createObjectBuilder()
              .add("width", logo.width())
              .add("height", logo.height())
              .build()
              .toString();
      status = HttpServletResponse.SC_OK;
    } catch (ClientError refused) {
      answer =
          Json.createObjectBuilder()
              .add("error", refused.error())
              .add("message", refused.getMessage())
              .build()
              .toString();
      status = refused.status();
    }
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(answer);
  }
}
