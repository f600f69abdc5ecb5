package app.glimpse.launcher;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
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
  private static final int FACES_PER_PHOTO = 4;

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    int faces = Integer.parseInt(options.getOrDefault("request-faces", "100000"));
    int requests = Integer.parseInt(options.getOrDefault("requests", "100"));
    Path photos =
        Path.of(options.getOrDefault("photos", "../shared/photos/deepface")).toAbsolutePath();
    Path selfieFile = photos.resolve(options.getOrDefault("selfie", "img2.jpg"));
    String rank = options.getOrDefault("rank", "");
    // one caller searches back to back here; guests are limited per session
    try (BenchNode node =
        BenchNode.start(
            "search", photos, Map.of("GLIMPSE_THROTTLE_SEARCHES_PER_MINUTE", "1000000"))) {
      long event = node.createEvent("Search bench");
      node.importFolder(event, photos);
      int real = node.faces(event);
      long started = System.nanoTime();
      int photosToAdd = Math.max(0, (faces - real + FACES_PER_PHOTO - 1) / FACES_PER_PHOTO);
      node.addSyntheticPhotos(event, photosToAdd, FACES_PER_PHOTO, null);
      int stored = node.faces(event);
      System.out.printf(
          Locale.ROOT,
          "search: %d faces in the event (%d from the imported photos), added in %.1f s%n",
          stored,
          real,
          (System.nanoTime() - started) / 1e9);

      byte[] selfie = twoMegapixels(selfieFile);
      String path = "/api/v1/events/" + event + "/search";
      long loadStart = System.nanoTime();
      String first = node.api.upload(path, node.token, "selfie", "selfie.jpg", selfie);
      double firstMs = (System.nanoTime() - loadStart) / 1e6;
      for (int i = 0; i < 10; i++) {
        node.api.upload(path, node.token, "selfie", "selfie.jpg", selfie);
      }
      double[] millis = new double[requests];
      for (int i = 0; i < requests; i++) {
        long t0 = System.nanoTime();
        node.api.upload(path, node.token, "selfie", "selfie.jpg", selfie);
        millis[i] = (System.nanoTime() - t0) / 1e6;
      }
      Arrays.sort(millis);
      int matches = first.split("\"photoId\"").length - 1;
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
          BenchNode.percentile(millis, 50),
          BenchNode.percentile(millis, 95));
    }
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    return options;
  }

  /** The photo scaled to about two megapixels, as a phone's JPEG. */
  static byte[] twoMegapixels(Path file) throws Exception {
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
}
