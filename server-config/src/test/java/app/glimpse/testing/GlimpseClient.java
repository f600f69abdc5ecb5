package app.glimpse.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A photographer signed in to the REST API, as the tests drive Glimpse: the use cases they share
 * (create an event, import a folder or upload files, await an import) as typed calls, so that a
 * test reads as what it does and no test writes the API's JSON by hand. Each call checks the status
 * the API answers on success; a test that expects a refusal uses {@link #send} or {@link Api}.
 */
public final class GlimpseClient {

  private static final Set<String> FINISHED = Set.of("COMPLETED", "FAILED", "STOPPED");

  private final Api api;
  private final JsonObject signedIn;

  private GlimpseClient(Api api, JsonObject signedIn) {
    this.api = api;
    this.signedIn = signedIn;
  }

  /** Signs {@code email} in to the server whose URIs {@code uri} makes from paths. */
  public static GlimpseClient signIn(Function<String, URI> uri, String email, String password)
      throws IOException, InterruptedException {
    return signIn(Api.withoutCookies(uri), email, password);
  }

  /** Signs {@code email} in through {@code api} (200 expected). */
  public static GlimpseClient signIn(Api api, String email, String password)
      throws IOException, InterruptedException {
    return new GlimpseClient(api, Api.object(signInResponse(api, email, password), 200));
  }

  /** What {@code POST /api/v1/auth/token} answers {@code email} and {@code password}. */
  public static HttpResponse<String> signInResponse(Api api, String email, String password)
      throws IOException, InterruptedException {
    return api.send("POST", "/api/v1/auth/token", null, credentials(email, password));
  }

  /** The sign-in body for {@code email} and {@code password}, escaped as JSON. */
  public static String credentials(String email, String password) {
    return Json.createObjectBuilder()
        .add("email", email)
        .add("password", password)
        .build()
        .toString();
  }

  /** The bearer token of this sign-in. */
  public String token() {
    return signedIn.getString("token");
  }

  /** The refresh token of this sign-in. */
  public String refreshToken() {
    return signedIn.getString("refreshToken");
  }

  /** The HTTP client this photographer calls through. */
  public Api api() {
    return api;
  }

  /** A JSON call with this photographer's token; {@code json} may be null. */
  public HttpResponse<String> send(String method, String path, String json)
      throws IOException, InterruptedException {
    return api.send(method, path, token(), json);
  }

  /** Creates an event named {@code name}: its id. */
  public long createEvent(String name) throws IOException, InterruptedException {
    String body = Json.createObjectBuilder().add("name", name).build().toString();
    return Api.object(send("POST", "/api/v1/events", body), 201).getJsonNumber("id").longValue();
  }

  /** Starts importing the server folder {@code folder} into {@code event}: the import's id. */
  public long importFolder(long event, Path folder) throws IOException, InterruptedException {
    String body =
        Json.createObjectBuilder()
            .add("source", "folder")
            .add("path", folder.toString())
            .build()
            .toString();
    return Api.object(send("POST", "/api/v1/events/" + event + "/imports", body), 202)
        .getJsonNumber("id")
        .longValue();
  }

  /** Uploads {@code files} (name to content) into {@code event}: the upload's answer (202). */
  public JsonObject upload(long event, Map<String, byte[]> files)
      throws IOException, InterruptedException {
    return Api.object(
        api.multipart("/api/v1/events/" + event + "/uploads", token(), Map.of(), "files", files),
        202);
  }

  /** The import's status ({@code GET /api/v1/imports/{id}}). */
  public JsonObject importStatus(long run) throws IOException, InterruptedException {
    return Api.object(send("GET", "/api/v1/imports/" + run, null), 200);
  }

  /**
   * Polls the import until it has finished (completed, failed or stopped) or {@code timeout} has
   * passed: its last status. Answers other than 200 (while a service is down) are polled past.
   */
  public JsonObject awaitFinished(long run, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonObject status = null;
    while (true) {
      HttpResponse<String> response = send("GET", "/api/v1/imports/" + run, null);
      if (response.statusCode() == 200) {
        status = Api.object(response, 200);
        if (FINISHED.contains(status.getString("status"))) {
          return status;
        }
      }
      if (System.nanoTime() > deadline) {
        return status == null ? Api.object(response, 200) : status;
      }
      Thread.sleep(200);
    }
  }

  /** The event's delivery settings ({@code GET /api/v1/events/{id}/delivery}, 200 expected). */
  public JsonObject delivery(long event) throws IOException, InterruptedException {
    return Api.object(send("GET", "/api/v1/events/" + event + "/delivery", null), 200);
  }

  /** Sets the event's delivery settings to {@code settings}: the answer (200 expected). */
  public JsonObject setDelivery(long event, JsonObject settings)
      throws IOException, InterruptedException {
    return Api.object(putDelivery(event, settings.toString()), 200);
  }

  /** {@code PUT /api/v1/events/{id}/delivery} with {@code json} as it is, for refusals. */
  public HttpResponse<String> putDelivery(long event, String json)
      throws IOException, InterruptedException {
    return send("PUT", "/api/v1/events/" + event + "/delivery", json);
  }

  /**
   * Polls the event's delivery settings until the background render of the watermark has finished
   * or {@code timeout} has passed: the last settings.
   */
  public JsonObject awaitRendered(long event, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonObject settings = delivery(event);
    while (!settings.getBoolean("rendered") && System.nanoTime() < deadline) {
      Thread.sleep(100);
      settings = delivery(event);
    }
    return settings;
  }

  /**
   * {@code GET /api/v1/photos/{id}/original} or {@code /web} ({@code size}) with {@code token}
   * (this photographer's when null) and, if not null, the download PIN.
   */
  public HttpResponse<byte[]> download(long photo, String size, String token, String pin)
      throws IOException, InterruptedException {
    return api.bytes(
        "/api/v1/photos/" + photo + "/" + size,
        token == null ? token() : token,
        pin == null ? Map.of() : Map.of("X-Glimpse-Download-Pin", pin));
  }

  /** {@code PUT /api/v1/studio/logo} with {@code png} as the body. */
  public HttpResponse<String> putLogo(byte[] png) throws IOException, InterruptedException {
    return api.sendBytes("PUT", "/api/v1/studio/logo", token(), "image/png", png);
  }

  /** A guest token for the gallery {@code slug} and its {@code code} (200 expected). */
  public static String guestToken(Api api, String slug, String code)
      throws IOException, InterruptedException {
    String body = Json.createObjectBuilder().add("slug", slug).add("code", code).build().toString();
    return Api.object(api.send("POST", "/api/v1/guest/sessions", null, body), 200)
        .getString("token");
  }

  /** Awaits the import (up to a minute) and asserts that it completed: its last status. */
  public JsonObject awaitCompleted(long run) throws IOException, InterruptedException {
    JsonObject status = awaitFinished(run, Duration.ofMinutes(1));
    assertEquals("COMPLETED", status.getString("status"), status.toString());
    return status;
  }

  /** Opens {@code event}'s gallery to guests with {@code code}, without expiry (200 expected). */
  public JsonObject openGallery(long event, String code) throws IOException, InterruptedException {
    String body = Json.createObjectBuilder().add("code", code).build().toString();
    return Api.object(send("PUT", "/api/v1/events/" + event + "/access", body), 200);
  }

  /** The event's slug ({@code GET /api/v1/events/{id}}). */
  public String slug(long event) throws IOException, InterruptedException {
    return Api.object(send("GET", "/api/v1/events/" + event, null), 200).getString("slug");
  }

  /** {@code PUT /api/v1/events/{event}/proofing} with {@code limit} (null: none). */
  public HttpResponse<String> selectionLimitResponse(long event, Integer limit)
      throws IOException, InterruptedException {
    String body =
        limit == null
            ? "{\"selectionLimit\":null}"
            : Json.createObjectBuilder().add("selectionLimit", limit).build().toString();
    return send("PUT", "/api/v1/events/" + event + "/proofing", body);
  }

  /** Sets the most photos a guest may heart (200 expected): the settings. */
  public JsonObject limitSelection(long event, Integer limit)
      throws IOException, InterruptedException {
    return Api.object(selectionLimitResponse(event, limit), 200);
  }

  /** {@code GET /api/v1/events/{event}/favourites}, as JSON or with {@code ?format=...}. */
  public HttpResponse<String> favouritesResponse(long event, String query)
      throws IOException, InterruptedException {
    return send(
        "GET",
        "/api/v1/events/" + event + "/favourites" + (query == null ? "" : "?" + query),
        null);
  }

  /** Every guest's favourites of {@code event} (200 expected). */
  public JsonObject favourites(long event) throws IOException, InterruptedException {
    return Api.object(favouritesResponse(event, null), 200);
  }

  /** An export of the favourites ({@code format=csv} or {@code lightroom}), checked for 200. */
  public HttpResponse<String> exportFavourites(long event, String query)
      throws IOException, InterruptedException {
    HttpResponse<String> response = favouritesResponse(event, query);
    assertEquals(200, response.statusCode(), response.body());
    return response;
  }

  /** {@code PUT /api/v1/events/{event}/favourites/guests/{guest}} {@code {"client":...}}. */
  public HttpResponse<String> markClientResponse(long event, long guest, boolean client)
      throws IOException, InterruptedException {
    String body = Json.createObjectBuilder().add("client", client).build().toString();
    return send("PUT", "/api/v1/events/" + event + "/favourites/guests/" + guest, body);
  }

  /** Marks a guest as the client, or not (200 expected): their list. */
  public JsonObject markClient(long event, long guest, boolean client)
      throws IOException, InterruptedException {
    return Api.object(markClientResponse(event, guest, client), 200);
  }
}
