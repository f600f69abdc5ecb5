package app.glimpse.delivery.boundary;

import app.glimpse.access.boundary.Callers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/v1/events/{id}/delivery}: what the event's guests may download and the watermark they
 * see, for the event's staff.
 */
@Path("events/{id}/delivery")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@RolesAllowed({"photographer", "owner"})
public class EventDeliveryResource {

  private static final String SHAPE =
      "{\"downloads\":\"original\"|\"web\"|\"none\", \"watermark\":{\"text\":\"...\" or"
          + " \"logo\":true, \"position\":\"center\"|\"top-left\"|\"top-right\"|\"bottom-left\""
          + "|\"bottom-right\", \"size\":0.05..1 (of the image's width, default 0.3),"
          + " \"opacity\":0.05..1}|null, \"watermarkDownloads\":true|false (web-size downloads"
          + " carry the watermark), \"downloadPin\":\"...\" (a new PIN, 4 to 32 characters)"
          + " | true (keep the current one) | null or false (none)}.";

  private static final String EXAMPLE =
      "{\"downloads\":\"web\",\"watermark\":{\"text\":\"© Studio Lumen\","
          + "\"position\":\"bottom-right\",\"size\":0.3,\"opacity\":0.6},"
          + "\"watermarkDownloads\":true,\"downloadPin\":\"2468\"}";

  @EJB Delivery delivery;
  @Inject Callers callers;

  @GET
  @Operation(
      summary =
          "The event's delivery settings. The PIN is never sent back: \"downloadPin\" is true when"
              + " there is one. \"watermarkGeneration\" rises with every change of what guests see;"
              + " \"rendered\" tells whether the background render of it has finished (guests see"
              + " the current generation either way).")
  @APIResponse(
      responseCode = "200",
      description = "The settings",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              examples =
                  @ExampleObject(
                      name = "web size with a text watermark",
                      value =
                          "{\"downloads\":\"web\",\"watermark\":{\"text\":\"© Studio Lumen\","
                              + "\"position\":\"bottom-right\",\"size\":0.3,\"opacity\":0.6},"
                              + "\"watermarkDownloads\":true,\"downloadPin\":true,"
                              + "\"watermarkGeneration\":1,\"rendered\":true}")))
  @APIResponse(responseCode = "404", description = "Not an event of the caller's studio")
  public JsonObject get(@PathParam("id") long id) {
    return DeliveryJson.write(delivery.settings(callers.current(), id));
  }

  @PUT
  @Operation(
      summary =
          "Set what guests may download (originals, web size: longest side 2048 px JPEG, or"
              + " nothing), the watermark drawn into the previews and viewer images guests see"
              + " (never into originals; staff see clean previews; a change re-renders the"
              + " previews in the background, guests seeing only the new one), whether web-size"
              + " downloads carry it, and an optional download PIN (stored as a hash only)")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema =
                  @Schema(
                      type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT,
                      description = SHAPE),
              examples = @ExampleObject(name = "web size, text watermark, PIN", value = EXAMPLE)))
  @APIResponse(responseCode = "200", description = "The settings, as GET answers them")
  @APIResponse(
      responseCode = "400",
      description =
          "A field is missing or invalid: \"error\" is invalid_<field> (invalid_downloads,"
              + " invalid_watermark_position, invalid_watermark_opacity, invalid_download_pin ...),"
              + " the message starts with the field's path; invalid_watermark_logo when the"
              + " studio has no logo yet")
  @APIResponse(responseCode = "404", description = "Not an event of the caller's studio")
  public JsonObject put(@PathParam("id") long id, JsonObject body) {
    return DeliveryJson.write(delivery.change(callers.current(), id, DeliveryJson.read(body)));
  }
}
