package app.glimpse.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * One Glimpse node for a benchmark, on its own PostgreSQL (so the benchmark can fill the database
 * directly) in a temporary directory that is deleted afterwards; signed in as the first account.
 */
final class BenchNode implements AutoCloseable {

  final Path work;
  final EmbeddedDatabase database;
  final LocalGlimpse glimpse;
  final BenchApi api;
  final String token;

  private BenchNode(
      Path work, EmbeddedDatabase database, LocalGlimpse glimpse, BenchApi api, String token) {
    this.work = work;
    this.database = database;
    this.glimpse = glimpse;
    this.api = api;
    this.token = token;
  }

  /** Starts a node that may import from {@code importRoot}, with extra settings. */
  static BenchNode start(String name, Path importRoot, Map<String, String> settings)
      throws Exception {
    Path dist =
        Path.of(System.getProperty("glimpse.dist", "server-config/target/dist")).toAbsolutePath();
    Path work = Files.createTempDirectory("glimpse-bench-" + name);
    EmbeddedDatabase database =
        EmbeddedDatabase.start(work.resolve("postgres"), Glimpse.freePort());
    Map<String, String> all = new HashMap<>(settings);
    all.put("GLIMPSE_DATA_DIR", work.resolve("data").toString());
    all.put("GLIMPSE_DB_URL", database.jdbcUrl());
    all.put("GLIMPSE_ADMIN_PASSWORD", "bench-password");
    all.put("GLIMPSE_IMPORT_ROOTS", importRoot.toString());
    all.putIfAbsent("GLIMPSE_TOKEN_LIFETIME", "PT8H"); // a benchmark may outlast a 15-minute token
    LocalGlimpse glimpse;
    try {
      glimpse =
          LocalGlimpse.start(
              LocalGlimpse.launcherCommand(dist),
              Glimpse.freePort(),
              Map.copyOf(all),
              work.resolve("glimpse.log"));
      glimpse.awaitReady(Duration.ofMinutes(3));
    } catch (Exception e) {
      database.close();
      throw e;
    }
    BenchApi api = new BenchApi(glimpse);
    String token =
        api.field(
            api.send(
                "POST",
                "/api/v1/auth/token",
                null,
                "{\"email\":\"admin@glimpse.local\",\"password\":\"bench-password\"}"),
            "token");
    return new BenchNode(work, database, glimpse, api, token);
  }

  long createEvent(String name) throws Exception {
    return Long.parseLong(
        api.field(api.send("POST", "/api/v1/events", token, "{\"name\":\"" + name + "\"}"), "id"));
  }

  /**
   * Imports a server folder through the API and waits until the import has finished.
   *
   * @return the finished import as the API shows it
   */
  String importFolder(long event, Path folder) throws Exception {
    String run =
        api.field(
            api.send(
                "POST",
                "/api/v1/events/" + event + "/imports",
                token,
                "{\"source\":\"folder\",\"path\":\"" + folder + "\"}"),
            "id");
    String body;
    String status;
    do {
      Thread.sleep(500);
      body = api.send("GET", "/api/v1/imports/" + run, token, null);
      status = api.field(body, "status");
    } while (status.equals("QUEUED") || status.equals("RUNNING"));
    return body;
  }

  Connection jdbc() throws Exception {
    return DriverManager.getConnection(
        database.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.USER);
  }

  /** Faces of the event. */
  int faces(long event) throws Exception {
    try (Connection db = jdbc();
        Statement statement = db.createStatement();
        ResultSet row =
            statement.executeQuery("SELECT count(*) FROM face WHERE event_id = " + event)) {
      row.next();
      return row.getInt(1);
    }
  }

  /**
   * Adds {@code photos} photos with {@code facesPerPhoto} random faces each through plain JDBC (the
   * database numbers the faces as it does for imports), taken one second apart after the real ones.
   * With {@code thumbnail}, each gets that file as its thumbnail and preview (hard links).
   *
   * @return the photos' ids
   */
  long[] addSyntheticPhotos(long event, int photos, int facesPerPhoto, Path thumbnail)
      throws Exception {
    long[] ids = new long[photos];
    Path previews = work.resolve("data/previews/" + event);
    if (thumbnail != null) {
      Files.createDirectories(previews);
    }
    try (Connection db = jdbc()) {
      db.setAutoCommit(false);
      long source;
      try (Statement statement = db.createStatement();
          ResultSet row =
              statement.executeQuery("SELECT id FROM source WHERE event_id = " + event)) {
        row.next();
        source = row.getLong(1);
      }
      SplittableRandom random = new SplittableRandom(7);
      long id = 10_000_000L;
      try (PreparedStatement photo =
              db.prepareStatement(
                  "INSERT INTO photo (id, event_id, source_id, source_file_id, file_name,"
                      + " content_hash, status, width, height, face_count, taken_at, created_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, 'INDEXED', 4000, 3000, ?,"
                      + " timestamptz '2030-01-01 00:00:00+00' + ? * interval '1 second', now())");
          PreparedStatement face =
              db.prepareStatement(
                  "INSERT INTO face (id, photo_id, event_id, box_x, box_y, box_width, box_height,"
                      + " landmarks, score, searchable, embedding)"
                      + " VALUES (?, ?, ?, 100, 100, 120, 140, ?, 0.9, true, ?)")) {
        byte[] landmarks = new byte[40];
        for (int p = 0; p < photos; p++) {
          long photoId = id++;
          ids[p] = photoId;
          String name = "synthetic-" + photoId + ".jpg";
          photo.setLong(1, photoId);
          photo.setLong(2, event);
          photo.setLong(3, source);
          photo.setString(4, name);
          photo.setString(5, name);
          photo.setString(6, Long.toHexString(photoId));
          photo.setInt(7, facesPerPhoto);
          photo.setInt(8, p);
          photo.addBatch();
          for (int f = 0; f < facesPerPhoto; f++) {
            face.setLong(1, id++);
            face.setLong(2, photoId);
            face.setLong(3, event);
            face.setBytes(4, landmarks);
            face.setBytes(5, randomEmbedding(random));
            face.addBatch();
          }
          if (thumbnail != null) {
            Files.createLink(previews.resolve(photoId + "-thumb.jpg"), thumbnail);
            Files.createLink(previews.resolve(photoId + "-preview.jpg"), thumbnail);
          }
          if (p % 500 == 499) {
            photo.executeBatch();
            face.executeBatch();
            db.commit();
          }
        }
        photo.executeBatch();
        face.executeBatch();
        db.commit();
      }
      // what autovacuum does soon after an import, done before measuring: otherwise it vacuums and
      // analyses the new rows, and flushes them, in the middle of the measured minute
      db.setAutoCommit(true);
      try (Statement statement = db.createStatement()) {
        statement.execute("VACUUM ANALYZE photo");
        statement.execute("VACUUM ANALYZE face");
        statement.execute("CHECKPOINT");
      }
    }
    return ids;
  }

  /**
   * A random unit vector in the stored form: little-endian half floats (truncated; components of a
   * 512-d unit vector are far inside the half-float range).
   */
  private static byte[] randomEmbedding(SplittableRandom random) {
    double[] v = new double[512];
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      double u1 = random.nextDouble();
      double u2 = random.nextDouble();
      v[i] = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
      norm += v[i] * v[i];
    }
    byte[] bytes = new byte[1024];
    for (int i = 0; i < v.length; i++) {
      int bits = Float.floatToIntBits((float) (v[i] / Math.sqrt(norm)));
      int exponent = ((bits >>> 23) & 0xff) - 112;
      int half =
          ((bits >>> 16) & 0x8000) | (exponent <= 0 ? 0 : exponent << 10 | (bits >>> 13) & 0x3ff);
      bytes[2 * i] = (byte) half;
      bytes[2 * i + 1] = (byte) (half >>> 8);
    }
    return bytes;
  }

  static double percentile(double[] sorted, int percent) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  @Override
  public void close() throws Exception {
    try {
      glimpse.stop(Duration.ofSeconds(30));
      glimpse.close();
    } finally {
      database.close();
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      }
    }
  }
}
