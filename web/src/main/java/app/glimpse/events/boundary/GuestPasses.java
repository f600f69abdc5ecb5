package app.glimpse.events.boundary;

import app.glimpse.platform.boundary.Caller;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The galleries this browser session has entered with their code, so a guest types the code once
 * per event and session. A pass is checked with the event on every use ({@link Events#admits}): it
 * ends when access expires, closes or gets a new code, and is then dropped. The session cookie is
 * HttpOnly and SameSite=Lax (web.xml).
 */
@SessionScoped
public class GuestPasses implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB Events events;

  private final Map<Long, Events.GuestPass> passes = new ConcurrentHashMap<>();

  public void add(Events.GuestPass pass) {
    passes.put(pass.eventId(), pass);
  }

  /** The guest's pass for the event behind {@code slug}, if it still opens the event. */
  public Optional<Events.GuestPass> forSlug(String slug) {
    return passes.values().stream()
        .filter(pass -> pass.slug().equals(slug))
        .findFirst()
        .filter(this::admitted);
  }

  /** The slug of event {@code eventId}, if this session holds its pass. */
  public Optional<String> slugOf(long eventId) {
    return Optional.ofNullable(passes.get(eventId)).map(Events.GuestPass::slug);
  }

  /** The guest of {@code eventId} as the boundaries know them, if their pass still opens it. */
  public Optional<Caller> guestOf(long eventId) {
    return Optional.ofNullable(passes.get(eventId))
        .filter(this::admitted)
        .map(Events.GuestPass::caller);
  }

  /** Whether {@code pass} still opens its event; a pass that no longer does is forgotten. */
  public boolean admitted(Events.GuestPass pass) {
    if (events.admits(pass.caller(), pass.eventId())) {
      return true;
    }
    passes.remove(pass.eventId(), pass);
    return false;
  }
}
