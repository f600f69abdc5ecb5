package app.glimpse.favourites.boundary;

import app.glimpse.access.boundary.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/v1/events/{id}/proofing}: the event's proofing settings, the selection limit (the
 * most photos a guest may heart). A resource of its own: a root resource at {@code events/{id}}
 * would take every path below it from {@code EventsResource}.
 */
@Path("events/{id}/proofing")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class ProofingResource {

  @EJB Favourites favourites;
  @Inject Callers callers;

  @GET
  @RolesAllowed({"photographer", "owner", "guest"})
  @Operation(summary = "The event's proofing settings: {\"selectionLimit\":40|null}")
  public ProofingView proofing(@PathParam("id") long id) {
    return favourites.proofing(callers.current(), id);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({"photographer", "owner"})
  @Operation(
      summary =
          "Set the most photos a guest may heart: {\"selectionLimit\":40} (1 to 10000), or null"
              + " for no limit; lists already longer stay, and take no more hearts")
  @APIResponse(responseCode = "200", description = "The settings")
  @APIResponse(responseCode = "400", description = "invalid_selection_limit")
  public ProofingView setProofing(@PathParam("id") long id, @NotNull ProofingView settings) {
    return favourites.limitSelection(callers.current(), id, settings.selectionLimit());
  }
}
