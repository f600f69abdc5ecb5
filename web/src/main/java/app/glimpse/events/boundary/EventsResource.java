package app.glimpse.events.boundary;

import app.glimpse.access.boundary.Callers;
import app.glimpse.platform.boundary.ClientError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code /api/v1/events}: a studio's events and their guest access. The event's imports, uploads,
 * photos, people and search are served by the resources of those areas under {@code
 * events/{id}/...}.
 */
@Path("events")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class EventsResource {

  @EJB Events events;
  @Inject Callers callers;

  @POST
  @RolesAllowed({"photographer", "owner"})
  @Operation(summary = "Create an event")
  public Response create(@NotNull NewEvent request, @jakarta.ws.rs.core.Context UriInfo uri) {
    EventView created = events.create(callers.current(), request.name(), request.date());
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.id())).build())
        .entity(new Created(created.id(), created.slug()))
        .build();
  }

  @GET
  @RolesAllowed({"photographer", "owner"})
  @Operation(summary = "The events of the caller's studio, newest first")
  public List<EventView> list() {
    return events.list(callers.current());
  }

  @GET
  @Path("{id}")
  @RolesAllowed({"photographer", "owner", "guest"})
  @Operation(summary = "One event")
  public EventView get(@PathParam("id") long id) {
    return events.get(callers.current(), id);
  }

  @PATCH
  @Path("{id}")
  @RolesAllowed({"photographer", "owner"})
  @Operation(
      summary =
          "Change the event: {\"name\"?,\"date\"?,\"coverPhotoId\"?}; fields left out stay,"
              + " a null date or coverPhotoId clears it (the first photo is the cover again)")
  @RequestBody(
      content =
          @Content(
              schema = @Schema(implementation = EventChange.class),
              examples = @ExampleObject(name = "cover", value = "{\"coverPhotoId\": 1250}")))
  public EventView patch(@PathParam("id") long id, @NotNull JsonObject change) {
    String name = null;
    if (change.containsKey("name")) {
      if (change.get("name").getValueType() != JsonValue.ValueType.STRING) {
        throw ClientError.badRequest("invalid_name", "name is a text of 1 to 200 characters.");
      }
      name = change.getString("name");
    }
    LocalDate date = null;
    if (change.containsKey("date") && !change.isNull("date")) {
      try {
        date = LocalDate.parse(change.getString("date"));
      } catch (ClassCastException | java.time.format.DateTimeParseException e) {
        throw ClientError.badRequest("invalid_date", "date is a day as 2026-06-20, or null.");
      }
    }
    Long cover = null;
    if (change.containsKey("coverPhotoId") && !change.isNull("coverPhotoId")) {
      if (!(change.get("coverPhotoId") instanceof JsonNumber number) || !number.isIntegral()) {
        throw ClientError.badRequest(
            "invalid_cover", "coverPhotoId is the id of one of the event's photos, or null.");
      }
      cover = number.longValue();
    }
    return events.patch(
        callers.current(),
        id,
        name,
        change.containsKey("date"),
        date,
        change.containsKey("coverPhotoId"),
        cover);
  }

  /**
   * What {@code PATCH /events/{id}} takes, for the OpenAPI document: every field may be left out.
   */
  public record EventChange(String name, LocalDate date, Long coverPhotoId) {}

  @DELETE
  @Path("{id}")
  @RolesAllowed({"photographer", "owner"})
  @Operation(
      summary =
          "Delete the event with its photos, previews, faces, people and uploaded originals;"
              + " originals in server folders and Drive stay")
  public Response delete(@PathParam("id") long id) {
    events.delete(callers.current(), id);
    return Response.noContent().build();
  }

  @PUT
  @Path("{id}/access")
  @RolesAllowed({"photographer", "owner"})
  @Operation(
      summary =
          "Set the guest access code, its expiry, whether guests may search by selfie"
              + " and whether they may browse the people")
  public EventView setAccess(@PathParam("id") long id, @NotNull Access access) {
    EventView view =
        events.setGuestAccess(
            callers.current(),
            id,
            access.code(),
            access.expiresAt(),
            access.faceSearch() == null || access.faceSearch());
    if (access.peopleVisible() != null) {
      view = events.showPeopleToGuests(callers.current(), id, access.peopleVisible());
    }
    return view;
  }

  @DELETE
  @Path("{id}/access")
  @RolesAllowed({"photographer", "owner"})
  @Operation(
      summary =
          "Close the gallery: the code stops working and every guest token and gallery pass ends")
  public EventView closeAccess(@PathParam("id") long id) {
    return events.closeGuestAccess(callers.current(), id);
  }

  /** {@code POST /events} body. */
  public record NewEvent(String name, LocalDate date) {}

  /** What creating an event answers: its id and slug. */
  public record Created(long id, String slug) {}

  /** {@code PUT /events/{id}/access} body. */
  public record Access(String code, Instant expiresAt, Boolean faceSearch, Boolean peopleVisible) {}
}
