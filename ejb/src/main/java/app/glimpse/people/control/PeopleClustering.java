package app.glimpse.people.control;

import app.glimpse.events.entity.Event;
import app.glimpse.people.entity.Person;
import app.glimpse.photos.entity.EmbeddingCodec;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps an event's people in step with its faces, in the caller's transaction and under the event's
 * row lock (imports number new faces on that row, so they wait a moment).
 *
 * <p>{@link #placeNew} is incremental: the people found so far are seeds, and the faces not yet in
 * a person (new ones, and earlier ones too few to form a person) are grouped around them and around
 * each other. {@link #regroup} starts over, keeping only what the photographer placed: pinned faces
 * stay with their person, and a new group takes over the name and hidden flag of the person most of
 * its faces were in before.
 */
@Dependent
public class PeopleClustering {

  private static final Logger LOG = Logger.getLogger(PeopleClustering.class.getName());
  private static final int PAGE = 5_000;

  @PersistenceContext EntityManager em;

  /**
   * Average similarity from which faces are grouped as one person: stricter than the search
   * threshold (0.43), since two people merged into one is worse than one person split in two. At
   * 0.47 the deepface photos group with purity and completeness 1.0 in any of 20 orders of arrival;
   * at 0.43 one order merged two people (docs/search.md).
   */
  @Inject
  @ConfigProperty(name = "glimpse.people.threshold", defaultValue = "0.47")
  float threshold;

  @Inject
  @ConfigProperty(name = "glimpse.people.min-faces", defaultValue = "2")
  int minFaces;

  /** Places the faces added since the last run, if any. */
  public void placeNew(long eventId) {
    Event event = em.find(Event.class, eventId, LockModeType.PESSIMISTIC_WRITE);
    if (event == null || event.getFaceSeq() <= event.getPeopleSeq()) {
      return;
    }
    long started = System.nanoTime();
    List<FaceClusters.Seed> seeds = seeds(eventId, false);
    List<FaceClusters.Item> items = faces(eventId, "f.personId IS NULL");
    apply(eventId, new FaceClusters(threshold, minFaces).group(seeds, items), Map.of());
    event.peopleClusteredUpTo(event.getFaceSeq());
    LOG.log(
        Level.INFO,
        "Event {0}: placed {1} faces among {2} people in {3} ms",
        new Object[] {
          eventId, items.size(), seeds.size(), (System.nanoTime() - started) / 1_000_000
        });
  }

  /** Groups every face of the event again; the photographer's placements stay. */
  public void regroup(long eventId) {
    Event event = em.find(Event.class, eventId, LockModeType.PESSIMISTIC_WRITE);
    if (event == null) {
      return;
    }
    Map<Long, Long> before = new HashMap<>();
    for (Object[] row :
        em.createQuery(
                "SELECT f.id, f.personId FROM Face f WHERE f.eventId = :e AND f.personId IS NOT NULL"
                    + " AND f.personPinned = false",
                Object[].class)
            .setParameter("e", eventId)
            .getResultList()) {
      before.put((Long) row[0], (Long) row[1]);
    }
    em.createQuery(
            "UPDATE Face f SET f.personId = NULL WHERE f.eventId = :e AND f.personPinned = false")
        .setParameter("e", eventId)
        .executeUpdate();
    List<FaceClusters.Seed> seeds = seeds(eventId, true);
    List<FaceClusters.Item> items = faces(eventId, "f.personPinned = false");
    apply(eventId, new FaceClusters(threshold, minFaces).group(seeds, items), before);
    event.peopleClusteredUpTo(event.getFaceSeq());
  }

  /**
   * Recounts the event's people and picks each one's cover face: its most confident face in a photo
   * guests may see, if it has one (a portrait cut from a hidden photo would not load for them).
   */
  public void summarise(long eventId) {
    em.flush();
    Map<Long, long[]> counts = new HashMap<>();
    for (Object[] row :
        em.createQuery(
                "SELECT f.personId, COUNT(f), COUNT(DISTINCT f.photo.id) FROM Face f"
                    + " WHERE f.eventId = :e AND f.personId IS NOT NULL GROUP BY f.personId",
                Object[].class)
            .setParameter("e", eventId)
            .getResultList()) {
      counts.put(
          (Long) row[0], new long[] {((Number) row[1]).longValue(), ((Number) row[2]).longValue()});
    }
    Map<Long, Long> covers = new HashMap<>();
    for (Object[] row :
        em.createQuery(
                "SELECT f.personId, f.id FROM Face f WHERE f.eventId = :e AND f.personId IS NOT NULL"
                    + " ORDER BY f.personId, f.photo.hidden, f.score DESC, f.boxWidth DESC",
                Object[].class)
            .setParameter("e", eventId)
            .getResultList()) {
      covers.putIfAbsent((Long) row[0], (Long) row[1]);
    }
    for (Person person :
        em.createQuery("SELECT p FROM Person p WHERE p.eventId = :e", Person.class)
            .setParameter("e", eventId)
            .getResultList()) {
      long[] count = counts.getOrDefault(person.getId(), new long[2]);
      if (count[0] == 0 && person.getName() == null) {
        em.remove(person);
      } else {
        person.summarise((int) count[0], (int) count[1], covers.get(person.getId()));
      }
    }
  }

  private void apply(long eventId, List<FaceClusters.Group> groups, Map<Long, Long> before) {
    Set<Long> claimed = new HashSet<>();
    for (FaceClusters.Group group : groups) {
      long personId = group.seedPerson();
      if (personId == 0) {
        personId = previousPerson(group, before, claimed);
      }
      Person person = personId == 0 ? null : em.find(Person.class, personId);
      if (person == null) {
        person = new Person(eventId);
        em.persist(person);
        em.flush();
      }
      claimed.add(person.getId());
      List<Long> ids = group.faces().stream().map(FaceClusters.Item::faceId).toList();
      for (int from = 0; from < ids.size(); from += 1000) {
        em.createQuery(
                "UPDATE Face f SET f.personId = :person WHERE f.id IN :ids AND f.personPinned = false")
            .setParameter("person", person.getId())
            .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + 1000)))
            .executeUpdate();
      }
    }
    summarise(eventId);
  }

  /** The unclaimed person most of the group's faces were in before regrouping, or 0. */
  private static long previousPerson(
      FaceClusters.Group group, Map<Long, Long> before, Set<Long> claimed) {
    Map<Long, Integer> votes = new HashMap<>();
    for (FaceClusters.Item item : group.faces()) {
      Long previous = before.get(item.faceId());
      if (previous != null && !claimed.contains(previous)) {
        votes.merge(previous, 1, Integer::sum);
      }
    }
    return votes.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(0L);
  }

  /** The people so far, summed up from their faces (all of them, or only the pinned ones). */
  private List<FaceClusters.Seed> seeds(long eventId, boolean pinnedOnly) {
    Map<Long, float[]> sums = new HashMap<>();
    Map<Long, Set<Long>> photos = new HashMap<>();
    long after = Long.MIN_VALUE;
    while (true) {
      List<Object[]> rows =
          em.createQuery(
                  "SELECT f.id, f.personId, f.photo.id, f.embedding FROM Face f"
                      + " WHERE f.eventId = :e AND f.personId IS NOT NULL AND f.id > :after"
                      + (pinnedOnly ? " AND f.personPinned = true" : "")
                      + " AND f.embedding IS NOT NULL ORDER BY f.id",
                  Object[].class)
              .setParameter("e", eventId)
              .setParameter("after", after)
              .setMaxResults(PAGE)
              .getResultList();
      for (Object[] row : rows) {
        float[] embedding = EmbeddingCodec.decode((byte[]) row[3]);
        float[] sum = sums.computeIfAbsent((Long) row[1], k -> new float[embedding.length]);
        for (int i = 0; i < sum.length; i++) {
          sum[i] += embedding[i];
        }
        photos.computeIfAbsent((Long) row[1], k -> new HashSet<>()).add((Long) row[2]);
        after = (Long) row[0];
      }
      if (rows.size() < PAGE) {
        break;
      }
    }
    List<FaceClusters.Seed> seeds = new ArrayList<>();
    sums.forEach(
        (person, sum) -> seeds.add(new FaceClusters.Seed(person, sum, photos.get(person))));
    return seeds;
  }

  /** The event's searchable faces matching {@code condition}, in the order they were stored. */
  private List<FaceClusters.Item> faces(long eventId, String condition) {
    List<FaceClusters.Item> items = new ArrayList<>();
    long after = Long.MIN_VALUE;
    while (true) {
      List<Object[]> rows =
          em.createQuery(
                  "SELECT f.seq, f.id, f.photo.id, f.embedding FROM Face f WHERE f.eventId = :e"
                      + " AND f.searchable = true AND f.seq > :after AND "
                      + condition
                      + " ORDER BY f.seq",
                  Object[].class)
              .setParameter("e", eventId)
              .setParameter("after", after)
              .setMaxResults(PAGE)
              .getResultList();
      for (Object[] row : rows) {
        items.add(
            new FaceClusters.Item(
                (Long) row[1], (Long) row[2], EmbeddingCodec.decode((byte[]) row[3]), 0));
        after = (Long) row[0];
      }
      if (rows.size() < PAGE) {
        return items;
      }
    }
  }
}
