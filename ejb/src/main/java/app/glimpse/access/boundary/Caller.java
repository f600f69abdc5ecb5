package app.glimpse.access.boundary;

import java.io.Serializable;
import java.util.Set;

/**
 * Who is asking, as the REST and web layers learned it from the token or the session: a
 * photographer of a studio, or a guest of one event. Boundaries decide with it what the caller may
 * see.
 */
public record Caller(String subject, Long studioId, Long guestEventId, Set<String> roles)
    implements Serializable {

  public static final String OWNER = "owner";
  public static final String PHOTOGRAPHER = "photographer";
  public static final String GUEST = "guest";

  public Caller {
    roles = Set.copyOf(roles);
  }

  public boolean isStaffOf(long studio) {
    return studioId != null
        && studioId == studio
        && (roles.contains(PHOTOGRAPHER) || roles.contains(OWNER));
  }

  public boolean isGuestOf(long event) {
    return guestEventId != null && guestEventId == event && roles.contains(GUEST);
  }

  public long photographerId() {
    return Long.parseLong(subject);
  }
}
