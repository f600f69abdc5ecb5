package app.glimpse.platform.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Whether PostgreSQL answers, for work that must outlast a database outage instead of failing with
 * it: an import file in work keeps waiting (rather than spending the broker's delivery attempts),
 * an import job's end is recorded once the database is back. Asks through the application's pool
 * (which validates its connections), every {@link #PROBE_SECONDS} seconds, for as long as it takes.
 */
@ApplicationScoped
public class DatabaseOutage {

  private static final Logger LOG = Logger.getLogger(DatabaseOutage.class.getName());

  /** Seconds between two questions to a database that did not answer. */
  public static final int PROBE_SECONDS = 5;

  /** Seconds between two log lines of work that still waits for the database. */
  private static final int REMIND_SECONDS = 60;

  @Resource(lookup = "jdbc/glimpse")
  DataSource database;

  /** Whether the database hands out a working connection right now. */
  public boolean answers() {
    try (Connection connection = database.getConnection()) {
      return connection.isValid(5);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Returns once the database answers, logging every minute that {@code waiting} (e.g. "Import 7:
   * file a.jpg") still waits.
   *
   * @throws IllegalStateException if the thread is interrupted meanwhile (the server stops)
   */
  public void await(String waiting) {
    long since = System.nanoTime();
    long reminded = since;
    do {
      pause();
      if (System.nanoTime() - reminded > TimeUnit.SECONDS.toNanos(REMIND_SECONDS)) {
        reminded = System.nanoTime();
        LOG.log(
            Level.WARNING,
            "{0} still waits for the database ({1} s)",
            new Object[] {waiting, TimeUnit.NANOSECONDS.toSeconds(reminded - since)});
      }
    } while (!answers());
    LOG.log(
        Level.INFO,
        "{0}: the database answers again after {1} s",
        new Object[] {waiting, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since)});
  }

  /**
   * Sleeps {@link #PROBE_SECONDS} seconds.
   *
   * @throws IllegalStateException if the thread is interrupted meanwhile (the server stops)
   */
  public void pause() {
    try {
      TimeUnit.SECONDS.sleep(PROBE_SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the database", e);
    }
  }
}
