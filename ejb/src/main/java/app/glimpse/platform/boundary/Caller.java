package app.glimpse.platform.boundary;

import java.io.Serializable;
import java.util.Set;

/**
 * Who is asking, as the REST and web layers learned it from the token or the session: a
 * photographer of a studio, or a guest of one event. Boundaries decide with it what the caller may
 * see.
 *
 * <p>A guest also carries the event's access generation from when they entered the code: the
 * boundaries let them in only while it is still the event's (see {@code Event.admitsGuest}), so a
 * new code or a closed gallery ends every earlier guest token and pass.
 */
public record Caller(
    String subject, Long studioId, Long guestEventId, Set<String> roles, Long accessGeneration)
    implements Serializable {

  public static final String OWNER = "owner";
  public static final String PHOTOGRAPHER = "photographer";
  public static final String GUEST = "guest";

  public Caller {
    roles = Set.copyOf(roles);
  }

  /** A photographer, or a guest without an access generation (let in nowhere). */
  public Caller(String subject, Long studioId, Long guestEventId, Set<String> roles) {
    this(subject, studioId, guestEventId, roles, null);
  }

  /** The guest of {@code eventId} who entered its code at access generation {@code generation}. */
  public static Caller guest(String subject, long eventId, long generation) {
    return new Caller(subject, null, eventId, Set.of(GUEST), generation);
  }

  public boolean isStaffOf(long studio) {
    return studioId != null
        && studioId == studio
        && (roles.contains(PHOTOGRAPHER) || roles.contains(OWNER));
  }

  /**
   * Whether the caller holds a guest pass for {@code event}; whether that pass still opens it is
   * the event's to say.
   */
  public boolean isGuestOf(long event) {
    return guestEventId != null && guestEventId == event && roles.contains(GUEST);
  }

  public boolean isOwner() {
    return studioId != null && roles.contains(OWNER);
  }

  public long photographerId() {
    return Long.parseLong(subject);
  }
}
