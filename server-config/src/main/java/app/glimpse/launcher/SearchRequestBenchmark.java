package app.glimpse.launcher;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The whole selfie search request, as a guest's phone sends it: {@code ./glimpse bench search} runs
 * it after the ranking benchmark. One node with its own PostgreSQL; the labelled photos of
 * ../shared/photos/deepface imported through the API (so the selfie has real matches), then
 * synthetic faces added in the database up to {@code --request-faces} (100,000); then a 2 MP selfie
 * posted to {@code POST /api/v1/events/{id}/search} again and again: decoding, detection,
 * embedding, ranking, the matched photos' details and the JSON answer, over HTTP.
 *
 * <p>Ends with the {@code search-bench} summary line: the ranking figures handed over with {@code
 * --rank}, then {@code search_ms_p50=} and {@code search_ms_p95=}.
 */
public final class SearchRequestBenchmark {

  private static final int SELFIE_PIXELS = 2_000_000;

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int faces = Integer.parseInt(options.getOrDefault("request-faces", "100000"));
    int requests = Integer.parseInt(options.getOrDefault("requests", "100"));
    Path photos =
        Path.of(options.getOrDefault("photos", "../shared/photos/deepface")).toAbsolutePath();
    Path selfieFile = photos.resolve(options.getOrDefault("selfie", "img2.jpg"));
    String rank = options.getOrDefault("rank", "");
    Path dist =
        Path.of(System.getProperty("glimpse.dist", "server-config/target/dist")).toAbsolutePath();
    Path work = Files.createTempDirectory("glimpse-bench-search");
    try (EmbeddedDatabase database =
        EmbeddedDatabase.start(work.resolve("postgres"), Glimpse.freePort())) {
      try (LocalGlimpse glimpse =
          LocalGlimpse.start(
              LocalGlimpse.launcherCommand(dist),
              Glimpse.freePort(),
              Map.of(
                  "GLIMPSE_DATA_DIR", work.resolve("data").toString(),
                  "GLIMPSE_DB_URL", database.jdbcUrl(),
                  "GLIMPSE_ADMIN_PASSWORD", "bench-password",
                  "GLIMPSE_IMPORT_ROOTS", photos.toString()),
              work.resolve("glimpse.log"))) {
        glimpse.awaitReady(Duration.ofMinutes(3));
        BenchApi api = new BenchApi(glimpse);
        String token =
            api.field(
                api.send(
                    "POST",
                    "/api/v1/auth/token",
                    null,
                    "{\"email\":\"admin@glimpse.local\",\"password\":\"bench-password\"}"),
                "token");
        long event =
            Long.parseLong(
                api.field(
                    api.send("POST", "/api/v1/events", token, "{\"name\":\"Search bench\"}"),
                    "id"));
        String run =
            api.field(
                api.send(
                    "POST",
                    "/api/v1/events/" + event + "/imports",
                    token,
                    "{\"source\":\"folder\",\"path\":\"" + photos + "\"}"),
                "id");
        String status;
        do {
          Thread.sleep(500);
          status = api.field(api.send("GET", "/api/v1/imports/" + run, token, null), "status");
        } while (status.equals("QUEUED") || status.equals("RUNNING"));
        int real = countReal(database.jdbcUrl(), event);
        long started = System.nanoTime();
        int stored = addSyntheticFaces(database.jdbcUrl(), event, faces);
        System.out.printf(
            Locale.ROOT,
            "search: %d faces in the event (%d from the imported photos), added in %.1f s%n",
            stored,
            real,
            (System.nanoTime() - started) / 1e9);

        byte[] selfie = twoMegapixels(selfieFile);
        String path = "/api/v1/events/" + event + "/search";
        long loadStart = System.nanoTime();
        String first = api.upload(path, token, "selfie", "selfie.jpg", selfie);
        double firstMs = (System.nanoTime() - loadStart) / 1e6;
        for (int i = 0; i < 10; i++) {
          api.upload(path, token, "selfie", "selfie.jpg", selfie);
        }
        double[] millis = new double[requests];
        for (int i = 0; i < requests; i++) {
          long t0 = System.nanoTime();
          api.upload(path, token, "selfie", "selfie.jpg", selfie);
          millis[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(millis);
        int matches = first.split("\"photoId\"").length - 1;
        glimpse.stop(Duration.ofSeconds(30));
        System.out.printf(
            Locale.ROOT,
            "request: %d requests of a %d-byte 2 MP selfie, first (loads the event's faces) %.0f ms,"
                + " %d photos matched%n",
            requests,
            selfie.length,
            firstMs,
            matches);
        System.out.printf(
            Locale.ROOT,
            "search-bench %ssearch_faces=%d search_matches=%d search_ms_p50=%.1f search_ms_p95=%.1f"
                + " target_rank_ms_p50=50 target_search_ms_p95=150%n",
            rank.isBlank() ? "" : rank.strip() + " ",
            stored,
            matches,
            percentile(millis, 50),
            percentile(millis, 95));
      }
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      }
    }
  }

  /**
   * Adds photos with four random faces each until the event has {@code total} faces, through plain
   * JDBC (the database numbers them as it does for imports).
   */
  private static int addSyntheticFaces(String url, long event, int total) throws Exception {
    try (Connection db =
        DriverManager.getConnection(url, EmbeddedDatabase.USER, EmbeddedDatabase.USER)) {
      db.setAutoCommit(false);
      int existing = countReal(db, event);
      long source;
      try (Statement statement = db.createStatement();
          ResultSet row =
              statement.executeQuery("SELECT id FROM source WHERE event_id = " + event)) {
        row.next();
        source = row.getLong(1);
      }
      SplittableRandom random = new SplittableRandom(7);
      long id = 10_000_000L;
      int toAdd = Math.max(0, total - existing);
      try (PreparedStatement photo =
              db.prepareStatement(
                  "INSERT INTO photo (id, event_id, source_id, source_file_id, file_name,"
                      + " content_hash, status, width, height, face_count, created_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, 'INDEXED', 4000, 3000, 4, now())");
          PreparedStatement face =
              db.prepareStatement(
                  "INSERT INTO face (id, photo_id, event_id, box_x, box_y, box_width, box_height,"
                      + " landmarks, score, searchable, embedding)"
                      + " VALUES (?, ?, ?, 100, 100, 120, 140, ?, 0.9, true, ?)")) {
        byte[] landmarks = new byte[40];
        for (int added = 0; added < toAdd; ) {
          long photoId = id++;
          String name = "synthetic-" + photoId + ".jpg";
          photo.setLong(1, photoId);
          photo.setLong(2, event);
          photo.setLong(3, source);
          photo.setString(4, name);
          photo.setString(5, name);
          photo.setString(6, Long.toHexString(photoId));
          photo.addBatch();
          for (int f = 0; f < 4 && added < toAdd; f++, added++) {
            face.setLong(1, id++);
            face.setLong(2, photoId);
            face.setLong(3, event);
            face.setBytes(4, landmarks);
            face.setBytes(5, randomEmbedding(random));
            face.addBatch();
          }
          if (photoId % 500 == 0) {
            photo.executeBatch();
            face.executeBatch();
            db.commit();
          }
        }
        photo.executeBatch();
        face.executeBatch();
        db.commit();
      }
      return existing + toAdd;
    }
  }

  private static int countReal(String url, long event) throws Exception {
    try (Connection db =
        DriverManager.getConnection(url, EmbeddedDatabase.USER, EmbeddedDatabase.USER)) {
      return countReal(db, event);
    }
  }

  private static int countReal(Connection db, long event) throws Exception {
    try (Statement statement = db.createStatement();
        ResultSet row =
            statement.executeQuery("SELECT count(*) FROM face WHERE event_id = " + event)) {
      row.next();
      return row.getInt(1);
    }
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

  /** The photo scaled to about two megapixels, as a phone's JPEG. */
  private static byte[] twoMegapixels(Path file) throws Exception {
    BufferedImage original = ImageIO.read(file.toFile());
    double scale =
        Math.sqrt((double) SELFIE_PIXELS / (original.getWidth() * (double) original.getHeight()));
    int width = (int) Math.round(original.getWidth() * scale);
    int height = (int) Math.round(original.getHeight() * scale);
    BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scaled.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(original, 0, 0, width, height, null);
    g.dispose();
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(scaled, "jpg", jpeg);
    return jpeg.toByteArray();
  }

  private static double percentile(double[] sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
