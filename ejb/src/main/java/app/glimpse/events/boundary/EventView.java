package app.glimpse.events.boundary;

import app.glimpse.events.entity.Event;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An event as the API and the portal show it; never the access code or its hash ({@link
 * Events#accessCode} gives the studio the code). {@code accessClosedAt}: when the gallery was
 * closed, while it stays closed.
 */
public record EventView(
    long id,
    String name,
    LocalDate date,
    String slug,
    boolean guestAccess,
    Instant accessExpiresAt,
    boolean faceSearch,
    long photos,
    Instant createdAt,
    boolean peopleVisible,
    Instant accessClosedAt)
    implements Serializable {

  static EventView of(Event event, long photos) {
    return new EventView(
        event.getId(),
        event.getName(),
        event.getEventDate(),
        event.getSlug(),
        event.getAccessCodeHash() != null,
        event.getAccessExpiresAt(),
        event.isFaceSearch(),
        photos,
        event.getCreatedAt(),
        event.isPeopleVisible(),
        event.getAccessClosedAt());
  }
}
