package app.glimpse.delivery.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.delivery.entity.StudioLogo;
import app.glimpse.platform.boundary.ClientError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/v1/studio/logo}: the caller's studio's logo, a PNG, as the watermark and the studio's
 * brand use it. The body is the PNG itself ({@code Content-Type: image/png}).
 */
@Path("studio/logo")
@SecurityRequirement(name = "bearer")
@RolesAllowed({"photographer", "owner"})
public class StudioLogoResource {

  @EJB StudioLogos logos;
  @Inject Callers callers;

  @PUT
  @Consumes({"image/png", MediaType.APPLICATION_OCTET_STREAM})
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Upload the studio's logo: a PNG of at most 1 MiB and 4000 px a side (the body is the"
              + " file). Watermarks showing the logo are drawn again.")
  @APIResponse(responseCode = "200", description = "{\"width\",\"height\",\"bytes\"}")
  @APIResponse(
      responseCode = "400",
      description = "invalid_logo: not a PNG, damaged, empty, or more than 4000 px a side")
  @APIResponse(responseCode = "413", description = "logo_too_large: more than 1 MiB")
  public Response put(InputStream body) {
    byte[] png = read(body);
    StudioLogos.Logo logo = logos.put(callers.current(), png);
    return Response.ok(
            jakarta.json.Json.createObjectBuilder()
                .add("width", logo.width())
                .add("height", logo.height())
                .add("bytes", logo.png().length)
                .build())
        .build();
  }

  @GET
  @Produces({"image/png", MediaType.APPLICATION_JSON})
  @Operation(summary = "The studio's logo as it was uploaded")
  @APIResponse(responseCode = "200", description = "The PNG")
  @APIResponse(responseCode = "404", description = "The studio has no logo")
  public Response get() {
    StudioLogos.Logo logo =
        logos.get(callers.current()).orElseThrow(() -> ClientError.notFound("logo"));
    return Response.ok(logo.png(), "image/png")
        .header("Cache-Control", "private, no-cache")
        .header("X-Content-Type-Options", "nosniff")
        .build();
  }

  @DELETE
  @Operation(
      summary = "Remove the studio's logo; watermarks showing it show nothing until a new one")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "404", description = "The studio has no logo")
  public Response delete() {
    logos.delete(callers.current());
    return Response.noContent().build();
  }

  /** The body, refused with 413 once it passes the logo's limit (never read further). */
  private static byte[] read(InputStream body) {
    try {
      byte[] png = body.readNBytes(StudioLogo.MAX_BYTES + 1);
      if (png.length > StudioLogo.MAX_BYTES) {
        throw new ClientError(
            413, "logo_too_large", "A logo may have at most 1 MiB (1048576 bytes).");
      }
      return png;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
