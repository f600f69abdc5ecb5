package app.glimpse.launcher;

import static app.glimpse.launcher.ImportFixtures.QUEUE;
import static app.glimpse.launcher.ImportFixtures.assertAllFailed;
import static app.glimpse.launcher.ImportFixtures.assertCompleted;
import static app.glimpse.launcher.ImportFixtures.assertStoredOnce;
import static app.glimpse.launcher.ImportFixtures.indexedBy;
import static app.glimpse.launcher.ImportFixtures.listing;
import static app.glimpse.launcher.ImportFixtures.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.testing.GlimpseClient;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Glimpse nodes on loopback share one import: one PostgreSQL and one Artemis (started here,
 * external to both nodes, as in production), one data directory, a Payara Micro cluster of their
 * own (free data grid ports, a unique cluster name). The import of N generated 12 MP photos starts
 * on node A; once node B has indexed some, a second import, of J files that are no photos, starts
 * on node B, and once B's listing job has queued its first chunk, B's launcher and server are
 * killed with SIGKILL: B was both a worker of the first import and the listing node of the second.
 * Both imports must complete on A, every file recorded exactly once: A takes over the second's
 * listing once B has been silent for {@link app.glimpse.imports.control.Listings#SILENCE}, waits
 * for the files B had queued and lists the folder again, leaving out what was recorded. N is {@code
 * glimpse.cluster.photos}: 500 by default, as the imports issue asks (about 3 minutes of importing
 * on 2 cores); {@code -Dglimpse.cluster.photos=60} for a quick run. J is {@code
 * glimpse.cluster.junk} (default 3000).
 */
class ClusterIT {

  /** Consumers per node: {@code maxSession} of {@code PhotoFileConsumer}. */
  private static final int SESSIONS = 3;

  private static final String PASSWORD = "cluster-secret";

  @TempDir Path work;

  private final List<LocalGlimpse> nodes = new ArrayList<>();

  @AfterEach
  void stopNodes() throws IOException {
    for (LocalGlimpse node : nodes) {
      node.close();
    }
    for (String log : List.of("node-a.log", "node-b.log")) {
      ImportFixtures.keepLog(work.resolve(log), "ClusterIT-" + log);
    }
    for (LocalGlimpse node : nodes) {
      Path log = node.serverLog();
      ImportFixtures.keepLog(log, "ClusterIT-" + log.getParent().getFileName() + "-server.log");
    }
  }

  @Test
  void twoNodesShareAnImportAndTheSurvivorFinishesIt() throws Exception {
    int count = Integer.getInteger("glimpse.cluster.photos", 500);
    int junkFiles = Integer.getInteger("glimpse.cluster.junk", 3000);
    Path photos = work.resolve("photos");
    ImportFixtures.generatePhotos(work, photos, count);
    Path junk = work.resolve("junk");
    ImportFixtures.writeJunk(junk, junkFiles);

    try (EmbeddedDatabase database =
            EmbeddedDatabase.start(work.resolve("services/postgres"), Glimpse.freePort());
        EmbeddedBroker broker =
            EmbeddedBroker.start(work.resolve("services/broker"), Glimpse.freePort())) {
      String jdbcUrl = database.jdbcUrl();
      int gridA = Glimpse.freePort();
      int gridB = Glimpse.freePort();
      Map<String, String> common =
          ImportFixtures.settings(
              work.resolve("shared-data"), work, jdbcUrl, broker.port(), PASSWORD);
      common.put("GLIMPSE_CLUSTER", "true");
      common.put("GLIMPSE_CLUSTER_NAME", "glimpse-it-" + UUID.randomUUID());
      common.put("GLIMPSE_CLUSTER_MEMBERS", "127.0.0.1:" + gridA + ",127.0.0.1:" + gridB);

      LocalGlimpse a = start("node-a", gridA, common);
      a.awaitReady(Duration.ofMinutes(3));
      LocalGlimpse b = start("node-b", gridB, common);
      b.awaitReady(Duration.ofMinutes(3));
      assertTrue(
          waitFor(Duration.ofSeconds(30), () -> broker.consumers(QUEUE) == 2 * SESSIONS),
          "both nodes consume, " + SESSIONS + " sessions each: " + broker.consumers(QUEUE));
      assertTrue(
          waitFor(
              Duration.ofSeconds(30),
              () ->
                  logContains(a.serverLog(), "DG Size: 2")
                      || logContains(b.serverLog(), "DG Size: 2")),
          "node B joined node A's data grid");

      GlimpseClient api = GlimpseClient.signIn(a::uri, ImportFixtures.ADMIN, PASSWORD);
      long event = api.createEvent("Cluster");
      long started = System.nanoTime();
      long run = api.importFolder(event, photos);

      int killAfter = Math.max(3, count / 10);
      assertTrue(
          waitFor(
              Duration.ofMinutes(5),
              () -> indexedBy(jdbcUrl, run).getOrDefault("node-b", 0) >= killAfter),
          "node B indexed " + killAfter + " photos: " + indexedBy(jdbcUrl, run));
      // node B lists a second import, of files that are no photos (each fails at once)
      long junkEvent = api.createEvent("Junk");
      long junkRun =
          GlimpseClient.signIn(b::uri, ImportFixtures.ADMIN, PASSWORD)
              .importFolder(junkEvent, junk);
      assertTrue(
          waitFor(Duration.ofSeconds(60), () -> listing(jdbcUrl, junkRun).total() > 0),
          "node B's listing queued its first files");
      Map<String, Integer> beforeKill = indexedBy(jdbcUrl, run);
      List<ProcessHandle> nodeB = new ArrayList<>(b.process().descendants().toList());
      nodeB.add(b.process().toHandle());
      long killed = System.nanoTime();
      nodeB.forEach(ProcessHandle::destroyForcibly);
      for (ProcessHandle process : nodeB) {
        process.onExit().join();
      }
      double exited = (System.nanoTime() - killed) / 1e9;
      ImportFixtures.Listing junkAtKill = listing(jdbcUrl, junkRun);
      assertTrue(
          waitFor(Duration.ofSeconds(60), () -> broker.consumers(QUEUE) == SESSIONS),
          "the broker dropped node B's consumers: " + broker.consumers(QUEUE));
      double released = (System.nanoTime() - killed) / 1e9;
      assertTrue(
          waitFor(Duration.ofSeconds(60), () -> logContains(a.serverLog(), "delivered again")),
          "node A got the files node B had in work");
      double redelivered = (System.nanoTime() - killed) / 1e9;

      JsonObject status = api.awaitFinished(run, Duration.ofMinutes(15));
      double seconds = (System.nanoTime() - started) / 1e9;
      double afterKill = (System.nanoTime() - killed) / 1e9;
      Map<String, Integer> byNode = indexedBy(jdbcUrl, run);
      JsonObject junkStatus = api.awaitFinished(junkRun, Duration.ofMinutes(5));
      double junkAfterKill = (System.nanoTime() - killed) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "cluster-it photos=%d status=%s processed=%s failed=%s seconds=%.1f"
              + " before_kill=%s after=%s killed_exited_s=%.2f consumers_released_s=%.2f"
              + " redelivered_s=%.2f"
              + " redeliveries=%d finished_after_kill_s=%.1f queue_left=%d"
              + " junk=%d junk_listed_at_kill=%d junk_status=%s junk_failed=%s"
              + " junk_finished_after_kill_s=%.1f listing_taken_over=%d%n",
          count,
          status.getString("status"),
          status.get("processed"),
          status.get("failed"),
          seconds,
          beforeKill,
          byNode,
          exited,
          released,
          redelivered,
          ImportFixtures.occurrences(a.serverLog(), "delivered again"),
          afterKill,
          broker.messages(QUEUE),
          junkFiles,
          junkAtKill.total(),
          junkStatus.getString("status"),
          junkStatus.get("failed"),
          junkAfterKill,
          ImportFixtures.occurrences(a.serverLog(), "took over the listing"));

      assertCompleted(status, count);
      assertStoredOnce(jdbcUrl, event, count);
      assertTrue(byNode.getOrDefault("node-a", 0) > 0, byNode.toString());
      assertTrue(byNode.getOrDefault("node-b", 0) >= killAfter, byNode.toString());
      assertEquals(count, byNode.values().stream().mapToInt(Integer::intValue).sum());
      assertEquals(0, broker.messages(QUEUE), "nothing left in the queue");
      assertFalse(junkAtKill.listed(), "node B was killed while it listed: " + junkAtKill);
      assertAllFailed(junkStatus, jdbcUrl, junkEvent, junkFiles);
      assertEquals(
          1,
          ImportFixtures.occurrences(a.serverLog(), "took over the listing from node node-b"),
          "node A took over node B's listing, once");

      a.stop(Duration.ofSeconds(30));
    }
  }

  private LocalGlimpse start(String name, int gridPort, Map<String, String> common)
      throws IOException {
    Map<String, String> settings = new TreeMap<>(common);
    settings.put("GLIMPSE_NODE_NAME", name);
    settings.put("GLIMPSE_CLUSTER_PORT", Integer.toString(gridPort));
    LocalGlimpse node =
        LocalGlimpse.start(
            LocalGlimpse.launcherCommand(ImportFixtures.dist()),
            Glimpse.freePort(),
            settings,
            work.resolve(name + ".log"));
    nodes.add(node);
    return node;
  }

  private static boolean logContains(Path log, String text) {
    try {
      return Files.readString(log).contains(text);
    } catch (IOException e) {
      return false;
    }
  }
}
