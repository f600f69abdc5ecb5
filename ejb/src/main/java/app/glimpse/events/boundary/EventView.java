package app.glimpse.events.boundary;

import app.glimpse.events.entity.Event;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An event as the API and the portal show it; never the access code or its hash ({@link
 * Events#accessCode} gives the studio the code). {@code accessClosedAt}: when the gallery was
 * closed, while it stays closed; {@code coverPhotoId}: the photo the photographer chose for the
 * gallery's cover and the studio's card, null while they have not chosen one (the first photo
 * shows).
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
    Instant accessClosedAt,
    Long coverPhotoId)
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
        event.getAccessClosedAt(),
        event.getCoverPhotoId());
  }
}
