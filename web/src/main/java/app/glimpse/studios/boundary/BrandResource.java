package app.glimpse.studios.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.platform.boundary.ClientError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/v1/studio/brand}: how the studio shows itself to guests (name, accent colour) on the
 * code page, the gallery and the printed card. Its photographers read it; its owner changes it.
 */
@Path("studio/brand")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class BrandResource {

  @EJB Brand brand;
  @Inject Callers callers;

  @GET
  @RolesAllowed({"photographer", "owner"})
  @Operation(summary = "The studio's brand: {\"name\",\"accentColor\"}")
  public StudioBrand get() {
    return brand.get(callers.current());
  }

  @PUT
  @RolesAllowed("owner")
  @Operation(
      summary =
          "Change the brand (owner only): {\"name\"?,\"accentColor\"?}; accentColor is #rrggbb"
              + " that keeps white text at 4.5:1, or null for Glimpse's blue; fields left out stay")
  @RequestBody(content = @Content(schema = @Schema(implementation = StudioBrand.class)))
  public StudioBrand update(@NotNull JsonObject change) {
    String name = null;
    if (change.containsKey("name")) {
      if (change.get("name").getValueType() != JsonValue.ValueType.STRING) {
        throw ClientError.badRequest("invalid_name", "name is a text of 1 to 200 characters.");
      }
      name = change.getString("name");
    }
    String accent = null;
    if (change.containsKey("accentColor") && !change.isNull("accentColor")) {
      if (change.get("accentColor").getValueType() != JsonValue.ValueType.STRING) {
        throw ClientError.badRequest(
            "invalid_accent_color", "accentColor is a colour as #rrggbb, or null.");
      }
      accent = change.getString("accentColor");
    }
    return brand.update(callers.current(), name, change.containsKey("accentColor"), accent);
  }
}
