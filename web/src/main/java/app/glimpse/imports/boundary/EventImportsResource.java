package app.glimpse.imports.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.platform.boundary.ClientError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code POST /api/v1/events/{id}/imports}: imports a server folder or a Drive folder into the
 * event; uploads have {@link UploadsResource}, a running import {@link ImportsResource}.
 */
@Path("events/{id}/imports")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class EventImportsResource {

  @EJB Imports imports;
  @Inject Callers callers;

  @POST
  @RolesAllowed({"photographer", "owner"})
  @Operation(
      summary =
          "Start an import: {\"source\":\"folder\",\"path\":\"/abs/dir\"} or"
              + " {\"source\":\"drive\",\"folderId\":\"...\",\"includeSubfolders\":true}")
  public Response startImport(@PathParam("id") long id, @NotNull NewImport request) {
    ImportView started;
    if ("folder".equals(request.source())) {
      started = imports.importFolder(callers.current(), id, request.path());
    } else if ("drive".equals(request.source())) {
      started =
          imports.importDrive(
              callers.current(),
              id,
              request.folderId(),
              Boolean.TRUE.equals(request.includeSubfolders()));
    } else {
      throw ClientError.badRequest(
          "unsupported_source",
          "source must be \"folder\" or \"drive\"; uploads have their own call.");
    }
    return Response.accepted(new Started(started.id())).build();
  }

  /** {@code POST /events/{id}/imports} body. */
  public record NewImport(String source, String path, String folderId, Boolean includeSubfolders) {}

  /** What starting an import answers: the import's id, to follow at {@code /imports/{id}}. */
  public record Started(long id) {}
}
