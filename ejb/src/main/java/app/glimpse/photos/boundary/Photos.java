package app.glimpse.photos.boundary;

import app.glimpse.events.boundary.Events;
import app.glimpse.events.entity.Event;
import app.glimpse.photos.entity.PhotoSet;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The indexed photos of an event, for its photographers and its guests. */
@Stateless
public class Photos {

  public static final int MAX_PAGE_SIZE = 200;

  @PersistenceContext EntityManager em;

  @EJB Events events;

  @jakarta.inject.Inject app.glimpse.photos.control.CaptureHours captureHours;

  /** The indexed photos of an event (JPQL FROM and WHERE over {@code Photo p}). */
  private static final String INDEXED =
      "FROM Photo p WHERE p.event.id = :eventId"
          + " AND p.status = app.glimpse.photos.entity.PhotoStatus.INDEXED";

  /** What a guest is left with: the photos the photographer has not hidden. */
  public static final String NOT_HIDDEN = " AND p.hidden = false";

  /** Those in set {@code :setId}. */
  private static final String IN_SET =
      " AND EXISTS (SELECT m FROM PhotoSetMember m WHERE m.setId = :setId AND m.photoId = p.id)";

  /** Those of them taken in a span of time. */
  private static final String TAKEN = " AND p.takenAt >= :from AND p.takenAt < :to";

  /**
   * Page {@code page} (from 0) of {@code size} photos in capture order: for a guest only those not
   * hidden, for staff all of them, each saying whether it is hidden.
   */
  public PhotoPage page(@NotNull Caller caller, long eventId, int page, int size) {
    return page(caller, eventId, null, page, size);
  }

  /** As {@link #page(Caller, long, int, int)}, of set {@code setId} only when it is not null. */
  public PhotoPage page(@NotNull Caller caller, long eventId, Long setId, int page, int size) {
    Selection selected = selection(caller, eventId, setId);
    return page(em, page, size, selected.from(), selected.parameters());
  }

  /**
   * Up to {@code size} photos after {@code after} in capture order (the first ones when it is
   * null), not counted: for a grid that goes on where it stopped. They are sought through the index
   * of capture times, so a page deep into a large event costs what the first one does, where {@link
   * #page} reads past every photo before its page.
   */
  public List<PhotoPage.Item> after(
      @NotNull Caller caller, long eventId, PhotoPage.Cursor after, int size) {
    return after(caller, eventId, null, after, size);
  }

  /** As {@link #after(Caller, long, PhotoPage.Cursor, int)}, of set {@code setId} if not null. */
  public List<PhotoPage.Item> after(
      @NotNull Caller caller, long eventId, Long setId, PhotoPage.Cursor after, int size) {
    Selection selected = selection(caller, eventId, setId);
    return after(em, after, size, selected.from(), selected.parameters());
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
        INDEXED + guestFilter(caller, event) + TAKEN,
        Map.of("eventId", event.getId(), "from", from, "to", to));
  }

  /**
   * Up to {@code size} of the photos taken from {@code from} to {@code to} after {@code after}, as
   * {@link #after}.
   */
  public List<PhotoPage.Item> takenAfter(
      @NotNull Caller caller,
      long eventId,
      @NotNull Instant from,
      @NotNull Instant to,
      PhotoPage.Cursor after,
      int size) {
    Event event = events.visibleEvent(caller, eventId);
    return after(
        em,
        after,
        size,
        INDEXED + guestFilter(caller, event) + TAKEN,
        Map.of("eventId", event.getId(), "from", from, "to", to));
  }

  /**
   * Whether the caller, who may see event {@code eventId}, may see photo {@code photoId} of it: an
   * indexed photo of the event, and for a guest one not hidden. For the servlet of previews, which
   * answers every other photo "not found".
   */
  public boolean shows(@NotNull Caller caller, long eventId, long photoId) {
    Event event = events.visibleEvent(caller, eventId);
    return !em.createQuery(
            "SELECT p.id " + INDEXED + " AND p.id = :photoId" + guestFilter(caller, event),
            Long.class)
        .setParameter("eventId", event.getId())
        .setParameter("photoId", photoId)
        .getResultList()
        .isEmpty();
  }

  /**
   * How far down photo {@code photoId} its faces are, from 0 (top) to 1 (bottom): the mean of their
   * centres, so that a cover cropped to a wide band keeps the faces; 0.5 without faces.
   */
  public double faceHeight(@NotNull Caller caller, long eventId, long photoId) {
    if (!shows(caller, eventId, photoId)) {
      throw ClientError.notFound("photo");
    }
    Object[] row =
        em.createQuery(
                "SELECT AVG(f.boxY + f.boxHeight / 2), MAX(p.height) FROM Face f JOIN f.photo p"
                    + " WHERE p.id = :photoId",
                Object[].class)
            .setParameter("photoId", photoId)
            .getSingleResult();
    if (row[0] == null || row[1] == null || ((Number) row[1]).doubleValue() <= 0) {
      return 0.5;
    }
    return Math.max(
        0, Math.min(1, ((Number) row[0]).doubleValue() / ((Number) row[1]).doubleValue()));
  }

  /** What a list selects: a JPQL FROM and WHERE clause over {@code Photo p}, and its parameters. */
  private record Selection(String from, Map<String, Object> parameters) {}

  /**
   * The event's indexed photos the caller sees (a guest: not hidden), of set {@code setId} only if
   * it is not null (404 if it is not one of the event's sets).
   */
  private Selection selection(Caller caller, long eventId, Long setId) {
    Event event = events.visibleEvent(caller, eventId);
    Map<String, Object> parameters = new HashMap<>(Map.of("eventId", event.getId()));
    String from = INDEXED + guestFilter(caller, event);
    if (setId != null) {
      set(em, event, setId);
      from += IN_SET;
      parameters.put("setId", setId);
    }
    return new Selection(from, parameters);
  }

  /** {@link #NOT_HIDDEN} for a caller who is not staff of the event's studio. */
  public static String guestFilter(Caller caller, Event event) {
    return caller.isStaffOf(event.getStudio().getId()) ? "" : NOT_HIDDEN;
  }

  /** Set {@code setId} of the event; 404 if it is not one of its sets. */
  static PhotoSet set(EntityManager em, Event event, long setId) {
    PhotoSet set = em.find(PhotoSet.class, setId);
    if (set == null || set.getEventId() != event.getId()) {
      throw ClientError.notFound("set");
    }
    return set;
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
                    + " WHERE event_id = ?2 AND status = 'INDEXED' AND NOT hidden"
                    + " AND taken_at IS NOT NULL"
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
    if (page < 0) {
      throw invalidPage();
    }
    checkSize(size);
    TypedQuery<Long> count = em.createQuery("SELECT COUNT(p) " + from, Long.class);
    parameters.forEach(count::setParameter);
    List<PhotoPage.Item> items =
        items(
            em,
            from + " ORDER BY p.takenAt, p.id",
            parameters,
            Math.toIntExact(Math.min((long) page * size, Integer.MAX_VALUE)),
            size);
    return new PhotoPage(count.getSingleResult(), items);
  }

  /**
   * Up to {@code size} of the indexed photos {@code from} selects that come after {@code after} in
   * capture order (from the first one when it is null), not counted. Photos without a capture time
   * come last (PostgreSQL sorts nulls last), so after a photo with one the photos taken later come
   * first and then, if the page is not full yet, those without a time; after a photo without one,
   * the rest of those by id. Each query seeks in the index on (event, capture time, id) rather than
   * reading past the photos before it.
   */
  public static List<PhotoPage.Item> after(
      EntityManager em,
      PhotoPage.Cursor after,
      int size,
      String from,
      Map<String, Object> parameters) {
    checkSize(size);
    if (after == null) {
      return items(em, from + " ORDER BY p.takenAt, p.id", parameters, 0, size);
    }
    Map<String, Object> bound = new HashMap<>(parameters);
    bound.put("afterId", after.id());
    if (after.takenAt() == null) {
      return items(
          em, from + " AND p.takenAt IS NULL AND p.id > :afterId ORDER BY p.id", bound, 0, size);
    }
    bound.put("afterTaken", after.takenAt());
    List<PhotoPage.Item> items =
        new ArrayList<>(
            items(
                em,
                from
                    + " AND p.takenAt >= :afterTaken AND (p.takenAt > :afterTaken OR p.id > :afterId)"
                    + " ORDER BY p.takenAt, p.id",
                bound,
                0,
                size));
    if (items.size() < size) {
      items.addAll(
          items(
              em,
              from + " AND p.takenAt IS NULL ORDER BY p.id",
              parameters,
              0,
              size - items.size()));
    }
    return items;
  }

  /**
   * The list items of the photos {@code query} selects (a JPQL FROM ... ORDER BY over {@code Photo
   * p}): only the columns a list shows, not whole entities.
   */
  private static List<PhotoPage.Item> items(
      EntityManager em, String query, Map<String, Object> parameters, int first, int size) {
    TypedQuery<Object[]> photos =
        em.createQuery(
            "SELECT p.id, p.fileName, p.width, p.height, p.takenAt, p.faceCount, p.hidden " + query,
            Object[].class);
    parameters.forEach(photos::setParameter);
    return photos
        .setFirstResult(first)
        .setMaxResults(size)
        .getResultStream()
        .map(
            row ->
                new PhotoPage.Item(
                    (Long) row[0],
                    (String) row[1],
                    (Integer) row[2],
                    (Integer) row[3],
                    (Instant) row[4],
                    (Integer) row[5],
                    (Boolean) row[6]))
        .toList();
  }

  private static void checkSize(int size) {
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw invalidPage();
    }
  }

  private static ClientError invalidPage() {
    return ClientError.badRequest(
        "invalid_page", "page starts at 0 and size lies between 1 and " + MAX_PAGE_SIZE + ".");
  }
}
