package app.glimpse.imports.control;

import app.glimpse.platform.control.NodeName;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which node lists an import's source. An import's listing job runs on one node (the one that
 * started it); if that node dies while listing (a kill, the OOM killer, a host gone), the files it
 * queued are indexed by the others but nothing would list the rest. So the node that starts a
 * listing claims it ({@code photo_import.listing_node}) and says every {@link #BEAT} that it is
 * alive ({@code listing_seen}, in the database's clock); a listing unfinished and silent for {@link
 * #SILENCE} is claimed by another node, which lists the source again once the files queued before
 * are done (see {@code ImportJobSteps.takeOver}). Of several nodes that find the same silent
 * listing exactly one gets it (the row is locked and checked again); the node that lost a listing
 * (one that was only slow, not dead) sees that it no longer owns it and queues nothing more.
 *
 * <p>Each statement runs in the caller's transaction.
 */
@Dependent
public class Listings {

  /** How often a node says that its listings are alive. */
  public static final Duration BEAT = Duration.ofSeconds(5);

  /**
   * How long an unfinished listing may go unheard before another node takes it over: six beats, so
   * that a node busy indexing (or a long garbage collection) does not lose its listing.
   */
  public static final Duration SILENCE = Duration.ofSeconds(30);

  /** The imports whose listing this JVM started and still speaks for. */
  private static final Set<Long> HERE = ConcurrentHashMap.newKeySet();

  @PersistenceContext EntityManager em;

  @Inject NodeName node;

  /** This node, as {@code listing_node} names it. */
  public String node() {
    return node.get();
  }

  /** Claims the listing of the import for this node, whoever had it. */
  public void claim(long importId) {
    em.createNativeQuery(
            "UPDATE photo_import SET listing_node = ?1, listing_seen = now() WHERE id = ?2")
        .setParameter(1, node.get())
        .setParameter(2, importId)
        .executeUpdate();
    HERE.add(importId);
  }

  /**
   * Says that the listings this node runs are alive; forgets those that ended (listed, stopped,
   * failed or completed) or that another node took over.
   */
  public void beat() {
    for (Long importId : List.copyOf(HERE)) {
      int alive =
          em.createNativeQuery(
                  "UPDATE photo_import SET listing_seen = now() WHERE id = ?1 AND listing_node = ?2"
                      + " AND listed = false AND status IN ('QUEUED', 'RUNNING')")
              .setParameter(1, importId)
              .setParameter(2, node.get())
              .executeUpdate();
      if (alive == 0) {
        HERE.remove(importId);
      }
    }
  }

  /** The unfinished listings nobody has spoken for in {@link #SILENCE}, oldest first. */
  @SuppressWarnings("unchecked")
  public List<Long> silent() {
    List<Number> ids =
        em.createNativeQuery(
                "SELECT id FROM photo_import WHERE listed = false"
                    + " AND status IN ('QUEUED', 'RUNNING') AND listing_node IS NOT NULL"
                    + " AND listing_seen < now() - make_interval(secs => ?1)"
                    + " ORDER BY listing_seen")
            .setParameter(1, (double) SILENCE.toSeconds())
            .getResultList();
    return ids.stream().map(Number::longValue).toList();
  }

  /**
   * Takes over the listing of the import if it is still unfinished and silent. The row is locked
   * first: of the nodes that try at once, the others wait for it and then find it no longer silent.
   *
   * @return the node that had it, or null if the listing is not (or no longer) silent
   */
  public String takeOver(long importId) {
    @SuppressWarnings("unchecked")
    List<String> previous =
        em.createNativeQuery(
                "SELECT listing_node FROM photo_import WHERE id = ?1 AND listed = false"
                    + " AND status IN ('QUEUED', 'RUNNING')"
                    + " AND listing_seen < now() - make_interval(secs => ?2) FOR UPDATE")
            .setParameter(1, importId)
            .setParameter(2, (double) SILENCE.toSeconds())
            .getResultList();
    if (previous.isEmpty()) {
      return null;
    }
    claim(importId);
    return previous.get(0);
  }

  /** Whether this node owns the listing of the import (a listing claimed by nobody is anyone's). */
  public boolean owns(String listingNode) {
    return listingNode == null || listingNode.equals(node.get());
  }
}
