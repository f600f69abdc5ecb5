package app.glimpse.launcher;

import static app.glimpse.testing.Jpegs.withComment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.testing.GlimpseClient;
import jakarta.json.JsonObject;
import java.io.IOException;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the tests that run imports on whole Glimpse nodes ({@link ClusterIT}, {@link
 * DatabaseRestartIT}, {@link BrokerRestartIT}) share: generated photos, a node's API signed in as
 * the first account, and the counts that only the database can tell.
 */
final class ImportFixtures {

  /** The import queue on Artemis. */
  static final String QUEUE = "glimpse.import.files";

  /** The first account's e-mail (the launcher's default); its password is the test's own. */
  static final String ADMIN = "admin@glimpse.local";

  private ImportFixtures() {}

  /** The built distribution ({@code server-config/target/dist}). */
  static Path dist() {
    return Path.of(System.getProperty("glimpse.dist")).toAbsolutePath();
  }

  /**
   * Writes {@code count} photos to {@code photos}, from the face engine's generator: a few distinct
   * 12 MP photos (each with 1 to 8 faces), copied to files whose bytes differ by a JPEG comment, so
   * each is a photo of its own and generating stays cheap. The generated ones are kept in {@code
   * target/it-photos} for the next test.
   */
  static void generatePhotos(Path work, Path photos, int count) throws Exception {
    Files.createDirectories(photos);
    int distinct = 8;
    long generating = System.nanoTime();
    List<Path> originals = generated(work, distinct);
    assertTrue(originals.size() >= distinct, "generated: " + originals);
    for (int i = 0; i < count; i++) {
      byte[] jpeg = Files.readAllBytes(originals.get(i % originals.size()));
      Files.write(
          photos.resolve(String.format(Locale.ROOT, "photo-%04d.jpg", i)),
          withComment(jpeg, photos.getFileName() + " photo " + i));
    }
    System.out.printf(
        Locale.ROOT,
        "Generated %d photos in %.1f s%n",
        count,
        (System.nanoTime() - generating) / 1e9);
  }

  /**
   * Writes {@code count} files named like photos that are none: each fails at once when indexed, so
   * an import of many of them spends its time listing and queueing (100 files per chunk).
   */
  static void writeJunk(Path folder, int count) throws IOException {
    Files.createDirectories(folder);
    for (int i = 0; i < count; i++) {
      Files.writeString(
          folder.resolve(String.format(Locale.ROOT, "junk-%04d.jpg", i)), "not a photo " + i);
    }
  }

  /** {@code distinct} generated photos, from {@code target/it-photos} if it has them already. */
  private static List<Path> generated(Path work, int distinct) throws Exception {
    Path kept = Path.of("target", "it-photos", Integer.toString(distinct)).toAbsolutePath();
    if (!Files.isDirectory(kept)) {
      Path generated = Files.createDirectories(work.resolve("generated"));
      List<String> command =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx1g",
              "-Dglimpse.shared=" + System.getProperty("glimpse.shared"),
              "-cp",
              dist().resolve("addlibs") + "/*",
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
      Path partial = Files.createDirectories(kept.resolveSibling(distinct + ".partial"));
      try (Stream<Path> files = Files.list(generated)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".jpg")).toList()) {
          Files.copy(
              file,
              partial.resolve(file.getFileName()),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.move(partial, kept, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    try (Stream<Path> files = Files.list(kept)) {
      return files.filter(f -> f.toString().endsWith(".jpg")).sorted().toList();
    }
  }

  /**
   * The settings of a node on the external {@code database} and {@code broker}, importing from
   * {@code photos}, with its data in {@code data}.
   */
  static Map<String, String> settings(
      Path data, Path photos, String jdbcUrl, int brokerPort, String password) {
    Map<String, String> settings = new TreeMap<>();
    settings.put("GLIMPSE_DATA_DIR", data.toString());
    settings.put("GLIMPSE_ADMIN_PASSWORD", password);
    settings.put("GLIMPSE_IMPORT_ROOTS", photos.toString());
    settings.put("GLIMPSE_DB_URL", jdbcUrl);
    settings.put("GLIMPSE_BROKER_URL", "tcp://127.0.0.1:" + brokerPort);
    settings.put("GLIMPSE_JAVA_OPTS", "-Xms96m -Xmx448m -XX:+UseSerialGC -Xss512k");
    return settings;
  }

  /** The last {@code chars} characters of {@code log}, or nothing if it does not exist. */
  static String tail(Path log, int chars) throws IOException {
    if (!Files.exists(log)) {
      return "";
    }
    String text = Files.readString(log);
    return text.substring(Math.max(0, text.length() - chars));
  }

  /**
   * Keeps {@code log} as {@code target/it-logs/<name>} (the test's own folder is deleted after it)
   * and prints its end.
   */
  static void keepLog(Path log, String name) throws IOException {
    if (!Files.exists(log)) {
      return;
    }
    Path kept = Files.createDirectories(Path.of("target", "it-logs")).resolve(name);
    Files.copy(log, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    System.out.println("=== " + kept.toAbsolutePath() + " (end)\n" + tail(log, 6_000));
  }

  /** How often {@code text} occurs in {@code log}. */
  static int occurrences(Path log, String text) throws IOException {
    return Files.readString(log).split(java.util.regex.Pattern.quote(text), -1).length - 1;
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  /** Waits until {@code condition} holds, polling every 100 ms; false if it still does not. */
  static boolean waitFor(Duration timeout, Condition condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.holds()) {
        return true;
      }
      Thread.sleep(100);
    }
    return condition.holds();
  }

  static Connection connect(String jdbcUrl) throws SQLException {
    return DriverManager.getConnection(jdbcUrl, EmbeddedDatabase.USER, EmbeddedDatabase.USER);
  }

  /** Photos of the import per node that stored them. */
  static Map<String, Integer> indexedBy(String jdbcUrl, long run) {
    Map<String, Integer> counts = new TreeMap<>();
    try (Connection connection = connect(jdbcUrl);
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

  /** The photos of the import stored so far. */
  static int stored(String jdbcUrl, long run) {
    return indexedBy(jdbcUrl, run).values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * The event's photos as the database has them: rows, distinct source files, rows indexed (not
   * failed).
   */
  record PhotoCounts(int rows, int files, int indexed) {}

  static PhotoCounts photoCounts(String jdbcUrl, long event) throws SQLException {
    try (Connection connection = connect(jdbcUrl);
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT count(*), count(DISTINCT source_file_id), count(*) FILTER (WHERE status"
                    + " = 'INDEXED') FROM photo WHERE event_id = ?")) {
      query.setLong(1, event);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return new PhotoCounts(rows.getInt(1), rows.getInt(2), rows.getInt(3));
      }
    }
  }

  /** How far the import's listing got: the files it queued, whether it is done. */
  record Listing(int total, boolean listed) {}

  static Listing listing(String jdbcUrl, long run) throws SQLException {
    try (Connection connection = connect(jdbcUrl);
        PreparedStatement query =
            connection.prepareStatement("SELECT total, listed FROM photo_import WHERE id = ?")) {
      query.setLong(1, run);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return new Listing(rows.getInt(1), rows.getBoolean(2));
      }
    }
  }

  /**
   * Asserts that the import of {@code count} junk files ({@link #writeJunk}) completed with one
   * failed photo for each.
   */
  static void assertAllFailed(JsonObject status, String jdbcUrl, long event, int count)
      throws SQLException {
    assertEquals("COMPLETED", status.getString("status"), status.toString());
    assertEquals(count, status.getInt("total"), status.toString());
    assertEquals(0, status.getInt("processed"), status.toString());
    assertEquals(count, status.getInt("failed"), status.toString());
    assertEquals(
        new PhotoCounts(count, count, 0),
        photoCounts(jdbcUrl, event),
        "one failed photo per junk file");
  }

  /** Asserts that the event holds exactly one indexed photo for each of {@code count} files. */
  static void assertStoredOnce(String jdbcUrl, long event, int count) throws SQLException {
    PhotoCounts counts = photoCounts(jdbcUrl, event);
    assertEquals(count, counts.rows(), "one photo per file: " + counts);
    assertEquals(count, counts.files(), "every file: " + counts);
    assertEquals(count, counts.indexed(), "all indexed: " + counts);
  }

  /** Asserts that the import completed with {@code count} files, all indexed. */
  static void assertCompleted(JsonObject status, int count) {
    assertEquals("COMPLETED", status.getString("status"), status.toString());
    assertEquals(count, status.getInt("total"), status.toString());
    assertEquals(count, status.getInt("processed"), status.toString());
    assertEquals(0, status.getInt("failed"), status.toString());
  }

  /**
   * The two imports of an outage test, started and brought to the outage: one of {@code photos}
   * that has stored an eighth of them and is still indexing, and one of the non-photos in {@code
   * junk} that has queued its first files and is still listing.
   */
  record TwoImports(
      long event, long run, long junkEvent, long junkRun, long started, int storedAtStop) {}

  static TwoImports startTwoImports(
      GlimpseClient api, String name, Path photos, Path junk, int count, String jdbcUrl)
      throws Exception {
    long event = api.createEvent(name);
    long started = System.nanoTime();
    long run = api.importFolder(event, photos);
    int stopAfter = Math.max(3, count / 8);
    assertTrue(
        waitFor(Duration.ofMinutes(3), () -> stored(jdbcUrl, run) >= stopAfter),
        "the node stored " + stopAfter + " photos: " + stored(jdbcUrl, run));
    // a second import, of files that are no photos (each fails at once): its listing, 100 files
    // per chunk, meets the outage
    long junkEvent = api.createEvent("Junk");
    long junkRun = api.importFolder(junkEvent, junk);
    assertTrue(
        waitFor(Duration.ofSeconds(30), () -> listing(jdbcUrl, junkRun).total() > 0),
        "the junk import queued its first files");
    int storedAtStop = stored(jdbcUrl, run);
    assertTrue(storedAtStop < count, "the outage comes while the node is still indexing");
    return new TwoImports(event, run, junkEvent, junkRun, started, storedAtStop);
  }

  /** The status code of {@code GET /health/ready} of {@code node}, -1 if no answer within 10 s. */
  static int readiness(LocalGlimpse node) throws Exception {
    try {
      return READINESS
          .send(
              HttpRequest.newBuilder(node.uri("/health/ready"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .statusCode();
    } catch (java.net.http.HttpTimeoutException e) {
      return -1;
    }
  }

  private static final HttpClient READINESS =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  static JsonObject object(HttpResponse<String> response, int status) {
    return app.glimpse.testing.Api.object(response, status);
  }
}
