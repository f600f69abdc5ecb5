package app.glimpse.photos.boundary;

import app.glimpse.events.boundary.Events;
import app.glimpse.events.entity.Event;
import app.glimpse.photos.entity.PhotoSet;
import app.glimpse.photos.entity.PhotoSetMember;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sets of an event: named groups of its photos that guests browse by. An import makes one per
 * sub-folder ({@link #addFromFolder}); the photographer makes, renames, orders, fills and empties
 * them by hand. Guests see the sets that hold a photo they may see.
 */
@Stateless
public class PhotoSets {

  /** The most sets an event has. */
  public static final int MAX_SETS = 200;

  @PersistenceContext EntityManager em;
  @EJB Events events;

  /** The event's sets in their order; a guest's without the empty ones. */
  public List<SetView> list(@NotNull Caller caller, long eventId) {
    Event event = events.visibleEvent(caller, eventId);
    String hidden = Photos.guestFilter(caller, event);
    Map<Long, Long> counts = new HashMap<>();
    em.createQuery(
            "SELECT m.setId, COUNT(p) FROM PhotoSetMember m, Photo p WHERE m.photoId = p.id"
                + " AND p.event.id = :eventId"
                + " AND p.status = app.glimpse.photos.entity.PhotoStatus.INDEXED"
                + hidden
                + " GROUP BY m.setId",
            Object[].class)
        .setParameter("eventId", event.getId())
        .getResultStream()
        .forEach(row -> counts.put((Long) row[0], ((Number) row[1]).longValue()));
    boolean staff = hidden.isEmpty();
    List<SetView> views = new ArrayList<>();
    for (PhotoSet set : sets(event.getId())) {
      long photos = counts.getOrDefault(set.getId(), 0L);
      if (staff || photos > 0) {
        views.add(new SetView(set.getId(), set.getName(), photos));
      }
    }
    return views;
  }

  /** A new set, last in the order, holding the event's photos among {@code photoIds}. */
  public SetView create(
      @NotNull Caller caller, long eventId, String name, Collection<Long> photoIds) {
    Event event = events.staffEvent(caller, eventId);
    List<PhotoSet> sets = sets(event.getId());
    if (sets.size() >= MAX_SETS) {
      throw ClientError.conflict("too_many_sets", "An event has at most " + MAX_SETS + " sets.");
    }
    PhotoSet set = named(() -> new PhotoSet(event.getId(), name, nextPosition(sets), null));
    em.persist(set);
    em.flush();
    add(set, photoIds == null ? List.of() : photoIds);
    return view(set);
  }

  /**
   * Changes a set: renames it (a non-null {@code name}), moves it to {@code position} (from 0, the
   * others shifting), replaces its photos ({@code photoIds}), or adds and removes some.
   */
  public SetView update(
      @NotNull Caller caller,
      long eventId,
      long setId,
      String name,
      Integer position,
      Collection<Long> photoIds,
      Collection<Long> add,
      Collection<Long> remove) {
    Event event = events.staffEvent(caller, eventId);
    PhotoSet set = Photos.set(em, event, setId);
    if (name != null) {
      named(
          () -> {
            set.rename(name);
            return set;
          });
    }
    if (position != null) {
      List<PhotoSet> order = new ArrayList<>(sets(event.getId()));
      order.removeIf(other -> other.getId().equals(set.getId()));
      order.add(Math.max(0, Math.min(position, order.size())), set);
      for (int i = 0; i < order.size(); i++) {
        order.get(i).moveTo(i);
      }
    }
    if (photoIds != null) {
      em.createQuery("DELETE FROM PhotoSetMember m WHERE m.setId = :setId")
          .setParameter("setId", set.getId())
          .executeUpdate();
      add(set, photoIds);
    }
    if (add != null) {
      add(set, add);
    }
    if (remove != null && !remove.isEmpty()) {
      checkSize(remove);
      em.createQuery("DELETE FROM PhotoSetMember m WHERE m.setId = :setId AND m.photoId IN :ids")
          .setParameter("setId", set.getId())
          .setParameter("ids", List.copyOf(remove))
          .executeUpdate();
    }
    return view(set);
  }

  /** Deletes a set; its photos stay in the event. */
  public void delete(@NotNull Caller caller, long eventId, long setId) {
    Event event = events.staffEvent(caller, eventId);
    em.remove(Photos.set(em, event, setId));
  }

  /**
   * Puts a photo an import just stored into the set of its sub-folder {@code folder} (a path in its
   * source, folders parted by "/"), making the set the first time the folder is met. Several nodes
   * may meet a new folder at once: the set is inserted only if it is not there yet, in the caller's
   * transaction.
   */
  public void addFromFolder(long eventId, long photoId, @NotNull String folder) {
    em.createNativeQuery(
            "INSERT INTO photo_set (id, event_id, name, position, folder, created_at)"
                + " SELECT nextval('photo_set_seq'), ?1, ?2,"
                + " (SELECT coalesce(max(position) + 1, 0) FROM photo_set WHERE event_id = ?1),"
                + " ?3, now()"
                + " ON CONFLICT (event_id, folder) DO NOTHING")
        .setParameter(1, eventId)
        .setParameter(2, PhotoSet.nameOfFolder(folder))
        .setParameter(3, folder)
        .executeUpdate();
    em.createNativeQuery(
            "INSERT INTO photo_set_member (set_id, photo_id)"
                + " SELECT id, ?2 FROM photo_set WHERE event_id = ?1 AND folder = ?3"
                + " ON CONFLICT DO NOTHING")
        .setParameter(1, eventId)
        .setParameter(2, photoId)
        .setParameter(3, folder)
        .executeUpdate();
  }

  private void add(PhotoSet set, Collection<Long> photoIds) {
    if (photoIds.isEmpty()) {
      return;
    }
    checkSize(photoIds);
    Set<Long> known = new HashSet<>();
    em.createQuery(
            "SELECT m.photoId FROM PhotoSetMember m WHERE m.setId = :setId AND m.photoId IN :ids",
            Long.class)
        .setParameter("setId", set.getId())
        .setParameter("ids", List.copyOf(photoIds))
        .getResultStream()
        .forEach(known::add);
    List<Long> photos =
        em.createQuery(
                "SELECT p.id FROM Photo p WHERE p.event.id = :eventId AND p.id IN :ids"
                    + " AND p.status = app.glimpse.photos.entity.PhotoStatus.INDEXED",
                Long.class)
            .setParameter("eventId", set.getEventId())
            .setParameter("ids", List.copyOf(photoIds))
            .getResultList();
    if (photos.size() != new HashSet<>(photoIds).size()) {
      throw ClientError.badRequest(
          "invalid_photo_ids", "Every photo of a set is one of the event's photos.");
    }
    for (Long photo : photos) {
      if (known.add(photo)) {
        em.persist(new PhotoSetMember(set.getId(), photo));
      }
    }
    em.flush();
  }

  private static void checkSize(Collection<Long> photoIds) {
    if (photoIds.size() > Curation.MAX_PHOTOS) {
      throw ClientError.badRequest(
          "invalid_photo_ids", "Give at most " + Curation.MAX_PHOTOS + " photos at a time.");
    }
  }

  private SetView view(PhotoSet set) {
    long photos =
        em.createQuery("SELECT COUNT(m) FROM PhotoSetMember m WHERE m.setId = :setId", Long.class)
            .setParameter("setId", set.getId())
            .getSingleResult();
    return new SetView(set.getId(), set.getName(), photos);
  }

  private List<PhotoSet> sets(long eventId) {
    return em.createNamedQuery(PhotoSet.FIND_BY_EVENT, PhotoSet.class)
        .setParameter("eventId", eventId)
        .getResultList();
  }

  private static int nextPosition(List<PhotoSet> sets) {
    return sets.stream().mapToInt(PhotoSet::getPosition).max().orElse(-1) + 1;
  }

  private static PhotoSet named(java.util.function.Supplier<PhotoSet> change) {
    try {
      return change.get();
    } catch (IllegalArgumentException e) {
      throw ClientError.badRequest("invalid_name", e.getMessage());
    }
  }
}
