package app.glimpse.launcher;

import static app.glimpse.testing.Api.array;
import static app.glimpse.testing.Api.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.testing.Api;
import app.glimpse.testing.GlimpseClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authorization matrix over HTTP: every REST call, portal page and servlet, times every kind of
 * caller (anonymous, a guest of event A, a guest of event B, a photographer of studio A, a
 * photographer of studio B, studio A's owner). Only the allowed cells succeed; the others get 401,
 * 403 or 404, and for every caller an event of someone else answers exactly as an event that does
 * not exist, so a refusal never reveals that an event exists.
 *
 * <p>Calls that change or delete something are checked for every caller they must refuse; their
 * allowed cells change state, and are exercised by {@code AccessMatrixIT}, {@code GlimpseRunIT} and
 * {@code PortalIT}.
 */
class AccessOverHttpIT {

  private static final String OWNER = "owner@a.test";
  private static final String PASSWORD = "matrix horse battery";
  private static final long MISSING = 987_654_321L;

  enum Who {
    ANONYMOUS,
    GUEST_A,
    GUEST_B,
    PHOTOGRAPHER_A,
    PHOTOGRAPHER_B,
    OWNER_A
  }

  private static final Set<Who> STAFF_A = EnumSet.of(Who.PHOTOGRAPHER_A, Who.OWNER_A);
  private static final Set<Who> STAFF =
      EnumSet.of(Who.PHOTOGRAPHER_A, Who.PHOTOGRAPHER_B, Who.OWNER_A);
  private static final Set<Who> SEES_A = EnumSet.of(Who.GUEST_A, Who.PHOTOGRAPHER_A, Who.OWNER_A);

  @TempDir Path work;

  private LocalGlimpse glimpse;
  private EmbeddedDatabase database;

  /** Per caller: the bearer token (none for anonymous) and a browser session. */
  private final Map<Who, String> tokens = new LinkedHashMap<>();

  private final Map<Who, Api> sessions = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();

  // what the steps hand on to each other
  private Api api;
  private String ownerToken;
  private long a;
  private long importA;
  private long photoA;
  private long personA;
  private String slugA;
  private String slugB;

  /** A selfie of someone who is in event A. */
  private final byte[] selfie = deepface("img11.jpg");

  @AfterEach
  void stop() throws IOException {
    if (glimpse != null) {
      glimpse.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void onlyTheAllowedCellsSucceedAndRefusalsRevealNothing() throws Exception {
    startsOnItsOwnDatabase();
    twoStudiosEachWithAnEventAndItsGuests();
    everyCallerOpensABrowserSession();
    readingCallsAnswerOnlyWhoMaySee();
    changingCallsAreRefusedToOthers();
    pagesAndServletsAnswerOnlyWhoMaySee();
    theGalleryFindAndUploadsAnswerOnlyWhoMaySee();
    nothingThatWasRefusedChangedAnything();
    assertEquals(List.of(), failures, String.join("\n", failures));
  }

  private void startsOnItsOwnDatabase() throws Exception {
    Path dist = Path.of(System.getProperty("glimpse.dist")).toAbsolutePath();
    database = EmbeddedDatabase.start(work.resolve("postgres"), Glimpse.freePort());
    glimpse =
        LocalGlimpse.start(
            LocalGlimpse.launcherCommand(dist),
            Glimpse.freePort(),
            Map.of(
                "GLIMPSE_DATA_DIR",
                work.resolve("data").toString(),
                "GLIMPSE_DB_URL",
                database.jdbcUrl(),
                "GLIMPSE_ADMIN_EMAIL",
                OWNER,
                "GLIMPSE_ADMIN_PASSWORD",
                PASSWORD,
                "GLIMPSE_IMPORT_ROOTS",
                work.toString(),
                "GLIMPSE_THROTTLE_FREE_FAILURES",
                "1000"),
            work.resolve("glimpse.log"));
    glimpse.awaitReady(Duration.ofMinutes(3));
    api = new Api(glimpse::uri);
  }

  /**
   * Studio A: its owner and a photographer the owner adds, event A with two photos, a person and an
   * import; studio B: one photographer and event B; a guest of each event.
   */
  private void twoStudiosEachWithAnEventAndItsGuests() throws Exception {
    GlimpseClient owner = GlimpseClient.signIn(api, OWNER, PASSWORD);
    ownerToken = owner.token();
    object(
        api.send(
            "POST",
            "/api/v1/studio/photographers",
            ownerToken,
            "{\"email\":\"pat@a.test\",\"displayName\":\"Pat\",\"password\":\"" + PASSWORD + "\"}"),
        201);
    try (Connection sql =
            DriverManager.getConnection(
                database.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.USER);
        Statement statement = sql.createStatement()) {
      statement.executeUpdate(
          "INSERT INTO studio (id, name, created_at) VALUES (900001, 'Studio B', now())");
      statement.executeUpdate(
          "INSERT INTO photographer (id, studio_id, email, display_name, password_hash, role,"
              + " created_at) SELECT 900002, 900001, 'bo@b.test', 'Bo', password_hash,"
              + " 'PHOTOGRAPHER', now() FROM photographer WHERE email = '"
              + OWNER
              + "'");
    }
    tokens.put(Who.OWNER_A, ownerToken);
    tokens.put(Who.PHOTOGRAPHER_A, GlimpseClient.signIn(api, "pat@a.test", PASSWORD).token());
    GlimpseClient studioB = GlimpseClient.signIn(api, "bo@b.test", PASSWORD);
    tokens.put(Who.PHOTOGRAPHER_B, studioB.token());

    // event A with two photos, a person and an import; event B of studio B
    a = owner.createEvent("Event A");
    JsonObject uploaded =
        owner.upload(
            a,
            Map.of(
                "img4.jpg", deepface("img4.jpg"),
                "img10.jpg", deepface("img10.jpg")));
    importA = uploaded.getJsonNumber("id").longValue();
    JsonObject completed = owner.awaitCompleted(importA);
    assertEquals(2, completed.getInt("processed"), completed.toString());
    photoA =
        object(api.send("GET", "/api/v1/events/" + a + "/photos", ownerToken, null), 200)
            .getJsonArray("items")
            .getJsonObject(0)
            .getJsonNumber("id")
            .longValue();
    personA =
        array(api.send("GET", "/api/v1/events/" + a + "/people", ownerToken, null))
            .getJsonObject(0)
            .getJsonNumber("id")
            .longValue();
    slugA = access(api, ownerToken, a, "code-of-a");
    long b = studioB.createEvent("Event B");
    // the shared import roots are the first studio's: studio B may not read its folders
    Path studioAFolder = Files.createDirectories(work.resolve("studio-a/wedding"));
    Files.write(studioAFolder.resolve("img4.jpg"), deepface("img4.jpg"));
    JsonObject foreign =
        object(
            studioB.send(
                "POST",
                "/api/v1/events/" + b + "/imports",
                Json.createObjectBuilder()
                    .add("source", "folder")
                    .add("path", studioAFolder.toString())
                    .build()
                    .toString()),
            400);
    assertEquals("invalid_folder", foreign.getString("error"), foreign.toString());
    assertTrue(
        foreign.toString().contains("GLIMPSE_STUDIO_900001_IMPORT_ROOTS"), foreign.toString());
    slugB = access(api, tokens.get(Who.PHOTOGRAPHER_B), b, "code-of-b");
    tokens.put(Who.GUEST_A, guestToken(api, slugA, "code-of-a"));
    tokens.put(Who.GUEST_B, guestToken(api, slugB, "code-of-b"));
  }

  private void everyCallerOpensABrowserSession() throws Exception {
    for (Who who : Who.values()) {
      Api session = new Api(glimpse::uri);
      switch (who) {
        case GUEST_A -> session.submit("/g/" + slugA, "enter", "open", Map.of("code", "code-of-a"));
        case GUEST_B -> session.submit("/g/" + slugB, "enter", "open", Map.of("code", "code-of-b"));
        case PHOTOGRAPHER_A -> signInPortal(session, "pat@a.test");
        case PHOTOGRAPHER_B -> signInPortal(session, "bo@b.test");
        case OWNER_A -> signInPortal(session, OWNER);
        default -> {}
      }
      sessions.put(who, session);
    }
  }

  /** REST: reading calls, every caller, event A and an event that does not exist. */
  private void readingCallsAnswerOnlyWhoMaySee() throws Exception {
    api("GET", "/api/v1/events", null, STAFF);
    apiOnEvent("GET", "/api/v1/events/{e}", null, SEES_A, a);
    apiOnEvent("GET", "/api/v1/events/{e}/photos", null, SEES_A, a);
    apiOnEvent("GET", "/api/v1/events/{e}/people", null, SEES_A, a);
    apiOnEvent("GET", "/api/v1/events/{e}/people/" + personA + "/photos", null, SEES_A, a);
    api("GET", "/api/v1/imports/" + importA, null, STAFF_A);
    api("GET", "/api/v1/imports/" + importA + "/failures", null, STAFF_A);
    api("GET", "/api/v1/studio/photographers", null, EnumSet.of(Who.OWNER_A));
    api("GET", "/api/v1/drive", null, STAFF);
    searchCell(a, selfie);
  }

  /** REST: calls that change something, for the callers that must be refused. */
  private void changingCallsAreRefusedToOthers() throws Exception {
    Set<Who> none = EnumSet.noneOf(Who.class);
    String person = "/api/v1/events/{e}/people/" + personA;
    apiOnEvent("PATCH", person, "{\"name\":\"X\"}", STAFF_A, a, true);
    apiOnEvent("POST", person + "/merge", "{\"people\":[" + personA + "]}", STAFF_A, a, true);
    apiOnEvent("POST", person + "/faces", "{\"faces\":[]}", STAFF_A, a, true);
    apiOnEvent("POST", "/api/v1/events/{e}/people", "{\"faces\":[]}", STAFF_A, a, true);
    apiOnEvent("POST", "/api/v1/events/{e}/people/regroup", null, STAFF_A, a, true);
    apiOnEvent("PUT", "/api/v1/events/{e}/access", "{\"code\":\"stolen-1\"}", STAFF_A, a, true);
    apiOnEvent("DELETE", "/api/v1/events/{e}/access", null, STAFF_A, a, true);
    apiOnEvent("DELETE", "/api/v1/events/{e}/faces", null, STAFF_A, a, true);
    apiOnEvent(
        "POST",
        "/api/v1/events/{e}/imports",
        "{\"source\":\"folder\",\"path\":\"/\"}",
        STAFF_A,
        a,
        true);
    apiOnEvent("DELETE", "/api/v1/events/{e}", null, STAFF_A, a, true);
    api("POST", "/api/v1/imports/" + importA + "/stop", null, STAFF_A, true);
    api("POST", "/api/v1/imports/" + importA + "/restart", null, STAFF_A, true);
    api(
        "POST",
        "/api/v1/studio/photographers",
        "{\"email\":\"z@a.test\"}",
        EnumSet.of(Who.OWNER_A),
        true);
    api("DELETE", "/api/v1/studio/photographers/1", null, EnumSet.of(Who.OWNER_A), true);
    api("POST", "/api/v1/events", "{\"name\":\"Guest's\"}", STAFF, true);
    api("DELETE", "/api/v1/drive", null, STAFF, true);
    api("GET", "/api/v1/drive/authorize", null, STAFF, true);
  }

  /** Pages and servlets, with each caller's browser session. */
  private void pagesAndServletsAnswerOnlyWhoMaySee() throws Exception {
    page("/studio/events.xhtml", STAFF);
    page("/studio/password.xhtml", STAFF);
    page("/studio/team.xhtml", EnumSet.of(Who.OWNER_A));
    pageOnEvent("/studio/event.xhtml?id={e}", STAFF_A, a);
    pageOnEvent("/studio/qr/{e}.png", STAFF_A, a);
    pageOnEvent("/media/{e}/" + photoA + "/thumb", SEES_A, a);
    pageOnEvent("/media/{e}/" + photoA + "/preview", SEES_A, a);
    pageOnEvent("/download/{e}/" + photoA, SEES_A, a);
    // the gallery shows photos to its guests and studio only
    for (Who who : Who.values()) {
      String gallery = sessions.get(who).page("/g/" + slugA).body();
      check(
          "GET /g/A",
          who,
          who == Who.GUEST_A,
          gallery.contains("galleryTitle") && !gallery.contains("id=\"enter\""));
    }
  }

  /** A selfie search and an upload in the browser, for every caller. */
  private void theGalleryFindAndUploadsAnswerOnlyWhoMaySee() throws Exception {
    for (Who who : Who.values()) {
      HttpResponse<String> found =
          sessions
              .get(who)
              .multipart(
                  "/find/" + a,
                  null,
                  Map.of("X-Glimpse-Find", "1"),
                  "selfie",
                  Map.of("s.jpg", selfie));
      check("POST /find/A", who, SEES_A.contains(who), found.statusCode() == 200);
      if (found.statusCode() != 200) {
        check(
            "POST /find/A reveals nothing",
            who,
            true,
            found.statusCode()
                == sessions
                    .get(who)
                    .multipart(
                        "/find/" + MISSING,
                        null,
                        Map.of("X-Glimpse-Find", "1"),
                        "selfie",
                        Map.of("s.jpg", selfie))
                    .statusCode());
      }
      if (!STAFF_A.contains(who)) {
        int upload =
            sessions
                .get(who)
                .multipart(
                    "/studio/uploads/" + a,
                    null,
                    Map.of("X-Glimpse-Upload", "1"),
                    "files",
                    Map.of("x.jpg", selfie))
                .statusCode();
        check("POST /studio/uploads/A", who, false, upload < 300);
      }
    }
  }

  private void nothingThatWasRefusedChangedAnything() throws Exception {
    JsonObject eventA = object(api.send("GET", "/api/v1/events/" + a, ownerToken, null), 200);
    assertEquals(slugA, eventA.getString("slug"));
    assertEquals(
        2,
        object(api.send("GET", "/api/v1/events/" + a + "/photos", ownerToken, null), 200)
            .getInt("total"));
    guestToken(api, slugA, "code-of-a"); // the code still opens it
    assertEquals(
        200,
        api.send("GET", "/api/v1/events/" + a, tokens.get(Who.GUEST_A), null).statusCode(),
        "and its guests are still in");
  }

  /** A REST call whose refusals are checked; an allowed caller must get a 2xx. */
  private void api(String method, String path, String body, Set<Who> allowed) throws Exception {
    api(method, path, body, allowed, false);
  }

  private void api(String method, String path, String body, Set<Who> allowed, boolean changes)
      throws Exception {
    for (Who who : Who.values()) {
      if (changes && allowed.contains(who)) {
        continue;
      }
      int status = apiCall(method, path, body, who).statusCode();
      check(method + " " + path, who, allowed.contains(who), status / 100 == 2);
      if (!allowed.contains(who)) {
        check(
            method + " " + path + " refuses properly (" + status + ")",
            who,
            true,
            who == Who.ANONYMOUS ? status == 401 : status == 403 || status == 404);
      }
    }
  }

  private void apiOnEvent(String method, String path, String body, Set<Who> allowed, long event)
      throws Exception {
    apiOnEvent(method, path, body, allowed, event, false);
  }

  /**
   * A REST call on event {@code event} ({e} in the path): besides {@link #api}, a caller refused
   * gets the same status as for an event that does not exist.
   */
  private void apiOnEvent(
      String method, String path, String body, Set<Who> allowed, long event, boolean changes)
      throws Exception {
    String onEvent = path.replace("{e}", Long.toString(event));
    api(method, onEvent, body, allowed, changes);
    for (Who who : Who.values()) {
      if (allowed.contains(who)) {
        continue;
      }
      int existing = apiCall(method, onEvent, body, who).statusCode();
      int missing =
          apiCall(method, path.replace("{e}", Long.toString(MISSING)), body, who).statusCode();
      check(
          method + " " + path + " answers " + existing + " for A and " + missing + " for none",
          who,
          true,
          existing == missing);
    }
  }

  private HttpResponse<String> apiCall(String method, String path, String body, Who who)
      throws Exception {
    return sessions.get(Who.ANONYMOUS).send(method, path, tokens.get(who), body);
  }

  private void searchCell(long event, byte[] selfie) throws Exception {
    for (Who who : Who.values()) {
      for (long id : new long[] {event, MISSING}) {
        int status =
            sessions
                .get(Who.ANONYMOUS)
                .multipart(
                    "/api/v1/events/" + id + "/search",
                    tokens.get(who),
                    Map.of(),
                    "selfie",
                    Map.of("s.jpg", selfie))
                .statusCode();
        boolean allowed = id == event && SEES_A.contains(who);
        check(
            "POST /api/v1/events/" + id + "/search (" + status + ")", who, allowed, status == 200);
        if (!allowed) {
          check(
              "search refuses properly (" + status + ")",
              who,
              true,
              who == Who.ANONYMOUS ? status == 401 : status == 404);
        }
      }
    }
  }

  /** A page or servlet: allowed callers get 200; others a sign-in redirect, 403 or 404. */
  private void page(String path, Set<Who> allowed) throws Exception {
    for (Who who : Who.values()) {
      int status = sessions.get(who).page(path).statusCode();
      check("GET " + path + " (" + status + ")", who, allowed.contains(who), status == 200);
      if (!allowed.contains(who)) {
        check(
            "GET " + path + " refuses properly (" + status + ")",
            who,
            true,
            status == 302 || status == 403 || status == 404);
      }
    }
  }

  private void pageOnEvent(String path, Set<Who> allowed, long event) throws Exception {
    page(path.replace("{e}", Long.toString(event)), allowed);
    for (Who who : Who.values()) {
      if (!allowed.contains(who)) {
        int existing =
            sessions.get(who).page(path.replace("{e}", Long.toString(event))).statusCode();
        int missing =
            sessions.get(who).page(path.replace("{e}", Long.toString(MISSING))).statusCode();
        check(
            "GET " + path + " answers " + existing + " for A and " + missing + " for none",
            who,
            true,
            existing == missing);
      }
    }
  }

  private static byte[] deepface(String name) {
    try {
      return Files.readAllBytes(
          Path.of(System.getProperty("glimpse.shared"), "photos", "deepface", name));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void check(String cell, Who who, boolean expected, boolean actual) {
    if (expected != actual) {
      failures.add(who + ": " + cell + (expected ? " was refused" : " was allowed"));
    }
  }

  private static void signInPortal(Api session, String email) throws Exception {
    HttpResponse<String> signedIn =
        session.submit(
            "/studio/sign-in.xhtml",
            "signIn",
            "submit",
            Map.of("email", email, "password", PASSWORD));
    assertEquals(302, signedIn.statusCode(), email + " signs in: " + signedIn.body());
  }

  private static String access(Api api, String token, long event, String code) throws Exception {
    return object(
            api.send(
                "PUT",
                "/api/v1/events/" + event + "/access",
                token,
                "{\"code\":\"" + code + "\",\"faceSearch\":true,\"peopleVisible\":true}"),
            200)
        .getString("slug");
  }

  private static String guestToken(Api api, String slug, String code) throws Exception {
    return object(
            api.send(
                "POST",
                "/api/v1/guest/sessions",
                null,
                "{\"slug\":\"" + slug + "\",\"code\":\"" + code + "\"}"),
            200)
        .getString("token");
  }
}
