package app.glimpse.launcher;

import static app.glimpse.testing.Api.array;
import static app.glimpse.testing.Api.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.testing.Api;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile users against a running Glimpse, over HTTP: markup in every name a user can give (event,
 * file, person) reaches the portal and the gallery only escaped; the sign-in page sends nobody to
 * another site; the cookie-authenticated endpoints that take uploads refuse requests a cross-site
 * form could send; upload limits answer with their reasons; guessing a gallery code is locked out;
 * the log keeps no password, code or token; and deleting the event deletes its files.
 */
class HostileInputIT {

  private static final String EMAIL = "owner@hostile.test";
  private static final String PASSWORD = "hostile horse battery";
  private static final String EVENT_NAME = "<script>alert('event')</script> & Co";
  private static final String FILE_NAME = "<img src=x onerror=alert(1)>.jpg";
  private static final String PERSON_NAME = "<b onmouseover=alert(2)>Dee</b>";
  private static final String CODE = "hostile-code-4711";
  private static final String OTHER_CODE = "other-code-0815";

  @TempDir Path data;
  @TempDir Path work;

  private LocalGlimpse glimpse;

  @AfterEach
  void stop() throws IOException {
    if (glimpse != null) {
      glimpse.close();
    }
  }

  @Test
  void escapesNamesRefusesForgeriesAndKeepsNoSecrets() throws Exception {
    Path dist = Path.of(System.getProperty("glimpse.dist")).toAbsolutePath();
    Path deepface = Path.of(System.getProperty("glimpse.shared"), "photos", "deepface");
    glimpse =
        LocalGlimpse.start(
            LocalGlimpse.launcherCommand(dist),
            Glimpse.freePort(),
            Map.of(
                "GLIMPSE_DATA_DIR",
                data.toString(),
                "GLIMPSE_ADMIN_EMAIL",
                EMAIL,
                "GLIMPSE_ADMIN_PASSWORD",
                PASSWORD,
                "GLIMPSE_IMPORT_ROOTS",
                work.toString(),
                "GLIMPSE_IMPORT_MAX_FILE_BYTES",
                "1000000",
                "GLIMPSE_UPLOAD_MAX_FILES",
                "3",
                "GLIMPSE_PEOPLE_MIN_FACES",
                "2",
                "GLIMPSE_TRUSTED_PROXIES",
                "127.0.0.1, ::1"), // as if behind Caddy: X-Forwarded-For names the client
            work.resolve("glimpse.log"));
    glimpse.awaitReady(Duration.ofMinutes(3));
    Api api = new Api(glimpse::uri);
    List<String> secrets = new ArrayList<>(List.of(PASSWORD, CODE, OTHER_CODE));

    JsonObject signIn =
        object(
            api.send(
                "POST",
                "/api/v1/auth/token",
                null,
                "{\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}"),
            200);
    String token = signIn.getString("token");
    secrets.add(token);
    secrets.add(signIn.getString("refreshToken"));
    long eventId =
        object(
                api.send(
                    "POST",
                    "/api/v1/events",
                    token,
                    "{\"name\":\"" + EVENT_NAME.replace("\"", "\\\"") + "\"}"),
                201)
            .getJsonNumber("id")
            .longValue();

    // upload limits: too many files at once, and a file above the size limit is skipped with why
    Map<String, byte[]> four = new LinkedHashMap<>();
    for (String photo : List.of("img1.jpg", "img10.jpg", "img11.jpg", "img2.jpg")) {
      four.put(photo, Files.readAllBytes(deepface.resolve(photo)));
    }
    JsonObject tooMany =
        object(
            api.multipart("/api/v1/events/" + eventId + "/uploads", token, Map.of(), "files", four),
            413);
    assertEquals("too_many_files", tooMany.getString("error"));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(FILE_NAME, Files.readAllBytes(deepface.resolve("img4.jpg")));
    files.put("img10.jpg", Files.readAllBytes(deepface.resolve("img10.jpg")));
    files.put("big.jpg", Files.readAllBytes(deepface.resolve("img26.jpg"))); // 2.5 MB
    JsonObject uploaded =
        object(
            api.multipart(
                "/api/v1/events/" + eventId + "/uploads", token, Map.of(), "files", files),
            202);
    assertEquals(2, uploaded.getInt("files"), uploaded.toString());
    JsonObject skipped = uploaded.getJsonArray("skipped").getJsonObject(0);
    assertEquals("big.jpg", skipped.getString("fileName"));
    assertTrue(skipped.getString("reason").contains("MB"), skipped.toString());
    awaitCompleted(api, token, "/api/v1/imports/" + uploaded.getJsonNumber("id").longValue());
    // uploads clean their names; a file in a server folder keeps its name as it is on disk, markup
    // and all, so that the pages must escape it
    Path markup = Files.createDirectories(work.resolve("markup"));
    Files.copy(deepface.resolve("img5.jpg"), markup.resolve(FILE_NAME));
    JsonObject fromFolder =
        object(
            api.send(
                "POST",
                "/api/v1/events/" + eventId + "/imports",
                token,
                "{\"source\":\"folder\",\"path\":\"" + markup + "\"}"),
            202);
    awaitCompleted(api, token, "/api/v1/imports/" + fromFolder.getJsonNumber("id").longValue());

    // a person named with markup, shown to guests
    JsonObject person =
        array(api.send("GET", "/api/v1/events/" + eventId + "/people", token, null))
            .getJsonObject(0);
    object(
        api.send(
            "PATCH",
            "/api/v1/events/" + eventId + "/people/" + person.getJsonNumber("id").longValue(),
            token,
            "{\"name\":\"" + PERSON_NAME + "\"}"),
        200);
    String slug =
        object(
                api.send(
                    "PUT",
                    "/api/v1/events/" + eventId + "/access",
                    token,
                    "{\"code\":\"" + CODE + "\",\"faceSearch\":true,\"peopleVisible\":true}"),
                200)
            .getString("slug");

    // the guest's pages: everything escaped
    Api guest = new Api(glimpse::uri);
    guest.page("/g/" + slug);
    String before = guest.cookie("JSESSIONID").orElseThrow();
    guest.submit("/g/" + slug, "enter", "open", Map.of("code", CODE));
    assertNotEquals(
        before,
        guest.cookie("JSESSIONID").orElseThrow(),
        "entering the code renews the session id (no session fixation)");
    String gallery = guest.page("/g/" + slug).body();
    assertTrue(gallery.contains("galleryTitle"), "the code opened the gallery");
    assertEscaped(gallery, "the gallery");
    assertTrue(gallery.contains("&lt;script&gt;alert("), "the event's name, escaped");
    assertTrue(gallery.contains("&lt;b onmouseover=alert(2)&gt;Dee"), "the person's name, escaped");
    HttpResponse<String> forged =
        guest.multipart(
            "/find/" + eventId,
            null,
            Map.of(),
            "selfie",
            Map.of("me.jpg", Files.readAllBytes(deepface.resolve("img2.jpg"))));
    assertEquals(404, forged.statusCode(), "a selfie search a cross-site form could send");

    // the photographer's pages: sign-in never sends anyone away, and everything is escaped
    Api studio = new Api(glimpse::uri);
    for (String next : List.of("//evil.test/x", "https://evil.test/", "/\\evil.test")) {
      Api visitor = new Api(glimpse::uri);
      HttpResponse<String> signedIn =
          visitor.submit(
              "/studio/sign-in.xhtml?next=" + java.net.URLEncoder.encode(next, "UTF-8"),
              "signIn",
              "submit",
              Map.of("email", EMAIL, "password", PASSWORD));
      String location = signedIn.headers().firstValue("Location").orElse("");
      assertEquals(302, signedIn.statusCode(), signedIn.body());
      assertTrue(
          location.startsWith(glimpse.uri("/studio/").toString())
              || location.startsWith("/studio/"),
          next + " sent the photographer to " + location);
    }
    studio.submit(
        "/studio/sign-in.xhtml", "signIn", "submit", Map.of("email", EMAIL, "password", PASSWORD));
    String events = studio.page("/studio/events.xhtml").body();
    assertTrue(events.contains("&lt;script&gt;alert("), "signed in, the events list shows it");
    assertEscaped(events, "the events list");
    String eventPage = studio.page("/studio/event.xhtml?id=" + eventId).body();
    assertEscaped(eventPage, "the event page");
    assertTrue(
        eventPage.contains("<span class=\"file\">&lt;img src=x onerror=alert(1)&gt;.jpg</span>"),
        "the server-folder file's own name, escaped");
    HttpResponse<String> forgedUpload =
        studio.multipart(
            "/studio/uploads/" + eventId,
            null,
            Map.of(),
            "files",
            Map.of("x.jpg", Files.readAllBytes(deepface.resolve("img2.jpg"))));
    assertTrue(
        forgedUpload.statusCode() == 403 || forgedUpload.statusCode() == 404,
        "an upload a cross-site form could send: " + forgedUpload.statusCode());

    // guessing a gallery's code: five free tries, then a growing wait, refused with 429 even for
    // the right code
    String otherSlug =
        object(
                api.send(
                    "PUT",
                    "/api/v1/events/"
                        + object(api.send("POST", "/api/v1/events", token, "{\"name\":\"B\"}"), 201)
                            .getJsonNumber("id")
                            .longValue()
                        + "/access",
                    token,
                    "{\"code\":\"" + OTHER_CODE + "\",\"faceSearch\":true}"),
                200)
            .getString("slug");
    for (int i = 0; i < 6; i++) { // the sixth wrong try makes the next one wait a second
      assertEquals(401, guestSession(api, otherSlug, "guess-" + i).statusCode());
    }
    assertEquals(
        "too_many_attempts",
        object(guestSession(api, otherSlug, "guess-6"), 429).getString("error"));
    assertEquals(429, guestSession(api, otherSlug, OTHER_CODE).statusCode(), "locked out");
    // ... but only the guesser: a guest elsewhere still gets in
    assertEquals(
        200,
        guestSession(api, otherSlug, OTHER_CODE, "198.51.100.7").statusCode(),
        "the guesser locks out nobody else");
    // codes shorter than six characters are refused with a reason
    JsonObject shortCode =
        object(
            api.send(
                "PUT",
                "/api/v1/events/" + eventId + "/access",
                token,
                "{\"code\":\"12345\",\"faceSearch\":true}"),
            400);
    assertEquals("invalid_code", shortCode.getString("error"), shortCode.toString());
    String guestToken = object(guestSession(api, slug, CODE), 200).getString("token");
    secrets.add(guestToken);

    // deleting the event deletes its previews and uploaded originals
    Path previews = data.resolve("previews").resolve(Long.toString(eventId));
    Path uploads = data.resolve("uploads").resolve(Long.toString(eventId));
    assertTrue(Files.isDirectory(previews) && Files.isDirectory(uploads), "files to delete");
    assertEquals(204, api.send("DELETE", "/api/v1/events/" + eventId, token, null).statusCode());
    assertFalse(Files.exists(previews), "previews deleted");
    assertFalse(Files.exists(uploads), "uploaded originals deleted");
    assertEquals(404, api.send("GET", "/api/v1/events/" + eventId, token, null).statusCode());

    // no password, code or token in any log
    List<Path> logs = new ArrayList<>(List.of(work.resolve("glimpse.log")));
    try (Stream<Path> files2 = Files.walk(data)) {
      files2.filter(p -> p.getFileName().toString().contains(".log")).forEach(logs::add);
    }
    for (Path log : logs) {
      String text = Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
      for (String secret : secrets) {
        assertFalse(text.contains(secret), log + " holds a secret: " + secret.substring(0, 6));
      }
    }
  }

  private static void assertEscaped(String page, String where) {
    for (String raw : List.of("<script>alert(", FILE_NAME, "<b onmouseover")) {
      assertFalse(page.contains(raw), where + " carries " + raw + " unescaped");
    }
  }

  private static HttpResponse<String> guestSession(Api api, String slug, String code)
      throws Exception {
    return guestSession(api, slug, code, null);
  }

  /** A guest session as asked for by {@code client} through the trusted proxy (null: none). */
  private static HttpResponse<String> guestSession(Api api, String slug, String code, String client)
      throws Exception {
    return api.send(
        "POST",
        "/api/v1/guest/sessions",
        null,
        "{\"slug\":\"" + slug + "\",\"code\":\"" + code + "\"}",
        client == null ? Map.of() : Map.of("X-Forwarded-For", client));
  }

  private static void awaitCompleted(Api api, String token, String path) throws Exception {
    JsonObject run = object(api.send("GET", path, token, null), 200);
    for (int i = 0; i < 300 && !run.getString("status").equals("COMPLETED"); i++) {
      Thread.sleep(200);
      run = object(api.send("GET", path, token, null), 200);
    }
    assertEquals("COMPLETED", run.getString("status"), run.toString());
  }
}
