package app.glimpse.events.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Who may see an event's photos outside the API, from the session: a guest holding the event's
 * pass, else a photographer of its studio signed in to the studio. For the servlets of the gallery
 * (search, downloads) that answer "not found" to everyone else.
 */
@RequestScoped
public class Visitors {

  @EJB Events events;
  @Inject GuestPasses passes;
  @Inject Callers callers;
  @Inject HttpServletRequest request;

  public Optional<Caller> of(long eventId) {
    Optional<Caller> guest = passes.guestOf(eventId);
    if (guest.isPresent() || request.getUserPrincipal() == null) {
      return guest;
    }
    Caller staff = callers.current();
    try {
      events.staffEvent(staff, eventId);
      return Optional.of(staff);
    } catch (ClientError notTheirs) {
      return Optional.empty();
    }
  }
}
