package app.glimpse.launcher;

import static app.glimpse.launcher.ImportFixtures.QUEUE;
import static app.glimpse.launcher.ImportFixtures.assertAllFailed;
import static app.glimpse.launcher.ImportFixtures.assertCompleted;
import static app.glimpse.launcher.ImportFixtures.assertStoredOnce;
import static app.glimpse.launcher.ImportFixtures.listing;
import static app.glimpse.launcher.ImportFixtures.stored;
import static app.glimpse.launcher.ImportFixtures.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.testing.GlimpseClient;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Artemis broker crashes in the middle of two imports: one Glimpse node on a PostgreSQL and an
 * Artemis (persistent journal, in a process of its own) of the test's own. Once the node has stored
 * a few of N generated 12 MP photos, a second import of J files that are no photos starts; once its
 * listing has queued its first chunk, the broker's process is killed with SIGKILL (no shutdown:
 * deliveries in flight are neither acknowledged nor handed back), it is kept down for D seconds,
 * and started again on the same journal and port. The node's consumers must come back by themselves
 * and the first import must complete with every photo stored exactly once; the second, whose
 * listing job failed with the outage, must list again (through the node's pooled connections) and
 * complete with one failed photo per file; nothing may be left in the queue or sent to the dead
 * letters. N is {@code glimpse.restart.photos} (default 40), D {@code glimpse.restart.down.seconds}
 * (default 15), J {@code glimpse.restart.junk} (default 1000).
 */
class BrokerRestartIT {

  /** Consumers of the node: {@code maxSession} of {@code PhotoFileConsumer}. */
  private static final int SESSIONS = 3;

  private static final String PASSWORD = "restart-secret";

  @TempDir Path work;

  private LocalGlimpse node;
  private EmbeddedBroker broker;
  private Process crashing;

  @AfterEach
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
    if (broker != null) {
      broker.close();
    }
    if (crashing != null) {
      crashing.destroyForcibly().waitFor();
    }
    ImportFixtures.keepLog(work.resolve("node.log"), "BrokerRestartIT-node.log");
    if (node != null) {
      ImportFixtures.keepLog(node.serverLog(), "BrokerRestartIT-server.log");
    }
  }

  @Test
  void anImportCompletesAfterTheBrokerIsKilledAndRestarts() throws Exception {
    int count = Integer.getInteger("glimpse.restart.photos", 40);
    int down = Integer.getInteger("glimpse.restart.down.seconds", 15);
    Path photos = work.resolve("photos");
    ImportFixtures.generatePhotos(work, photos, count);
    int junkFiles = Integer.getInteger("glimpse.restart.junk", 1000);
    Path junk = work.resolve("junk");
    ImportFixtures.writeJunk(junk, junkFiles);

    Path brokerData = work.resolve("services/broker");
    int brokerPort = Glimpse.freePort();
    try (EmbeddedDatabase database =
        EmbeddedDatabase.start(work.resolve("services/postgres"), Glimpse.freePort())) {
      String jdbcUrl = database.jdbcUrl();
      crashing = brokerProcess(brokerData, brokerPort);
      Map<String, String> settings =
          ImportFixtures.settings(work.resolve("data"), work, jdbcUrl, brokerPort, PASSWORD);
      settings.put("GLIMPSE_NODE_NAME", "broker-restart");
      node =
          LocalGlimpse.start(
              LocalGlimpse.launcherCommand(ImportFixtures.dist()),
              Glimpse.freePort(),
              settings,
              work.resolve("node.log"));
      node.awaitReady(Duration.ofMinutes(3));
      assertTrue(
          waitFor(Duration.ofSeconds(30), () -> consumers(brokerPort) == SESSIONS),
          "the node consumes: " + consumers(brokerPort));
      GlimpseClient api = GlimpseClient.signIn(node::uri, ImportFixtures.ADMIN, PASSWORD);
      ImportFixtures.TwoImports imports =
          ImportFixtures.startTwoImports(api, "Broker restart", photos, junk, count, jdbcUrl);
      long event = imports.event();
      long started = imports.started();
      long run = imports.run();
      long junkEvent = imports.junkEvent();
      long junkRun = imports.junkRun();
      int storedAtStop = imports.storedAtStop();
      long stopping = System.nanoTime();
      crashing.destroyForcibly().waitFor();
      crashing = null;
      double stopSeconds = (System.nanoTime() - stopping) / 1e9;
      ImportFixtures.Listing junkAtStop = listing(jdbcUrl, junkRun);
      int readyDuring = 0;
      while (System.nanoTime() - stopping < Duration.ofSeconds(down).toNanos()) {
        readyDuring = ImportFixtures.readiness(node);
        Thread.sleep(1000);
      }
      int storedWhileDown = stored(jdbcUrl, run);
      long restarting = System.nanoTime();
      broker = EmbeddedBroker.start(brokerData, brokerPort);
      double downSeconds = (System.nanoTime() - stopping) / 1e9;
      long queuedAtRestart = broker.messages(QUEUE);
      assertTrue(
          waitFor(Duration.ofSeconds(60), () -> broker.consumers(QUEUE) == SESSIONS),
          "the node's consumers came back: " + broker.consumers(QUEUE));
      double reconnected = (System.nanoTime() - restarting) / 1e9;

      JsonObject status = api.awaitFinished(run, Duration.ofMinutes(2));
      double seconds = (System.nanoTime() - started) / 1e9;
      double afterRestart = (System.nanoTime() - restarting) / 1e9;

      // listed again after the restart, queued through the node's pooled connections
      JsonObject junkStatus = api.awaitFinished(junkRun, Duration.ofMinutes(2));
      double junkAfterRestart = (System.nanoTime() - restarting) / 1e9;

      Path log = node.serverLog();
      System.out.printf(
          Locale.ROOT,
          "broker-restart-it photos=%d status=%s processed=%s failed=%s seconds=%.1f down_s=%.1f"
              + " stop_s=%.1f stored_at_stop=%d stored_while_down=%d queued_at_restart=%d"
              + " ready_during=%d consumers_back_s=%.1f finished_after_restart_s=%.1f"
              + " redeliveries=%d queue_left=%d dlq=%d junk=%d junk_listed_at_stop=%d"
              + " junk_status=%s junk_failed=%s junk_finished_after_restart_s=%.1f relisted=%d%n",
          count,
          status.getString("status"),
          status.get("processed"),
          status.get("failed"),
          seconds,
          downSeconds,
          stopSeconds,
          storedAtStop,
          storedWhileDown,
          queuedAtRestart,
          readyDuring,
          reconnected,
          afterRestart,
          ImportFixtures.occurrences(log, "delivered again"),
          broker.messages(QUEUE),
          broker.deadLetters(),
          junkFiles,
          junkAtStop.total(),
          junkStatus.getString("status"),
          junkStatus.get("failed"),
          junkAfterRestart,
          ImportFixtures.occurrences(log, "listing the source again"));

      assertEquals(200, readyDuring, "still ready (galleries are served) while the broker is down");
      assertTrue(queuedAtRestart > 0, "the restarted broker still had the queued files");
      assertCompleted(status, count);
      assertStoredOnce(jdbcUrl, event, count);
      assertFalse(junkAtStop.listed(), "the outage came while the junk import was listing");
      assertAllFailed(junkStatus, jdbcUrl, junkEvent, junkFiles);
      assertEquals(0, broker.messages(QUEUE), "nothing left in the queue");
      assertEquals(0, broker.deadLetters(), "no file sent to the dead letters");
      assertEquals(200, ImportFixtures.readiness(node), "ready again");

      node.stop(Duration.ofSeconds(30));
    }
  }

  /** Artemis in a process of its own on {@code journal} and {@code port}, once it listens. */
  private Process brokerProcess(Path journal, int port) throws Exception {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                ImportFixtures.dist().resolve("launcher") + "/*",
                EmbeddedBroker.class.getName(),
                journal.toString(),
                Integer.toString(port),
                Integer.toString(EmbeddedBroker.DELIVERY_ATTEMPTS))
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("broker.log").toFile())
            .start();
    assertTrue(
        waitFor(Duration.ofSeconds(60), () -> listens(port) || !process.isAlive()),
        "the broker listens");
    assertTrue(process.isAlive(), ImportFixtures.tail(work.resolve("broker.log"), 4000));
    return process;
  }

  private static boolean listens(int port) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** Consumers of the import queue, asked over the broker's own protocol. */
  private static int consumers(int port) throws Exception {
    try (var locator =
            org.apache.activemq.artemis.api.core.client.ActiveMQClient.createServerLocator(
                "tcp://127.0.0.1:" + port);
        var factory = locator.createSessionFactory();
        var session = factory.createSession()) {
      var queue = session.queueQuery(org.apache.activemq.artemis.api.core.SimpleString.of(QUEUE));
      return queue.isExists() ? queue.getConsumerCount() : 0;
    }
  }
}
