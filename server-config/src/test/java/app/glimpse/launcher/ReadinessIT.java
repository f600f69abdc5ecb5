package app.glimpse.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.testing.GlimpseClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a load balancer or a Kubernetes probe sees of a node that starts: {@code /health/ready}
 * never answers 200 before Glimpse can serve (Payara Micro used to answer {@code UP} with no checks
 * at all for the seconds its application was still deploying), {@code /health/started} neither, and
 * once ready, the pages and the API answer and {@code /health/live} says the node lives. Both carry
 * the check {@code deployment} of the readiness gate (the module {@code readiness}).
 */
class ReadinessIT {

  private static final String PASSWORD = "readiness horse battery";

  @TempDir Path data;

  private LocalGlimpse glimpse;

  @AfterEach
  void stop() throws IOException {
    if (glimpse != null) {
      glimpse.close();
    }
  }

  @Test
  void answersReadyOnlyOnceGlimpseCanServe() throws Exception {
    Path dist = Path.of(System.getProperty("glimpse.dist")).toAbsolutePath();
    glimpse =
        LocalGlimpse.start(
            LocalGlimpse.launcherCommand(dist),
            Glimpse.freePort(),
            Map.of("GLIMPSE_DATA_DIR", data.toString(), "GLIMPSE_ADMIN_PASSWORD", PASSWORD),
            data.resolve("glimpse.log"));
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    List<String> early = new ArrayList<>();
    int answers = 0;
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    HttpResponse<String> ready = null;
    while (System.nanoTime() < deadline && glimpse.process().isAlive()) {
      HttpResponse<String> started = get(client, "/health/started");
      HttpResponse<String> response = get(client, "/health/ready");
      if (response != null) {
        answers++;
        if (LocalGlimpse.isReady(response)) {
          ready = response;
          break;
        }
        if (response.statusCode() == 200 && early.size() < 5) {
          early.add(response.body());
        }
      }
      if (started != null
          && early.size() < 5
          && started.statusCode() == 200
          && !started.body().contains("\"deployment\"")) {
        early.add("/health/started " + started.body());
      }
      Thread.sleep(20);
    }
    assertTrue(ready != null, "ready within 3 minutes");
    assertEquals(List.of(), early, "answers of 200 before the application was ready");
    assertTrue(answers > 1, "the readiness was asked while the node started: " + answers);
    assertTrue(ready.body().startsWith("{\"status\":\"UP\""), ready.body());
    assertTrue(ready.body().contains("\"deployment\""), ready.body());

    // ready means serving: the sign-in page, the API and liveness answer at once
    assertEquals(200, get(client, "/studio/sign-in.xhtml").statusCode());
    HttpResponse<String> token =
        client.send(
            HttpRequest.newBuilder(glimpse.uri("/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        GlimpseClient.credentials(ImportFixtures.ADMIN, PASSWORD)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, token.statusCode(), token.body());
    HttpResponse<String> live = get(client, "/health/live");
    assertEquals(200, live.statusCode(), live.body());
    HttpResponse<String> started = get(client, "/health/started");
    assertEquals(200, started.statusCode(), started.body());
  }

  private HttpResponse<String> get(HttpClient client, String path) throws InterruptedException {
    try {
      return client.send(
          HttpRequest.newBuilder(glimpse.uri(path)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException notYet) {
      return null;
    }
  }
}
