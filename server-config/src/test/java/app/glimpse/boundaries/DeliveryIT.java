package app.glimpse.boundaries;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.events.boundary.Events;
import app.glimpse.photos.boundary.PhotoPage;
import app.glimpse.photos.boundary.Photos;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.studios.entity.Role;
import app.glimpse.testing.Api;
import app.glimpse.testing.GlimpseClient;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.UserTransaction;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import javax.imageio.ImageIO;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 16, protect and deliver, over HTTP inside Payara Micro: the download rules for guests and
 * staff (none, web, original, the PIN), who gets 404, the API's refusals naming their field, the
 * studio's logo, and the watermark as guests are served it: found in the served preview where its
 * position says and nowhere else beyond JPEG noise, never in originals (byte-identical) nor in what
 * the studio sees, and never mixed with an earlier mark.
 */
@ExtendWith(ArquillianExtension.class)
class DeliveryIT {

  private static final Logger log = Logger.getLogger(DeliveryIT.class.getName());
  private static final String PASSWORD = "delivery password";
  private static final String CODE = "open-sesame";

  @Deployment
  static WebArchive deployment() {
    File war = Path.of(System.getProperty("glimpse.dist"), "glimpse.war").toFile();
    return ShrinkWrap.createFromZipFile(WebArchive.class, war)
        .addClasses(DeliveryIT.class, Fixtures.class, Api.class, GlimpseClient.class);
  }

  @EJB Events events;
  @EJB Photos photos;
  @Inject Pbkdf2PasswordHash passwordHash;
  @PersistenceContext EntityManager em;
  @Inject UserTransaction transaction;

  /** The request through which Arquillian runs the test: it tells the server's port. */
  @Inject HttpServletRequest request;

  private Api api;
  private String run;
  private final Map<GlimpseClient, Caller> callers = new HashMap<>();
  private final Map<GlimpseClient, String> emails = new HashMap<>();

  @BeforeEach
  void client() {
    api = Api.withoutCookies(path -> URI.create(base() + path));
    run = UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void downloadsFollowTheRulesForGuestsAndStaff() throws Exception {
    GlimpseClient anna = photographer("anna");
    GlimpseClient bert = photographer("bert");
    Path folder = folder("rules", Map.of("big.jpg", bigJpeg()), "img1.jpg");
    long event = imported(anna, "Rules", folder);
    long other = anna.createEvent("Other event of the studio");
    String guest = guestOf(anna, event, CODE);
    String otherGuest = guestOf(anna, other, "other-code");
    Map<String, Long> ids = photoIds(anna, event);
    long big = ids.get("big.jpg");
    byte[] original = Files.readAllBytes(folder.resolve("big.jpg"));

    JsonObject defaults = anna.delivery(event);
    assertEquals("original", defaults.getString("downloads"));
    assertTrue(defaults.isNull("watermark"));
    assertFalse(defaults.getBoolean("downloadPin"));

    // "original" (the default): guests get both, the original byte for byte
    assertArrayEquals(original, ok(anna.download(big, "original", guest, null)));
    BufferedImage web = image(ok(anna.download(big, "web", guest, null)));
    assertEquals(2048, Math.max(web.getWidth(), web.getHeight()), "web size: longest side 2048");
    assertEquals(2048 * 2000 / 3000, Math.min(web.getWidth(), web.getHeight()), 1.0);

    // "none": guests get 403 in the API's error shape, staff still both
    anna.setDelivery(event, settings("none", null, false, JsonValueOf.NULL));
    assertError(403, "downloads_off", anna.download(big, "original", guest, null));
    assertError(403, "downloads_off", anna.download(big, "web", guest, null));
    assertArrayEquals(original, ok(anna.download(big, "original", null, null)));
    ok(anna.download(big, "web", null, null));

    // "web": the original is 403, the web size 200
    anna.setDelivery(event, settings("web", null, false, JsonValueOf.NULL));
    assertError(403, "originals_off", anna.download(big, "original", guest, null));
    assertEquals(2048, Math.max(image(ok(anna.download(big, "web", guest, null))).getWidth(), 0));
    assertArrayEquals(original, ok(anna.download(big, "original", null, null)));

    // a download PIN: asked of guests, never of staff, never sent back
    JsonObject withPin = anna.setDelivery(event, settings("original", null, false, pin("2468")));
    assertTrue(withPin.getBoolean("downloadPin"));
    assertFalse(withPin.toString().contains("2468"), withPin.toString());
    assertFalse(anna.delivery(event).toString().contains("2468"));
    assertError(403, "pin_required", anna.download(big, "original", guest, null));
    assertError(403, "wrong_pin", anna.download(big, "original", guest, "1357"));
    assertError(403, "pin_required", anna.download(big, "web", guest, null));
    assertArrayEquals(original, ok(anna.download(big, "original", guest, "2468")));
    ok(anna.download(big, "web", guest, "2468"));
    assertArrayEquals(original, ok(anna.download(big, "original", null, null)));
    // true keeps the PIN (as GET answers it), null takes it away
    assertTrue(
        anna.setDelivery(event, settings("original", null, false, JsonValueOf.TRUE))
            .getBoolean("downloadPin"));
    assertError(403, "pin_required", anna.download(big, "original", guest, null));
    assertFalse(
        anna.setDelivery(event, settings("original", null, false, JsonValueOf.NULL))
            .getBoolean("downloadPin"));
    ok(anna.download(big, "original", guest, null));

    // another event's guest and another studio's photographer: 404, as for no photo at all
    assertError(404, "not_found", anna.download(big, "original", otherGuest, null));
    assertError(404, "not_found", anna.download(big, "web", otherGuest, null));
    assertError(404, "not_found", bert.download(big, "original", null, null));
    assertError(404, "not_found", bert.download(big, "web", null, null));
    assertError(404, "not_found", bert.download(987654321L, "web", null, null));
    assertEquals(404, bert.send("GET", "/api/v1/events/" + event + "/delivery", null).statusCode());
    assertEquals(
        404,
        bert.putDelivery(event, settings("none", null, false, JsonValueOf.NULL).toString())
            .statusCode());
    assertEquals("original", anna.delivery(event).getString("downloads"), "B changed nothing");
    assertEquals(
        403,
        api.send("GET", "/api/v1/events/" + event + "/delivery", guest, null).statusCode(),
        "guests do not read the settings");
    assertEquals(
        401, api.bytes("/api/v1/photos/" + big + "/original", null, Map.of()).statusCode());
  }

  @Test
  void invalidSettingsAreRefusedNamingTheirField() throws Exception {
    GlimpseClient anna = photographer("carla");
    long event = anna.createEvent("Refusals");
    Map<String, String> refused = new HashMap<>();
    refused.put("{\"downloads\":\"all\"}", "invalid_downloads");
    refused.put("{}", "invalid_downloads");
    refused.put("{\"downloads\":\"web\",\"extra\":1}", "invalid_extra");
    refused.put(
        "{\"downloads\":\"web\",\"watermark\":{\"text\":\"x\",\"position\":\"middle\",\"opacity\":0.5}}",
        "invalid_watermark_position");
    refused.put(
        "{\"downloads\":\"web\",\"watermark\":{\"text\":\"x\",\"position\":\"center\",\"opacity\":2}}",
        "invalid_watermark_opacity");
    refused.put(
        "{\"downloads\":\"web\",\"watermark\":{\"text\":\"x\",\"position\":\"center\"}}",
        "invalid_watermark_opacity");
    refused.put(
        "{\"downloads\":\"web\",\"watermark\":{\"text\":\"x\",\"position\":\"center\",\"opacity\":0.5,\"size\":0}}",
        "invalid_watermark_size");
    refused.put(
        "{\"downloads\":\"web\",\"watermark\":{\"position\":\"center\",\"opacity\":0.5}}",
        "invalid_watermark_text");
    refused.put(
        "{\"downloads\":\"web\",\"watermark\":{\"text\":\"x\",\"logo\":true,\"position\":\"center\",\"opacity\":0.5}}",
        "invalid_watermark_text");
    refused.put(
        "{\"downloads\":\"web\",\"watermark\":{\"logo\":true,\"position\":\"center\",\"opacity\":0.5}}",
        "invalid_watermark_logo");
    refused.put(
        "{\"downloads\":\"web\",\"watermarkDownloads\":\"yes\"}", "invalid_watermark_downloads");
    refused.put("{\"downloads\":\"web\",\"downloadPin\":\"12\"}", "invalid_download_pin");
    refused.put("{\"downloads\":\"web\",\"downloadPin\":12345}", "invalid_download_pin");
    refused.put("{\"downloads\":\"web\",\"watermark\":\"big\"}", "invalid_watermark");
    for (Map.Entry<String, String> body : refused.entrySet()) {
      JsonObject error = Api.object(anna.putDelivery(event, body.getKey()), 400);
      assertEquals(body.getValue(), error.getString("error"), body.getKey() + " -> " + error);
      assertNotNull(error.getString("message"));
    }
    assertEquals("original", anna.delivery(event).getString("downloads"), "nothing was stored");
  }

  @Test
  void wrongPinsAreThrottledLikeCodes() throws Exception {
    GlimpseClient anna = photographer("dora");
    long event = imported(anna, "Throttled", folder("throttle", Map.of(), "img2.jpg"));
    String guest = guestOf(anna, event, CODE);
    anna.setDelivery(event, settings("original", null, false, pin("9753")));
    long photo = photoIds(anna, event).values().iterator().next();
    int wrong = 0;
    HttpResponse<byte[]> answer;
    do {
      answer = anna.download(photo, "original", guest, "0000");
      wrong++;
    } while (answer.statusCode() == 403 && wrong < 20);
    assertEquals(429, answer.statusCode(), "after " + wrong + " wrong PINs");
    assertTrue(wrong > 3, "the first wrong PINs cost nothing: " + wrong);
    assertError(429, "too_many_attempts", anna.download(photo, "original", guest, "9753"));
  }

  @Test
  void theWatermarkIsInWhatGuestsSeeAndNowhereElse() throws Exception {
    GlimpseClient anna = photographer("emma");
    Path folder = folder("marks", Map.of(), "img1.jpg", "img2.jpg", "img4.jpg", "img10.jpg");
    long event = imported(anna, "Watermarked", folder);
    String slug = events.get(staff(anna), event).slug();
    String token = guestOf(anna, event, CODE);
    Map<String, Long> ids = photoIds(anna, event);
    long photo = ids.get("img1.jpg");
    Api guest = inGallery(slug);
    String preview = "/media/" + event + "/" + photo + "/preview";
    String thumb = "/media/" + event + "/" + photo + "/thumb";
    byte[] clean = ok(guest.bytes(preview, null, Map.of()));
    byte[] cleanThumb = ok(guest.bytes(thumb, null, Map.of()));
    Path cleanFile =
        Path.of(
            System.getProperty("glimpse.data.dir"), "previews", "" + event, photo + "-preview.jpg");
    assertArrayEquals(
        Files.readAllBytes(cleanFile), clean, "without a watermark: the clean preview");
    assertFalse(guest.page("/g/" + slug).body().contains("/preview?v="), "no version yet");

    JsonObject saved =
        anna.setDelivery(
            event,
            settings(
                "web", mark("© Studio Emma", "bottom-right", 0.4, 0.8), true, JsonValueOf.NULL));
    assertEquals(1, saved.getJsonNumber("watermarkGeneration").longValue());
    assertEquals("bottom-right", saved.getJsonObject("watermark").getString("position"));
    assertEquals(
        0.8, saved.getJsonObject("watermark").getJsonNumber("opacity").doubleValue(), 1e-9);
    // at once, whether the background render got there or not
    BufferedImage before = image(clean);
    BufferedImage marked = image(ok(guest.bytes(preview, null, Map.of())));
    Quarters first = new Quarters(before, marked);
    log.info("bottom-right mark: " + first);
    assertTrue(first.changedShare(Quarter.BOTTOM_RIGHT) > 0.005, first.toString());
    for (Quarter q : List.of(Quarter.TOP_LEFT, Quarter.TOP_RIGHT, Quarter.BOTTOM_LEFT)) {
      assertTrue(first.max(q) < 24, q + " beyond JPEG noise: " + first);
    }
    Quarters thumbs =
        new Quarters(image(cleanThumb), image(ok(guest.bytes(thumb, null, Map.of()))));
    assertTrue(thumbs.changedShare(Quarter.BOTTOM_RIGHT) > 0.005, "thumbnails too: " + thumbs);
    assertTrue(thumbs.max(Quarter.TOP_LEFT) < 24, thumbs.toString());
    assertArrayEquals(
        Files.readAllBytes(cleanFile), clean, "the clean preview on disk was not drawn into");

    long started = System.nanoTime();
    JsonObject rendered = anna.awaitRendered(event, Duration.ofMinutes(1));
    assertTrue(rendered.getBoolean("rendered"), rendered.toString());
    log.info(
        "watermark render of "
            + ids.size()
            + " photos (thumbnail + preview) done within "
            + (System.nanoTime() - started) / 1_000_000
            + " ms of the PUT's answer");
    for (long id : ids.values()) {
      assertTrue(
          Files.exists(
              Path.of(
                  System.getProperty("glimpse.data.dir"),
                  "watermarked",
                  "" + event,
                  "1",
                  id + "-preview.jpg")),
          "drawn in the background: " + id);
    }
    String page = guest.page("/g/" + slug).body();
    assertTrue(page.contains("/thumb?v=1"), "the gallery's links carry the generation");

    // the studio sees the clean preview, and originals are never drawn into
    Api studio = browserSession();
    HttpResponse<String> signedIn =
        studio.submit(
            "/studio/sign-in.xhtml",
            "signIn",
            "submit",
            Map.of("email", emails.get(anna), "password", PASSWORD));
    assertEquals(302, signedIn.statusCode(), signedIn.body());
    assertArrayEquals(clean, ok(studio.bytes(preview, null, Map.of())), "staff: clean");
    assertArrayEquals(
        Files.readAllBytes(folder.resolve("img1.jpg")),
        ok(anna.download(photo, "original", null, null)),
        "the original, byte for byte");
    // web size for guests: watermarked (watermarkDownloads); for staff clean
    BufferedImage staffWeb = image(ok(anna.download(photo, "web", null, null)));
    BufferedImage guestWeb = image(ok(anna.download(photo, "web", token, null)));
    Quarters webMarks = new Quarters(staffWeb, guestWeb);
    assertTrue(webMarks.changedShare(Quarter.BOTTOM_RIGHT) > 0.005, webMarks.toString());
    assertTrue(webMarks.max(Quarter.TOP_LEFT) < 24, webMarks.toString());

    // a new position: guests see only the new mark at once, never a mix of the two
    anna.setDelivery(
        event,
        settings("web", mark("© Studio Emma", "top-left", 0.4, 0.8), false, JsonValueOf.NULL));
    Quarters second = new Quarters(before, image(ok(guest.bytes(preview, null, Map.of()))));
    assertTrue(second.changedShare(Quarter.TOP_LEFT) > 0.005, second.toString());
    assertTrue(second.max(Quarter.BOTTOM_RIGHT) < 24, "the old mark is gone: " + second);
    assertTrue(guest.page("/g/" + slug).body().contains("/thumb?v=2"));
    Quarters plainWeb = new Quarters(staffWeb, image(ok(anna.download(photo, "web", token, null))));
    assertTrue(plainWeb.max(Quarter.TOP_LEFT) < 24, "watermarkDownloads off: " + plainWeb);
    assertTrue(anna.awaitRendered(event, Duration.ofMinutes(1)).getBoolean("rendered"));
    assertFalse(
        Files.exists(
            Path.of(System.getProperty("glimpse.data.dir"), "watermarked", "" + event, "1")),
        "the older generation's files are gone once the new one is drawn");

    // no watermark again: the clean preview, under a new link
    anna.setDelivery(event, settings("original", null, false, JsonValueOf.NULL));
    assertArrayEquals(clean, ok(guest.bytes(preview, null, Map.of())));
    assertTrue(guest.page("/g/" + slug).body().contains("/thumb?v=3"));
  }

  @Test
  void theStudiosLogoIsAPngAndCanBeTheWatermark() throws Exception {
    GlimpseClient anna = photographer("fay");
    GlimpseClient bert = photographer("gil");
    assertEquals(404, anna.send("GET", "/api/v1/studio/logo", null).statusCode());
    assertEquals("invalid_logo", Api.object(anna.putLogo(bigJpeg()), 400).getString("error"));
    assertEquals("invalid_logo", Api.object(anna.putLogo(new byte[0]), 400).getString("error"));
    byte[] png = logo();
    byte[] cut = java.util.Arrays.copyOf(png, png.length / 2);
    assertEquals("invalid_logo", Api.object(anna.putLogo(cut), 400).getString("error"));
    byte[] tooLarge = new byte[1024 * 1024 + 10];
    System.arraycopy(png, 0, tooLarge, 0, png.length);
    assertEquals(413, anna.putLogo(tooLarge).statusCode());
    JsonObject stored = Api.object(anna.putLogo(png), 200);
    assertEquals(300, stored.getInt("width"));
    assertArrayEquals(png, ok(anna.api().bytes("/api/v1/studio/logo", anna.token(), Map.of())));
    assertEquals(404, bert.send("GET", "/api/v1/studio/logo", null).statusCode(), "B's own: none");

    long event = imported(anna, "Logo", folder("logo", Map.of(), "img2.jpg"));
    String slug = events.get(staff(anna), event).slug();
    guestOf(anna, event, CODE);
    long photo = photoIds(anna, event).values().iterator().next();
    Api guest = inGallery(slug);
    String preview = "/media/" + event + "/" + photo + "/preview";
    BufferedImage clean = image(ok(guest.bytes(preview, null, Map.of())));
    JsonObjectBuilder logoMark =
        Json.createObjectBuilder()
            .add("logo", true)
            .add("position", "top-right")
            .add("size", 0.3)
            .add("opacity", 0.9);
    anna.setDelivery(event, settings("original", logoMark.build(), false, JsonValueOf.NULL));
    Quarters marks = new Quarters(clean, image(ok(guest.bytes(preview, null, Map.of()))));
    assertTrue(marks.changedShare(Quarter.TOP_RIGHT) > 0.005, marks.toString());
    assertTrue(marks.max(Quarter.BOTTOM_LEFT) < 24, marks.toString());

    assertEquals(204, anna.send("DELETE", "/api/v1/studio/logo", null).statusCode());
    assertEquals(404, anna.send("GET", "/api/v1/studio/logo", null).statusCode());
    assertEquals(2, anna.delivery(event).getJsonNumber("watermarkGeneration").longValue());
    Quarters none = new Quarters(clean, image(ok(guest.bytes(preview, null, Map.of()))));
    assertTrue(none.max(Quarter.TOP_RIGHT) < 24, "without the logo nothing is drawn: " + none);
  }

  @Test
  void theGallerysDownloadsFollowTheRulesAndAskThePinOnce() throws Exception {
    GlimpseClient anna = photographer("hana");
    Path folder = folder("gallery", Map.of("big.jpg", bigJpeg()), "img1.jpg");
    long event = imported(anna, "Gallery downloads", folder);
    String slug = events.get(staff(anna), event).slug();
    guestOf(anna, event, CODE);
    long big = photoIds(anna, event).get("big.jpg");
    Api guest = inGallery(slug);
    String link = "/download/" + event + "/" + big;
    byte[] original = Files.readAllBytes(folder.resolve("big.jpg"));
    assertArrayEquals(original, ok(guest.bytes(link, null, Map.of())));
    // "Your photos" as a ZIP: a selfie search finds img1.jpg
    byte[] selfie = Files.readAllBytes(folder.resolve("img1.jpg"));
    assertEquals(
        200,
        guest
            .multipart(
                "/find/" + event,
                null,
                Map.of("X-Glimpse-Find", "1"),
                "selfie",
                Map.of("me.jpg", selfie))
            .statusCode());
    String zip = "/download/" + event + "/your-photos.zip";
    assertArrayEquals(selfie, unzip(ok(guest.bytes(zip, null, Map.of()))).get("img1.jpg"));
    assertTrue(guest.page("/g/" + slug).body().contains("Download full size"));

    anna.setDelivery(event, settings("none", null, false, JsonValueOf.NULL));
    assertEquals(403, guest.bytes(link, null, Map.of()).statusCode());
    assertEquals(403, guest.bytes(zip, null, Map.of()).statusCode(), "the ZIP follows the rules");
    assertTrue(guest.page("/g/" + slug).body().contains("display: none"), "the link is hidden");

    anna.setDelivery(event, settings("web", null, false, JsonValueOf.NULL));
    BufferedImage web = image(ok(guest.bytes(link, null, Map.of())));
    assertEquals(2048, web.getWidth(), "the gallery's link gives the web size");
    assertTrue(guest.page("/g/" + slug).body().contains("Download (web size)"));
    Map<String, byte[]> webZip = unzip(ok(guest.bytes(zip, null, Map.of())));
    assertEquals(List.of("img1-web.jpg"), List.copyOf(webZip.keySet()), "web sizes in the ZIP");
    assertEquals(1868, image(webZip.get("img1-web.jpg")).getHeight(), "never enlarged");

    anna.setDelivery(event, settings("original", null, false, pin("8642")));
    assertEquals(403, guest.bytes(link, null, Map.of()).statusCode(), "the PIN first");
    assertEquals(403, guest.bytes(zip, null, Map.of()).statusCode(), "for the ZIP too");
    String page = guest.page("/g/" + slug).body();
    assertTrue(page.contains("data-pin-needed=\"true\""), "the page asks for it");
    assertEquals(
        "wrong_pin", Api.object(unlock(guest, event, "1111", true), 403).getString("error"));
    assertEquals(403, guest.bytes(link, null, Map.of()).statusCode(), "a wrong PIN opens nothing");
    assertEquals(404, unlock(guest, event, "8642", false).statusCode(), "without the header");
    assertEquals(403, guest.bytes(link, null, Map.of()).statusCode());
    assertEquals(204, unlock(guest, event, "8642", true).statusCode());
    assertArrayEquals(original, ok(guest.bytes(link, null, Map.of())), "once per session");
    assertArrayEquals(selfie, unzip(ok(guest.bytes(zip, null, Map.of()))).get("img1.jpg"));
    assertTrue(guest.page("/g/" + slug).body().contains("data-pin-needed=\"false\""));
    Api otherBrowser = inGallery(slug);
    assertEquals(403, otherBrowser.bytes(link, null, Map.of()).statusCode(), "per session");
  }

  @Test
  void aChangedWatermarkIsDrawnIntoAWholeEventInTheBackground() throws Exception {
    GlimpseClient anna = photographer("ivan");
    Path deepface = Path.of(System.getProperty("glimpse.shared"), "photos", "deepface");
    List<String> names;
    try (var files = Files.list(deepface)) {
      names =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(".jpg"))
              .sorted()
              .limit(40)
              .toList();
    }
    long event =
        imported(anna, "Many photos", folder("many", Map.of(), names.toArray(String[]::new)));
    int photoCount = photoIds(anna, event).size();
    for (String position : List.of("center", "bottom-left")) {
      long started = System.nanoTime();
      long generation =
          anna.setDelivery(
                  event,
                  settings("web", mark("Proof", position, 0.5, 0.5), false, JsonValueOf.NULL))
              .getJsonNumber("watermarkGeneration")
              .longValue();
      JsonObject done = anna.awaitRendered(event, Duration.ofMinutes(2));
      long ms = (System.nanoTime() - started) / 1_000_000;
      assertTrue(done.getBoolean("rendered"), done.toString());
      try (var drawn =
          Files.list(
              Path.of(
                  System.getProperty("glimpse.data.dir"),
                  "watermarked",
                  "" + event,
                  "" + generation))) {
        assertEquals(2L * photoCount, drawn.filter(f -> f.toString().endsWith(".jpg")).count());
      }
      log.info(
          "watermark-render photos="
              + photoCount
              + " position="
              + position
              + " ms="
              + ms
              + " ms_per_photo="
              + ms / Math.max(1, photoCount));
    }
  }

  @Test
  void theOpenApiDocumentDescribesDelivery() throws Exception {
    String document =
        Api.withoutCookies(path -> URI.create("http://127.0.0.1:" + request.getLocalPort() + path))
            .page("/openapi")
            .body();
    for (String path :
        List.of(
            "/api/v1/events/{id}/delivery",
            "/api/v1/photos/{id}/original",
            "/api/v1/photos/{id}/web",
            "/api/v1/studio/logo",
            "X-Glimpse-Download-Pin",
            "downloads_off")) {
      assertTrue(document.contains(path), path + " in " + document);
    }
  }

  // --- set-up

  private GlimpseClient photographer(String name) throws Exception {
    String email = name + "-" + run + "@delivery.test";
    Caller caller =
        new Fixtures(em, transaction)
            .account(email, null, Role.PHOTOGRAPHER, passwordHash.generate(PASSWORD.toCharArray()));
    GlimpseClient client = GlimpseClient.signIn(api, email, PASSWORD);
    callers.put(client, caller);
    emails.put(client, email);
    return client;
  }

  /** The photographer as the boundaries know them. */
  private Caller staff(GlimpseClient client) {
    return callers.get(client);
  }

  /** A browser session that entered the gallery {@code slug} with its code. */
  private Api inGallery(String slug) throws Exception {
    Api session = browserSession();
    HttpResponse<String> entered =
        session.submit("/g/" + slug, "enter", "open", Map.of("code", CODE));
    assertTrue(
        entered.body().contains("id=\"galleryTitle\""),
        entered.statusCode() + " " + entered.headers().map() + " " + entered.body());
    return session;
  }

  private long imported(GlimpseClient client, String name, Path folder) throws Exception {
    long event = client.createEvent(name);
    client.awaitCompleted(client.importFolder(event, folder));
    return event;
  }

  private String guestOf(GlimpseClient client, long event, String code) throws Exception {
    events.setGuestAccess(staff(client), event, code, Instant.now().plusSeconds(3600), true);
    return GlimpseClient.guestToken(api, events.get(staff(client), event).slug(), code);
  }

  private Map<String, Long> photoIds(GlimpseClient client, long event) {
    Map<String, Long> ids = new HashMap<>();
    for (PhotoPage.Item item : photos.page(staff(client), event, 0, 100).items()) {
      ids.put(item.fileName(), item.id());
    }
    return ids;
  }

  /** A folder to import from, with {@code made} files and copies of ../shared's deepface photos. */
  private Path folder(String name, Map<String, byte[]> made, String... shared) throws IOException {
    Path folder =
        Files.createDirectories(
            Path.of(
                System.getProperty("glimpse.data.dir"), "imports", "delivery-" + name + "-" + run));
    Path deepface = Path.of(System.getProperty("glimpse.shared"), "photos", "deepface");
    for (String photo : shared) {
      Files.copy(deepface.resolve(photo), folder.resolve(photo));
    }
    for (Map.Entry<String, byte[]> file : made.entrySet()) {
      Files.write(folder.resolve(file.getKey()), file.getValue());
    }
    return folder;
  }

  private static JsonObject settings(
      String downloads, JsonObject watermark, boolean watermarkDownloads, JsonObject pin) {
    JsonObjectBuilder json = Json.createObjectBuilder().add("downloads", downloads);
    if (watermark == null) {
      json.addNull("watermark");
    } else {
      json.add("watermark", watermark);
    }
    json.add("watermarkDownloads", watermarkDownloads);
    json.add("downloadPin", pin.get("pin"));
    return json.build();
  }

  private static JsonObject mark(String text, String position, double size, double opacity) {
    return Json.createObjectBuilder()
        .add("text", text)
        .add("position", position)
        .add("size", size)
        .add("opacity", opacity)
        .build();
  }

  private static JsonObject pin(String value) {
    return Json.createObjectBuilder().add("pin", value).build();
  }

  /** The downloadPin values that are no string, wrapped as {@link #pin} wraps one. */
  private static final class JsonValueOf {
    static final JsonObject NULL = Json.createObjectBuilder().addNull("pin").build();
    static final JsonObject TRUE = Json.createObjectBuilder().add("pin", true).build();
  }

  /** A 3000x2000 JPEG, larger than the web size, made here (no faces: indexed without any). */
  private static byte[] bigJpeg() throws IOException {
    BufferedImage image = new BufferedImage(3000, 2000, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(
        new GradientPaint(0, 0, new Color(30, 90, 160), 3000, 2000, new Color(230, 200, 120)));
    g.fillRect(0, 0, 3000, 2000);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpeg", out);
    return out.toByteArray();
  }

  /** A 300x120 PNG with transparency: a dark red rounded badge. */
  private static byte[] logo() throws IOException {
    BufferedImage image = new BufferedImage(300, 120, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(150, 20, 40));
    g.fillRoundRect(0, 0, 300, 120, 40, 40);
    g.setColor(Color.WHITE);
    g.fillRect(40, 50, 220, 20);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static byte[] ok(HttpResponse<byte[]> response) {
    assertEquals(
        200,
        response.statusCode(),
        () ->
            response.uri()
                + ": "
                + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
    return response.body();
  }

  private static void assertError(int status, String error, HttpResponse<byte[]> response) {
    String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(status, response.statusCode(), response.uri() + ": " + body);
    assertTrue(
        String.valueOf(response.headers().firstValue("Content-Type").orElse(""))
            .startsWith("application/json"),
        response.uri() + " answers JSON: " + response.headers().map());
    try (var reader = Json.createReader(new java.io.StringReader(body))) {
      JsonObject json = reader.readObject();
      assertEquals(error, json.getString("error"), body);
      assertNotNull(json.getString("message"));
    }
  }

  /** The gallery's PIN dialog's request, with or without its header. */
  private static HttpResponse<String> unlock(Api session, long event, String pin, boolean header)
      throws Exception {
    return session.send(
        "POST",
        "/download-pin/" + event,
        null,
        Json.createObjectBuilder().add("pin", pin).build().toString(),
        header ? Map.of("X-Glimpse-Pin", "1") : Map.of());
  }

  /** The ZIP's entries by name, in order. */
  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    try (java.util.zip.ZipInputStream in =
        new java.util.zip.ZipInputStream(new ByteArrayInputStream(zip))) {
      for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        entries.put(entry.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  private static BufferedImage image(byte[] bytes) throws IOException {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
    assertNotNull(image, "an image");
    return image;
  }

  /**
   * A visitor with cookies of its own. Faces' form actions carry the context path already, so paths
   * that start with it are not given it twice.
   */
  private Api browserSession() {
    String context = request.getContextPath();
    String host = "http://127.0.0.1:" + request.getLocalPort();
    return new Api(
        path -> URI.create(host + (path.startsWith(context + "/") ? path : context + path)));
  }

  private String base() {
    return "http://127.0.0.1:" + request.getLocalPort() + request.getContextPath();
  }

  private enum Quarter {
    TOP_LEFT,
    TOP_RIGHT,
    BOTTOM_LEFT,
    BOTTOM_RIGHT
  }

  /**
   * Two images of one size compared quarter by quarter (a band of 16 px around the middle lines
   * left out, where a mark may reach across): the largest channel difference, and the share of
   * pixels that differ by more than 32.
   */
  private static final class Quarters {
    private final Map<Quarter, Integer> max = new HashMap<>();
    private final Map<Quarter, Double> changed = new HashMap<>();

    Quarters(BufferedImage a, BufferedImage b) {
      assertEquals(a.getWidth(), b.getWidth());
      assertEquals(a.getHeight(), b.getHeight());
      int w = a.getWidth();
      int h = a.getHeight();
      for (Quarter q : Quarter.values()) {
        boolean right = q == Quarter.TOP_RIGHT || q == Quarter.BOTTOM_RIGHT;
        boolean bottom = q == Quarter.BOTTOM_LEFT || q == Quarter.BOTTOM_RIGHT;
        Rectangle r =
            new Rectangle(right ? w / 2 + 16 : 0, bottom ? h / 2 + 16 : 0, w / 2 - 16, h / 2 - 16);
        int most = 0;
        long above = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
          for (int x = r.x; x < r.x + r.width; x++) {
            int p = a.getRGB(x, y);
            int o = b.getRGB(x, y);
            int d = 0;
            for (int shift = 0; shift <= 16; shift += 8) {
              d = Math.max(d, Math.abs(((p >> shift) & 0xff) - ((o >> shift) & 0xff)));
            }
            most = Math.max(most, d);
            above += d > 32 ? 1 : 0;
          }
        }
        max.put(q, most);
        changed.put(q, (double) above / ((long) r.width * r.height));
      }
    }

    int max(Quarter q) {
      return max.get(q);
    }

    double changedShare(Quarter q) {
      return changed.get(q);
    }

    @Override
    public String toString() {
      return "max " + max + ", changed " + changed;
    }
  }
}
