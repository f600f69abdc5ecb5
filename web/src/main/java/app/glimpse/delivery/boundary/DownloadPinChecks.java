package app.glimpse.delivery.boundary;

import app.glimpse.access.boundary.ClientAddresses;
import app.glimpse.events.boundary.Visitors;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /download-pin/{event}} {@code {"pin"}}: the gallery's PIN dialog, for a guest holding
 * the event's pass in this session. A right PIN unlocks the event's downloads for the rest of the
 * session ({@link DownloadPins}): 204. A wrong one is 403 {@code wrong_pin} (counted like wrong
 * codes, then 429), in the API's error shape for the dialog to show beside its field. A servlet and
 * not a Faces form because the dialog lives in the part of the gallery that entering the code
 * renders by Ajax, where a form gets no view state of its own. Only requests with the header {@code
 * X-Glimpse-Pin} are taken, which no cross-site form can send.
 */
@WebServlet("/download-pin/*")
public class DownloadPinChecks extends HttpServlet {

  private static final Pattern PATH = Pattern.compile("/(\\d{1,18})");

  @EJB Delivery delivery;
  @Inject Visitors visitors;
  @Inject DownloadPins pins;
  @Inject ClientAddresses clients;

  /**
   * Where the gallery's dialog sends the PIN of event {@code eventId}, under {@code contextPath}.
   */
  public static String link(String contextPath, long eventId) {
    return contextPath + "/download-pin/" + eventId;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try {
      Matcher path = PATH.matcher(String.valueOf(request.getPathInfo()));
      if (!path.matches() || request.getHeader("X-Glimpse-Pin") == null) {
        throw ClientError.notFound("gallery");
      }
      long eventId = Long.parseLong(path.group(1));
      Optional<Caller> caller = visitors.of(eventId);
      if (caller.isEmpty()) {
        throw ClientError.notFound("gallery");
      }
      delivery.checkPin(caller.get(), eventId, pin(request), clients.of(request));
      pins.unlock(eventId);
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    } catch (ClientError refused) {
      response.setStatus(refused.status());
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      response
          .getWriter()
          .write(
              Json.createObjectBuilder()
                  .add("error", refused.error())
                  .add("message", refused.getMessage())
                  .build()
                  .toString());
    }
  }

  private static String pin(HttpServletRequest request) throws IOException {
    try (var reader = Json.createReader(request.getReader())) {
      JsonObject body = reader.readObject();
      return body.get("pin") instanceof JsonString pin ? pin.getString() : null;
    } catch (JsonException | IllegalStateException notJson) {
      throw ClientError.badRequest("invalid_pin", "Send {\"pin\":\"...\"}.");
    }
  }
}
