package app.glimpse.imports.boundary;

import app.glimpse.imports.control.ImportProgress;
import app.glimpse.imports.control.ImportQueue;
import app.glimpse.imports.control.ImportRecords;
import app.glimpse.imports.control.ImportSources;
import app.glimpse.imports.control.KnownFiles;
import app.glimpse.imports.control.Listings;
import app.glimpse.imports.entity.ImportStatus;
import app.glimpse.imports.entity.PhotoImport;
import app.glimpse.imports.job.ImportSteps;
import app.glimpse.imports.job.SourceFile;
import app.glimpse.imports.job.SourcePage;
import app.glimpse.platform.control.DatabaseOutage;
import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSRuntimeException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The application's side of the photo import job (see {@link ImportSteps}). */
@Stateless
@Local(ImportSteps.class)
@LocalBean
public class ImportJobSteps implements ImportSteps {

  /**
   * How long a listing interrupted by a database or broker outage waits for the files it queued to
   * be done, without any progress, before its import fails.
   */
  static final Duration DRAIN_PATIENCE = Duration.ofMinutes(10);

  private static final Logger LOG = Logger.getLogger(ImportJobSteps.class.getName());

  /**
   * Imports of this node whose listing could not queue a chunk: the broker did not answer (a send
   * waits {@code CallTimeout}, 5 s, while the adapter reconnects).
   */
  private static final Set<Long> BROKER_AWAY = ConcurrentHashMap.newKeySet();

  @PersistenceContext EntityManager em;

  @Inject ImportQueue queue;

  @Inject ImportProgress progress;

  @Inject ImportSources sources;

  @Inject DatabaseOutage database;

  @Inject KnownFiles knownFiles;

  @Inject Listings listings;

  @Resource SessionContext context;

  @Override
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void started(long importId, long executionId) {
    PhotoImport run = progress.lock(importId);
    if (run != null && owns(run)) {
      run.started(executionId);
    }
  }

  @Override
  public SourcePage page(long importId, String cursor) {
    PhotoImport run = em.find(PhotoImport.class, importId);
    if (run == null || run.getStatus() == ImportStatus.STOPPED || !owns(run)) {
      return new SourcePage(List.of(), null);
    }
    SourcePage page = knownFiles.leaveOutKnown(run, sources.page(run, cursor));
    LOG.log(
        Level.INFO,
        "Import {0}: {1} image files to index in {2}{3}",
        new Object[] {
          importId,
          page.files().size(),
          run.getSource().getLabel(),
          page.next() == null ? "" : ", more to list"
        });
    return page;
  }

  @Override
  public void enqueue(long importId, List<SourceFile> files) {
    PhotoImport run = progress.lock(importId);
    if (run == null || run.getStatus() == ImportStatus.STOPPED || !owns(run)) {
      return;
    }
    try {
      for (SourceFile file : files) {
        queue.send(importId, file);
      }
    } catch (JMSRuntimeException e) {
      BROKER_AWAY.add(importId); // for failed(), called when the job has ended on this node
      throw e;
    }
    run.listedMore(files.size());
  }

  /**
   * Records that the listing is done. If the database does not answer, waits until it does: an
   * import whose end of listing is not recorded would never complete.
   */
  @Override
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void listed(long importId) {
    while (true) {
      try {
        self().recordListed(importId);
        return;
      } catch (RuntimeException e) {
        if (database.answers()) {
          throw e;
        }
        LOG.log(
            Level.WARNING,
            "Import {0}: listed, but the database does not answer; recorded once it answers",
            importId);
        database.await("Import " + importId + ": the end of its listing");
      }
    }
  }

  /**
   * Records why the listing ended early. A listing that stopped because the database did not answer
   * (it does not now) or the broker did not (a chunk could not be queued) goes on instead: once
   * both answer and every file it had queued is indexed or failed, the source is listed again in a
   * new job, leaving out what the import recorded. If those files do not get done for {@link
   * #DRAIN_PATIENCE}, the import fails after all.
   */
  @Override
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void failed(long importId, String reason) {
    boolean brokerAway = BROKER_AWAY.remove(importId);
    String away = !database.answers() ? "the database" : brokerAway ? "the broker" : null;
    if (away == null) {
      self().recordFailed(importId, reason);
      return;
    }
    LOG.log(
        Level.WARNING,
        "Import {0}: its listing stopped because {1} does not answer ({2}); it lists again once"
            + " the database and the broker answer and the files it queued are done",
        new Object[] {importId, away, reason});
    relistWhenDrained(importId, away);
  }

  /**
   * Takes over the listing of an import whose listing node went silent ({@link Listings}): once the
   * files that node queued are done, the source is listed again here, leaving out what the import
   * recorded. Runs in a thread of its own, since the files may take minutes.
   */
  @Asynchronous
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void takeOver(long importId, String from) {
    LOG.log(
        Level.WARNING,
        "Import {0}: took over the listing from node {1}, silent for {2} s; it lists the source"
            + " again once the files queued before are done",
        new Object[] {importId, from, Listings.SILENCE.toSeconds()});
    relistWhenDrained(importId, "node " + from);
  }

  /**
   * Waits until every file the interrupted listing queued is indexed or failed, then lists the
   * source again in a new job; fails the import if those files make no progress for {@link
   * #DRAIN_PATIENCE}. Returns at once if the import was stopped or another node took it over.
   */
  private void relistWhenDrained(long importId, String away) {
    String waiting = "Import " + importId + ": its listing";
    awaitServices(waiting);
    int done = -1;
    long progressed = System.nanoTime();
    while (true) {
      Drain drain;
      try {
        drain = self().relistIfDrained(importId);
      } catch (RuntimeException e) {
        if (database.answers()) {
          throw e;
        }
        awaitServices(waiting);
        continue;
      }
      if (!drain.running()) {
        return; // stopped, gone or taken over meanwhile
      }
      if (drain.relisted()) {
        LOG.log(
            Level.INFO,
            "Import {0}: the {1} files queued before {2} went away are done; listing the source"
                + " again",
            new Object[] {importId, drain.done(), away});
        ImportRecords.startJob(importId);
        return;
      }
      if (drain.done() != done) {
        done = drain.done();
        progressed = System.nanoTime();
      } else if (System.nanoTime() - progressed > DRAIN_PATIENCE.toNanos()) {
        self()
            .recordFailed(
                importId,
                "Listing the source stopped while "
                    + away
                    + " did not answer, and "
                    + (drain.total() - drain.done())
                    + " of the files queued before were not indexed within "
                    + DRAIN_PATIENCE.toMinutes()
                    + " minutes. Restart the import to go on.");
        return;
      }
      database.pause();
    }
  }

  /**
   * Returns once both the database and the broker answer (asking the broker blocks while the
   * adapter reconnects).
   */
  private void awaitServices(String waiting) {
    if (!database.answers()) {
      database.await(waiting);
    }
    long since = System.nanoTime();
    while (!queue.answers()) {
      database.pause();
    }
    if (System.nanoTime() - since > TimeUnit.SECONDS.toNanos(1)) {
      LOG.log(
          Level.INFO,
          "{0}: the broker answers again after {1} s",
          new Object[] {waiting, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since)});
    }
  }

  /** The listing is done, in a transaction of its own. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void recordListed(long importId) {
    PhotoImport run = progress.lock(importId);
    if (run != null && run.getStatus() != ImportStatus.STOPPED && owns(run)) {
      run.listingFinished();
      progress.recount(run);
    }
  }

  /** The listing ended early for {@code reason}, in a transaction of its own. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void recordFailed(long importId, String reason) {
    PhotoImport run = progress.lock(importId);
    if (run != null && owns(run)) {
      run.fail(reason);
    }
  }

  /**
   * Where an interrupted listing stands: whether the import still runs, whether it has just been
   * set to list again, and how many of the files it queued are done.
   */
  public record Drain(boolean running, boolean relisted, int done, int total)
      implements Serializable {}

  /**
   * Sets a running import whose listing was interrupted to list again, once every file it queued is
   * indexed or failed (so no file is queued twice and its total stays exact).
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Drain relistIfDrained(long importId) {
    PhotoImport run = progress.lock(importId);
    if (run == null || run.getStatus().isFinished() || !owns(run)) {
      return new Drain(false, false, 0, 0);
    }
    progress.recount(run);
    int done = run.getProcessed() + run.getFailed();
    if (done < run.getTotal()) {
      return new Drain(true, false, done, run.getTotal());
    }
    run.relist();
    return new Drain(true, true, done, run.getTotal());
  }

  /**
   * Whether this node owns the import's listing: a node that lost it to another ({@link
   * Listings#takeOver}) lists and queues nothing more, and records no end of it.
   */
  private boolean owns(PhotoImport run) {
    if (listings.owns(run.getListingNode())) {
      return true;
    }
    LOG.log(
        Level.WARNING,
        "Import {0}: node {1} has taken over its listing; this node lists nothing more of it",
        new Object[] {run.getId(), run.getListingNode()});
    return false;
  }

  private ImportJobSteps self() {
    return context.getBusinessObject(ImportJobSteps.class);
  }
}
