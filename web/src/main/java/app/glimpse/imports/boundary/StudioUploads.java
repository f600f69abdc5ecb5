package app.glimpse.imports.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.platform.boundary.ClientError;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /studio/uploads/{event}}: the studio's drag-and-drop upload, for a photographer
 * signed in to the studio (the {@code /studio/*} constraint of web.xml). The same streaming
 * receiver as the API's {@code POST /api/v1/events/{id}/uploads} writes each part straight into the
 * upload folder; without {@code @MultipartConfig} the container never parses or spools the body.
 * Only requests with the header {@code X-Glimpse-Upload} are taken, which no cross-site form can
 * send (and the session cookie is SameSite=Lax).
 */
@WebServlet("/studio/uploads/*")
public class StudioUploads extends HttpServlet {

  private static final Pattern PATH = Pattern.compile("/(\\d{1,18})");

  @Inject UploadReceiver receiver;
  @Inject Callers callers;

  /**
   * Where the studio's upload script sends event {@code eventId}'s photos, under {@code
   * contextPath}.
   */
  public static String link(String contextPath, long eventId) {
    return contextPath + "/studio/uploads/" + eventId;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    JsonObject answer;
    int status;
    try {
      Matcher path = PATH.matcher(String.valueOf(request.getPathInfo()));
      if (!path.matches() || request.getHeader("X-Glimpse-Upload") == null) {
        throw ClientError.notFound("upload");
      }
      UploadReceiver.Uploaded uploaded =
          receiver.receive(
              callers.current(),
              Long.parseLong(path.group(1)),
              request.getContentType(),
              request.getInputStream());
      JsonArrayBuilder skipped = Json.createArrayBuilder();
      uploaded
          .skipped()
          .forEach(
              file ->
                  skipped.add(
                      Json.createObjectBuilder()
                          .add("fileName", file.fileName())
                          .add("reason", file.reason())));
      answer =
          Json.createObjectBuilder()
              .add("id", uploaded.id())
              .add("files", uploaded.files())
              .add("skipped", skipped)
              .build();
      status = HttpServletResponse.SC_ACCEPTED;
    } catch (ClientError refused) {
      answer =
          Json.createObjectBuilder()
              .add("error", refused.error())
              .add("message", refused.getMessage())
              .build();
      status = refused.status();
    }
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(answer.toString());
  }
}
