package app.glimpse.imports.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.platform.ClientError;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
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
          "Google's redirect after consent: stores the connection of the photographer the state"
              + " names, then sends the browser back to Glimpse")
  public Response callback(
      @QueryParam("code") String code,
      @QueryParam("state") String state,
      @QueryParam("error") String error,
      @Context UriInfo uri,
      @Context HttpServletRequest request) {
    URI home = uri.getBaseUri().resolve(returnTo(request));
    try {
      accounts.callback(code, state, error);
      return Response.seeOther(uriWith(home, "drive=connected")).build();
    } catch (ClientError refused) {
      return Response.seeOther(uriWith(home, "drive=" + refused.error())).build();
    }
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

  private static URI uriWith(URI home, String query) {
    return URI.create(home + (home.getRawQuery() == null ? "?" : "&") + query);
  }

  /**
   * Where the portal asked to come back to after Google's consent (the event page the photographer
   * connected Drive from), taken from the session once; {@code /} otherwise. Only studio paths.
   */
  private static String returnTo(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object path = session == null ? null : session.getAttribute(RETURN_TO);
    if (session != null) {
      session.removeAttribute(RETURN_TO);
    }
    return path instanceof String p && p.matches("/studio/event\\.xhtml\\?id=\\d{1,18}") ? p : "/";
  }

  /** Where to send the browser to connect Drive. */
  public record Authorization(String url) {}

  /** A Drive folder for the folder picker. */
  public record Folder(String id, String name) {}
}
