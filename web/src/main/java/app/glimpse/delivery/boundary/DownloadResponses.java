package app.glimpse.delivery.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.access.boundary.ClientAddresses;
import app.glimpse.imports.boundary.Originals;
import app.glimpse.platform.boundary.Attachments;
import app.glimpse.platform.boundary.Caller;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;

/**
 * The API's downloads of one photo ({@code GET /api/v1/photos/{id}/original|web}) under the event's
 * rules ({@link Delivery}). A bearer token has no session, so a guest sends the event's download
 * PIN with each request, in {@value #PIN_HEADER}; wrong PINs are counted per client like codes.
 */
@RequestScoped
public class DownloadResponses {

  static final String PIN_HEADER = "X-Glimpse-Download-Pin";

  @EJB Delivery delivery;
  @Inject Callers callers;
  @Inject ClientAddresses clients;
  @Inject HttpServletRequest request;

  Response original(long photoId, String pin) {
    Caller caller = callers.current();
    long eventId = delivery.eventOf(caller, photoId);
    boolean pinChecked = pin(caller, eventId, pin);
    Originals.Original original = delivery.original(caller, eventId, photoId, pinChecked);
    String name = safe(original.fileName(), photoId);
    String type = Originals.contentType(name);
    StreamingOutput body =
        out -> {
          try (InputStream in = original.content()) {
            in.transferTo(out);
          }
        };
    return attachment(Response.ok(body, type), name);
  }

  Response web(long photoId, String pin) {
    Caller caller = callers.current();
    long eventId = delivery.eventOf(caller, photoId);
    boolean pinChecked = pin(caller, eventId, pin);
    Delivery.WebImage web = delivery.web(caller, eventId, photoId, pinChecked);
    return attachment(Response.ok(web.jpeg(), "image/jpeg"), safe(web.fileName(), photoId));
  }

  private boolean pin(Caller caller, long eventId, String pin) {
    if (pin == null || caller.guestEventId() == null) {
      return false;
    }
    delivery.checkPin(caller, eventId, pin, clients.of(request));
    return true;
  }

  private static Response attachment(Response.ResponseBuilder response, String name) {
    return response
        .header("Content-Disposition", Attachments.header(name))
        .header("Cache-Control", "private, no-store")
        .header("X-Content-Type-Options", "nosniff")
        .build();
  }

  /** The file's own name without any folder, or one made from the id. */
  static String safe(String fileName, long photoId) {
    String name = fileName == null ? "" : fileName.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "_").strip();
    return name.isEmpty() || name.equals(".") || name.equals("..") ? "photo-" + photoId : name;
  }
}
