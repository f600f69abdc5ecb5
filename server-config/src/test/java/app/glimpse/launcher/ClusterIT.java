package app.glimpse.launcher;

import static app.glimpse.testing.Jpegs.withComment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Glimpse nodes on loopback share one import: one PostgreSQL and one Artemis (started here,
 * external to both nodes, as in production), one data directory, a Payara Micro cluster of their
 * own (free data grid ports, a unique cluster name). The import of N generated 12 MP photos starts
 * on node A; once node B has indexed some, B's launcher and server are killed with SIGKILL. The
 * import must complete on A, every photo indexed exactly once, and both nodes must have done work.
 * N is {@code glimpse.cluster.photos} (default 60; {@code -Dglimpse.cluster.photos=500} for the
 * long run).
 */
class ClusterIT {

  /** Consumers per node: {@code maxSession} of {@code PhotoFileConsumer}. */
  private static final int SESSIONS = 3;

  private static final String QUEUE = "glimpse.import.files";
  private static final String PASSWORD = "cluster-secret";

  @TempDir Path work;

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<LocalGlimpse> nodes = new ArrayList<>();

  @AfterEach
  void stopNodes() throws IOException {
    for (LocalGlimpse node : nodes) {
      node.close();
    }
    for (String log : List.of("node-a.log", "node-b.log")) {
      Path file = work.resolve(log);
      if (Files.exists(file)) {
        String text = Files.readString(file);
        System.out.println(
            "=== " + log + " (end)\n" + text.substring(Math.max(0, text.length() - 6_000)));
      }
    }
  }

  @Test
  void twoNodesShareAnImportAndTheSurvivorFinishesIt() throws Exception {
    int count = Integer.getInteger("glimpse.cluster.photos", 60);
    Path dist = Path.of(System.getProperty("glimpse.dist")).toAbsolutePath();
    Path photos = Files.createDirectories(work.resolve("photos"));
    long generating = System.nanoTime();
    generatePhotos(dist, photos, count);
    System.out.printf(
        Locale.ROOT,
        "Generated %d photos in %.1f s%n",
        count,
        (System.nanoTime() - generating) / 1e9);

    try (EmbeddedDatabase database =
            EmbeddedDatabase.start(work.resolve("services/postgres"), Glimpse.freePort());
        EmbeddedBroker broker =
            EmbeddedBroker.start(work.resolve("services/broker"), Glimpse.freePort())) {
      int gridA = Glimpse.freePort();
      int gridB = Glimpse.freePort();
      Map<String, String> common = new TreeMap<>();
      common.put("GLIMPSE_DATA_DIR", work.resolve("shared-data").toString());
      common.put("GLIMPSE_ADMIN_PASSWORD", PASSWORD);
      common.put("GLIMPSE_IMPORT_ROOTS", photos.toString());
      common.put("GLIMPSE_DB_URL", database.jdbcUrl());
      common.put("GLIMPSE_BROKER_URL", "tcp://127.0.0.1:" + broker.port());
      common.put("GLIMPSE_CLUSTER", "true");
      common.put("GLIMPSE_CLUSTER_NAME", "glimpse-it-" + UUID.randomUUID());
      common.put("GLIMPSE_CLUSTER_MEMBERS", "127.0.0.1:" + gridA + ",127.0.0.1:" + gridB);
      common.put("GLIMPSE_JAVA_OPTS", "-Xms96m -Xmx448m -XX:+UseSerialGC -Xss512k");

      LocalGlimpse a = start(dist, "node-a", gridA, common);
      a.awaitReady(Duration.ofMinutes(3));
      LocalGlimpse b = start(dist, "node-b", gridB, common);
      b.awaitReady(Duration.ofMinutes(3));
      assertTrue(
          waitFor(Duration.ofSeconds(30), () -> broker.consumers(QUEUE) == 2 * SESSIONS),
          "both nodes consume, " + SESSIONS + " sessions each: " + broker.consumers(QUEUE));
      assertTrue(
          waitFor(
              Duration.ofSeconds(30),
              () ->
                  logContains("node-a.log", "DG Size: 2")
                      || logContains("node-b.log", "DG Size: 2")),
          "node B joined node A's data grid");

      String token =
          object(
                  send(
                      a,
                      "POST",
                      "/api/v1/auth/token",
                      null,
                      "{\"email\":\"admin@glimpse.local\",\"password\":\"" + PASSWORD + "\"}"),
                  200)
              .getString("token");
      long event =
          object(send(a, "POST", "/api/v1/events", token, "{\"name\":\"Cluster\"}"), 201)
              .getJsonNumber("id")
              .longValue();
      long started = System.nanoTime();
      long run =
          object(
                  send(
                      a,
                      "POST",
                      "/api/v1/events/" + event + "/imports",
                      token,
                      "{\"source\":\"folder\",\"path\":\"" + photos + "\"}"),
                  202)
              .getJsonNumber("id")
              .longValue();

      int killAfter = Math.max(3, count / 10);
      assertTrue(
          waitFor(
              Duration.ofMinutes(5),
              () -> indexedBy(database, run).getOrDefault("node-b", 0) >= killAfter),
          "node B indexed " + killAfter + " photos: " + indexedBy(database, run));
      Map<String, Integer> beforeKill = indexedBy(database, run);
      List<ProcessHandle> nodeB = new ArrayList<>(b.process().descendants().toList());
      nodeB.add(b.process().toHandle());
      long killed = System.nanoTime();
      nodeB.forEach(ProcessHandle::destroyForcibly);
      for (ProcessHandle process : nodeB) {
        process.onExit().join();
      }
      double exited = (System.nanoTime() - killed) / 1e9;
      assertTrue(
          waitFor(Duration.ofSeconds(60), () -> broker.consumers(QUEUE) == SESSIONS),
          "the broker dropped node B's consumers: " + broker.consumers(QUEUE));
      double released = (System.nanoTime() - killed) / 1e9;
      assertTrue(
          waitFor(Duration.ofSeconds(60), () -> logContains("node-a.log", "delivered again")),
          "node A got the files node B had in work");
      double redelivered = (System.nanoTime() - killed) / 1e9;

      JsonObject status = object(send(a, "GET", "/api/v1/imports/" + run, token, null), 200);
      long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
      while (!status.getString("status").equals("COMPLETED") && System.nanoTime() < deadline) {
        Thread.sleep(500);
        status = object(send(a, "GET", "/api/v1/imports/" + run, token, null), 200);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      double afterKill = (System.nanoTime() - killed) / 1e9;
      Map<String, Integer> byNode = indexedBy(database, run);
      System.out.printf(
          Locale.ROOT,
          "cluster-it photos=%d status=%s processed=%s failed=%s seconds=%.1f"
              + " before_kill=%s after=%s killed_exited_s=%.2f consumers_released_s=%.2f"
              + " redelivered_s=%.2f"
              + " redeliveries=%d finished_after_kill_s=%.1f queue_left=%d%n",
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
          Files.readString(work.resolve("node-a.log")).split("delivered again", -1).length - 1,
          afterKill,
          broker.messages(QUEUE));

      assertEquals("COMPLETED", status.getString("status"), status.toString());
      assertEquals(count, status.getInt("total"), status.toString());
      assertEquals(count, status.getInt("processed"), status.toString());
      assertEquals(0, status.getInt("failed"), status.toString());
      try (Connection connection = connect(database);
          PreparedStatement photosPerFile =
              connection.prepareStatement(
                  "SELECT count(*), count(DISTINCT source_file_id), count(*) FILTER (WHERE status"
                      + " = 'INDEXED') FROM photo WHERE event_id = ?")) {
        photosPerFile.setLong(1, event);
        try (ResultSet rows = photosPerFile.executeQuery()) {
          rows.next();
          assertEquals(count, rows.getInt(1), "one photo per file");
          assertEquals(count, rows.getInt(2), "every file");
          assertEquals(count, rows.getInt(3), "all indexed");
        }
      }
      assertTrue(byNode.getOrDefault("node-a", 0) > 0, byNode.toString());
      assertTrue(byNode.getOrDefault("node-b", 0) >= killAfter, byNode.toString());
      assertEquals(count, byNode.values().stream().mapToInt(Integer::intValue).sum());
      assertEquals(0, broker.messages(QUEUE), "nothing left in the queue");

      a.stop(Duration.ofSeconds(30));
    }
  }

  private LocalGlimpse start(Path dist, String name, int gridPort, Map<String, String> common)
      throws IOException {
    Map<String, String> settings = new TreeMap<>(common);
    settings.put("GLIMPSE_NODE_NAME", name);
    settings.put("GLIMPSE_CLUSTER_PORT", Integer.toString(gridPort));
    LocalGlimpse node =
        LocalGlimpse.start(
            LocalGlimpse.launcherCommand(dist),
            Glimpse.freePort(),
            settings,
            work.resolve(name + ".log"));
    nodes.add(node);
    return node;
  }

  /**
   * Photos from the face engine's generator: a few distinct 12 MP photos (each with 1 to 8 faces),
   * copied to {@code count} files whose bytes differ by a JPEG comment, so each is a photo of its
   * own and generating stays cheap.
   */
  private void generatePhotos(Path dist, Path photos, int count) throws Exception {
    Path generated = Files.createDirectories(work.resolve("generated"));
    int distinct = Math.min(count, 8);
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx1g",
            "-Dglimpse.shared=" + System.getProperty("glimpse.shared"),
            "-cp",
            dist.resolve("addlibs") + "/*",
            "app.glimpse.faces.cli.FacesCli",
            "bench",
            "faces",
            "--photos",
            Integer.toString(distinct),
            "--threads",
            "1",
            "--out",
            generated.toString());
    Process bench = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, bench.waitFor(), output);
    List<Path> originals;
    try (Stream<Path> files = Files.list(generated)) {
      originals = files.filter(f -> f.toString().endsWith(".jpg")).sorted().toList();
    }
    assertTrue(originals.size() >= distinct, "generated: " + originals);
    for (int i = 0; i < count; i++) {
      byte[] jpeg = Files.readAllBytes(originals.get(i % originals.size()));
      Files.write(
          photos.resolve(String.format(Locale.ROOT, "photo-%04d.jpg", i)),
          withComment(jpeg, "cluster photo " + i));
    }
  }

  /** Photos of the import per node that stored them. */
  private static Map<String, Integer> indexedBy(EmbeddedDatabase database, long run) {
    Map<String, Integer> counts = new TreeMap<>();
    try (Connection connection = connect(database);
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT coalesce(indexed_by, '?'), count(*) FROM photo WHERE import_id = ?"
                    + " GROUP BY 1")) {
      query.setLong(1, run);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          counts.put(rows.getString(1), rows.getInt(2));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return counts;
  }

  private static Connection connect(EmbeddedDatabase database) throws SQLException {
    return DriverManager.getConnection(
        database.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.USER);
  }

  private boolean logContains(String log, String text) {
    try {
      return Files.readString(work.resolve(log)).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static boolean waitFor(Duration timeout, Condition condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.holds()) {
        return true;
      }
      Thread.sleep(100);
    }
    return condition.holds();
  }

  private HttpResponse<String> send(
      LocalGlimpse node, String method, String path, String token, String json) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(node.uri(path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json))
            .header("Accept", "application/json");
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject object(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response.body());
    try (var reader = Json.createReader(new StringReader(response.body()))) {
      return reader.readObject();
    }
  }
}
