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
  @Operation(
      summary = "Enter a gallery: a guest token for the event's slug and code",
      description =
          "With \"name\" (1 to 100 characters) and optionally \"email\", the guest may heart"
              + " photos at once (PUT /events/{id}/favourites/{photoId}); the same name and e-mail"
              + " in another session get the same list back. A name or e-mail that does not pass"
              + " is a 400 naming the field: invalid_name, invalid_email.")
  public Events.GuestSession open(@NotNull Entry entry) {
    return events.openGuestSession(
        entry.slug(), entry.code(), clients.of(request), entry.name(), entry.email());
  }

  /**
   * The request: the gallery's slug and the code printed for the guests, and the guest's name and
   * e-mail if they give them (for their favourites).
   */
  public record Entry(String slug, String code, String name, String email) {}
}
