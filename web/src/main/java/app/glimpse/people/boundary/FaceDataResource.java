package app.glimpse.people.boundary;

import app.glimpse.access.boundary.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code DELETE /api/v1/events/{id}/faces}: an event's face data, deleted on request. */
@Path("events/{id}/faces")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class FaceDataResource {

  @EJB People people;
  @Inject Callers callers;

  @DELETE
  @RolesAllowed({"photographer", "owner"})
  @Operation(
      summary =
          "Delete every face, embedding and person of the event and switch face search off;"
              + " photos and previews stay")
  public Response delete(@PathParam("id") long id) {
    people.deleteFaceData(callers.current(), id);
    return Response.noContent().build();
  }
}
