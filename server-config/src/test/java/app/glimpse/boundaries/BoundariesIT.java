package app.glimpse.boundaries;

import static app.glimpse.boundaries.Fixtures.finished;
import static app.glimpse.boundaries.Fixtures.statusOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.access.boundary.Accounts;
import app.glimpse.drive.boundary.DriveAccounts;
import app.glimpse.drive.control.DriveClient;
import app.glimpse.drive.control.FakeDrive;
import app.glimpse.drive.entity.DriveAccount;
import app.glimpse.events.boundary.EventView;
import app.glimpse.events.boundary.Events;
import app.glimpse.events.entity.Event;
import app.glimpse.imports.boundary.ImportView;
import app.glimpse.imports.boundary.Imports;
import app.glimpse.imports.entity.ImportStatus;
import app.glimpse.imports.entity.Source;
import app.glimpse.imports.entity.SourceKind;
import app.glimpse.photos.boundary.PhotoPage;
import app.glimpse.photos.boundary.Photos;
import app.glimpse.photos.entity.Face;
import app.glimpse.photos.entity.Photo;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import app.glimpse.studios.entity.Role;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The boundaries inside Payara Micro, in the real WAR, on a real PostgreSQL (through the server's
 * pool and the Flyway schema) and a real Artemis: studios see only their own events, guests get in
 * only with the right code, imports stay inside the allowed folders, and photos and faces
 * round-trip through JPA.
 */
@ExtendWith(ArquillianExtension.class)
class BoundariesIT {

  /** Where the boundaries are told requests come from; wrong tries are counted per client. */
  private static final String CLIENT = "192.0.2.10";

  @Deployment
  static WebArchive deployment() {
    File war = Path.of(System.getProperty("glimpse.dist"), "glimpse.war").toFile();
    return ShrinkWrap.createFromZipFile(WebArchive.class, war)
        .addClasses(BoundariesIT.class, Fixtures.class)
        .addClass(FakeDrive.class);
  }

  @EJB Events events;
  @EJB Imports imports;
  @EJB Photos photos;
  @EJB app.glimpse.photos.boundary.PhotoSets sets;
  @EJB app.glimpse.imports.boundary.Originals originals;
  @EJB Accounts accounts;
  @Inject Pbkdf2PasswordHash passwordHash;
  @EJB DriveAccounts drive;
  @PersistenceContext EntityManager em;
  @Inject UserTransaction transaction;

  private Fixtures fixtures() {
    return new Fixtures(em, transaction);
  }

  @Test
  void studiosSeeOnlyTheirOwnEvents() throws Exception {
    Caller anna = fixtures().photographer("anna@a.test");
    Caller bert = fixtures().photographer("bert@b.test");
    EventView wedding = events.create(anna, "Wedding", LocalDate.of(2026, 6, 20));

    assertEquals("Wedding", events.get(anna, wedding.id()).name());
    assertTrue(events.list(anna).stream().anyMatch(event -> event.id() == wedding.id()));
    assertFalse(events.list(bert).stream().anyMatch(event -> event.id() == wedding.id()));
    ClientError hidden = assertThrows(ClientError.class, () -> events.get(bert, wedding.id()));
    assertEquals(404, hidden.status());
    assertEquals(404, assertThrows(ClientError.class, () -> events.get(bert, 987654321L)).status());
  }

  @Test
  void guestsNeedTheRightCodeAndSeeOnlyTheirEvent() throws Exception {
    Caller anna = fixtures().photographer("carla@c.test");
    EventView party = events.create(anna, "Party", null);
    EventView other = events.create(anna, "Other", null);
    assertEquals(
        401,
        assertThrows(
                ClientError.class, () -> events.openGuestSession(party.slug(), "123456", CLIENT))
            .status());

    events.setGuestAccess(anna, party.id(), "123456", Instant.now().plusSeconds(3600), false);
    assertEquals(
        401,
        assertThrows(
                ClientError.class, () -> events.openGuestSession(party.slug(), "999999", CLIENT))
            .status());
    Events.GuestSession session = events.openGuestSession(party.slug(), " 123456 ", CLIENT);
    assertEquals(party.id(), session.eventId());
    assertFalse(session.faceSearch());
    assertEquals(3, session.token().split("\\.").length);

    Caller guest = events.enterGallery(party.slug(), "123456", CLIENT).caller();
    assertNotEquals(
        guest.subject(),
        events.enterGallery(party.slug(), "123456", CLIENT).caller().subject(),
        "each entry of the code is a guest of its own, with its own search budget");
    assertEquals("Party", events.get(guest, party.id()).name());
    assertEquals(
        404, assertThrows(ClientError.class, () -> events.get(guest, other.id())).status());
    assertEquals(
        404,
        assertThrows(
                ClientError.class,
                () -> events.setGuestAccess(guest, party.id(), "000000", null, true))
            .status());
    assertEquals(
        400,
        assertThrows(
                ClientError.class,
                () ->
                    events.setGuestAccess(
                        anna, party.id(), "123456", Instant.now().minusSeconds(5), true))
            .status());

    // the portal saves expiry and face search without a code: the code stays
    assertEquals(
        400,
        assertThrows(
                ClientError.class, () -> events.changeGuestAccess(anna, other.id(), null, true))
            .status(),
        "an event without a code needs one first");
    EventView changed = events.changeGuestAccess(anna, party.id(), null, true);
    assertTrue(changed.faceSearch());
    assertEquals(null, changed.accessExpiresAt());
    assertTrue(events.openGuestSession(party.slug(), "123456", CLIENT).faceSearch());
    assertEquals(
        404,
        assertThrows(
                ClientError.class, () -> events.changeGuestAccess(guest, party.id(), null, true))
            .status());
  }

  @Test
  void importsStayInsideTheAllowedFolders() throws Exception {
    Caller anna = fixtures().photographer("dora@d.test");
    EventView event = events.create(anna, "Conference", null);
    Path inside =
        Files.createDirectories(Path.of(System.getProperty("glimpse.data.dir"), "imports", "day1"));

    ImportView queued = imports.importFolder(anna, event.id(), inside.toString());
    assertEquals(ImportStatus.QUEUED, queued.status());
    ImportView empty = finished(imports, anna, queued.id());
    assertEquals(ImportStatus.COMPLETED, empty.status(), empty.toString());
    assertEquals(0, empty.total());
    assertEquals(
        400,
        assertThrows(ClientError.class, () -> imports.importFolder(anna, event.id(), "/etc"))
            .status());
    assertEquals(
        400,
        assertThrows(
                ClientError.class,
                () -> imports.importFolder(anna, event.id(), inside + "/../../.."))
            .status());
    Caller bert = fixtures().photographer("emil@e.test");
    assertEquals(
        404, assertThrows(ClientError.class, () -> imports.get(bert, queued.id())).status());

    // the portal's folder picker: the roots, then only folders inside them
    Path data = Path.of(System.getProperty("glimpse.data.dir")).toAbsolutePath().normalize();
    assertTrue(imports.importRoots(anna, event.id()).contains(data.toString()));
    assertTrue(
        imports
            .serverFolders(anna, event.id(), inside.getParent().toString())
            .contains(inside.toRealPath().toString()));
    assertEquals(
        400,
        assertThrows(ClientError.class, () -> imports.serverFolders(anna, event.id(), "/etc"))
            .status());
    assertEquals(
        404,
        assertThrows(
                ClientError.class,
                () -> imports.serverFolders(bert, event.id(), inside.getParent().toString()))
            .status());
  }

  @Test
  void photosAndFacesRoundTripInCaptureOrder() throws Exception {
    Caller anna = fixtures().photographer("fay@f.test");
    long eventId = events.create(anna, "School day", null).id();
    float[] embedding = new float[512];
    embedding[7] = 0.6f;
    embedding[300] = -0.8f;
    long faceId =
        fixtures()
            .inTransaction(
                () -> {
                  Event event = em.find(Event.class, eventId);
                  Source source = new Source(event, SourceKind.FOLDER, "/photos", "photos");
                  em.persist(source);
                  em.flush(); // a photo names its source by id only: the source's row first
                  Photo late =
                      Photo.indexed(event, source.getId(), null, "b.jpg", "b.jpg", "hash-b");
                  late.describe(
                      4000,
                      3000,
                      Instant.parse("2026-06-20T15:00:00Z"),
                      "+02:00",
                      "Canon",
                      "R6",
                      null,
                      false);
                  Photo early =
                      Photo.indexed(event, source.getId(), null, "a.jpg", "a.jpg", "hash-a");
                  early.describe(
                      3000,
                      4000,
                      Instant.parse("2026-06-20T11:00:00Z"),
                      "+02:00",
                      "Canon",
                      "R6",
                      null,
                      true);
                  Photo broken =
                      Photo.failed(
                          event, source.getId(), null, "c.jpg", "c.jpg", "hash-c", "Not an image");
                  em.persist(late);
                  em.persist(early);
                  em.persist(broken);
                  Face face =
                      new Face(
                          early,
                          new float[] {10, 20, 80, 90},
                          new float[10],
                          0.93f,
                          embedding,
                          null);
                  early.countFaces(1);
                  em.persist(face);
                  em.flush();
                  return face.getId();
                });

    PhotoPage page = photos.page(anna, eventId, 0, 10);
    assertEquals(2, page.total(), "failed files are not in the gallery");
    assertEquals("a.jpg", page.items().get(0).fileName());
    assertEquals(1, page.items().get(0).faces());
    assertEquals("b.jpg", page.items().get(1).fileName());
    assertEquals(1, photos.page(anna, eventId, 1, 1).items().size());
    var summary =
        events.summaries(anna).stream()
            .filter(listed -> listed.event().id() == eventId)
            .findFirst()
            .orElseThrow();
    assertEquals(2, summary.event().photos());
    assertEquals(1, summary.faces());
    assertEquals(0, summary.people());
    assertEquals(page.items().get(0).id(), summary.coverPhotoId());
    assertEquals(null, summary.latestImport());

    em.clear();
    Face stored = em.find(Face.class, faceId);
    assertArrayEquals(new float[] {10, 20, 80, 90}, stored.getBox());
    assertEquals(0.6f, stored.getEmbedding()[7], 1e-3);
    assertEquals(-0.8f, stored.getEmbedding()[300], 1e-3);
    assertTrue(stored.isSearchable());
    assertEquals(
        400, assertThrows(ClientError.class, () -> photos.page(anna, eventId, 0, 500)).status());
  }

  /**
   * A grid that goes on from where it stopped (a cursor, no offset, no count) sees every photo once
   * and in the order of the numbered pages: photos taken in the same second by id, the photos
   * without a capture time last, failed files never; so does a grid of one hour.
   */
  @Test
  void photosAfterACursorFollowTheNumberedPages() throws Exception {
    Caller anna = fixtures().photographer("hal@h.test");
    long eventId = events.create(anna, "Long night", null).id();
    Instant nine = Instant.parse("2026-06-20T09:00:00Z");
    fixtures()
        .inTransaction(
            () -> {
              Event event = em.find(Event.class, eventId);
              Source source = new Source(event, SourceKind.FOLDER, "/night", "night");
              em.persist(source);
              em.flush(); // a photo names its source by id only: the source's row first
              for (int i = 0; i < 23; i++) {
                String name = "p" + i + ".jpg";
                Photo photo =
                    i % 7 == 3
                        ? Photo.failed(
                            event, source.getId(), null, name, name, "hash-" + i, "broken")
                        : Photo.indexed(event, source.getId(), null, name, name, "hash-" + i);
                if (i % 5 != 4) {
                  // three photos a minute apart, then three in the same second, ...
                  Instant taken = nine.plusSeconds(i % 6 < 3 ? 60L * i : 60L * (i - i % 6 + 3));
                  photo.describe(4000, 3000, taken, "+00:00", null, null, null, false);
                }
                em.persist(photo);
              }
              return null;
            });

    PhotoPage all = photos.page(anna, eventId, 0, 100);
    assertEquals(20, all.total());
    assertEquals(20, all.items().size());
    assertTrue(all.items().get(19).takenAt() == null, "photos without a time come last");
    for (int size : new int[] {1, 3, 4, 7, 20, 21}) {
      List<PhotoPage.Item> seen = new java.util.ArrayList<>();
      PhotoPage.Cursor cursor = null;
      List<PhotoPage.Item> page;
      do {
        page = photos.after(anna, eventId, cursor, size);
        seen.addAll(page);
        if (!page.isEmpty()) {
          cursor = PhotoPage.Cursor.after(page.get(page.size() - 1));
        }
      } while (page.size() == size);
      assertEquals(all.items(), seen, "pages of " + size);
      for (int p = 0; p * size < 20; p++) {
        assertEquals(
            photos.page(anna, eventId, p, size).items(),
            seen.subList(p * size, Math.min(20, (p + 1) * size)),
            "page " + p + " of " + size);
      }
    }
    assertEquals(Instant.parse("2026-06-20T09:01:00Z"), all.items().get(1).takenAt());

    Instant from = nine;
    Instant to = nine.plusSeconds(600);
    PhotoPage hour = photos.taken(anna, eventId, from, to, 0, 100);
    List<PhotoPage.Item> first = photos.takenAfter(anna, eventId, from, to, null, 4);
    List<PhotoPage.Item> rest =
        photos.takenAfter(
            anna, eventId, from, to, PhotoPage.Cursor.after(first.get(first.size() - 1)), 100);
    List<PhotoPage.Item> both = new java.util.ArrayList<>(first);
    both.addAll(rest);
    assertEquals(hour.items(), both);
    assertTrue(hour.items().stream().allMatch(item -> item.takenAt() != null));

    assertEquals(
        404,
        assertThrows(
                ClientError.class,
                () -> photos.after(fixtures().photographer("ida@i.test"), eventId, null, 10))
            .status());
    assertEquals(
        400,
        assertThrows(ClientError.class, () -> photos.after(anna, eventId, null, 500)).status());
  }

  @Test
  void importsAFolderThroughTheJobAndTheQueueOnceOnly() throws Exception {
    Caller anna = fixtures().photographer("gus@g.test");
    long eventId = events.create(anna, "Import", null).id();
    Path folder =
        Files.createDirectories(
            Path.of(System.getProperty("glimpse.data.dir"), "imports", "mixed"));
    Path shared = Path.of(System.getProperty("glimpse.shared"), "photos");
    Files.copy(shared.resolve("debian/messi5.jpg"), folder.resolve("messi.jpg"));
    Files.copy(shared.resolve("deepface/couple.jpg"), folder.resolve("no-extension"));
    Files.copy(shared.resolve("debian/chelsea.png"), folder.resolve("cat.png"));
    byte[] jpeg = Files.readAllBytes(shared.resolve("debian/messi5.jpg"));
    Files.write(folder.resolve("truncated.jpg"), java.util.Arrays.copyOf(jpeg, 600));
    Files.writeString(folder.resolve("notes.txt"), "not a photo");

    ImportView first =
        finished(imports, anna, imports.importFolder(anna, eventId, folder.toString()).id());
    assertEquals(ImportStatus.COMPLETED, first.status(), first.toString());
    assertEquals(4, first.total(), "images by content: the text file is not listed");
    assertEquals(3, first.processed(), first.toString());
    assertEquals(1, first.failed(), first.toString());
    assertTrue(first.faces() >= 3, first.toString());
    assertEquals(3, photos.page(anna, eventId, 0, 50).total());
    List<Imports.FailedFile> failures = imports.failures(anna, first.id());
    assertEquals(1, failures.size());
    assertEquals("truncated.jpg", failures.get(0).path());
    assertFalse(failures.get(0).reason().isBlank());
    assertTrue(first.rate() > 0, first.toString());
    assertEquals(0L, first.secondsLeft());

    ImportView again =
        finished(imports, anna, imports.importFolder(anna, eventId, folder.toString()).id());
    assertEquals(ImportStatus.COMPLETED, again.status(), again.toString());
    assertEquals(3, again.processed(), "unchanged files count for the new import");
    assertEquals(3, photos.page(anna, eventId, 0, 50).total(), "and are stored once");

    // an original gone from the folder: its staff learn why, a guest never sees the server's path
    EventView event = events.setGuestAccess(anna, eventId, "246810", null, false);
    Caller guest = events.enterGallery(event.slug(), "246810", CLIENT).caller();
    long messi =
        photos.page(anna, eventId, 0, 50).items().stream()
            .filter(item -> item.fileName().equals("messi.jpg"))
            .findFirst()
            .orElseThrow()
            .id();
    originals.open(guest, eventId, messi).content().close();
    // the folder replaced by a file: the error the file system gives names the server's path
    Path moved = Files.move(folder, folder.resolveSibling("mixed-moved"));
    Files.writeString(folder, "not a folder");
    try {
      ClientError toGuest =
          assertThrows(ClientError.class, () -> originals.open(guest, eventId, messi));
      assertEquals(409, toGuest.status());
      assertEquals("original_unavailable", toGuest.error());
      assertFalse(
          toGuest.getMessage().contains(folder.getParent().toString()), toGuest.getMessage());
      ClientError toStaff =
          assertThrows(ClientError.class, () -> originals.open(anna, eventId, messi));
      assertEquals(409, toStaff.status());
      assertTrue(toStaff.getMessage().contains("mixed"), toStaff.getMessage());
    } finally {
      Files.delete(folder);
      Files.move(moved, folder);
    }
  }

  @Test
  void importsADriveFolderAfterTheOAuthFlowOnlyNewFilesAgain() throws Exception {
    URI api = URI.create(System.getProperty("glimpse.drive.api-url"));
    Path shared = Path.of(System.getProperty("glimpse.shared"), "photos");
    try (FakeDrive fake =
        FakeDrive.start(api.getPort(), "glimpse-it", "it-secret", "ivy@gmail.test")) {
      Caller ivy = fixtures().photographer("ivy@i.test");
      long eventId = events.create(ivy, "Drive wedding", null).id();
      assertTrue(drive.status(ivy).configured());
      assertFalse(drive.status(ivy).connected());
      assertEquals(
          409,
          assertThrows(ClientError.class, () -> imports.importDrive(ivy, eventId, "root", true))
              .status());

      String url = drive.authorize(ivy, "http://glimpse.test/api/v1/drive/callback");
      String state = queryParameter(url, "state");
      assertEquals(
          "http://glimpse.test/api/v1/drive/callback", queryParameter(url, "redirect_uri"));
      fake.authorizationCode("code-ivy", "refresh-ivy").consent(url);
      assertEquals(
          400,
          assertThrows(ClientError.class, () -> drive.callback(ivy, "code-ivy", "forged", null))
              .status());
      // a consent link Ivy started, finished in the browser of someone else signed in to Glimpse
      Caller jon = fixtures().photographer("jon@j.test");
      String sent = drive.authorize(ivy, "http://glimpse.test/api/v1/drive/callback");
      fake.authorizationCode("code-jon", "refresh-jon").consent(sent);
      ClientError otherAccount =
          assertThrows(
              ClientError.class,
              () -> drive.callback(jon, "code-jon", queryParameter(sent, "state"), null));
      assertEquals("drive_other_account", otherAccount.error());
      assertFalse(drive.status(ivy).connected(), "nobody's Drive is connected to Ivy");
      assertFalse(drive.status(jon).connected());
      fake.authorizationCode("code-ivy", "refresh-ivy").consent(url);
      assertEquals("ivy@gmail.test", drive.callback(ivy, "code-ivy", state, null));
      assertEquals(
          400,
          assertThrows(ClientError.class, () -> drive.callback(ivy, "code-ivy", state, null))
              .status(),
          "a state is used once");
      assertTrue(drive.status(ivy).connected());
      assertEquals("ivy@gmail.test", drive.status(ivy).email());
      String stored = em.find(DriveAccount.class, ivy.photographerId()).getRefreshToken();
      assertFalse(stored.contains("refresh-ivy"), "the refresh token is stored encrypted");

      byte[] jpeg = Files.readAllBytes(shared.resolve("debian/messi5.jpg"));
      fake.folder("wedding", "Wedding", "root")
          .folder("party", "Party", "wedding")
          .file("messi", "messi5.jpg", "image/jpeg", "wedding", shared.resolve("debian/messi5.jpg"))
          .file("cat", "chelsea.png", "image/png", "wedding", shared.resolve("debian/chelsea.png"))
          .file("broken", "broken.jpg", "image/jpeg", "wedding", Arrays.copyOf(jpeg, 600))
          .file("notes", "notes.txt", "text/plain", "wedding", "no photo".getBytes())
          .file(
              "couple", "couple.jpg", "image/jpeg", "party", shared.resolve("deepface/couple.jpg"))
          .file("flaky", "img2.jpg", "image/jpeg", "party", shared.resolve("deepface/img2.jpg"))
          .file("slow", "img3.jpg", "image/jpeg", "party", shared.resolve("deepface/img3.jpg"))
          .file("down", "img4.jpg", "image/jpeg", "party", shared.resolve("deepface/img4.jpg"))
          .fail("flaky", "backendError", 500, 503)
          .fail("slow", "rateLimitExceeded", 429)
          .fail("slow", "userRateLimitExceeded", 403)
          .fail("down", "backendError", 502, 502, 502)
          .pageSize(2);
      assertEquals(
          List.of("Wedding"),
          drive.folders(ivy, null).stream().map(DriveClient.DriveFolder::name).toList());
      assertEquals(
          List.of("party"),
          drive.folders(ivy, "wedding").stream().map(DriveClient.DriveFolder::id).toList());
      fake.expireAccessTokens();
      int refreshes = fake.refreshes();

      ImportView first =
          finished(imports, ivy, imports.importDrive(ivy, eventId, "wedding", true).id());
      assertEquals(ImportStatus.COMPLETED, first.status(), first.toString());
      assertEquals(7, first.total(), "the images of the folder and its sub-folder");
      assertEquals(5, first.processed(), first.toString());
      assertEquals(2, first.failed(), first.toString());
      assertTrue(first.faces() >= 4, first.toString());
      assertTrue(fake.refreshes() > refreshes, "the expired access token was refreshed");
      assertTrue(fake.listRequests() >= 5, "listed page by page: " + fake.listRequests());
      assertEquals(3, fake.mediaRequests("flaky"), "two server errors, then the content");
      assertEquals(3, fake.mediaRequests("slow"), "two rate limits, then the content");
      assertEquals(3, fake.mediaRequests("down"), "at most the configured attempts");
      assertEquals(5, photos.page(ivy, eventId, 0, 50).total());
      // the sub-folder is a set, named after it, with its photos (the two that were read)
      List<app.glimpse.photos.boundary.SetView> made = sets.list(ivy, eventId);
      assertEquals(
          List.of("Party"), made.stream().map(app.glimpse.photos.boundary.SetView::name).toList());
      assertEquals(3, made.get(0).photos(), "couple, flaky and slow; down failed");
      List<Imports.FailedFile> failures = imports.failures(ivy, first.id());
      assertEquals(
          List.of("broken", "down"), failures.stream().map(Imports.FailedFile::path).toList());
      assertEquals("img4.jpg", failures.get(1).fileName());
      assertTrue(failures.get(1).reason().contains("502"), failures.get(1).reason());
      assertFalse(failures.get(0).reason().isBlank());
      assertNoCopyOf(Files.readAllBytes(shared.resolve("deepface/img2.jpg")));
      assertNoCopyOf(Files.readAllBytes(shared.resolve("deepface/img3.jpg")));

      ImportView again =
          finished(imports, ivy, imports.importDrive(ivy, eventId, "wedding", true).id());
      assertEquals(ImportStatus.COMPLETED, again.status(), again.toString());
      assertEquals(1, again.total(), "only the file Drive could not serve before: " + again);
      assertEquals(1, again.processed(), again.toString());
      assertEquals(1, fake.mediaRequests("messi"), "unchanged files are not downloaded again");
      assertEquals(1, fake.mediaRequests("broken"));
      assertEquals(6, photos.page(ivy, eventId, 0, 50).total());

      fake.file("new", "img5.jpg", "image/jpeg", "wedding", shared.resolve("deepface/img5.jpg"))
          .file(
              "cat", "chelsea.png", "image/png", "wedding", shared.resolve("debian/astronaut.png"));
      ImportView third =
          finished(imports, ivy, imports.importDrive(ivy, eventId, "wedding", false).id());
      assertEquals(ImportStatus.COMPLETED, third.status(), third.toString());
      assertEquals(2, third.total(), "the new file and the changed one: " + third);
      assertEquals(2, third.processed(), third.toString());
      assertEquals(
          1L,
          em.createQuery(
                  "SELECT COUNT(p) FROM Photo p WHERE p.event.id = :e AND p.sourceFileId = 'messi'",
                  Long.class)
              .setParameter("e", eventId)
              .getSingleResult(),
          "the same file is stored once");

      fake.remove("wedding");
      ImportView missing =
          finished(imports, ivy, imports.importDrive(ivy, eventId, "party", false).id());
      assertEquals(ImportStatus.COMPLETED, missing.status(), missing.toString());
      assertEquals(0, missing.total(), "the sub-folder's files came in with its parent");
      assertEquals(
          400,
          assertThrows(ClientError.class, () -> imports.importDrive(ivy, eventId, "wedding", false))
              .status(),
          "a folder that is gone");

      drive.disconnect(ivy);
      assertFalse(drive.status(ivy).connected());
      assertEquals(
          409,
          assertThrows(ClientError.class, () -> imports.importDrive(ivy, eventId, "party", false))
              .status());
    }
  }

  /**
   * No file under the data directory holds the original (one only Drive serves in these tests):
   * Drive content is never stored.
   */
  private static void assertNoCopyOf(byte[] original) throws Exception {
    Path data = Path.of(System.getProperty("glimpse.data.dir"));
    try (var files = Files.walk(data)) {
      List<Path> copies =
          files
              .filter(Files::isRegularFile)
              .filter(file -> file.toFile().length() == original.length)
              .filter(
                  file -> {
                    try {
                      return Arrays.equals(Files.readAllBytes(file), original);
                    } catch (java.io.IOException e) {
                      return false;
                    }
                  })
              .toList();
      assertEquals(List.of(), copies);
    }
  }

  private static String queryParameter(String url, String name) {
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      String[] parts = pair.split("=", 2);
      if (parts[0].equals(name)) {
        return java.net.URLDecoder.decode(parts[1], java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError(name + " not in " + url);
  }

  @Test
  void aStoppedImportRestartsWhereItWasAndIndexesEveryFileOnce() throws Exception {
    Caller anna = fixtures().photographer("stop-" + java.util.UUID.randomUUID() + "@s.test");
    long eventId = events.create(anna, "Stop and go", null).id();
    Path folder =
        Files.createDirectories(
            Path.of(System.getProperty("glimpse.data.dir"), "imports", "stop-" + eventId));
    Path shared = Path.of(System.getProperty("glimpse.shared"), "photos", "deepface");
    List<Path> photosToCopy;
    try (var files = Files.list(shared)) {
      photosToCopy = files.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(30).toList();
    }
    for (Path photo : photosToCopy) {
      Files.copy(photo, folder.resolve(photo.getFileName()));
    }
    try {
      stopAndRestart(anna, eventId, folder);
    } finally {
      try (var copies = Files.walk(folder)) { // other tests look for stray photo copies
        copies.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void stopAndRestart(Caller anna, long eventId, Path folder) throws Exception {

    ImportView started = imports.importFolder(anna, eventId, folder.toString());
    ImportView stopped = imports.stop(anna, started.id());
    assertEquals(ImportStatus.STOPPED, stopped.status());
    Thread.sleep(3000); // what was queued drains without being indexed
    ImportView settled = imports.get(anna, started.id());
    assertEquals(ImportStatus.STOPPED, settled.status(), settled.toString());
    assertTrue(settled.processed() + settled.failed() < 30, settled.toString());
    assertEquals(
        409, assertThrows(ClientError.class, () -> imports.stop(anna, started.id())).status());

    imports.restart(anna, started.id());
    ImportView done = finished(imports, anna, started.id());
    assertEquals(ImportStatus.COMPLETED, done.status(), done.toString());
    assertEquals(30, done.total(), done.toString());
    assertEquals(30, done.processed() + done.failed(), done.toString());
    assertEquals(30, photos.page(anna, eventId, 0, 100).total(), "each file indexed once");
    assertEquals(
        409, assertThrows(ClientError.class, () -> imports.restart(anna, started.id())).status());
    Caller bert = fixtures().photographer("stop-other-" + java.util.UUID.randomUUID() + "@s.test");
    assertEquals(
        404, assertThrows(ClientError.class, () -> imports.stop(bert, started.id())).status());
  }

  /**
   * Refresh tokens: each is exchanged once for a new pair; a used one presented again ends the
   * whole sign-in; sign-out, a password change and the expiry end them too.
   */
  @Test
  void refreshTokensRotateOnceAndEndWithTheSignIn() throws Exception {
    String email = "refresh-" + java.util.UUID.randomUUID() + "@r.test";
    Caller caller =
        fixtures()
            .account(
                email,
                null,
                Role.PHOTOGRAPHER,
                passwordHash.generate("first password".toCharArray()));
    assertTrue(storedHash(caller).startsWith("PBKDF2WithHmacSHA256:2048:"), "the API's default");
    Accounts.SignIn signIn = accounts.token(email, "first password", CLIENT);
    assertTrue(
        storedHash(caller).startsWith("PBKDF2WithHmacSHA256:600000:"),
        "a sign-in that proves the password hashes it again with OWASP's iterations");
    assertTrue(signIn.access().expiresAt().isBefore(Instant.now().plusSeconds(16 * 60)));
    assertTrue(signIn.refresh().expiresAt().isAfter(Instant.now().plus(Duration.ofDays(13))));
    assertEquals(1, storedRefreshTokens(caller), "only the hash is stored");

    Accounts.SignIn second = accounts.refresh(signIn.refresh().value()).orElseThrow();
    assertNotEquals(signIn.refresh().value(), second.refresh().value());
    Accounts.SignIn third = accounts.refresh(second.refresh().value()).orElseThrow();
    assertTrue(accounts.refresh(second.refresh().value()).isEmpty(), "used already");
    assertTrue(accounts.refresh(third.refresh().value()).isEmpty(), "its family is revoked");
    assertTrue(accounts.refresh("not a token").isEmpty());

    Accounts.SignIn other = accounts.token(email, "first password", CLIENT);
    Accounts.SignIn parallel = accounts.token(email, "first password", CLIENT);
    accounts.signOut(other.refresh().value());
    assertTrue(accounts.refresh(other.refresh().value()).isEmpty(), "signed out");
    Accounts.SignIn kept = accounts.refresh(parallel.refresh().value()).orElseThrow();

    fixtures()
        .inTransaction(
            () ->
                em.createNativeQuery(
                        "UPDATE refresh_token SET expires_at = now() - interval '1 second'"
                            + " WHERE photographer_id = ?1 AND used_at IS NULL")
                    .setParameter(1, caller.photographerId())
                    .executeUpdate());
    assertTrue(accounts.refresh(kept.refresh().value()).isEmpty(), "expired");

    Accounts.SignIn beforeChange = accounts.token(email, "first password", CLIENT);
    Caller portal = accounts.signIn(email, "first password", CLIENT).caller();
    Caller otherBrowser = accounts.signIn(email, "first password", CLIENT).caller();
    assertTrue(accounts.stillSignedIn(otherBrowser));
    Accounts.SignedIn changed =
        accounts.changePassword(portal, "first password", "second password", CLIENT);
    assertTrue(accounts.refresh(beforeChange.refresh().value()).isEmpty(), "password changed");
    assertEquals(0, storedRefreshTokens(caller));
    assertFalse(accounts.stillSignedIn(otherBrowser), "another portal session is signed out");
    assertFalse(accounts.stillSignedIn(portal), "so is the old sign-in of this one");
    assertTrue(accounts.stillSignedIn(changed.caller()), "the session that changed it stays");
    assertEquals(401, statusOf(() -> accounts.signIn(email, "first password", CLIENT)));

    // wrong current passwords are counted like wrong sign-ins, per account and client
    String guesser = "198.51.100.77";
    int refusedAt = 0;
    for (int i = 1; i <= 10 && refusedAt == 0; i++) {
      int status =
          statusOf(
              () ->
                  accounts.changePassword(changed.caller(), "a guess", "third password", guesser));
      assertTrue(status == 401 || status == 429, "status " + status);
      refusedAt = status == 429 ? i : 0;
    }
    assertTrue(refusedAt > 1 && refusedAt <= 7, "throttled after a few wrong tries: " + refusedAt);
    accounts.signIn(email, "second password", CLIENT);
  }

  private String storedHash(Caller caller) {
    return (String)
        em.createNativeQuery("SELECT password_hash FROM photographer WHERE id = ?1")
            .setParameter(1, caller.photographerId())
            .getSingleResult();
  }

  private long storedRefreshTokens(Caller caller) {
    return ((Number)
            em.createNativeQuery(
                    "SELECT count(*) FROM refresh_token WHERE photographer_id = ?1"
                        + " AND length(token_hash) = 64")
                .setParameter(1, caller.photographerId())
                .getSingleResult())
        .longValue();
  }

  @Test
  void signInChecksThePassword() {
    String token =
        accounts.token("ADMIN@glimpse.local", "arquillian-secret", CLIENT).access().value();
    assertEquals(3, token.split("\\.").length);
    assertEquals(
        401,
        assertThrows(
                ClientError.class, () -> accounts.token("admin@glimpse.local", "wrong", CLIENT))
            .status());
    assertEquals(
        401,
        assertThrows(ClientError.class, () -> accounts.token("nobody@glimpse.local", "x", CLIENT))
            .status());
  }
}
