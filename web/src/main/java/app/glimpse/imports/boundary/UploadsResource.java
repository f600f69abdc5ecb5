package app.glimpse.imports.boundary;

import app.glimpse.access.boundary.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code POST /api/v1/events/{id}/uploads}: many photos at once as multipart form data (any part
 * with a file name), streamed part by part into the event's upload folder and imported like a
 * server folder. Originals are kept: they are the only copy. Files that are not images (by content)
 * or are too large are skipped with a reason; the others are imported.
 */
@Path("events/{id}/uploads")
@SecurityRequirement(name = "bearer")
public class UploadsResource {

  @Inject UploadReceiver receiver;
  @Inject Callers callers;

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({"photographer", "owner"})
  @Operation(summary = "Upload photos (multipart, any number of file parts) and import them")
  public Response upload(
      @PathParam("id") long id,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body) {
    return Response.accepted(receiver.receive(callers.current(), id, contentType, body)).build();
  }
}
