package app.glimpse.photos.boundary;

import app.glimpse.access.boundary.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/v1/events/{id}/sets}: the event's sets ("Ceremony", "Reception"), each a named group
 * of its photos; {@code GET /api/v1/events/{id}/photos?set={setId}} lists a set's photos.
 */
@Path("events/{id}/sets")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class SetsResource {

  @EJB PhotoSets sets;
  @Inject Callers callers;

  @GET
  @RolesAllowed({"photographer", "owner", "guest"})
  @Operation(
      summary =
          "The event's sets in their order: [{\"id\",\"name\",\"photos\"}], photos being how many"
              + " the caller sees; guests get only sets with a photo")
  public List<SetView> list(@PathParam("id") long id) {
    return sets.list(callers.current(), id);
  }

  @POST
  @RolesAllowed({"photographer", "owner"})
  @Operation(summary = "Make a set, last in the order: {\"name\",\"photoIds\"}")
  public Response create(@PathParam("id") long id, @NotNull NewSet request, @Context UriInfo uri) {
    SetView created = sets.create(callers.current(), id, request.name(), request.photoIds());
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
        .entity(created)
        .build();
  }

  @PATCH
  @Path("{setId}")
  @RolesAllowed({"photographer", "owner"})
  @Operation(
      summary =
          "Change a set: {\"name\"?,\"position\"?,\"photoIds\"?,\"add\"?,\"remove\"?}; position"
              + " from 0 moves it in the order, photoIds replaces its photos, add and remove"
              + " change some")
  public SetView update(
      @PathParam("id") long id, @PathParam("setId") long setId, @NotNull Change change) {
    return sets.update(
        callers.current(),
        id,
        setId,
        change.name(),
        change.position(),
        change.photoIds(),
        change.add(),
        change.remove());
  }

  @DELETE
  @Path("{setId}")
  @RolesAllowed({"photographer", "owner"})
  @Operation(summary = "Delete a set; its photos stay in the event")
  public Response delete(@PathParam("id") long id, @PathParam("setId") long setId) {
    sets.delete(callers.current(), id, setId);
    return Response.noContent().build();
  }

  /** {@code POST} body. */
  public record NewSet(String name, List<Long> photoIds) {}

  /** {@code PATCH} body: fields left out stay as they are. */
  public record Change(
      String name, Integer position, List<Long> photoIds, List<Long> add, List<Long> remove) {}
}
