package app.glimpse.favourites.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/v1/events/{id}/favourites}: guests heart photos and submit their list; the studio
 * reads every list, marks the client and exports the lists (the selection limit is {@link
 * ProofingResource}'s). Guests need a name first ({@code POST /guest/sessions} with {@code
 * "name"}). Guests of another event and photographers of another studio get 404.
 */
@Path("events/{id}/favourites")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class FavouritesResource {

  static final String CSV = "text/csv; charset=UTF-8";
  static final String TEXT = "text/plain; charset=UTF-8";

  @EJB Favourites favourites;
  @Inject Callers callers;

  @GET
  @Produces({MediaType.APPLICATION_JSON, "text/csv", MediaType.TEXT_PLAIN})
  @RolesAllowed({"photographer", "owner", "guest"})
  @Operation(
      summary = "Favourites: a guest's own list, or every guest's lists for the studio",
      description =
          "A guest gets their own list: {\"photoIds\":[...],\"submitted\":false,\"submittedAt\","
              + "\"selectionLimit\",\"name\",\"email\"} (name null until they gave one). The"
              + " event's staff get {\"selectionLimit\",\"guests\":[{\"id\",\"name\",\"email\","
              + "\"client\",\"submitted\",\"submittedAt\",\"photoIds\"}],\"photos\":[{\"photoId\","
              + "\"fileName\",\"hearts\",\"client\"}]} (clients first; photos most hearted first),"
              + " or with format=csv a CSV file (guest, email, client, submitted, file name, photo"
              + " id, time; a line per heart; cells that could start a formula are prefixed with"
              + " an apostrophe), or with format=lightroom the original file names, one a line,"
              + " for Lightroom's or Capture One's filename filter: of guest={guestId} if given,"
              + " else of the clients' lists if any guest is marked client, else of every hearted"
              + " photo.")
  @APIResponse(responseCode = "200", description = "The list(s), as JSON, CSV or text")
  @APIResponse(responseCode = "400", description = "An unknown format")
  @APIResponse(responseCode = "403", description = "A guest asked for an export")
  @APIResponse(responseCode = "404", description = "No such event for this caller")
  public Response list(
      @PathParam("id") long id,
      @Parameter(
              description = "json (default), csv or lightroom (staff only)",
              schema =
                  @Schema(
                      type = SchemaType.STRING,
                      enumeration = {"json", "csv", "lightroom"}))
          @QueryParam("format")
          String format,
      @Parameter(description = "With format=lightroom: only this guest's list") @QueryParam("guest")
          Long guest) {
    Caller caller = callers.current();
    String chosen = format == null || format.isBlank() ? "json" : format;
    if (caller.isGuestOf(id)) {
      if (!chosen.equals("json")) {
        throw new ClientError(
            403, "staff_only", "Only the studio exports favourites; a guest gets their own list.");
      }
      return Response.ok(favourites.own(caller, id), MediaType.APPLICATION_JSON_TYPE).build();
    }
    return switch (chosen) {
      case "json" ->
          Response.ok(favourites.overview(caller, id), MediaType.APPLICATION_JSON_TYPE).build();
      case "csv" ->
          Response.ok(favourites.csv(caller, id), CSV)
              .header("Content-Disposition", "attachment; filename=\"favourites-" + id + ".csv\"")
              .build();
      case "lightroom" -> Response.ok(favourites.fileNames(caller, id, guest), TEXT).build();
      default ->
          throw ClientError.badRequest("invalid_format", "The format is json, csv or lightroom.");
    };
  }

  @PUT
  @Path("{photoId}")
  @RolesAllowed("guest")
  @Operation(summary = "Heart a photo (guest); hearting it again changes nothing")
  @APIResponse(responseCode = "204", description = "The photo is in the guest's list")
  @APIResponse(responseCode = "404", description = "No such event or photo for this guest")
  @APIResponse(
      responseCode = "409",
      description =
          "name_required (the guest has given no name yet), selection_limit (the list is full),"
              + " or submitted (the list is locked)")
  public Response heart(@PathParam("id") long id, @PathParam("photoId") long photoId) {
    favourites.heart(callers.current(), id, photoId);
    return Response.noContent().build();
  }

  @DELETE
  @Path("{photoId}")
  @RolesAllowed("guest")
  @Operation(summary = "Take the heart off a photo (guest)")
  @APIResponse(responseCode = "204", description = "The photo is not in the guest's list")
  @APIResponse(responseCode = "404", description = "No such event for this guest")
  @APIResponse(responseCode = "409", description = "name_required or submitted")
  public Response unheart(@PathParam("id") long id, @PathParam("photoId") long photoId) {
    favourites.unheart(callers.current(), id, photoId);
    return Response.noContent().build();
  }

  @POST
  @Path("submit")
  @RolesAllowed("guest")
  @Operation(
      summary = "Submit the guest's list to the photographer: it is locked from then on",
      description = "Submitting again answers the same list.")
  @APIResponse(
      responseCode = "200",
      description = "The guest's list, submitted",
      content = @Content(schema = @Schema(implementation = GuestList.class)))
  @APIResponse(responseCode = "409", description = "name_required, or nothing_to_submit")
  public GuestList submit(@PathParam("id") long id) {
    return favourites.submit(callers.current(), id);
  }

  @PUT
  @Path("guests/{guestId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({"photographer", "owner"})
  @Operation(
      summary = "Mark a guest as the client whose list counts, or not: {\"client\":true|false}")
  @APIResponse(responseCode = "200", description = "The guest's list, as the studio sees it")
  @APIResponse(responseCode = "404", description = "No such event or guest for this studio")
  public FavouritesOverview.GuestFavourites markClient(
      @PathParam("id") long id, @PathParam("guestId") long guestId, @NotNull ClientMark mark) {
    return favourites.markClient(callers.current(), id, guestId, mark.client());
  }

  /** {@code PUT /events/{id}/favourites/guests/{guestId}} body. */
  public record ClientMark(boolean client) {}
}
