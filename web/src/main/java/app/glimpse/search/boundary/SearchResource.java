package app.glimpse.search.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.platform.ClientError;
import app.glimpse.platform.boundary.MemoryMultipart;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code POST /api/v1/events/{id}/search}: the photos a selfie's face appears in. The selfie comes
 * as the multipart part {@code selfie}; an optional {@code face} (part or query parameter) picks
 * another face of the selfie than the largest. The body is read into memory only, never to disk.
 */
@Path("events/{id}/search")
@SecurityRequirement(name = "bearer")
public class SearchResource {

  @EJB Search search;
  @Inject Callers callers;

  @Inject
  @ConfigProperty(name = "glimpse.search.max-selfie-bytes", defaultValue = "15000000")
  int maxSelfieBytes;

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({"photographer", "owner", "guest"})
  @Operation(
      summary =
          "Search the event's photos with a selfie (multipart part \"selfie\", optional \"face\")")
  public SearchResult search(
      @PathParam("id") long id,
      @QueryParam("face") Integer face,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body) {
    MemoryMultipart form = MemoryMultipart.read(contentType, body, maxSelfieBytes + 64 * 1024);
    byte[] selfie = form.part("selfie");
    if (selfie == null) {
      throw ClientError.badRequest("missing_selfie", "Send the photo in the part named selfie.");
    }
    Integer pick = face;
    String facePart = form.text("face");
    if (pick == null && facePart != null && !facePart.isEmpty()) {
      try {
        pick = Integer.valueOf(facePart);
      } catch (NumberFormatException e) {
        throw ClientError.badRequest("invalid_face", "face is the number of a face, from 0.");
      }
    }
    return search.search(callers.current(), id, selfie, pick);
  }
}
