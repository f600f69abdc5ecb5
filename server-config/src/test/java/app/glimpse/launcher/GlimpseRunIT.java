package app.glimpse.launcher;

import static app.glimpse.testing.Api.array;
import static app.glimpse.testing.Api.object;
import static app.glimpse.testing.Jpegs.withComment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.drive.control.FakeDrive;
import app.glimpse.testing.Api;
import app.glimpse.testing.GlimpseClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end, as a user runs it: {@code ./glimpse run} on free ports with the embedded PostgreSQL
 * and Artemis, the API used over HTTP, a stop with SIGTERM, and a restart that finds everything
 * again.
 */
class GlimpseRunIT {

  private static final String EMAIL = "owner@studio.test";
  private static final String PASSWORD = "correct horse battery";

  @TempDir Path data;
  @TempDir Path photos;

  /**
   * The API over HTTP/1.1 (on a cleartext HTTP/2 connection Payara's listener leaves the JDK client
   * hanging when it answers before reading the body, as it does for a missing token), without
   * cookies, to whichever Glimpse this test runs now.
   */
  private final Api api = Api.withoutCookies(path -> this.glimpse.uri(path));

  private LocalGlimpse glimpse;
  private FakeDrive drive;

  /** The labelled test photos (../shared/photos). */
  private final Path shared = Path.of(System.getProperty("glimpse.shared"), "photos");

  // what the steps of the run scenario hand on to each other
  private int port;
  private Map<String, String> settings;
  private String token;
  private long eventId;
  private String slug;
  private String guest;

  @AfterEach
  void cleanUp() throws IOException {
    if (glimpse != null) {
      glimpse.close();
    }
    if (drive != null) {
      drive.close();
    }
    for (Path log : List.of(data.resolve("glimpse.log"), data.resolve("logs/server.log"))) {
      if (Files.exists(log)) {
        String text = Files.readString(log);
        System.out.println(
            "=== " + log + "\n" + text.substring(Math.max(0, text.length() - 20_000)));
      }
    }
  }

  @Test
  void runsServesTheApiStopsCleanlyAndKeepsItsData() throws Exception {
    startsWithAFolderADriveAndSecureCookies();
    aQuietConsoleAndTheWholeLogInItsFile(port);
    theEmbeddedServicesAskForPasswordsAndTheDataIsTheOwners();
    healthNamesItsChecksAndModelsAndHidesMetrics();
    signInRefusesWrongPasswordsBigBodiesAndForgedTokens();
    refreshTokensRotateAndEndOnReuse();
    eventsAreCreatedListedAndValidated();
    guestsEnterWithTheEventsCode();
    theCodePageIsSmallOnAPhonesFirstVisit();
    aFolderImportsAndASelfieFindsOnlyItsPhoto();
    uploadsKeepSafeNamesAndSkipWhatIsNoPhoto();
    photosAreCuratedOverTheApi();
    driveOverTheApi(token, eventId);
    teamOverTheApi(token, eventId);
    theApiIsDescribed();
    aRestartKeepsEventsAndTokens();
    guestTokensEndWithTheirAccess(token, eventId, slug, guest);
    teamInThePortal(token);
    glimpse.stop(Duration.ofSeconds(15));
  }

  /** {@code ./glimpse run} on a free port, with a photo folder, a fake Drive, Secure cookies. */
  private void startsWithAFolderADriveAndSecureCookies() throws Exception {
    // as a data directory made by hand: readable by everyone until Glimpse closes it
    Files.setPosixFilePermissions(
        data, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(photos.resolve("wedding"));
    Files.copy(shared.resolve("deepface/img1.jpg"), photos.resolve("wedding/img1.jpg"));
    Files.copy(shared.resolve("deepface/img30.jpg"), photos.resolve("wedding/img30.jpg"));
    port = Glimpse.freePort();
    drive = FakeDrive.start(0, "run-client", "run-secret", "owner@gmail.test");
    settings =
        Map.of(
            "GLIMPSE_DATA_DIR",
            data.toString(),
            "GLIMPSE_ADMIN_EMAIL",
            EMAIL,
            "GLIMPSE_ADMIN_PASSWORD",
            PASSWORD,
            "GLIMPSE_IMPORT_ROOTS",
            photos.toString(),
            "GLIMPSE_DRIVE_CLIENT_ID",
            "run-client",
            "GLIMPSE_DRIVE_CLIENT_SECRET",
            "run-secret",
            "GLIMPSE_DRIVE_API_URL",
            drive.apiUrl(),
            "GLIMPSE_DRIVE_TOKEN_URL",
            drive.tokenUrl(),
            "GLIMPSE_SECURE_COOKIES",
            "true");
    glimpse =
        LocalGlimpse.start(
            List.of(script().toString(), "run"), port, settings, data.resolve("glimpse.log"));
    glimpse.awaitReady(Duration.ofMinutes(3));
  }

  /**
   * The embedded PostgreSQL and Artemis ask for the installation's own passwords (made on first
   * start, kept in {@code secrets/}), and the data directory, whose post-boot file holds them, is
   * its owner's alone (security review, finding 8).
   */
  private void theEmbeddedServicesAskForPasswordsAndTheDataIsTheOwners() throws Exception {
    Path postBoot;
    try (java.util.stream.Stream<Path> files = Files.walk(data.resolve("run"))) {
      postBoot =
          files
              .filter(f -> f.getFileName().toString().equals("post-boot.asadmin"))
              .findFirst()
              .orElseThrow();
    }
    String commands = Files.readString(postBoot);
    java.util.regex.Matcher db =
        java.util.regex.Pattern.compile(
                "jdbc\\\\?:postgresql\\\\?://127\\.0\\.0\\.1\\\\?:(\\d+)/glimpse")
            .matcher(commands);
    java.util.regex.Matcher mq =
        java.util.regex.Pattern.compile("port\\\\?=(\\d+)").matcher(commands);
    assertTrue(db.find() && mq.find(), commands.replaceAll("(?i)password=[^:\\s]+", "password=?"));
    String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + db.group(1) + "/glimpse";
    String dbPassword = Files.readString(data.resolve("secrets/database.password")).trim();
    String mqPassword = Files.readString(data.resolve("secrets/broker.password")).trim();
    assertTrue(dbPassword.length() >= 40 && !dbPassword.equals(mqPassword), "random passwords");
    for (String wrong : new String[] {"", "postgres", mqPassword}) {
      java.sql.SQLException refused =
          org.junit.jupiter.api.Assertions.assertThrows(
              java.sql.SQLException.class,
              () -> java.sql.DriverManager.getConnection(jdbcUrl, "postgres", wrong).close(),
              "the database refuses the password '" + wrong + "'");
      assertTrue(refused.getMessage().contains("password"), "refused for its password: " + refused);
    }
    try (java.sql.Connection sql =
        java.sql.DriverManager.getConnection(jdbcUrl, "postgres", dbPassword)) {
      assertTrue(sql.isValid(5), "the installation's password opens it");
    }
    String broker = "tcp://127.0.0.1:" + mq.group(1);
    try (var locator =
            org.apache.activemq.artemis.api.core.client.ActiveMQClient.createServerLocator(broker);
        var factory = locator.createSessionFactory()) {
      for (String[] wrong : new String[][] {{null, null}, {"glimpse", "guess"}}) {
        org.junit.jupiter.api.Assertions.assertThrows(
            org.apache.activemq.artemis.api.core.ActiveMQSecurityException.class,
            () -> factory.createSession(wrong[0], wrong[1], false, true, true, false, 1).close(),
            "the broker refuses " + wrong[0]);
      }
      factory.createSession("glimpse", mqPassword, false, true, true, false, 1).close();
    }
    var ownerOnly = java.nio.file.attribute.PosixFilePermissions.fromString("rwx------");
    var fileOwnerOnly = java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
    assertEquals(ownerOnly, Files.getPosixFilePermissions(data), "the data directory");
    assertEquals(ownerOnly, Files.getPosixFilePermissions(data.resolve("secrets")));
    for (Path file :
        List.of(
            postBoot,
            data.resolve("secrets/database.password"),
            data.resolve("secrets/broker.password"),
            data.resolve("postgres/pg_hba.conf"))) {
      assertEquals(fileOwnerOnly, Files.getPosixFilePermissions(file), file.toString());
    }
  }

  private void healthNamesItsChecksAndModelsAndHidesMetrics() throws Exception {
    assertTrue(sessionCookie().contains("; Secure"), "GLIMPSE_SECURE_COOKIES=true");
    JsonObject health = object(send("GET", "/health/ready", null, null), 200);
    assertEquals("UP", health.getString("status"));
    for (String check : new String[] {"database", "broker", "face-models", "application"}) {
      assertTrue(
          health.toString().contains("\"name\":\"" + check + "\",\"status\":\"UP\""),
          health.toString());
    }
    // the models in use and their licences are named
    assertTrue(
        health
            .toString()
            .contains("arcface-mobilefacenet-512.onnx: declared MIT, provenance unclear"),
        health.toString());
    assertTrue(health.toString().contains("\"searchThreshold\":\"0.43\""), health.toString());
    // the server's metrics (heap, threads, requests) are nobody's business on a public port
    HttpResponse<String> metrics = send("GET", "/metrics", null, null);
    assertTrue(
        metrics.statusCode() >= 400 && !metrics.body().contains("jvm_"),
        metrics.statusCode()
            + " "
            + metrics.body().substring(0, Math.min(200, metrics.body().length())));
  }

  private void signInRefusesWrongPasswordsBigBodiesAndForgedTokens() throws Exception {
    HttpResponse<String> wrong =
        send("POST", "/api/v1/auth/token", null, GlimpseClient.credentials(EMAIL, "nope"));
    assertEquals("unauthorized", object(wrong, 401).getString("error"));
    oversizedBodiesAreRefusedUnread();
    token = token();

    assertEquals(
        "unauthorized", object(send("GET", "/api/v1/events", null, null), 401).getString("error"));
    for (String forged : forgedTokens(token)) {
      assertEquals(
          "unauthorized",
          object(send("GET", "/api/v1/events", forged, null), 401).getString("error"),
          forged);
    }
  }

  private void eventsAreCreatedListedAndValidated() throws Exception {
    JsonObject created =
        object(
            send(
                "POST",
                "/api/v1/events",
                token,
                "{\"name\":\"Anna & Ben\",\"date\":\"2026-06-20\"}"),
            201);
    eventId = created.getJsonNumber("id").longValue();
    slug = created.getString("slug");
    assertTrue(slug.startsWith("anna-ben-"), slug);

    HttpResponse<String> invalid = send("POST", "/api/v1/events", token, "{\"name\":\"\"}");
    assertEquals("invalid_request", object(invalid, 400).getString("error"));
    HttpResponse<String> notJson = send("POST", "/api/v1/events", token, "{name");
    assertEquals(400, notJson.statusCode());
    assertFalse(notJson.body().contains("Exception"), notJson.body());

    JsonArray events = array(send("GET", "/api/v1/events", token, null));
    assertEquals(1, events.size());
    assertEquals("Anna & Ben", events.getJsonObject(0).getString("name"));
    assertEquals(404, send("GET", "/api/v1/events/999999", token, null).statusCode());
  }

  private void guestsEnterWithTheEventsCode() throws Exception {
    object(
        send(
            "PUT",
            "/api/v1/events/" + eventId + "/access",
            token,
            "{\"code\":\"471100\",\"faceSearch\":true}"),
        200);
    guest =
        object(
                send(
                    "POST",
                    "/api/v1/guest/sessions",
                    null,
                    "{\"slug\":\"" + slug + "\",\"code\":\"471100\"}"),
                200)
            .getString("token");
    assertEquals(
        401,
        send(
                "POST",
                "/api/v1/guest/sessions",
                null,
                "{\"slug\":\"" + slug + "\",\"code\":\"000000\"}")
            .statusCode());
    assertEquals(
        "Anna & Ben",
        object(send("GET", "/api/v1/events/" + eventId, guest, null), 200).getString("name"));
    assertEquals(403, send("GET", "/api/v1/events", guest, null).statusCode());
  }

  /**
   * A guest's first visit, the page with the code form and everything it loads, transfers at most
   * 300 KB: text goes compressed to a client that accepts gzip, and resources may be cached.
   */
  private void theCodePageIsSmallOnAPhonesFirstVisit() throws Exception {
    HttpClient phone =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new java.net.CookieManager())
            .build();
    HttpResponse<byte[]> page = gzipped(phone, "/g/" + slug);
    assertEquals(200, page.statusCode());
    assertEquals("gzip", page.headers().firstValue("Content-Encoding").orElse(""), "the page");
    String html = gunzip(page.body());
    assertTrue(html.contains("id=\"enter\""), "the code form");
    long transferred = page.body().length;
    long plain = html.length();
    java.util.regex.Matcher linked =
        java.util.regex.Pattern.compile("(?:src|href)=\"([^\"]+\\.(?:js|css|svg)[^\"]*)\"")
            .matcher(html);
    java.util.Set<String> loaded = new java.util.TreeSet<>();
    while (linked.find()) {
      loaded.add(linked.group(1).replace("&amp;", "&"));
    }
    assertTrue(loaded.size() >= 3, "scripts and style sheets: " + loaded);
    for (String resource : loaded) {
      HttpResponse<byte[]> response = gzipped(phone, resource);
      assertEquals(200, response.statusCode(), resource);
      assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(""), resource);
      assertTrue(
          !resource.contains("jakarta.faces.resource")
              || response.headers().firstValue("Expires").isPresent()
              || response.headers().firstValue("Cache-Control").orElse("").contains("max-age"),
          resource + " may be cached: " + response.headers().map());
      transferred += response.body().length;
      plain += gunzip(response.body()).length();
    }
    System.out.printf(
        "Code page: %d resources, %d KB transferred, %d KB uncompressed%n",
        loaded.size(), transferred / 1024, plain / 1024);
    assertTrue(transferred <= 300 * 1024, "first visit: " + transferred / 1024 + " KB");
    // a client that does not ask for gzip gets the page as it is
    HttpResponse<String> identity =
        phone.send(
            HttpRequest.newBuilder(glimpse.uri("/g/" + slug)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(identity.headers().firstValue("Content-Encoding").isEmpty());
    assertTrue(identity.body().contains("id=\"enter\""));
  }

  private HttpResponse<byte[]> gzipped(HttpClient client, String path) throws Exception {
    URI uri = path.startsWith("http") ? URI.create(path) : glimpse.uri(path);
    return client.send(
        HttpRequest.newBuilder(uri).header("Accept-Encoding", "gzip, deflate, br").build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String gunzip(byte[] body) throws IOException {
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A folder outside the import roots is refused; one inside imports, and a selfie finds it. */
  private void aFolderImportsAndASelfieFindsOnlyItsPhoto() throws Exception {
    HttpResponse<String> outside =
        send(
            "POST",
            "/api/v1/events/" + eventId + "/imports",
            token,
            "{\"source\":\"folder\",\"path\":\"/etc\"}");
    assertEquals("invalid_folder", object(outside, 400).getString("error"));
    JsonObject queued =
        object(
            send(
                "POST",
                "/api/v1/events/" + eventId + "/imports",
                token,
                "{\"source\":\"folder\",\"path\":\"" + photos.resolve("wedding") + "\"}"),
            202);
    String importPath = "/api/v1/imports/" + queued.getJsonNumber("id");
    JsonObject run = completed(importPath, token);
    assertEquals(2, run.getInt("total"));
    assertEquals(0, array(send("GET", importPath + "/failures", token, null)).size());

    JsonObject page =
        object(
            send("GET", "/api/v1/events/" + eventId + "/photos?page=0&size=20", guest, null), 200);
    assertEquals(2, page.getInt("total"));

    String marker = "selfie-marker-" + java.util.UUID.randomUUID();
    byte[] selfie = withComment(Files.readAllBytes(shared.resolve("deepface/img2.jpg")), marker);
    JsonObject found = object(search(eventId, guest, "selfie", "me.jpg", selfie), 200);
    JsonArray matches = found.getJsonArray("matches");
    assertEquals(1, matches.size(), found.toString());
    assertEquals("img1.jpg", matches.getJsonObject(0).getString("fileName"));
    assertTrue(matches.getJsonObject(0).getJsonNumber("score").doubleValue() > 0.43);
    assertTrue(matches.getJsonObject(0).getJsonObject("faceBox").getInt("width") > 20);
    JsonObject noFace =
        object(
            search(
                eventId,
                guest,
                "selfie",
                "cat.png",
                Files.readAllBytes(shared.resolve("debian/chelsea.png"))),
            422);
    assertEquals("no_face", noFace.getString("error"));
    assertEquals(
        "missing_selfie",
        object(search(eventId, guest, "photo", "me.jpg", selfie), 400).getString("error"));
    assertEquals(401, search(eventId, null, "selfie", "me.jpg", selfie).statusCode());
    assertEquals(
        List.of(), app.glimpse.testing.Traces.filesHolding(marker, 0, List.of(data)), "the selfie");
  }

  /**
   * Issue 16's curating over HTTP, as its contracts name it: {@code PATCH /api/v1/photos/{id}}
   * hides a photo from guests (listed for staff with {@code "hidden":true}), {@code PATCH
   * /api/v1/events/{id}} sets the cover, {@code /api/v1/events/{id}/sets} and {@code ?set=}, and
   * {@code DELETE /api/v1/photos/{id}}; bad input is a 400 JSON error, guests are refused.
   */
  private void photosAreCuratedOverTheApi() throws Exception {
    String event = "/api/v1/events/" + eventId;
    JsonObject before = object(send("GET", event + "/photos?size=50", token, null), 200);
    int total = before.getInt("total");
    JsonArray staffPhotos = before.getJsonArray("items");
    long first = staffPhotos.getJsonObject(0).getJsonNumber("id").longValue();
    long second = staffPhotos.getJsonObject(1).getJsonNumber("id").longValue();
    assertFalse(staffPhotos.getJsonObject(0).getBoolean("hidden"));

    JsonObject hidden =
        object(send("PATCH", "/api/v1/photos/" + first, token, "{\"hidden\":true}"), 200);
    assertTrue(hidden.getBoolean("hidden"), hidden.toString());
    assertEquals(first, hidden.getJsonNumber("id").longValue());
    JsonObject guestPage = object(send("GET", event + "/photos?size=50", guest, null), 200);
    assertEquals(total - 1, guestPage.getInt("total"), "hidden from the guest");
    assertTrue(
        guestPage.getJsonArray("items").stream()
            .map(JsonValue::asJsonObject)
            .noneMatch(p -> p.getJsonNumber("id").longValue() == first),
        guestPage.toString());
    JsonObject staffPage = object(send("GET", event + "/photos?size=50", token, null), 200);
    assertEquals(total, staffPage.getInt("total"), "listed for staff");
    assertTrue(
        staffPage.getJsonArray("items").stream()
            .map(JsonValue::asJsonObject)
            .anyMatch(p -> p.getJsonNumber("id").longValue() == first && p.getBoolean("hidden")));
    assertEquals(
        "invalid_hidden",
        object(send("PATCH", "/api/v1/photos/" + first, token, "{}"), 400).getString("error"));
    assertEquals(
        404, send("PATCH", "/api/v1/photos/987654321", token, "{\"hidden\":true}").statusCode());
    assertEquals(
        403, send("PATCH", "/api/v1/photos/" + first, guest, "{\"hidden\":false}").statusCode());
    object(send("PATCH", "/api/v1/photos/" + first, token, "{\"hidden\":false}"), 200);

    JsonObject covered =
        object(send("PATCH", event, token, "{\"coverPhotoId\":" + second + "}"), 200);
    assertEquals(second, covered.getJsonNumber("coverPhotoId").longValue());
    assertEquals(
        "invalid_cover",
        object(send("PATCH", event, token, "{\"coverPhotoId\":\"x\"}"), 400).getString("error"));
    assertEquals(
        "invalid_date",
        object(send("PATCH", event, token, "{\"date\":\"June\"}"), 400).getString("error"));
    assertEquals(
        second,
        object(send("GET", event, guest, null), 200).getJsonNumber("coverPhotoId").longValue());

    HttpResponse<String> made =
        send(
            "POST", event + "/sets", token, "{\"name\":\"Ceremony\",\"photoIds\":[" + first + "]}");
    JsonObject set = object(made, 201);
    assertEquals("Ceremony", set.getString("name"));
    assertEquals(1, set.getInt("photos"));
    assertTrue(
        made.headers().firstValue("Location").orElseThrow().endsWith("/sets/" + set.getInt("id")));
    String setPath = event + "/sets/" + set.getInt("id");
    assertEquals(
        "invalid_name",
        object(send("POST", event + "/sets", token, "{\"name\":\"\"}"), 400).getString("error"));
    assertEquals(
        "Vows",
        object(send("PATCH", setPath, token, "{\"name\":\"Vows\"}"), 200).getString("name"));
    JsonArray guestSets = array(send("GET", event + "/sets", guest, null));
    assertEquals(1, guestSets.size(), guestSets.toString());
    assertEquals("Vows", guestSets.getJsonObject(0).getString("name"));
    JsonObject inSet =
        object(send("GET", event + "/photos?set=" + set.getInt("id"), guest, null), 200);
    assertEquals(1, inSet.getInt("total"));
    assertEquals(403, send("DELETE", setPath, guest, null).statusCode());
    assertEquals(204, send("DELETE", setPath, token, null).statusCode());
    assertEquals(
        404, send("GET", event + "/photos?set=" + set.getInt("id"), token, null).statusCode());

    assertEquals(403, send("DELETE", "/api/v1/photos/" + first, guest, null).statusCode());
    assertEquals(204, send("DELETE", "/api/v1/photos/" + first, token, null).statusCode());
    assertEquals(404, send("DELETE", "/api/v1/photos/" + first, token, null).statusCode());
    assertEquals(
        total - 1, object(send("GET", event + "/photos", token, null), 200).getInt("total"));

    // the studio's brand: an accent white text cannot be read on is refused with its contrast
    JsonObject light =
        object(send("PUT", "/api/v1/studio/brand", token, "{\"accentColor\":\"#7dd3fc\"}"), 400);
    assertEquals("invalid_accent_color", light.getString("error"));
    assertTrue(light.getString("message").contains(":1"), light.toString());
    assertEquals(
        "invalid_accent_color",
        object(send("PUT", "/api/v1/studio/brand", token, "{\"accentColor\":\"red\"}"), 400)
            .getString("error"));
    JsonObject brand =
        object(
            send(
                "PUT",
                "/api/v1/studio/brand",
                token,
                "{\"name\":\"Lumen Studio\",\"accentColor\":\"#9D174D\"}"),
            200);
    assertEquals("#9d174d", brand.getString("accentColor"));
    assertEquals(
        "Lumen Studio",
        object(send("GET", "/api/v1/studio/brand", token, null), 200).getString("name"));
    assertEquals(403, send("GET", "/api/v1/studio/brand", guest, null).statusCode());
    String gallery = send("GET", "/g/" + slug, null, null).body();
    assertTrue(gallery.contains("Lumen Studio"), "the code page names the studio");
    assertTrue(gallery.contains("--accent: #9d174d"), "and takes its colour");
  }

  private void uploadsKeepSafeNamesAndSkipWhatIsNoPhoto() throws Exception {
    JsonObject uploaded =
        object(
            multipart(
                "/api/v1/events/" + eventId + "/uploads",
                token,
                "files",
                Map.of(
                    "../../etc/passwd.jpg", Files.readAllBytes(shared.resolve("deepface/img3.jpg")),
                    "couple.jpg", Files.readAllBytes(shared.resolve("deepface/couple.jpg")),
                    "notes.txt", "not a photo".getBytes(java.nio.charset.StandardCharsets.UTF_8))),
            202);
    assertEquals(2, uploaded.getInt("files"), uploaded.toString());
    assertEquals(
        "notes.txt", uploaded.getJsonArray("skipped").getJsonObject(0).getString("fileName"));
    String uploadPath = "/api/v1/imports/" + uploaded.getJsonNumber("id");
    JsonObject uploadRun = completed(uploadPath, token);
    assertEquals(2, uploadRun.getInt("processed"), uploadRun.toString());
    assertEquals(
        4,
        object(send("GET", "/api/v1/events/" + eventId + "/photos?size=20", guest, null), 200)
            .getInt("total"));
    try (java.util.stream.Stream<Path> kept = Files.walk(data.resolve("uploads"))) {
      List<String> names =
          kept.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).sorted().toList();
      assertEquals(List.of("couple.jpg", "passwd.jpg"), names, "originals kept, names made safe");
    }
    assertEquals(
        "no_photos",
        object(
                multipart(
                    "/api/v1/events/" + eventId + "/uploads",
                    token,
                    "files",
                    Map.of("a.txt", new byte[] {1, 2, 3})),
                400)
            .getString("error"));
    assertEquals(
        403,
        multipart(
                "/api/v1/events/" + eventId + "/uploads",
                guest,
                "files",
                Map.of("a.jpg", Files.readAllBytes(shared.resolve("deepface/img2.jpg"))))
            .statusCode());
    assertEquals(
        400,
        send("GET", "/api/v1/events/" + eventId + "/photos?size=5000", token, null).statusCode());
  }

  private void theApiIsDescribed() throws Exception {
    HttpResponse<String> openapi = send("GET", "/openapi", null, null);
    assertEquals(200, openapi.statusCode());
    assertTrue(openapi.body().contains("/api/v1/events"), openapi.body());
  }

  /** A stop with SIGTERM and a start without the Secure setting find the event and tokens again. */
  private void aRestartKeepsEventsAndTokens() throws Exception {
    Duration stop = glimpse.stop(Duration.ofSeconds(15));
    System.out.println("Stopped in " + stop.toMillis() + " ms");

    Map<String, String> plainCookies = new java.util.HashMap<>(settings);
    plainCookies.remove("GLIMPSE_SECURE_COOKIES");
    glimpse =
        LocalGlimpse.start(
            List.of(script().toString(), "run"), port, plainCookies, data.resolve("glimpse.log"));
    glimpse.awaitReady(Duration.ofMinutes(3));
    assertFalse(sessionCookie().contains("Secure"), "plain HTTP, no setting: no Secure flag");
    JsonArray again = array(send("GET", "/api/v1/events", token, null));
    assertEquals(1, again.size(), "the event and the token keys survive a restart");
    assertEquals(slug, again.getJsonObject(0).getString("slug"));
    assertEquals(200, send("GET", "/api/v1/events/" + eventId, guest, null).statusCode());
  }

  /**
   * The studio's team page: the owner sees it (and the menu links it), a photographer gets 403 and
   * no link; a photographer removed while signed in to the portal is signed out at their next
   * request. After the restart, because the first run's session cookie is Secure and the JDK's
   * cookie store keeps Secure cookies off plain HTTP.
   */
  private void teamInThePortal(String token) throws Exception {
    HttpClient owner = signedInToThePortal(EMAIL, PASSWORD);
    HttpResponse<String> teamPage = page(owner, "/studio/team.xhtml");
    assertEquals(200, teamPage.statusCode(), teamPage.body());
    assertTrue(teamPage.body().contains("Add a photographer"), teamPage.body());
    assertTrue(teamPage.body().contains(EMAIL.toLowerCase()), teamPage.body());
    assertTrue(page(owner, "/studio/events.xhtml").body().contains("id=\"teamLink\""));

    String third =
        object(
                send(
                    "POST",
                    "/api/v1/studio/photographers",
                    token,
                    "{\"email\":\"third@studio.test\",\"password\":\"third's password\"}"),
                201)
            .getJsonNumber("id")
            .toString();
    HttpClient photographer = signedInToThePortal("third@studio.test", "third's password");
    HttpResponse<String> events = page(photographer, "/studio/events.xhtml");
    assertEquals(200, events.statusCode());
    assertFalse(events.body().contains("teamLink"), "no team link for photographers");
    assertEquals(403, page(photographer, "/studio/team.xhtml").statusCode());
    assertEquals(
        204, send("DELETE", "/api/v1/studio/photographers/" + third, token, null).statusCode());
    HttpResponse<String> removed = page(photographer, "/studio/events.xhtml");
    assertEquals(302, removed.statusCode(), "a removed photographer is sent to sign in");
    assertTrue(
        removed.headers().firstValue("Location").orElseThrow().contains("/studio/sign-in.xhtml"));
  }

  /**
   * A 6 MB password is refused before anyone hashes it: 413 in the API's shape, with a length or
   * without one (chunked), and an error page for a Faces form.
   */
  private void oversizedBodiesAreRefusedUnread() throws Exception {
    String huge = "{\"email\":\"" + EMAIL + "\",\"password\":\"" + "x".repeat(6_000_000) + "\"}";
    HttpResponse<String> sized = send("POST", "/api/v1/auth/token", null, huge);
    assertEquals("too_large", object(sized, 413).getString("error"));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> chunked =
        http.send(
            HttpRequest.newBuilder(glimpse.uri("/api/v1/auth/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () ->
                            new java.io.ByteArrayInputStream(
                                huge.getBytes(StandardCharsets.UTF_8))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(413, chunked.statusCode(), chunked.body());
    assertTrue(chunked.body().contains("\"too_large\""), chunked.body());
    HttpResponse<String> form =
        http.send(
            HttpRequest.newBuilder(glimpse.uri("/studio/sign-in.xhtml"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "signIn%3Apassword=" + "x".repeat(6_000_000)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(413, form.statusCode());
    assertFalse(form.body().contains("Exception"), form.body());
  }

  /**
   * Cookies kept by name and sent back to every address: the first run sets Secure cookies (as
   * behind a TLS proxy) on a plain-HTTP port, which a browser-like cookie manager would not send.
   */
  private static final class EveryCookie extends java.net.CookieHandler {
    private final Map<String, String> cookies = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) {
      return cookies.isEmpty()
          ? Map.of()
          : Map.of(
              "Cookie",
              List.of(
                  cookies.entrySet().stream()
                      .map(c -> c.getKey() + "=" + c.getValue())
                      .collect(java.util.stream.Collectors.joining("; "))));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> headers) {
      headers.forEach(
          (name, values) -> {
            if ("Set-Cookie".equalsIgnoreCase(name)) {
              for (String value : values) {
                String pair = value.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                  cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                }
              }
            }
          });
    }
  }

  /** A browser-like client (cookies, no redirects followed) signed in through the sign-in page. */
  private HttpClient signedInToThePortal(String email, String password) throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new EveryCookie())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String form = page(browser, "/studio/sign-in.xhtml").body();
    java.util.regex.Matcher viewState =
        java.util.regex.Pattern.compile("jakarta\\.faces\\.ViewState[^>]*value=\"([^\"]+)\"")
            .matcher(form);
    assertTrue(viewState.find(), form);
    String body =
        "signIn=signIn&signIn%3Aemail="
            + java.net.URLEncoder.encode(email, StandardCharsets.UTF_8)
            + "&signIn%3Apassword="
            + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8)
            + "&signIn%3Asubmit=&jakarta.faces.ViewState="
            + java.net.URLEncoder.encode(viewState.group(1), StandardCharsets.UTF_8);
    HttpResponse<String> signedIn =
        browser.send(
            HttpRequest.newBuilder(glimpse.uri("/studio/sign-in.xhtml"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(302, signedIn.statusCode(), signedIn.body());
    assertTrue(
        signedIn.headers().firstValue("Location").orElseThrow().contains("/studio/events.xhtml"));
    return browser;
  }

  private HttpResponse<String> page(HttpClient browser, String path) throws Exception {
    return browser.send(
        HttpRequest.newBuilder(glimpse.uri(path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A new code ends the guest tokens issued for the old one; closing the gallery ends all. */
  private void guestTokensEndWithTheirAccess(String token, long eventId, String slug, String guest)
      throws Exception {
    String event = "/api/v1/events/" + eventId;
    object(
        send("PUT", event + "/access", token, "{\"code\":\"471100\",\"faceSearch\":false}"), 200);
    assertEquals(200, send("GET", event, guest, null).statusCode(), "same code: still in");
    object(send("PUT", event + "/access", token, "{\"code\":\"581200\"}"), 200);
    assertEquals(404, send("GET", event, guest, null).statusCode(), "new code");
    assertEquals(404, send("GET", event + "/photos", guest, null).statusCode(), "new code");
    String again =
        object(
                send(
                    "POST",
                    "/api/v1/guest/sessions",
                    null,
                    "{\"slug\":\"" + slug + "\",\"code\":\"581200\"}"),
                200)
            .getString("token");
    assertEquals(200, send("GET", event, again, null).statusCode());
    assertFalse(
        object(send("DELETE", event + "/access", token, null), 200).getBoolean("guestAccess"));
    assertEquals(404, send("GET", event, again, null).statusCode(), "closed");
    assertEquals(
        401,
        send(
                "POST",
                "/api/v1/guest/sessions",
                null,
                "{\"slug\":\"" + slug + "\",\"code\":\"581200\"}")
            .statusCode());
  }

  /**
   * The owner adds a photographer, who signs in with the generated password and works on the
   * studio's events but cannot manage the team; the owner cannot remove themselves; a removed
   * photographer's token stops working at once.
   */
  private void teamOverTheApi(String token, long eventId) throws Exception {
    String team = "/api/v1/studio/photographers";
    JsonArray members = array(send("GET", team, token, null));
    assertEquals(1, members.size(), members.toString());
    assertEquals("owner", members.getJsonObject(0).getString("role"));
    JsonObject added =
        object(
            send(
                "POST",
                team,
                token,
                "{\"email\":\"second@studio.test\",\"displayName\":\"Second\"}"),
            201);
    String second =
        object(
                send(
                    "POST",
                    "/api/v1/auth/token",
                    null,
                    GlimpseClient.credentials("second@studio.test", added.getString("password"))),
                200)
            .getString("token");
    assertEquals(
        eventId,
        array(send("GET", "/api/v1/events", second, null))
            .getJsonObject(0)
            .getJsonNumber("id")
            .longValue());
    assertEquals(403, send("GET", team, second, null).statusCode());
    assertEquals(
        "own_account",
        object(
                send(
                    "DELETE",
                    team + "/" + members.getJsonObject(0).getJsonNumber("id"),
                    token,
                    null),
                409)
            .getString("error"));
    assertEquals(
        204, send("DELETE", team + "/" + added.getJsonNumber("id"), token, null).statusCode());
    assertEquals(401, send("GET", "/api/v1/events", second, null).statusCode(), "removed");
  }

  /** The Drive calls over HTTP: the OAuth flow, the folder picker, an import, disconnecting. */
  private void driveOverTheApi(String token, long eventId) throws Exception {
    JsonObject status = object(send("GET", "/api/v1/drive", token, null), 200);
    assertTrue(status.getBoolean("configured"), status.toString());
    assertFalse(status.getBoolean("connected"), status.toString());
    assertEquals(
        "drive_not_connected",
        object(
                send(
                    "POST",
                    "/api/v1/events/" + eventId + "/imports",
                    token,
                    "{\"source\":\"drive\",\"folderId\":\"root\"}"),
                409)
            .getString("error"));
    assertEquals(401, send("GET", "/api/v1/drive/authorize", null, null).statusCode());

    String url = object(send("GET", "/api/v1/drive/authorize", token, null), 200).getString("url");
    Map<String, String> query = query(url);
    assertEquals("https://www.googleapis.com/auth/drive.readonly", query.get("scope"));
    assertEquals(glimpse.uri("/api/v1/drive/callback").toString(), query.get("redirect_uri"));
    assertEquals("S256", query.get("code_challenge_method"));
    drive.authorizationCode("code-run", "refresh-run").consent(url);
    String callback = "/api/v1/drive/callback?code=code-run&state=" + query.get("state");
    // Google's redirect goes on to the portal, which finishes the consent only in a browser
    // signed in as the photographer who asked for it
    HttpResponse<String> toPortal = send("GET", callback, null, null);
    assertEquals(303, toPortal.statusCode(), toPortal.body());
    String portal = toPortal.headers().firstValue("Location").orElseThrow();
    assertTrue(portal.contains("/studio/drive/callback?code=code-run&state="), portal);
    HttpClient nobody = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> anonymous =
        nobody.send(
            HttpRequest.newBuilder(URI.create(portal)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(302, anonymous.statusCode());
    assertTrue(
        anonymous
            .headers()
            .firstValue("Location")
            .orElseThrow()
            .contains("/studio/sign-in.xhtml?next="),
        anonymous.headers().toString());
    HttpClient owner = signedInToThePortal(EMAIL, PASSWORD);
    HttpResponse<String> back =
        owner.send(
            HttpRequest.newBuilder(URI.create(portal)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(302, back.statusCode(), back.body());
    assertTrue(
        back.headers().firstValue("Location").orElseThrow().endsWith("/?drive=connected"),
        back.headers().toString());
    HttpResponse<String> replayed =
        owner.send(
            HttpRequest.newBuilder(URI.create(portal)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(
        replayed.headers().firstValue("Location").orElseThrow().endsWith("/?drive=invalid_state"),
        replayed.headers().toString());
    status = object(send("GET", "/api/v1/drive", token, null), 200);
    assertTrue(status.getBoolean("connected"), status.toString());
    assertEquals("owner@gmail.test", status.getString("email"));

    drive
        .folder("day", "Day one", "root")
        .file("messi", "messi5.jpg", "image/jpeg", "day", shared.resolve("debian/messi5.jpg"));
    JsonArray folders = array(send("GET", "/api/v1/drive/folders", token, null));
    assertEquals(1, folders.size(), folders.toString());
    assertEquals("day", folders.getJsonObject(0).getString("id"));
    assertEquals("Day one", folders.getJsonObject(0).getString("name"));
    JsonObject queued =
        object(
            send(
                "POST",
                "/api/v1/events/" + eventId + "/imports",
                token,
                "{\"source\":\"drive\",\"folderId\":\"day\",\"includeSubfolders\":true}"),
            202);
    String importPath = "/api/v1/imports/" + queued.getJsonNumber("id");
    JsonObject run = completed(importPath, token);
    assertEquals(1, run.getInt("processed"), run.toString());
    assertTrue(run.getInt("faces") >= 1, run.toString());

    assertEquals(204, send("DELETE", "/api/v1/drive", token, null).statusCode());
    assertFalse(object(send("GET", "/api/v1/drive", token, null), 200).getBoolean("connected"));
  }

  private static Map<String, String> query(String url) {
    Map<String, String> values = new java.util.HashMap<>();
    for (String pair : java.net.URI.create(url).getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      values.put(parts[0], java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    return values;
  }

  @Test
  void runsAgainstAnExternalDatabaseAndBroker() throws Exception {
    Path external = Files.createDirectories(data.resolve("external"));
    try (EmbeddedDatabase database =
            EmbeddedDatabase.start(external.resolve("postgres"), Glimpse.freePort());
        EmbeddedBroker broker =
            EmbeddedBroker.start(external.resolve("broker"), Glimpse.freePort())) {
      Path glimpseData = data.resolve("glimpse");
      Map<String, String> settings =
          Map.of(
              "GLIMPSE_DATA_DIR",
              glimpseData.toString(),
              "GLIMPSE_ADMIN_EMAIL",
              EMAIL,
              "GLIMPSE_DB_URL",
              database.jdbcUrl(),
              "GLIMPSE_DB_USER",
              EmbeddedDatabase.USER,
              "GLIMPSE_DB_PASSWORD",
              EmbeddedDatabase.USER,
              "GLIMPSE_BROKER_URL",
              "tcp://127.0.0.1:" + broker.port());
      glimpse =
          LocalGlimpse.start(
              List.of(script().toString(), "run"),
              Glimpse.freePort(),
              settings,
              data.resolve("glimpse.log"));
      glimpse.awaitReady(Duration.ofMinutes(3));
      assertFalse(
          Files.exists(glimpseData.resolve("postgres")), "no embedded database was started");
      assertFalse(Files.exists(glimpseData.resolve("broker")), "no embedded broker was started");
      // without GLIMPSE_ADMIN_PASSWORD the first start prints a password on the console, once
      java.util.regex.Matcher printed =
          java.util.regex.Pattern.compile(
                  "^=== Glimpse first start: sign in as "
                      + java.util.regex.Pattern.quote(EMAIL)
                      + " with password (\\S{16,}) \\(shown only this once\\) ===$",
                  java.util.regex.Pattern.MULTILINE)
              .matcher(Files.readString(data.resolve("glimpse.log")));
      assertTrue(printed.find(), "the first-start password is on the console");
      String generated = printed.group(1);
      assertFalse(
          Files.readString(glimpse.serverLog()).contains(generated),
          "the password is not in the server log");
      object(send("POST", "/api/v1/events", token(generated), "{\"name\":\"Elsewhere\"}"), 201);
      glimpse.stop(Duration.ofSeconds(15));
    }
  }

  /**
   * {@code ./glimpse run} prints Glimpse's own lines and the server's warnings, one line each; the
   * server's INFO records and the embedded services' go to {@code logs/server.log} only.
   */
  private void aQuietConsoleAndTheWholeLogInItsFile(int port) throws Exception {
    Path serverLog = data.resolve("logs/server.log");
    assertEquals(serverLog, glimpse.serverLog());
    String ready = "Glimpse is ready at http://localhost:" + port + "/ in ";
    // the launcher says so after its own next look at /health/ready
    for (int i = 0; i < 50 && !Files.readString(data.resolve("glimpse.log")).contains(ready); i++) {
      Thread.sleep(100);
    }
    List<String> console = Files.readAllLines(data.resolve("glimpse.log"));
    String all = String.join("\n", console);
    assertTrue(all.contains("Starting Glimpse (server log: " + serverLog + ")"), all);
    assertTrue(all.contains(ready), all);
    for (String line : console) {
      assertFalse(
          line.contains("[levelValue: 800]") || line.contains("INFO"),
          "INFO on the console: " + line);
    }
    assertTrue(console.size() < 50, console.size() + " lines on the console:\n" + all);
    String log = Files.readString(serverLog);
    assertTrue(log.contains("[INFO] [] [PayaraMicro]"), "Payara's INFO records are in the file");
    assertTrue(log.contains("Payara Micro") && log.contains("ready in"), "Payara's boot is there");
    assertTrue(log.contains("Created database glimpse"), "so are the launcher's own records");
    assertFalse(log.contains("\u001B["), "no terminal colours in the file");
  }

  /**
   * Tokens the API must refuse: tampered, expired, unsigned ({@code alg: none}), signed with a
   * foreign key, and from another issuer. The genuine key is read from the data directory to forge
   * the last kinds.
   */
  private List<String> forgedTokens(String genuine) throws Exception {
    String[] parts = genuine.split("\\.");
    Base64.Decoder decoder = Base64.getUrlDecoder();
    JsonObject claims =
        (JsonObject) parse(new String(decoder.decode(parts[1]), StandardCharsets.UTF_8));
    long now = System.currentTimeMillis() / 1000;
    PrivateKey genuineKey =
        KeyFactory.getInstance("RSA")
            .generatePrivate(
                new PKCS8EncodedKeySpec(
                    Base64.getMimeDecoder()
                        .decode(
                            Files.readString(data.resolve("keys/jwt-private.pem"))
                                .replaceAll("-----[A-Z ]+-----", ""))));
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    PrivateKey foreignKey = generator.generateKeyPair().getPrivate();
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    return List.of(
        parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA",
        sign(header, with(claims, "exp", now - 60), genuineKey),
        encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".",
        sign(header, claims, foreignKey),
        sign(header, with(claims, "iss", "someone-else"), genuineKey));
  }

  private static JsonObject with(JsonObject claims, String name, Object value) {
    var builder = Json.createObjectBuilder(claims);
    if (value instanceof Long number) {
      builder.add(name, number);
    } else {
      builder.add(name, value.toString());
    }
    return builder.build();
  }

  private static String sign(String header, JsonObject claims, PrivateKey key) throws Exception {
    String input = encode(header) + "." + encode(claims.toString());
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(key);
    signature.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
  }

  private static String encode(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The import at {@code importPath} once it has completed (polled for up to a minute). */
  private JsonObject completed(String importPath, String token) throws Exception {
    JsonObject run = object(send("GET", importPath, token, null), 200);
    for (int i = 0; i < 300 && !run.getString("status").equals("COMPLETED"); i++) {
      Thread.sleep(200);
      run = object(send("GET", importPath, token, null), 200);
    }
    assertEquals("COMPLETED", run.getString("status"), run.toString());
    return run;
  }

  /**
   * {@code POST /api/v1/auth/token} answers a 15-minute bearer token with a refresh token; {@code
   * /auth/refresh} exchanges each refresh token once; a used one presented again ends the sign-in;
   * {@code /auth/sign-out} ends it too.
   */
  private void refreshTokensRotateAndEndOnReuse() throws Exception {
    JsonObject signIn = signIn();
    Instant expiresAt = Instant.parse(signIn.getString("expiresAt"));
    assertTrue(expiresAt.isBefore(Instant.now().plus(Duration.ofMinutes(16))), signIn.toString());
    assertTrue(
        Instant.parse(signIn.getString("refreshExpiresAt"))
            .isAfter(Instant.now().plus(Duration.ofDays(13))),
        signIn.toString());
    String first = signIn.getString("refreshToken");
    assertEquals(
        401, send("GET", "/api/v1/events", first, null).statusCode(), "not a bearer token");

    JsonObject renewed = object(refresh(first), 200);
    String second = renewed.getString("refreshToken");
    assertFalse(first.equals(second));
    assertEquals(200, send("GET", "/api/v1/events", renewed.getString("token"), null).statusCode());
    assertEquals("unauthorized", object(refresh(first), 401).getString("error"), "used up");
    assertEquals(401, refresh(second).statusCode(), "the reuse ended the whole sign-in");
    assertEquals(
        "invalid_request",
        object(send("POST", "/api/v1/auth/refresh", null, "{}"), 400).getString("error"));

    String other = signIn().getString("refreshToken");
    String signOut = "{\"refreshToken\":\"" + other + "\"}";
    assertEquals(204, send("POST", "/api/v1/auth/sign-out", null, signOut).statusCode());
    assertEquals(401, refresh(other).statusCode(), "signed out");
  }

  /** The session cookie the studio's sign-in page sets, as the Set-Cookie header carries it. */
  private String sessionCookie() throws Exception {
    HttpResponse<String> page = send("GET", "/studio/sign-in.xhtml", null, null);
    assertEquals(200, page.statusCode());
    return page.headers().allValues("Set-Cookie").stream()
        .filter(cookie -> cookie.startsWith("JSESSIONID="))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no session cookie: " + page.headers()));
  }

  private HttpResponse<String> refresh(String refreshToken) throws Exception {
    return send(
        "POST", "/api/v1/auth/refresh", null, "{\"refreshToken\":\"" + refreshToken + "\"}");
  }

  private JsonObject signIn() throws Exception {
    return object(
        send("POST", "/api/v1/auth/token", null, GlimpseClient.credentials(EMAIL, PASSWORD)), 200);
  }

  private String token() throws Exception {
    return token(PASSWORD);
  }

  private String token(String password) throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "/api/v1/auth/token",
            null,
            GlimpseClient.credentials(EMAIL.toUpperCase(), password));
    return object(response, 200).getString("token");
  }

  private HttpResponse<String> search(
      long eventId, String token, String part, String fileName, byte[] photo) throws Exception {
    return multipart("/api/v1/events/" + eventId + "/search", token, part, Map.of(fileName, photo));
  }

  /** Posts {@code files} (name to content) as multipart parts named {@code part}. */
  private HttpResponse<String> multipart(
      String path, String token, String part, Map<String, byte[]> files) throws Exception {
    return api.multipart(path, token, Map.of(), part, files);
  }

  private HttpResponse<String> send(String method, String path, String token, String json)
      throws Exception {
    return api.send(method, path, token, json);
  }

  private static JsonStructure parse(String body) {
    try (var reader = Json.createReader(new StringReader(body))) {
      return reader.read();
    }
  }

  /** {@code ./glimpse} at the repository root, exactly as a user starts Glimpse. */
  private static Path script() {
    return Path.of(System.getProperty("glimpse.root", "..")).resolve("glimpse").toAbsolutePath();
  }
}
