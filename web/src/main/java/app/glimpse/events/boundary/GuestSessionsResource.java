package app.glimpse.events.boundary;

import app.glimpse.access.boundary.ClientAddresses;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code POST /api/v1/guest/sessions}: a guest token for one event, for its slug and access code.
 */
@Path("guest/sessions")
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class GuestSessionsResource {

  @EJB Events events;
  @Inject ClientAddresses clients;
  @Context HttpServletRequest request;

  @POST
  @Operation(summary = "Enter a gallery: a guest token for the event's slug and code")
  public Events.GuestSession open(@NotNull Entry entry) {
    return events.openGuestSession(entry.slug(), entry.code(), clients.of(request));
  }

  /** The request: the gallery's slug and the code printed for the guests. */
  public record Entry(String slug, String code) {}
}
