package app.glimpse.launcher;

import static app.glimpse.launcher.ImportFixtures.QUEUE;
import static app.glimpse.launcher.ImportFixtures.assertAllFailed;
import static app.glimpse.launcher.ImportFixtures.assertCompleted;
import static app.glimpse.launcher.ImportFixtures.assertStoredOnce;
import static app.glimpse.launcher.ImportFixtures.listing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.testing.GlimpseClient;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL crashes in the middle of two imports: one Glimpse node on a PostgreSQL and an Artemis
 * of the test's own. Once the node has stored a few of N generated 12 MP photos, a second import of
 * J files that are no photos starts; once its listing has queued its first chunk, every PostgreSQL
 * process is killed with SIGKILL (no shutdown, no checkpoint: transactions in flight are lost, the
 * connections just end), the database is kept down for D seconds, and started again on the same
 * data directory and port, where it recovers from its write-ahead log. The first import must
 * complete with every photo stored exactly once; the second, whose listing job failed with the
 * outage, must list again and complete with one failed photo per file; nothing may be left in the
 * queue or sent to the dead letters.
 *
 * <p>The test's broker gives each file only {@link #DELIVERY_ATTEMPTS} deliveries: a consumer that
 * handed its file back to the broker on every failure would spend them within the outage (each
 * failed attempt takes about 10 s, EclipseLink's own reconnection attempts), and the file would end
 * in the dead letters with its import never completing; with the broker's default five attempts
 * that took an outage of about 80 s. N is {@code glimpse.restart.photos} (default 40), D {@code
 * glimpse.restart.down.seconds} (default 25), J {@code glimpse.restart.junk} (default 1000).
 */
class DatabaseRestartIT {

  private static final String PASSWORD = "restart-secret";

  /** Deliveries of a file before the broker moves it to the dead letters. */
  private static final int DELIVERY_ATTEMPTS = 2;

  /** Consumers of the node: {@code maxSession} of {@code PhotoFileConsumer}. */
  private static final int SESSIONS = 3;

  @TempDir Path work;

  private LocalGlimpse node;
  private EmbeddedDatabase database;

  @AfterEach
  void stop() throws IOException {
    if (node != null) {
      node.close();
    }
    if (database != null) {
      database.close();
    }
    ImportFixtures.keepLog(work.resolve("node.log"), "DatabaseRestartIT-node.log");
    if (node != null) {
      ImportFixtures.keepLog(node.serverLog(), "DatabaseRestartIT-server.log");
    }
  }

  @Test
  void anImportCompletesAfterTheDatabaseIsKilledAndRestarts() throws Exception {
    int count = Integer.getInteger("glimpse.restart.photos", 40);
    int down = Integer.getInteger("glimpse.restart.down.seconds", 25);
    int junkFiles = Integer.getInteger("glimpse.restart.junk", 1000);
    Path photos = work.resolve("photos");
    ImportFixtures.generatePhotos(work, photos, count);
    Path junk = work.resolve("junk");
    ImportFixtures.writeJunk(junk, junkFiles);

    Path postgresData = work.resolve("services/postgres");
    int postgresPort = Glimpse.freePort();
    database = EmbeddedDatabase.start(postgresData, postgresPort);
    String jdbcUrl = database.jdbcUrl();
    try (EmbeddedBroker broker =
        EmbeddedBroker.start(
            work.resolve("services/broker"), Glimpse.freePort(), DELIVERY_ATTEMPTS)) {
      Map<String, String> settings =
          ImportFixtures.settings(work.resolve("data"), work, jdbcUrl, broker.port(), PASSWORD);
      settings.put("GLIMPSE_NODE_NAME", "db-restart");
      node =
          LocalGlimpse.start(
              LocalGlimpse.launcherCommand(ImportFixtures.dist()),
              Glimpse.freePort(),
              settings,
              work.resolve("node.log"));
      node.awaitReady(Duration.ofMinutes(3));
      GlimpseClient api = GlimpseClient.signIn(node::uri, ImportFixtures.ADMIN, PASSWORD);
      ImportFixtures.TwoImports imports =
          ImportFixtures.startTwoImports(api, "Database restart", photos, junk, count, jdbcUrl);
      long event = imports.event();
      long started = imports.started();
      long run = imports.run();
      long junkEvent = imports.junkEvent();
      long junkRun = imports.junkRun();
      int storedAtStop = imports.storedAtStop();
      long stopping = System.nanoTime();
      // not a clean stop: as the machine's OOM killer or a power cut ends it, mid-commit maybe
      database.kill();
      database = null;
      double stopSeconds = (System.nanoTime() - stopping) / 1e9;
      // what the operator sees meanwhile (an API call waits about 10 s before it fails)
      Thread.sleep(1000);
      int readyDuring = ImportFixtures.readiness(node);
      int statusDuring = api.send("GET", "/api/v1/imports/" + run, null).statusCode();
      Thread.sleep(
          Math.max(0, Duration.ofSeconds(down).toNanos() - (System.nanoTime() - stopping))
              / 1_000_000);
      long restarting = System.nanoTime();
      database = EmbeddedDatabase.start(postgresData, postgresPort);
      double startSeconds = (System.nanoTime() - restarting) / 1e9;
      double downSeconds = (System.nanoTime() - stopping) / 1e9;
      ImportFixtures.Listing junkAtStop = listing(jdbcUrl, junkRun);

      JsonObject status = api.awaitFinished(run, Duration.ofMinutes(2));
      double seconds = (System.nanoTime() - started) / 1e9;
      double afterRestart = (System.nanoTime() - restarting) / 1e9;
      JsonObject junkStatus = api.awaitFinished(junkRun, Duration.ofMinutes(2));
      double junkAfterRestart = (System.nanoTime() - restarting) / 1e9;
      Path log = node.serverLog();
      int redeliveries = ImportFixtures.occurrences(log, "delivered again");
      int waits = ImportFixtures.occurrences(log, "waits for the database");
      System.out.printf(
          Locale.ROOT,
          "db-restart-it photos=%d status=%s processed=%s failed=%s seconds=%.1f down_s=%.1f"
              + " stop_s=%.1f start_s=%.1f stored_at_stop=%d ready_during=%d status_during=%d"
              + " finished_after_restart_s=%.1f redeliveries=%d waits=%d queue_left=%d dlq=%d"
              + " junk=%d junk_listed_at_stop=%d junk_status=%s junk_failed=%s"
              + " junk_finished_after_restart_s=%.1f relisted=%d%n",
          count,
          status.getString("status"),
          status.get("processed"),
          status.get("failed"),
          seconds,
          downSeconds,
          stopSeconds,
          startSeconds,
          storedAtStop,
          readyDuring,
          statusDuring,
          afterRestart,
          redeliveries,
          waits,
          broker.messages(QUEUE),
          broker.deadLetters(),
          junkFiles,
          junkAtStop.total(),
          junkStatus.getString("status"),
          junkStatus.get("failed"),
          junkAfterRestart,
          ImportFixtures.occurrences(log, "listing the source again"));

      assertCompleted(status, count);
      assertStoredOnce(jdbcUrl, event, count);
      assertFalse(junkAtStop.listed(), "the outage came while the junk import was listing");
      assertAllFailed(junkStatus, jdbcUrl, junkEvent, junkFiles);
      assertEquals(0, broker.messages(QUEUE), "nothing left in the queue");
      assertEquals(0, broker.deadLetters(), "no file sent to the dead letters");
      assertEquals(503, readyDuring, "not ready while the database is down");
      assertTrue(waits > 0, "a consumer waited for the database");
      assertTrue(
          redeliveries <= SESSIONS,
          "files in work were kept, not handed back to the broker on every failure: "
              + redeliveries);
      assertEquals(200, ImportFixtures.readiness(node), "ready again");

      node.stop(Duration.ofSeconds(30));
    }
  }
}
