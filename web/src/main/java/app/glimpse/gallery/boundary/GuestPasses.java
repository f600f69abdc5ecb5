package app.glimpse.gallery.boundary;

import app.glimpse.access.boundary.Caller;
import app.glimpse.events.boundary.Events;
import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The galleries this browser session has entered with their code, so a guest types the code once
 * per event and session. A pass ends with the event's access; the session cookie is HttpOnly and
 * SameSite=Lax (web.xml).
 */
@SessionScoped
public class GuestPasses implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Map<Long, Events.GuestPass> passes = new ConcurrentHashMap<>();

  public void add(Events.GuestPass pass) {
    passes.put(pass.eventId(), pass);
  }

  /** The guest's pass for the event behind {@code slug}, if it is still valid. */
  public Optional<Events.GuestPass> forSlug(String slug) {
    return passes.values().stream()
        .filter(pass -> pass.slug().equals(slug) && pass.validAt(Instant.now()))
        .findFirst();
  }

  /** The slug of event {@code eventId}, if this session holds its pass. */
  public Optional<String> slugOf(long eventId) {
    return Optional.ofNullable(passes.get(eventId)).map(Events.GuestPass::slug);
  }

  /** The guest of {@code eventId} as the boundaries know them, if this session holds a pass. */
  public Optional<Caller> guestOf(long eventId) {
    return Optional.ofNullable(passes.get(eventId))
        .filter(pass -> pass.validAt(Instant.now()))
        .map(Events.GuestPass::caller);
  }
}
