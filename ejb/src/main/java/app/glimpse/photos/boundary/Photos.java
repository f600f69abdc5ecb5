package app.glimpse.photos.boundary;

import app.glimpse.access.boundary.Caller;
import app.glimpse.events.boundary.Events;
import app.glimpse.events.entity.Event;
import app.glimpse.photos.entity.Photo;
import app.glimpse.platform.ClientError;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The indexed photos of an event, for its photographers and its guests. */
@Stateless
public class Photos {

  public static final int MAX_PAGE_SIZE = 200;

  @PersistenceContext EntityManager em;

  @EJB Events events;

  /** Page {@code page} (from 0) of {@code size} photos in capture order. */
  public PhotoPage page(@NotNull Caller caller, long eventId, int page, int size) {
    Event event = events.visibleEvent(caller, eventId);
    return page(
        em,
        page,
        size,
        "FROM Photo p WHERE p.event.id = :eventId"
            + " AND p.status = app.glimpse.photos.entity.PhotoStatus.INDEXED",
        Map.of("eventId", event.getId()));
  }

  /**
   * Page {@code page} of the photos taken from {@code from} (inclusive) to {@code to} (exclusive),
   * in capture order.
   */
  public PhotoPage taken(
      @NotNull Caller caller,
      long eventId,
      @NotNull Instant from,
      @NotNull Instant to,
      int page,
      int size) {
    Event event = events.visibleEvent(caller, eventId);
    return page(
        em,
        page,
        size,
        "FROM Photo p WHERE p.event.id = :eventId"
            + " AND p.status = app.glimpse.photos.entity.PhotoStatus.INDEXED"
            + " AND p.takenAt >= :from AND p.takenAt < :to",
        Map.of("eventId", event.getId(), "from", from, "to", to));
  }

  /** When the event's indexed photos were taken (those with a known time), for a time filter. */
  public List<Instant> captureTimes(@NotNull Caller caller, long eventId) {
    Event event = events.visibleEvent(caller, eventId);
    return em.createQuery(
            "SELECT p.takenAt FROM Photo p WHERE p.event.id = :eventId AND p.takenAt IS NOT NULL"
                + " AND p.status = app.glimpse.photos.entity.PhotoStatus.INDEXED",
            Instant.class)
        .setParameter("eventId", event.getId())
        .getResultList();
  }

  /**
   * A page of the indexed photos {@code from} selects (a JPQL FROM and WHERE clause over {@code
   * Photo p}), in capture order, with the total.
   */
  public static PhotoPage page(
      EntityManager em, int page, int size, String from, Map<String, Object> parameters) {
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw ClientError.badRequest(
          "invalid_page", "page starts at 0 and size lies between 1 and " + MAX_PAGE_SIZE + ".");
    }
    TypedQuery<Long> count = em.createQuery("SELECT COUNT(p) " + from, Long.class);
    TypedQuery<Photo> photos =
        em.createQuery("SELECT p " + from + " ORDER BY p.takenAt, p.id", Photo.class);
    parameters.forEach(
        (name, value) -> {
          count.setParameter(name, value);
          photos.setParameter(name, value);
        });
    var items =
        photos
            .setFirstResult(Math.toIntExact(Math.min((long) page * size, Integer.MAX_VALUE)))
            .setMaxResults(size)
            .getResultStream()
            .map(
                photo ->
                    new PhotoPage.Item(
                        photo.getId(),
                        photo.getFileName(),
                        photo.getWidth(),
                        photo.getHeight(),
                        photo.getTakenAt(),
                        photo.getFaceCount()))
            .toList();
    return new PhotoPage(count.getSingleResult(), items);
  }
}
