package app.glimpse.delivery.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code GET /api/v1/photos/{id}/web}: the photo in web size, as an attachment. */
@Path("photos/{id}/web")
@SecurityRequirement(name = "bearer")
@RolesAllowed({"photographer", "owner", "guest"})
public class WebDownloadResource {

  @Inject DownloadResponses downloads;

  @GET
  @Produces({"image/jpeg", "application/json"})
  @Operation(
      summary =
          "Download the web size: longest side 2048 px (never enlarged), JPEG, turned upright;"
              + " for guests with the watermark when the event's watermarkDownloads says so"
              + " (staff always, clean; guests when downloads are \"original\" or \"web\", with"
              + " the download PIN if the event has one)")
  @APIResponse(responseCode = "200", description = "A JPEG")
  @APIResponse(
      responseCode = "403",
      description = "For guests: downloads_off (\"none\"), pin_required, wrong_pin")
  @APIResponse(
      responseCode = "404",
      description = "No such photo, or one of an event the caller may not see")
  @APIResponse(responseCode = "429", description = "too_many_attempts: too many wrong PINs")
  public Response web(
      @PathParam("id") long id,
      @HeaderParam(DownloadResponses.PIN_HEADER)
          @Parameter(
              in = ParameterIn.HEADER,
              description =
                  "The event's download PIN, for guests of an event that has one (a bearer token"
                      + " has no session: send it with each download)")
          String pin) {
    return downloads.web(id, pin);
  }
}
