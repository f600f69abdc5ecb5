package app.glimpse.search.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.access.boundary.ClientAddresses;
import app.glimpse.platform.boundary.ClientError;
import app.glimpse.platform.boundary.MemoryMultipart;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code POST /api/v1/events/{id}/search}: the photos a selfie's face appears in. The selfie comes
 * as the multipart part {@code selfie}; an optional {@code face} (part or query parameter) picks
 * another face of the selfie than the largest. Up to {@value Search#MAX_SELFIES} selfies of the
 * same person, as repeated {@code selfie} parts, make one search: {@code face} picks the face of
 * the first, each further one adds its largest usable face, and a photo scores its best match over
 * them. The body is read into memory only, never to disk.
 */
@Path("events/{id}/search")
@SecurityRequirement(name = "bearer")
public class SearchResource {

  @EJB Search search;
  @Inject Callers callers;
  @Inject ClientAddresses clients;
  @Context HttpServletRequest request;

  @Inject
  @ConfigProperty(name = "glimpse.search.max-selfie-bytes", defaultValue = "15000000")
  int maxSelfieBytes;

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({"photographer", "owner", "guest"})
  @Operation(
      summary =
          "Search the event's photos with a selfie (multipart part \"selfie\", optional \"face\")",
      description =
          "Repeat the part \"selfie\" to search with up to 3 photos of the same person at once:"
              + " \"face\" picks the face of the first, each further selfie adds its largest usable"
              + " face, and a photo scores its best match over them (\"selfies\" in the answer"
              + " says how many were used). More than 3: 400 too_many_selfies; a further selfie"
              + " without a usable face: 422 naming it (\"Selfie 2: ...\").")
  public SearchResult search(
      @PathParam("id") long id,
      @QueryParam("face") Integer face,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      InputStream body) {
    // each selfie may take the whole allowance, plus a little for the other parts and headers;
    // a few selfies too many still reach Search, which says how many it takes
    MemoryMultipart form =
        MemoryMultipart.read(
            contentType,
            body,
            Search.MAX_SELFIES * maxSelfieBytes + 64 * 1024,
            Set.of("selfie", "face"),
            2 * Search.MAX_SELFIES + 1);
    List<byte[]> selfies = form.parts("selfie");
    if (selfies.isEmpty()) {
      throw ClientError.badRequest("missing_selfie", "Send the photo in the part named selfie.");
    }
    form.refuseUnknown();
    // how many selfies one search takes is Search's rule (400 too_many_selfies)
    for (int i = 0; i < selfies.size(); i++) {
      if (selfies.get(i).length > maxSelfieBytes) {
        throw new ClientError(
            413,
            "too_large",
            (selfies.size() == 1 ? "The selfie" : "Selfie " + (i + 1))
                + " is larger than "
                + maxSelfieBytes / 1_000_000
                + " MB; send a smaller photo.");
      }
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
    return search.search(callers.current(), clients.of(request), id, selfies, pick);
  }
}
