package app.glimpse.boundaries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.events.entity.Event;
import app.glimpse.imports.entity.Source;
import app.glimpse.imports.entity.SourceKind;
import app.glimpse.photos.entity.Photo;
import app.glimpse.studios.entity.Role;
import app.glimpse.testing.Api;
import app.glimpse.testing.GlimpseClient;
import app.glimpse.testing.GuestClient;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proofing over the REST API (issue 16), in the real WAR on a real PostgreSQL: a guest gives a
 * name, hearts photos up to the photographer's limit, changes the list and submits it, after which
 * it is locked; the same name and e-mail in another session get the list back; the studio sees
 * every list with the hearts per photo, marks the client, and exports CSV (quoted, safe against
 * formulas) and the file names for Lightroom. Guests of another event and photographers of another
 * studio get 404. The photos are rows made here through JPA: favourites need no image.
 */
@ExtendWith(ArquillianExtension.class)
class FavouritesIT {

  private static final String PASSWORD = "favourites password";
  private static final String CODE = "hearts-2031";

  @Deployment
  static WebArchive deployment() {
    File war = Path.of(System.getProperty("glimpse.dist"), "glimpse.war").toFile();
    return ShrinkWrap.createFromZipFile(WebArchive.class, war)
        .addClasses(FavouritesIT.class, Fixtures.class, Api.class)
        .addClasses(GlimpseClient.class, GuestClient.class);
  }

  @PersistenceContext EntityManager em;
  @Inject UserTransaction transaction;
  @Inject Pbkdf2PasswordHash passwordHash;
  @Inject HttpServletRequest request;

  /** Studio A's event with its photos, studio A's second event, studio B's photographer. */
  private record Scene(
      GlimpseClient studioA,
      GlimpseClient studioB,
      long event,
      String slug,
      List<Long> photos,
      long failedPhoto,
      long otherEvent,
      String otherSlug,
      long otherPhoto) {}

  private Scene scene() throws Exception {
    Fixtures fixtures = new Fixtures(em, transaction);
    String run = UUID.randomUUID().toString();
    String hash = passwordHash.generate(PASSWORD.toCharArray());
    String emailA = "fav-a-" + run + "@a.test";
    String emailB = "fav-b-" + run + "@b.test";
    fixtures.account(emailA, null, Role.PHOTOGRAPHER, hash);
    fixtures.account(emailB, null, Role.PHOTOGRAPHER, hash);
    Api api = Api.withoutCookies(path -> URI.create(base() + path));
    GlimpseClient studioA = GlimpseClient.signIn(api, emailA, PASSWORD);
    GlimpseClient studioB = GlimpseClient.signIn(api, emailB, PASSWORD);
    long event = studioA.createEvent("Wedding " + run);
    long other = studioA.createEvent("Another " + run);
    studioA.openGallery(event, CODE);
    studioA.openGallery(other, CODE);
    List<Long> photos = new ArrayList<>();
    for (String name :
        List.of("IMG_0001.CR3", "IMG_0002.jpg", "say \"cheese\", please.jpg", "IMG_0004.jpg")) {
      photos.add(photo(fixtures, event, name, true));
    }
    long failed = photo(fixtures, event, "broken.jpg", false);
    long otherPhoto = photo(fixtures, other, "IMG_9999.jpg", true);
    return new Scene(
        studioA,
        studioB,
        event,
        studioA.slug(event),
        photos,
        failed,
        other,
        studioA.slug(other),
        otherPhoto);
  }

  @Test
  void aGuestHeartsUpToTheLimitAndSubmits() throws Exception {
    Scene scene = scene();
    long a = scene.event();
    List<Long> photos = scene.photos();
    Api api = scene.studioA().api();

    // entering without a name: a list to read, but no hearts before a name
    GuestClient anonymous = GuestClient.enter(api, scene.slug(), CODE, null, null);
    JsonObject empty = anonymous.favourites();
    assertEquals(0, empty.getJsonArray("photoIds").size());
    assertFalse(empty.getBoolean("submitted"));
    assertError(409, "name_required", anonymous.heartResponse(a, photos.get(0)));
    assertTrue(
        Api.object(anonymous.heartResponse(a, photos.get(0)), 409)
            .getString("message")
            .contains("name"));
    assertError(409, "name_required", anonymous.submitResponse(a));

    GuestClient anna = GuestClient.enter(api, scene.slug(), CODE, " Anna  Berg ", "anna@x.test");
    assertEquals("Anna Berg", anna.favourites().getString("name"), "trimmed, spaces collapsed");
    anna.heart(photos.get(0));
    anna.heart(photos.get(0)); // again: nothing changes
    anna.heart(photos.get(2));
    assertEquals(List.of(photos.get(0), photos.get(2)), ids(anna.favourites()));
    anna.unheart(photos.get(2));
    anna.unheart(photos.get(3)); // never hearted: nothing changes
    assertEquals(List.of(photos.get(0)), ids(anna.favourites()));

    // photos that are not the event's, or not photos: 404
    assertError(404, "not_found", anna.heartResponse(a, scene.otherPhoto()));
    assertError(404, "not_found", anna.heartResponse(a, scene.failedPhoto()));
    assertError(404, "not_found", anna.heartResponse(a, 987_654_321L));

    // the limit: two photos; a third is refused until one goes
    assertEquals(2, scene.studioA().limitSelection(a, 2).getInt("selectionLimit"));
    anna.heart(photos.get(1));
    JsonObject full = Api.object(anna.heartResponse(a, photos.get(3)), 409);
    assertEquals("selection_limit", full.getString("error"));
    assertTrue(full.getString("message").contains("2 of 2"), full.toString());
    anna.heart(photos.get(1)); // one already in the list still "fits"
    assertEquals(2, anna.favourites().getInt("selectionLimit"));
    anna.unheart(photos.get(1));
    anna.heart(photos.get(3));
    assertEquals(List.of(photos.get(0), photos.get(3)), ids(anna.favourites()));

    // submitted: locked, and submitting again answers the same
    JsonObject submitted = anna.submit();
    assertTrue(submitted.getBoolean("submitted"));
    assertTrue(submitted.containsKey("submittedAt"), submitted.toString());
    assertEquals(ids(submitted), ids(anna.submit()));
    assertError(409, "submitted", anna.unheartResponse(a, photos.get(0)));
    scene.studioA().limitSelection(a, null);
    assertError(409, "submitted", anna.heartResponse(a, photos.get(1)));
    assertEquals(List.of(photos.get(0), photos.get(3)), ids(anna.favourites()));

    // the same name and e-mail (any case) in another session: the same list back
    GuestClient annaAgain = GuestClient.enter(api, scene.slug(), CODE, "anna berg", "ANNA@x.test");
    assertNotEquals(anna.token(), annaAgain.token());
    assertEquals(List.of(photos.get(0), photos.get(3)), ids(annaAgain.favourites()));
    assertTrue(annaAgain.favourites().getBoolean("submitted"));
    // the same name without the e-mail is somebody else
    GuestClient otherAnna = GuestClient.enter(api, scene.slug(), CODE, "Anna Berg", null);
    assertEquals(List.of(), ids(otherAnna.favourites()));
    assertError(409, "nothing_to_submit", otherAnna.submitResponse(a));
    otherAnna.heart(photos.get(1));
    assertFalse(otherAnna.submit().getJsonArray("photoIds").isEmpty());
  }

  @Test
  void namesAndEmailsAreCheckedAndNamedInTheError() throws Exception {
    Scene scene = scene();
    Api api = scene.studioA().api();
    assertError(
        400, "invalid_name", GuestClient.enterResponse(api, scene.slug(), CODE, "  ", null));
    assertError(
        400,
        "invalid_name",
        GuestClient.enterResponse(api, scene.slug(), CODE, "", "someone@x.test"));
    assertError(
        400,
        "invalid_name",
        GuestClient.enterResponse(api, scene.slug(), CODE, "n".repeat(101), null));
    assertError(
        400,
        "invalid_name",
        GuestClient.enterResponse(api, scene.slug(), CODE, "Bad\u0007Bell", null));
    for (String email : List.of("not-an-email", "a@b", "a b@c.test", "@c.test", "x@.test")) {
      assertError(
          400,
          "invalid_email",
          GuestClient.enterResponse(api, scene.slug(), CODE, "Carl", email),
          email);
    }
    assertError(
        400,
        "invalid_email",
        GuestClient.enterResponse(api, scene.slug(), CODE, "Carl", "c".repeat(250) + "@x.test"));
    assertEquals(
        200,
        GuestClient.enterResponse(api, scene.slug(), CODE, "n".repeat(100), "carl@x.test")
            .statusCode());
    // a wrong code is still a wrong code, named or not
    assertEquals(
        401, GuestClient.enterResponse(api, scene.slug(), "wrong-code", "Carl", null).statusCode());
    assertError(
        400, "invalid_selection_limit", scene.studioA().selectionLimitResponse(scene.event(), 0));
    assertError(
        400,
        "invalid_selection_limit",
        scene.studioA().selectionLimitResponse(scene.event(), 10_001));
  }

  @Test
  void theStudioSeesEveryListMarksTheClientAndExports() throws Exception {
    Scene scene = scene();
    long a = scene.event();
    List<Long> photos = scene.photos();
    GlimpseClient studio = scene.studioA();
    Api api = studio.api();
    String formula = "=HYPERLINK(\"http://evil.test\",\"win\")";
    GuestClient couple = GuestClient.enter(api, scene.slug(), CODE, "Eva & Tom", "eva@x.test");
    GuestClient prankster = GuestClient.enter(api, scene.slug(), CODE, formula, null);
    GuestClient unnamed = GuestClient.enter(api, scene.slug(), CODE, null, null);
    couple.heart(photos.get(2));
    couple.heart(photos.get(0));
    prankster.heart(photos.get(0));
    prankster.heart(photos.get(1));
    couple.submit();

    JsonObject all = studio.favourites(a);
    assertTrue(!all.containsKey("selectionLimit") || all.isNull("selectionLimit"), all.toString());
    List<JsonObject> guests = all.getJsonArray("guests").getValuesAs(JsonObject.class);
    assertEquals(2, guests.size(), "only guests who gave a name: " + all);
    JsonObject eva = guests.get(0);
    assertEquals("Eva & Tom", eva.getString("name"));
    assertEquals("eva@x.test", eva.getString("email"));
    assertFalse(eva.getBoolean("client"));
    assertTrue(eva.getBoolean("submitted"));
    assertEquals(List.of(photos.get(0), photos.get(2)), ids(eva), "in capture order");
    JsonObject prank = guests.get(1);
    assertEquals(formula, prank.getString("name"));
    assertFalse(prank.getBoolean("submitted"));
    List<JsonObject> hearts = all.getJsonArray("photos").getValuesAs(JsonObject.class);
    assertEquals(photos.get(0).longValue(), hearts.get(0).getJsonNumber("photoId").longValue());
    assertEquals(2, hearts.get(0).getInt("hearts"), "most hearted first: " + hearts);
    assertEquals("IMG_0001.CR3", hearts.get(0).getString("fileName"));
    assertEquals(3, hearts.size());
    assertTrue(hearts.stream().allMatch(photo -> photo.getInt("hearts") >= 1));

    // mark the couple as the client: first in the list, and their names are what Lightroom gets
    long evaId = eva.getJsonNumber("id").longValue();
    long prankId = prank.getJsonNumber("id").longValue();
    assertTrue(studio.markClient(a, prankId, true).getBoolean("client"));
    assertFalse(studio.markClient(a, prankId, false).getBoolean("client"));
    assertTrue(studio.markClient(a, evaId, true).getBoolean("client"));
    JsonObject marked = studio.favourites(a);
    assertTrue(marked.getJsonArray("guests").getJsonObject(0).getBoolean("client"));
    assertTrue(marked.getJsonArray("photos").getJsonObject(0).getBoolean("client"));

    HttpResponse<String> lightroom = studio.exportFavourites(a, "format=lightroom");
    assertTrue(
        lightroom.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
        lightroom.headers().toString());
    assertEquals("IMG_0001.CR3\nsay \"cheese\", please.jpg\n", lightroom.body());
    assertEquals(
        "IMG_0001.CR3\nIMG_0002.jpg\n",
        studio.exportFavourites(a, "format=lightroom&guest=" + prankId).body());
    studio.markClient(a, evaId, false);
    assertEquals(
        "IMG_0001.CR3\nIMG_0002.jpg\nsay \"cheese\", please.jpg\n",
        studio.exportFavourites(a, "format=lightroom").body(),
        "without a client: every hearted photo, once each");

    HttpResponse<String> csv = studio.exportFavourites(a, "format=csv");
    assertTrue(
        csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"),
        csv.headers().toString());
    assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
    String[] lines = csv.body().split("\r\n", -1);
    assertEquals(
        "\"guest\",\"email\",\"client\",\"submitted\",\"file name\",\"photo id\",\"time\"",
        lines[0]);
    assertEquals(4 + 2, lines.length, csv.body()); // header, 4 hearts, the empty end
    assertTrue(lines[1].startsWith("\"Eva & Tom\",\"eva@x.test\",\"no\",\"20"), lines[1]);
    assertTrue(lines[1].contains(",\"IMG_0001.CR3\",\"" + photos.get(0) + "\",\"20"), lines[1]);
    assertTrue(
        lines[2].contains(",\"say \"\"cheese\"\", please.jpg\",\"" + photos.get(2) + "\","),
        "quotes doubled, the comma inside quotes: " + lines[2]);
    assertTrue(
        lines[3].startsWith(
            "\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"win\"\")\",\"\",\"no\",\"\","),
        "a formula becomes text: " + lines[3]);
    assertFalse(csv.body().contains("\"=HYPERLINK"), csv.body());
    Instant.parse(lines[1].substring(lines[1].lastIndexOf(",\"") + 2, lines[1].length() - 1));

    // a guest gets their own list and no exports; the unnamed guest is nobody's list yet
    JsonObject own = Api.object(prankster.favouritesResponse(a), 200);
    assertEquals(List.of(photos.get(0), photos.get(1)), ids(own));
    assertFalse(own.containsKey("guests"));
    assertError(
        403,
        "staff_only",
        prankster.send("GET", "/api/v1/events/" + a + "/favourites?format=csv", null));
    assertEquals(0, ids(unnamed.favourites()).size());
    assertError(400, "invalid_format", studio.favouritesResponse(a, "format=xlsx"));
    // staff do not heart
    assertEquals(
        403,
        studio
            .send("PUT", "/api/v1/events/" + a + "/favourites/" + photos.get(1), null)
            .statusCode());
  }

  @Test
  void guestsOfAnotherEventAndOtherStudiosGet404() throws Exception {
    Scene scene = scene();
    long a = scene.event();
    long photo = scene.photos().get(0);
    Api api = scene.studioA().api();
    GuestClient mine = GuestClient.enter(api, scene.slug(), CODE, "Ida", "ida@x.test");
    mine.heart(photo);
    long guestId =
        scene
            .studioA()
            .favourites(a)
            .getJsonArray("guests")
            .getJsonObject(0)
            .getJsonNumber("id")
            .longValue();
    GuestClient stranger = GuestClient.enter(api, scene.otherSlug(), CODE, "Jon", null);
    assertError(404, "not_found", stranger.heartResponse(a, photo));
    assertError(404, "not_found", stranger.unheartResponse(a, photo));
    assertError(404, "not_found", stranger.favouritesResponse(a));
    assertError(404, "not_found", stranger.submitResponse(a));
    assertError(404, "not_found", stranger.send("GET", "/api/v1/events/" + a + "/proofing", null));
    // the other event's own photo, through this guest's event, is no photo of it
    assertError(404, "not_found", mine.heartResponse(a, scene.otherPhoto()));

    GlimpseClient studioB = scene.studioB();
    assertError(404, "not_found", studioB.favouritesResponse(a, null));
    assertError(404, "not_found", studioB.favouritesResponse(a, "format=csv"));
    assertError(404, "not_found", studioB.favouritesResponse(a, "format=lightroom"));
    assertError(404, "not_found", studioB.selectionLimitResponse(a, 10));
    assertError(404, "not_found", studioB.markClientResponse(a, guestId, true));
    assertError(404, "not_found", studioB.send("GET", "/api/v1/events/" + a + "/proofing", null));
    // studio A's guest through studio A's other event
    assertError(
        404, "not_found", scene.studioA().markClientResponse(scene.otherEvent(), guestId, true));
    assertError(
        404,
        "not_found",
        scene
            .studioA()
            .favouritesResponse(scene.otherEvent(), "format=lightroom&guest=" + guestId));
    assertEquals(List.of(photo), ids(mine.favourites()), "nothing changed");
    assertEquals(
        401, api.send("GET", "/api/v1/events/" + a + "/favourites", null, null).statusCode());
  }

  @Test
  void theOpenApiDocumentDescribesProofing() throws Exception {
    Api api =
        Api.withoutCookies(path -> URI.create("http://127.0.0.1:" + request.getLocalPort() + path));
    HttpResponse<String> document = api.send("GET", "/openapi", null, null);
    assertEquals(200, document.statusCode());
    for (String path :
        List.of(
            "/events/{id}/favourites:",
            "/events/{id}/favourites/{photoId}:",
            "/events/{id}/favourites/submit:",
            "/events/{id}/favourites/guests/{guestId}:",
            "/events/{id}/proofing:")) {
      String key = path.substring(0, path.length() - 1);
      assertTrue(
          document.body().contains(key + ":") || document.body().contains(key + "\":"),
          key + " in\n" + document.body());
    }
    assertTrue(document.body().contains("format=lightroom"));
  }

  private long photo(Fixtures fixtures, long eventId, String name, boolean indexed)
      throws Exception {
    return fixtures.inTransaction(
        () -> {
          Event event = em.find(Event.class, eventId);
          Source source =
              new Source(event, SourceKind.FOLDER, "/favourites/" + UUID.randomUUID(), "photos");
          em.persist(source);
          em.flush(); // photos name their source by id only: its row first
          String hash = UUID.randomUUID().toString().replace("-", "");
          Photo photo =
              indexed
                  ? Photo.indexed(event, source.getId(), null, name, name, hash)
                  : Photo.failed(event, source.getId(), null, name, name, hash, "Not an image");
          if (indexed) {
            photo.describe(
                4000,
                3000,
                Instant.parse("2031-06-14T12:00:00Z").plusSeconds(clock++),
                null,
                null,
                null,
                null,
                false);
          }
          em.persist(photo);
          em.flush();
          return photo.getId();
        });
  }

  /** Capture times one second apart, in the order the photos are made. */
  private static long clock;

  private static List<Long> ids(JsonObject list) {
    return list.getJsonArray("photoIds").getValuesAs(JsonNumber.class).stream()
        .map(JsonNumber::longValue)
        .toList();
  }

  private static void assertError(int status, String error, HttpResponse<String> response) {
    assertError(status, error, response, "");
  }

  private static void assertError(
      int status, String error, HttpResponse<String> response, String what) {
    JsonObject body = Api.object(response, status);
    assertEquals(error, body.getString("error"), what + " " + body);
    assertTrue(body.containsKey("message"), body.toString());
  }

  /** This deployment's address, as the test's own request reached it. */
  private String base() {
    return "http://127.0.0.1:" + request.getLocalPort() + request.getContextPath();
  }
}
