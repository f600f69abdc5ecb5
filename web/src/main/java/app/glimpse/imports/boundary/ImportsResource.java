package app.glimpse.imports.boundary;

import app.glimpse.access.boundary.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /api/v1/imports/{id}}: an import's progress, stopping and restarting it. */
@Path("imports")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class ImportsResource {

  @EJB Imports imports;
  @Inject Callers callers;

  @GET
  @Path("{id}")
  @RolesAllowed({"photographer", "owner"})
  @Operation(summary = "An import's status and counts")
  public ImportView get(@PathParam("id") long id) {
    return imports.get(callers.current(), id);
  }

  @POST
  @Path("{id}/stop")
  @RolesAllowed({"photographer", "owner"})
  @Operation(summary = "Stop an import; restart it later to go on")
  public ImportView stop(@PathParam("id") long id) {
    return imports.stop(callers.current(), id);
  }

  @POST
  @Path("{id}/restart")
  @RolesAllowed({"photographer", "owner"})
  @Operation(summary = "Restart a stopped or failed import where it was")
  public ImportView restart(@PathParam("id") long id) {
    return imports.restart(callers.current(), id);
  }

  @GET
  @Path("{id}/failures")
  @RolesAllowed({"photographer", "owner"})
  @Operation(summary = "The files of an import that could not be indexed, with their reasons")
  public List<Imports.FailedFile> failures(@PathParam("id") long id) {
    return imports.failures(callers.current(), id);
  }
}
