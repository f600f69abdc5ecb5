package app.glimpse.delivery.boundary;

import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events whose download PIN the guest entered in this browser session: asked once per session,
 * never kept itself.
 */
@SessionScoped
public class DownloadPins implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Set<Long> unlocked = ConcurrentHashMap.newKeySet();

  public boolean unlocked(long eventId) {
    return unlocked.contains(eventId);
  }

  void unlock(long eventId) {
    unlocked.add(eventId);
  }
}
