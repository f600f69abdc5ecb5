package app.glimpse.search.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.events.boundary.Events;
import app.glimpse.platform.ClientError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code POST /api/v1/events/{id}/search}: the photos a selfie's face appears in. The address and
 * its access rules are in place; until the event's faces are indexed and ranked it answers 503 with
 * a message saying so.
 */
@Path("events/{id}/search")
@SecurityRequirement(name = "bearer")
public class SearchResource {

  @EJB Events events;
  @Inject Callers callers;

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({"photographer", "owner", "guest"})
  @Operation(summary = "Search the event's photos with a selfie (multipart part \"selfie\")")
  public void search(@PathParam("id") long id) {
    events.visibleEvent(callers.current(), id);
    throw new ClientError(
        503, "search_unavailable", "Selfie search is not available on this server yet.");
  }
}
