package app.glimpse.delivery.boundary;

import app.glimpse.events.boundary.Visitors;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the gallery appends to a guest's image links ({@code ?v=<generation>}): thumbnails and
 * previews are cached for a year as immutable, so a new watermark must come under new addresses, or
 * a browser would mix the images it cached with the new ones. Staff see clean images, which never
 * change: nothing is appended for them. Looked up once per request and event.
 */
@RequestScoped
public class ImageVersions {

  @EJB Delivery delivery;
  @Inject Visitors visitors;

  private final Map<Long, String> suffixes = new HashMap<>();

  public String suffix(long eventId) {
    return suffixes.computeIfAbsent(eventId, this::lookUp);
  }

  private String lookUp(long eventId) {
    Optional<Caller> caller = visitors.of(eventId);
    if (caller.isEmpty() || caller.get().guestEventId() == null) {
      return "";
    }
    try {
      long version = delivery.terms(caller.get(), eventId).imageVersion();
      return version == 0 ? "" : "?v=" + version;
    } catch (ClientError gone) {
      return "";
    }
  }
}
