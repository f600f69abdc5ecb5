package app.glimpse.people.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.photos.boundary.PhotoPage;
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
 * {@code /api/v1/events/{id}/people}: who appears in the event's photos, their photos, and the
 * photographer's corrections (rename, hide, merge, move faces, regroup).
 */
@Path("events/{id}/people")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class PeopleResource {

  @EJB People people;
  @Inject Callers callers;

  @GET
  @RolesAllowed({"photographer", "owner", "guest"})
  @Operation(summary = "The event's people, those in most photos first")
  public List<PersonView> list(@PathParam("id") long id) {
    return people.list(callers.current(), id);
  }

  @GET
  @Path("{pid}/photos")
  @RolesAllowed({"photographer", "owner", "guest"})
  @Operation(summary = "A page of the photos a person appears in, in capture order")
  public PhotoPage photos(
      @PathParam("id") long id,
      @PathParam("pid") long pid,
      @QueryParam("page") @DefaultValue("0") int page,
      @QueryParam("size") @DefaultValue("50") int size) {
    return people.photos(callers.current(), id, pid, page, size);
  }

  @PATCH
  @Path("{pid}")
  @RolesAllowed({"photographer", "owner"})
  @Operation(summary = "Rename (an empty name removes it) or hide/show a person")
  public PersonView update(
      @PathParam("id") long id, @PathParam("pid") long pid, @NotNull Change change) {
    return people.update(callers.current(), id, pid, change.name(), change.hidden());
  }

  @POST
  @Path("{pid}/merge")
  @RolesAllowed({"photographer", "owner"})
  @Operation(summary = "Merge other people into this one: {\"people\":[ids]}")
  public PersonView merge(
      @PathParam("id") long id, @PathParam("pid") long pid, @NotNull Merge merge) {
    return people.merge(
        callers.current(), id, pid, merge.people() == null ? List.of() : merge.people());
  }

  @POST
  @Path("{pid}/faces")
  @RolesAllowed({"photographer", "owner"})
  @Operation(summary = "Move faces to this person: {\"faces\":[face ids]}")
  public PersonView move(
      @PathParam("id") long id, @PathParam("pid") long pid, @NotNull Faces faces) {
    return people.move(
        callers.current(), id, pid, faces.faces() == null ? List.of() : faces.faces());
  }

  @POST
  @RolesAllowed({"photographer", "owner"})
  @Operation(summary = "Split faces off into a new person: {\"faces\":[face ids]}")
  public PersonView split(@PathParam("id") long id, @NotNull Faces faces) {
    return people.move(
        callers.current(), id, null, faces.faces() == null ? List.of() : faces.faces());
  }

  @POST
  @Path("regroup")
  @RolesAllowed({"photographer", "owner"})
  @Operation(summary = "Group the event's faces again from scratch; corrections stay")
  public List<PersonView> regroup(@PathParam("id") long id) {
    return people.regroup(callers.current(), id);
  }

  /** {@code PATCH} body: fields left out stay as they are. */
  public record Change(String name, Boolean hidden) {}

  /** {@code merge} body. */
  public record Merge(List<Long> people) {}

  /** {@code faces} and split body. */
  public record Faces(List<Long> faces) {}
}
