package app.glimpse.photos.boundary;

import app.glimpse.access.boundary.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/v1/photos/{id}}: one photo, for its event's photographers: hidden from guests or
 * shown, or deleted.
 */
@Path("photos")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class PhotosResource {

  @EJB Curation curation;
  @Inject Callers callers;

  @PATCH
  @Path("{id}")
  @RolesAllowed({"photographer", "owner"})
  @Operation(
      summary =
          "Hide the photo from guests or show it again: {\"hidden\":true|false}; a hidden photo"
              + " is left out of guests' lists, searches, people and downloads")
  public PhotoPage.Item update(@PathParam("id") long id, @NotNull Change change) {
    if (change.hidden() == null) {
      throw app.glimpse.platform.boundary.ClientError.badRequest(
          "invalid_hidden", "Give hidden: true or false.");
    }
    return curation.hide(callers.current(), id, change.hidden());
  }

  @DELETE
  @Path("{id}")
  @RolesAllowed({"photographer", "owner"})
  @Operation(
      summary =
          "Delete the photo with its previews, faces and sets; an uploaded original is removed,"
              + " one in a server folder or Drive stays there (and later imports leave it out)")
  public Response delete(@PathParam("id") long id) {
    curation.delete(callers.current(), id);
    return Response.noContent().build();
  }

  /** {@code PATCH} body. */
  public record Change(Boolean hidden) {}
}
