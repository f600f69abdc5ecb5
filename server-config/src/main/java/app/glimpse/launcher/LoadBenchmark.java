package app.glimpse.launcher;

import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./glimpse bench load}: one node under guests. An event of {@code --photos} photos (20,000:
 * the deepface photos imported, the rest added in the database with four faces each and a real
 * thumbnail); first the gallery's first page alone, {@code --requests} times; then {@code --guests}
 * guests (50) browse for {@code --seconds} (60): each opens the gallery in its own session (again
 * every tenth round) and scrolls: a random page of the photos API, its first twelve thumbnails and
 * one preview, then a look of {@code --think-ms} (2,000 on average, 1 to 3 s); meanwhile selfie
 * searches (a 2 MP photo) arrive at {@code --searches-per-s} (5) from the guests' sessions. Every
 * answer that is not 2xx/3xx counts as an error.
 *
 * <p>Ends with one {@code load-bench} summary line.
 */
public final class LoadBenchmark {

  private static final Pattern VIEW_STATE =
      Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
  private static final Pattern FORM_ACTION =
      Pattern.compile("<form id=\"enter\"[^>]*action=\"([^\"]+)\"");

  public static void main(String[] args) throws Exception {
    Map<String, String> options = SearchRequestBenchmark.options(args);
    int photos = Integer.parseInt(options.getOrDefault("photos", "20000"));
    int guests = Integer.parseInt(options.getOrDefault("guests", "50"));
    int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
    double searchesPerSecond = Double.parseDouble(options.getOrDefault("searches-per-s", "5"));
    int requests = Integer.parseInt(options.getOrDefault("requests", "100"));
    int thinkMillis = Integer.parseInt(options.getOrDefault("think-ms", "2000"));
    Path deepface =
        Path.of(options.getOrDefault("deepface", "../shared/photos/deepface")).toAbsolutePath();
    byte[] selfie = SearchRequestBenchmark.twoMegapixels(deepface.resolve("img2.jpg"));

    try (BenchNode node = BenchNode.start("load", deepface, Map.of())) {
      long event = node.createEvent("Load bench");
      node.importFolder(event, deepface);
      String code = "246800";
      node.api.send(
          "PUT",
          "/api/v1/events/" + event + "/access",
          node.token,
          "{\"code\":\"" + code + "\",\"faceSearch\":true}");
      String slug =
          node.api.field(node.api.send("GET", "/api/v1/events/" + event, node.token, null), "slug");
      String firstPhoto =
          node.api.field(
              node.api.send("GET", "/api/v1/events/" + event + "/photos?size=1", node.token, null),
              "id");
      Path thumbnail =
          node.work.resolve("data/previews/" + event + "/" + firstPhoto + "-thumb.jpg");
      int real =
          Integer.parseInt(
              node.api.field(
                  node.api.send(
                      "GET", "/api/v1/events/" + event + "/photos?size=1", node.token, null),
                  "total"));
      long started = System.nanoTime();
      node.addSyntheticPhotos(event, Math.max(0, photos - real), 4, thumbnail);
      int faces = node.faces(event);
      System.out.printf(
          Locale.ROOT,
          "load: event of %d photos and %d faces ready in %.1f s%n",
          photos,
          faces,
          (System.nanoTime() - started) / 1e9);

      // the gallery's first page alone
      Guest alone = new Guest(node, slug, code);
      alone.enter();
      List<Double> idle = new ArrayList<>();
      for (int i = 0; i < requests + 10; i++) {
        long t0 = System.nanoTime();
        alone.get("/g/" + slug);
        if (i >= 10) {
          idle.add((System.nanoTime() - t0) / 1e6);
        }
      }

      // guests browsing while searches arrive
      List<Guest> crowd = new ArrayList<>();
      for (int g = 0; g < guests; g++) {
        Guest guest = new Guest(node, slug, code);
        guest.enter();
        guest.token =
            node.api.field(
                node.api.send(
                    "POST",
                    "/api/v1/guest/sessions",
                    null,
                    "{\"slug\":\"" + slug + "\",\"code\":\"" + code + "\"}"),
                "token");
        crowd.add(guest);
      }
      Stats stats = new Stats();
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      ExecutorService browsing = Executors.newFixedThreadPool(guests);
      for (Guest guest : crowd) {
        browsing.submit(() -> guest.browse(event, photos, end, stats, thinkMillis));
      }
      // searches arrive at their rate however long each takes (a fixed-rate task never overlaps)
      ScheduledExecutorService searches = Executors.newSingleThreadScheduledExecutor();
      ExecutorService searching = Executors.newCachedThreadPool();
      AtomicInteger next = new AtomicInteger();
      searches.scheduleAtFixedRate(
          () -> {
            if (System.nanoTime() < end) {
              Guest guest = crowd.get(next.getAndIncrement() % crowd.size());
              searching.submit(
                  () ->
                      stats.time(
                          "search",
                          () ->
                              node.api
                                  .http()
                                  .send(
                                      multipart(node, event, guest.token, selfie),
                                      HttpResponse.BodyHandlers.discarding())
                                  .statusCode()));
            }
          },
          0,
          Math.round(1_000_000 / searchesPerSecond),
          TimeUnit.MICROSECONDS);
      browsing.shutdown();
      browsing.awaitTermination(seconds + 120, TimeUnit.SECONDS);
      searches.shutdown();
      searches.awaitTermination(60, TimeUnit.SECONDS);
      searching.shutdown();
      searching.awaitTermination(120, TimeUnit.SECONDS);

      Collections.sort(idle);
      double[] idleSorted = idle.stream().mapToDouble(Double::doubleValue).toArray();
      System.out.printf(
          Locale.ROOT,
          "load: %d requests, %d errors%s%n",
          stats.count(),
          stats.errors.get(),
          stats.firstErrors.isEmpty() ? "" : ", first: " + stats.firstErrors);
      System.out.printf(
          Locale.ROOT,
          "load-bench photos=%d faces=%d guests=%d think_ms=%d seconds=%d requests=%d errors=%d"
              + " gallery_first_page_ms_p50=%.1f gallery_first_page_ms_p95=%.1f"
              + " loaded_gallery_ms_p95=%.1f thumb_ms_p95=%.1f preview_ms_p95=%.1f"
              + " api_page_ms_p95=%.1f"
              + " searches=%d searches_per_s=%.1f search_ms_p50=%.1f search_ms_p95=%.1f"
              + " target_gallery_ms_p95=150 target_search_ms_p95=150%n",
          photos,
          faces,
          guests,
          thinkMillis,
          seconds,
          stats.count(),
          stats.errors.get(),
          BenchNode.percentile(idleSorted, 50),
          BenchNode.percentile(idleSorted, 95),
          stats.percentile("gallery", 95),
          stats.percentile("thumb", 95),
          stats.percentile("preview", 95),
          stats.percentile("api-page", 95),
          stats.sorted("search").length,
          stats.sorted("search").length / (double) seconds,
          stats.percentile("search", 50),
          stats.percentile("search", 95));
    }
  }

  private static HttpRequest multipart(BenchNode node, long event, String token, byte[] selfie) {
    String boundary = "load-" + System.nanoTime();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"selfie\"; filename=\"me.jpg\"\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(selfie);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(node.glimpse.uri("/api/v1/events/" + event + "/search"))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .timeout(Duration.ofSeconds(60))
        .build();
  }

  /** One guest: a browser session of the gallery and a guest token for the API. */
  private static final class Guest {
    final BenchNode node;
    final String slug;
    final String code;
    final HttpClient http;
    String token;

    Guest(BenchNode node, String slug, String code) {
      this.node = node;
      this.slug = slug;
      this.code = code;
      this.http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .cookieHandler(new CookieManager())
              .build();
    }

    /** Opens the gallery and enters the code, as the page's form does. */
    void enter() throws Exception {
      String page = get("/g/" + slug).body();
      Matcher state = VIEW_STATE.matcher(page);
      Matcher action = FORM_ACTION.matcher(page);
      if (!state.find() || !action.find()) {
        throw new IllegalStateException("No code form on the gallery page");
      }
      String form =
          "enter=enter&enter%3Acode="
              + code
              + "&enter%3Aopen=&jakarta.faces.ViewState="
              + URLEncoder.encode(state.group(1).replace("&amp;", "&"), StandardCharsets.UTF_8);
      HttpResponse<String> entered =
          http.send(
              HttpRequest.newBuilder(node.glimpse.uri(action.group(1).replace("&amp;", "&")))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (!get("/g/" + slug).body().contains("galleryTitle")) {
        throw new IllegalStateException(
            "The code did not open the gallery: " + entered.statusCode());
      }
    }

    HttpResponse<String> get(String path) throws Exception {
      return http.send(
          HttpRequest.newBuilder(node.glimpse.uri(path)).timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Browses as a guest does: opens the gallery (again every tenth round), then scrolls: a page of
     * 50 photos from the API, their first 12 thumbnails, one preview in the lightbox, and a look at
     * them.
     */
    void browse(long event, int photos, long end, Stats stats, int thinkMillis) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      Pattern ids = Pattern.compile("\"id\":(\\d+)");
      try {
        // guests are already browsing, each at its own pace, not all opening the gallery in the
        // same millisecond: each starts somewhere in its first look
        Thread.sleep(random.nextInt(thinkMillis * 3 / 2 + 1));
      } catch (InterruptedException e) {
        return;
      }
      for (int round = 0; System.nanoTime() < end; round++) {
        if (round % 10 == 0) {
          stats.time("gallery", () -> get("/g/" + slug).statusCode());
        }
        int pageNumber = random.nextInt(Math.max(1, photos / 50));
        String[] page = new String[1];
        stats.time(
            "api-page",
            () -> {
              HttpResponse<String> response =
                  http.send(
                      HttpRequest.newBuilder(
                              node.glimpse.uri(
                                  "/api/v1/events/" + event + "/photos?size=50&page=" + pageNumber))
                          .header("Authorization", "Bearer " + token)
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
              page[0] = response.body();
              return response.statusCode();
            });
        List<String> shown = new ArrayList<>();
        if (page[0] != null) {
          Matcher id = ids.matcher(page[0]);
          while (shown.size() < 12 && id.find()) {
            shown.add(id.group(1));
          }
        }
        for (String photo : shown) {
          media(stats, "thumb", "/media/" + event + "/" + photo + "/thumb");
        }
        if (!shown.isEmpty()) {
          media(stats, "preview", "/media/" + event + "/" + shown.get(0) + "/preview");
        }
        try {
          Thread.sleep(thinkMillis / 2 + random.nextInt(thinkMillis));
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private void media(Stats stats, String kind, String path) {
      stats.time(
          kind,
          () ->
              http.send(
                      HttpRequest.newBuilder(node.glimpse.uri(path)).build(),
                      HttpResponse.BodyHandlers.discarding())
                  .statusCode());
    }
  }

  /** Latencies per kind of request, and the errors. */
  private static final class Stats {
    final Map<String, ConcurrentLinkedQueue<Double>> millis = new ConcurrentHashMap<>();
    final AtomicInteger errors = new AtomicInteger();
    final ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();

    interface Call {
      int status() throws Exception;
    }

    void time(String kind, Call call) {
      long t0 = System.nanoTime();
      String error = null;
      try {
        int status = call.status();
        if (status >= 400) {
          error = kind + " " + status;
        }
      } catch (Exception e) {
        error = kind + " " + e;
      }
      millis
          .computeIfAbsent(kind, k -> new ConcurrentLinkedQueue<>())
          .add((System.nanoTime() - t0) / 1e6);
      if (error != null) {
        errors.incrementAndGet();
        if (firstErrors.size() < 5) {
          firstErrors.add(error);
        }
      }
    }

    int count() {
      return millis.values().stream().mapToInt(ConcurrentLinkedQueue::size).sum();
    }

    double[] sorted(String kind) {
      double[] values =
          millis.getOrDefault(kind, new ConcurrentLinkedQueue<>()).stream()
              .mapToDouble(Double::doubleValue)
              .toArray();
      java.util.Arrays.sort(values);
      return values;
    }

    double percentile(String kind, int percent) {
      return BenchNode.percentile(sorted(kind), percent);
    }
  }
}
