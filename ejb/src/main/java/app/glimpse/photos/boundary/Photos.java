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

  @jakarta.inject.Inject app.glimpse.photos.control.CaptureHours captureHours;

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

  /**
   * How many photos were taken in each hour of {@code zone}, by the start of the hour, in order;
   * counted by the database, so an event of any size costs one small answer, and kept for a minute
   * ({@link app.glimpse.photos.control.CaptureHours}), since every guest opening the gallery asks.
   */
  public java.util.SortedMap<Instant, Integer> captureHours(
      @NotNull Caller caller, long eventId, java.time.ZoneId zone) {
    Event event = events.visibleEvent(caller, eventId);
    return captureHours.of(event.getId(), zone, () -> countHours(event.getId(), zone));
  }

  private java.util.SortedMap<Instant, Integer> countHours(long eventId, java.time.ZoneId zone) {
    java.util.SortedMap<Instant, Integer> hours = new java.util.TreeMap<>();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT date_trunc('hour', taken_at AT TIME ZONE ?1), count(*) FROM photo"
                    + " WHERE event_id = ?2 AND status = 'INDEXED' AND taken_at IS NOT NULL"
                    + " GROUP BY 1")
            .setParameter(1, zone.getId())
            .setParameter(2, eventId)
            .getResultList();
    for (Object[] row : rows) {
      java.time.LocalDateTime local = ((java.sql.Timestamp) row[0]).toLocalDateTime();
      hours.put(local.atZone(zone).toInstant(), ((Number) row[1]).intValue());
    }
    return hours;
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
