package app.glimpse.imports.boundary;

import app.glimpse.imports.control.Listings;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every node's watch over the import listings ({@link Listings}): every {@link Listings#BEAT} it
 * says that the listings it runs are alive, and it takes over the unfinished listings that nobody
 * has spoken for in {@link Listings#SILENCE} (their node was killed, or its host is gone). A
 * non-persistent timer: each node runs its own, and a node that is down runs none.
 *
 * <p>A node takes over only after it has reached the database itself for longer than the silence:
 * after an outage of the database every listing is silent, and their nodes must have had the time
 * to speak again.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ListingWatch {

  private static final Logger LOG = Logger.getLogger(ListingWatch.class.getName());

  @Resource SessionContext context;

  @EJB ImportJobSteps steps;

  @Inject Listings listings;

  /** A tick still running when the next is due (a slow database) makes the next one skip. */
  private final AtomicBoolean ticking = new AtomicBoolean();

  /** Since when this node has reached the database at every tick; 0 after a failed one. */
  private volatile long reachedSince;

  /** Every {@link Listings#BEAT}. */
  @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void tick() {
    if (!ticking.compareAndSet(false, true)) {
      return;
    }
    ListingWatch self = context.getBusinessObject(ListingWatch.class);
    try {
      self.beat();
      long now = System.nanoTime();
      if (reachedSince == 0) {
        reachedSince = now;
        return;
      }
      if (now - reachedSince > Listings.SILENCE.toNanos() + Listings.BEAT.toNanos()) {
        for (long importId : self.silent()) {
          String from = self.takeOver(importId);
          if (from != null) {
            steps.takeOver(importId, from);
          }
        }
      }
    } catch (RuntimeException e) {
      if (reachedSince != 0) {
        LOG.log(
            Level.WARNING,
            "The import listings of this node could not say they are alive; trying again in {0} s:"
                + " {1}",
            new Object[] {Listings.BEAT.toSeconds(), e.toString()});
      }
      reachedSince = 0;
    } finally {
      ticking.set(false);
    }
  }

  /** Says that this node's listings are alive, in a transaction of its own. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void beat() {
    listings.beat();
  }

  /** The silent listings. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public List<Long> silent() {
    return listings.silent();
  }

  /** Takes over one silent listing, in a transaction of its own; null if another node was first. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public String takeOver(long importId) {
    return listings.takeOver(importId);
  }
}
