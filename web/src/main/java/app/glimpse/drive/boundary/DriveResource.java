package app.glimpse.drive.boundary;

import app.glimpse.access.boundary.Callers;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/v1/drive}: the caller's Google Drive connection (OAuth 2.0 web-server flow) and its
 * folders, for the Drive import ({@code POST /events/{id}/imports} with {@code "source":"drive"}).
 */
@Path("drive")
@Produces(MediaType.APPLICATION_JSON)
public class DriveResource {

  @EJB DriveAccounts accounts;
  @Inject Callers callers;

  @GET
  @RolesAllowed({"photographer", "owner"})
  @SecurityRequirement(name = "bearer")
  @Operation(summary = "Whether Drive is configured, and the caller's connected account")
  public DriveAccounts.DriveStatus status() {
    return accounts.status(callers.current());
  }

  @GET
  @Path("authorize")
  @RolesAllowed({"photographer", "owner"})
  @SecurityRequirement(name = "bearer")
  @Operation(
      summary =
          "The Google URL that asks the caller for read-only Drive access; open it in the browser."
              + " Google comes back to /drive/callback.")
  public Authorization authorize(@Context UriInfo uri) {
    String callback = uri.getBaseUriBuilder().path("drive").path("callback").build().toString();
    return new Authorization(accounts.authorize(callers.current(), callback));
  }

  /** Session attribute: the portal page to return to after Google's consent. */
  static final String RETURN_TO = "app.glimpse.drive.returnTo";

  @GET
  @Path("callback")
  @PermitAll
  @Operation(
      summary =
          "Google's redirect after consent: sends the browser on to the portal"
              + " (/studio/drive/callback), which connects the Drive if the browser is signed in as"
              + " the photographer who asked (else it signs in first), then back to Glimpse")
  public Response callback(@Context UriInfo uri, @Context HttpServletRequest request) {
    // the API looks at no session; the portal's servlet does, so the consent is finished only by
    // the photographer who started it (DriveAccounts.callback)
    String query = request.getQueryString();
    return Response.seeOther(
            uri.getBaseUri()
                .resolve(
                    request.getContextPath()
                        + DriveCallback.PATH
                        + (query == null ? "" : "?" + query)))
        .build();
  }

  @GET
  @Path("folders")
  @RolesAllowed({"photographer", "owner"})
  @SecurityRequirement(name = "bearer")
  @Operation(summary = "The sub-folders of a Drive folder (parent: a folder id; none: My Drive)")
  public List<Folder> folders(@QueryParam("parent") String parent) {
    return accounts.folders(callers.current(), parent).stream()
        .map(folder -> new Folder(folder.id(), folder.name()))
        .toList();
  }

  @DELETE
  @RolesAllowed({"photographer", "owner"})
  @SecurityRequirement(name = "bearer")
  @Operation(summary = "Forget the caller's Drive connection")
  public Response disconnect() {
    accounts.disconnect(callers.current());
    return Response.noContent().build();
  }

  /** Where to send the browser to connect Drive. */
  public record Authorization(String url) {}

  /** A Drive folder for the folder picker. */
  public record Folder(String id, String name) {}
}
