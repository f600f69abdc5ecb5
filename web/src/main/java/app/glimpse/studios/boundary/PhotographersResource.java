package app.glimpse.studios.boundary;

import app.glimpse.access.boundary.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /api/v1/studio/photographers}: the studio owner manages the studio's photographers. */
@Path("studio/photographers")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@RolesAllowed("owner")
public class PhotographersResource {

  @EJB Team team;
  @Inject Callers callers;

  @GET
  @Operation(summary = "The studio's photographers (owner only)")
  public List<TeamMember> list() {
    return team.list(callers.current());
  }

  @POST
  @Operation(
      summary =
          "Add a photographer to the studio (owner only): {\"email\",\"displayName\",\"password\"};"
              + " without a password one is generated and answered once as \"password\"")
  public Response add(@NotNull NewPhotographer request, @Context UriInfo uri) {
    Team.Added added =
        team.add(callers.current(), request.email(), request.displayName(), request.password());
    TeamMember member = added.member();
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(member.id())).build())
        .entity(
            new Added(
                member.id(),
                member.email(),
                member.displayName(),
                member.role(),
                member.createdAt(),
                added.generatedPassword()))
        .build();
  }

  @DELETE
  @Path("{id}")
  @Operation(
      summary =
          "Remove a photographer from the studio (owner only, never the owner's own account);"
              + " the studio's events stay")
  public Response remove(@PathParam("id") long id) {
    team.remove(callers.current(), id);
    return Response.noContent().build();
  }

  /** {@code POST} body; {@code password} is optional. */
  public record NewPhotographer(String email, String displayName, String password) {}

  /** {@code POST} answer: the account, and the generated password if Glimpse made one up. */
  public record Added(
      long id, String email, String displayName, String role, Instant createdAt, String password) {}
}
