package app.glimpse.photos.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.platform.boundary.ClientError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code GET /api/v1/events/{id}/photos}: the event's photos, page by page, of one set if asked;
 * and the photographer's changes to many of them at once.
 */
@Path("events/{id}/photos")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class EventPhotosResource {

  @EJB Photos photos;
  @EJB Curation curation;
  @Inject Callers callers;

  @GET
  @RolesAllowed({"photographer", "owner", "guest"})
  @Operation(
      summary =
          "A page of the event's photos in capture order (of set {set} if given); guests do not"
              + " get hidden photos, staff get them with \"hidden\":true")
  public PhotoPage photos(
      @PathParam("id") long id,
      @QueryParam("set") Long set,
      @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    return photos.page(callers.current(), id, set, page, size);
  }

  @PATCH
  @RolesAllowed({"photographer", "owner"})
  @Operation(
      summary =
          "Hide or show many photos: {\"photoIds\":[...],\"hidden\":true|false} -> {\"photos\":n},"
              + " how many of them are the event's")
  public Changed hide(@PathParam("id") long id, @NotNull Selection selection) {
    if (selection.hidden() == null) {
      throw ClientError.badRequest("invalid_hidden", "Give hidden: true or false.");
    }
    return new Changed(curation.hide(callers.current(), id, ids(selection), selection.hidden()));
  }

  @POST
  @Path("deletions")
  @RolesAllowed({"photographer", "owner"})
  @Operation(summary = "Delete many photos: {\"photoIds\":[...]} -> {\"photos\":n}")
  public Changed delete(@PathParam("id") long id, @NotNull Selection selection) {
    return new Changed(curation.delete(callers.current(), id, ids(selection)));
  }

  private static List<Long> ids(Selection selection) {
    return selection.photoIds() == null ? List.of() : selection.photoIds();
  }

  /** The photos a change is for. */
  public record Selection(List<Long> photoIds, Boolean hidden) {}

  /** How many photos a change touched. */
  public record Changed(int photos) {}
}
