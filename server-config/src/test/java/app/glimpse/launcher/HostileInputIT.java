package app.glimpse.launcher;

import static app.glimpse.testing.Api.array;
import static app.glimpse.testing.Api.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.testing.Api;
import app.glimpse.testing.GlimpseClient;
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

  /** What must never reach a log: passwords, codes, tokens. */
  private final List<String> secrets = new ArrayList<>(List.of(PASSWORD, CODE, OTHER_CODE));

  // what the steps hand on to each other
  private Api api;
  private GlimpseClient photographer;
  private String token;
  private long eventId;
  private String slug;

  @AfterEach
  void stop() throws IOException {
    if (glimpse != null) {
      glimpse.close();
    }
  }

  @Test
  void escapesNamesRefusesForgeriesAndKeepsNoSecrets() throws Exception {
    startsBehindATrustedProxyWithSmallLimits();
    signsInAndCreatesAnEventNamedWithMarkup();
    uploadLimitsAnswerWithTheirReasons();
    aPersonNamedWithMarkupIsShownToGuests();
    theGuestsPagesEscapeEverythingAndRefuseForgeries();
    thePhotographersPagesSendNobodyAwayAndEscapeEverything();
    guessingAGalleryCodeLocksOutOnlyTheGuesser();
    deletingTheEventDeletesItsFiles();
    noLogHoldsAPasswordCodeOrToken();
  }

  private void startsBehindATrustedProxyWithSmallLimits() throws Exception {
    Path dist = Path.of(System.getProperty("glimpse.dist")).toAbsolutePath();
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
    api = new Api(glimpse::uri);
  }

  private void signsInAndCreatesAnEventNamedWithMarkup() throws Exception {
    photographer = GlimpseClient.signIn(api, EMAIL, PASSWORD);
    token = photographer.token();
    secrets.add(token);
    secrets.add(photographer.refreshToken());
    eventId = photographer.createEvent(EVENT_NAME);
  }

  /**
   * Too many files at once, and a file above the size limit is skipped with why; uploads clean
   * their names, a file in a server folder keeps its name as it is on disk, markup and all, so that
   * the pages must escape it.
   */
  private void uploadLimitsAnswerWithTheirReasons() throws Exception {
    Map<String, byte[]> four = new LinkedHashMap<>();
    for (String photo : List.of("img1.jpg", "img10.jpg", "img11.jpg", "img2.jpg")) {
      four.put(photo, deepface(photo));
    }
    JsonObject tooMany =
        object(
            api.multipart("/api/v1/events/" + eventId + "/uploads", token, Map.of(), "files", four),
            413);
    assertEquals("too_many_files", tooMany.getString("error"));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(FILE_NAME, deepface("img4.jpg"));
    files.put("img10.jpg", deepface("img10.jpg"));
    files.put("big.jpg", deepface("img26.jpg")); // 2.5 MB
    JsonObject uploaded = photographer.upload(eventId, files);
    assertEquals(2, uploaded.getInt("files"), uploaded.toString());
    JsonObject skipped = uploaded.getJsonArray("skipped").getJsonObject(0);
    assertEquals("big.jpg", skipped.getString("fileName"));
    assertTrue(skipped.getString("reason").contains("MB"), skipped.toString());
    photographer.awaitCompleted(uploaded.getJsonNumber("id").longValue());
    // uploads clean their names; a file in a server folder keeps its name as it is on disk, markup
    // and all, so that the pages must escape it
    Path markup = Files.createDirectories(work.resolve("markup"));
    Files.write(markup.resolve(FILE_NAME), deepface("img5.jpg"));
    photographer.awaitCompleted(photographer.importFolder(eventId, markup));
  }

  private void aPersonNamedWithMarkupIsShownToGuests() throws Exception {
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
    slug =
        object(
                api.send(
                    "PUT",
                    "/api/v1/events/" + eventId + "/access",
                    token,
                    "{\"code\":\"" + CODE + "\",\"faceSearch\":true,\"peopleVisible\":true}"),
                200)
            .getString("slug");
  }

  private void theGuestsPagesEscapeEverythingAndRefuseForgeries() throws Exception {
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
            "/find/" + eventId, null, Map.of(), "selfie", Map.of("me.jpg", deepface("img2.jpg")));
    assertEquals(404, forged.statusCode(), "a selfie search a cross-site form could send");
  }

  private void thePhotographersPagesSendNobodyAwayAndEscapeEverything() throws Exception {
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
            Map.of("x.jpg", deepface("img2.jpg")));
    assertTrue(
        forgedUpload.statusCode() == 403 || forgedUpload.statusCode() == 404,
        "an upload a cross-site form could send: " + forgedUpload.statusCode());
  }

  /**
   * Five free tries, then a growing wait, refused with 429 even for the right code, but only for
   * the guesser.
   */
  private void guessingAGalleryCodeLocksOutOnlyTheGuesser() throws Exception {
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
  }

  /** Deleting the event deletes its previews and uploaded originals. */
  private void deletingTheEventDeletesItsFiles() throws Exception {
    Path previews = data.resolve("previews").resolve(Long.toString(eventId));
    Path uploads = data.resolve("uploads").resolve(Long.toString(eventId));
    assertTrue(Files.isDirectory(previews) && Files.isDirectory(uploads), "files to delete");
    assertEquals(204, api.send("DELETE", "/api/v1/events/" + eventId, token, null).statusCode());
    assertFalse(Files.exists(previews), "previews deleted");
    assertFalse(Files.exists(uploads), "uploaded originals deleted");
    assertEquals(404, api.send("GET", "/api/v1/events/" + eventId, token, null).statusCode());
  }

  private void noLogHoldsAPasswordCodeOrToken() throws Exception {
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

  private static byte[] deepface(String name) throws IOException {
    return Files.readAllBytes(
        Path.of(System.getProperty("glimpse.shared"), "photos", "deepface", name));
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
}
