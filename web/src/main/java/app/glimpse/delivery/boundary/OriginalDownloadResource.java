package app.glimpse.delivery.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code GET /api/v1/photos/{id}/original}: the original as it was imported, as an attachment. */
@Path("photos/{id}/original")
@SecurityRequirement(name = "bearer")
@RolesAllowed({"photographer", "owner", "guest"})
public class OriginalDownloadResource {

  @Inject DownloadResponses downloads;

  @GET
  @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
  @Operation(
      summary =
          "Download the original (staff always; a guest when the event's downloads are"
              + " \"original\", with the download PIN if it has one)")
  @APIResponse(responseCode = "200", description = "The original file, byte for byte")
  @APIResponse(
      responseCode = "403",
      description =
          "For guests: downloads_off (\"none\"), originals_off (\"web\": use /web),"
              + " pin_required (no PIN sent), wrong_pin")
  @APIResponse(
      responseCode = "404",
      description = "No such photo, or one of an event the caller may not see")
  @APIResponse(responseCode = "409", description = "original_unavailable: it cannot be read")
  @APIResponse(responseCode = "429", description = "too_many_attempts: too many wrong PINs")
  public Response original(
      @PathParam("id") long id,
      @HeaderParam(DownloadResponses.PIN_HEADER)
          @Parameter(
              in = ParameterIn.HEADER,
              description =
                  "The event's download PIN, for guests of an event that has one (a bearer token"
                      + " has no session: send it with each download)")
          String pin) {
    return downloads.original(id, pin);
  }
}
