package app.glimpse.search.control;

import app.glimpse.platform.boundary.ClientError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The in-memory views of the events' searchable faces on this node, loaded when an event is first
 * searched and shared by every request after that.
 *
 * <p>Before each search the view is checked against two numbers the database keeps per event (see
 * {@code V3__search_and_people.sql}): faces are numbered in commit order, so a view that loaded up
 * to number n fetches only the faces above n, whichever node imported them; and a generation that
 * rises whenever faces are deleted or stop being searchable, which makes the view reload. That one
 * small query is all it costs to see what other nodes did.
 *
 * <p>Memory is bounded by {@code glimpse.search.memory-mb}: the views used least recently are
 * dropped to stay under it, and an event too large for it on its own is refused with a message
 * instead of risking the heap. A face takes {@link FaceIndex#bytesPerFace()} bytes.
 */
@ApplicationScoped
public class SearchViews {

  private static final Logger LOG = Logger.getLogger(SearchViews.class.getName());
  private static final int PAGE = 20_000;

  @PersistenceContext EntityManager em;

  @Inject
  @ConfigProperty(name = "glimpse.search.memory-mb", defaultValue = "160")
  long memoryMb;

  private final ConcurrentHashMap<Long, EventFaces> views = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Long, Object> loading = new ConcurrentHashMap<>();
  private final java.util.Set<Long> warming = ConcurrentHashMap.newKeySet();

  /** The event's faces as committed now, loaded or brought up to date as needed. */
  public EventFaces current(long eventId) {
    long[] state = state(eventId);
    long generation = state[0];
    long seq = state[1];
    EventFaces view = views.get(eventId);
    if (view == null || view.generation() != generation) {
      synchronized (loading.computeIfAbsent(eventId, id -> new Object())) {
        view = views.get(eventId);
        if (view == null || view.generation() != generation) {
          view = build(eventId, generation, seq);
          views.put(eventId, view);
        }
      }
    }
    if (view.loadedSeq() < seq) {
      view.refreshLock().lock();
      try {
        append(view, view.loadedSeq(), seq);
      } finally {
        view.refreshLock().unlock();
      }
    }
    view.touch();
    evictBeyond(capBytes(), view);
    return view;
  }

  /**
   * Whether a background load of the event's view may start now: false while one is under way, so
   * that a crowd of guests arriving together starts one load. {@link #warmed} ends it.
   */
  public boolean startWarming(long eventId) {
    return warming.add(eventId);
  }

  /** The background load started by {@link #startWarming} is over. */
  public void warmed(long eventId) {
    warming.remove(eventId);
  }

  /** Whether this node holds a view of the event. */
  public boolean holds(long eventId) {
    return views.containsKey(eventId);
  }

  /** Drops this node's view of the event (its faces were deleted, or the event was). */
  public void forget(long eventId) {
    views.remove(eventId);
  }

  /** Bytes held by every view on this node. */
  public long memoryBytes() {
    return views.values().stream().mapToLong(v -> v.index().memoryBytes()).sum();
  }

  private long capBytes() {
    return memoryMb * 1024 * 1024;
  }

  private EventFaces build(long eventId, long generation, long seq) {
    long faces =
        em.createQuery(
                "SELECT COUNT(f) FROM Face f WHERE f.eventId = :eventId AND f.searchable = true"
                    + " AND f.seq <= :seq",
                Long.class)
            .setParameter("eventId", eventId)
            .setParameter("seq", seq)
            .getSingleResult();
    if (faces * FaceIndex.bytesPerFace() > capBytes()) {
      LOG.log(
          Level.WARNING,
          "Event {0} has {1} searchable faces, more than glimpse.search.memory-mb={2} holds",
          new Object[] {eventId, faces, memoryMb});
      throw new ClientError(
          503,
          "search_capacity",
          "This event has more faces than this server's search memory holds; the operator can raise"
              + " GLIMPSE_SEARCH_MEMORY_MB.");
    }
    evictBeyond(capBytes() - faces * FaceIndex.bytesPerFace(), null);
    EventFaces view = new EventFaces(eventId, generation);
    long started = System.nanoTime();
    append(view, 0, seq);
    LOG.log(
        Level.INFO,
        "Loaded {0} faces of event {1} for search in {2} ms",
        new Object[] {view.index().size(), eventId, (System.nanoTime() - started) / 1_000_000});
    return view;
  }

  /** Adds the searchable faces numbered above {@code from} up to {@code to}, page by page. */
  private void append(EventFaces view, long from, long to) {
    long after = Math.max(from, view.loadedSeq());
    while (after < to) {
      List<Object[]> rows =
          em.createQuery(
                  "SELECT f.seq, f.id, f.photo.id, f.embedding FROM Face f WHERE f.eventId = :eventId"
                      + " AND f.seq > :after AND f.seq <= :to AND f.searchable = true"
                      + " ORDER BY f.seq",
                  Object[].class)
              .setParameter("eventId", view.eventId())
              .setParameter("after", after)
              .setParameter("to", to)
              .setMaxResults(PAGE)
              .getResultList();
      for (Object[] row : rows) {
        view.index().add((Long) row[1], (Long) row[2], (byte[]) row[3]);
      }
      after = rows.size() < PAGE ? to : (Long) rows.get(rows.size() - 1)[0];
      view.loadedUpTo(after);
    }
  }

  private long[] state(long eventId) {
    List<Object[]> rows =
        em.createQuery(
                "SELECT e.faceGeneration, e.faceSeq FROM Event e WHERE e.id = :id", Object[].class)
            .setParameter("id", eventId)
            .getResultList();
    if (rows.isEmpty()) {
      views.remove(eventId);
      throw ClientError.notFound("event");
    }
    return new long[] {
      ((Number) rows.get(0)[0]).longValue(), ((Number) rows.get(0)[1]).longValue()
    };
  }

  /** Drops the views used least recently, never {@code keep}, until the rest fit in {@code cap}. */
  private void evictBeyond(long cap, EventFaces keep) {
    if (memoryBytes() <= cap) {
      return;
    }
    List<EventFaces> byAge =
        views.values().stream()
            .filter(v -> v != keep)
            .sorted(Comparator.comparingLong(EventFaces::lastUsedNanos))
            .toList();
    for (EventFaces old : byAge) {
      if (memoryBytes() <= cap) {
        return;
      }
      views.remove(old.eventId(), old);
      LOG.log(Level.FINE, "Dropped the search view of event {0}", old.eventId());
    }
  }
}
