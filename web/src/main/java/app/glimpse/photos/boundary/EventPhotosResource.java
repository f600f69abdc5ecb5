package app.glimpse.photos.boundary;

import app.glimpse.access.boundary.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code GET /api/v1/events/{id}/photos}: the event's photos, page by page. */
@Path("events/{id}/photos")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class EventPhotosResource {

  @EJB Photos photos;
  @Inject Callers callers;

  @GET
  @RolesAllowed({"photographer", "owner", "guest"})
  @Operation(summary = "A page of the event's photos in capture order")
  public PhotoPage photos(
      @PathParam("id") long id,
      @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    return photos.page(callers.current(), id, page, size);
  }
}
