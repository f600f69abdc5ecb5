package app.glimpse.boundaries;

import static app.glimpse.boundaries.Fixtures.finished;
import static app.glimpse.boundaries.Fixtures.statusOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.events.boundary.EventView;
import app.glimpse.events.boundary.Events;
import app.glimpse.imports.boundary.ImportView;
import app.glimpse.imports.boundary.Imports;
import app.glimpse.imports.boundary.Originals;
import app.glimpse.imports.control.UploadStore;
import app.glimpse.imports.entity.ImportStatus;
import app.glimpse.people.boundary.People;
import app.glimpse.people.boundary.PersonView;
import app.glimpse.photos.boundary.Curation;
import app.glimpse.photos.boundary.PhotoPage;
import app.glimpse.photos.boundary.PhotoSets;
import app.glimpse.photos.boundary.Photos;
import app.glimpse.photos.boundary.SetView;
import app.glimpse.photos.control.Previews;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.search.boundary.Search;
import app.glimpse.search.boundary.SearchResult;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Curating an event (issue 16) in the real WAR on a real PostgreSQL and Artemis: a hidden photo is
 * gone for guests from every list, search, person, set and download and stays for staff; a deleted
 * one loses its faces, previews, sets and cover, an uploaded original goes with it, and a later
 * import of its folder leaves it out; the cover; sets made from sub-folders and by hand; and nobody
 * outside the studio can do any of it.
 */
@ExtendWith(ArquillianExtension.class)
class CurationIT {

  private static final String CLIENT = "192.0.2.40";

  @Deployment
  static WebArchive deployment() {
    File war = Path.of(System.getProperty("glimpse.dist"), "glimpse.war").toFile();
    return ShrinkWrap.createFromZipFile(WebArchive.class, war)
        .addClasses(CurationIT.class, Fixtures.class);
  }

  @EJB Events events;
  @EJB Imports imports;
  @EJB Photos photos;
  @EJB Curation curation;
  @EJB PhotoSets sets;
  @EJB Search search;
  @EJB People people;
  @EJB Originals originals;
  @EJB app.glimpse.favourites.boundary.Favourites favourites;
  @Inject UploadStore uploads;
  @Inject Previews previews;
  @PersistenceContext EntityManager em;
  @Inject UserTransaction transaction;

  private Fixtures fixtures() {
    return new Fixtures(em, transaction);
  }

  @Test
  void hiddenPhotosAreGoneForGuestsAndDeletedOnesForEveryone() throws Exception {
    String run = UUID.randomUUID().toString();
    Caller staff = fixtures().photographer("curate-" + run + "@c.test");
    Caller outsider = fixtures().photographer("outsider-" + run + "@o.test");
    EventView event = events.create(staff, "Curated", null);
    long id = event.id();
    events.setGuestAccess(staff, id, "333333", Instant.now().plusSeconds(3600), true);
    events.showPeopleToGuests(staff, id, true);
    Caller guest = events.enterGallery(event.slug(), "333333", CLIENT).caller();
    Path folder = folder("curate-" + run);
    photo(folder, "Ceremony/img10.jpg");
    photo(folder, "Ceremony/img11.jpg");
    photo(folder, "Reception/img26.jpg");
    photo(folder, "Reception/img27.jpg");
    photo(folder, "img47.jpg");
    assertCompleted(imports.importFolder(staff, id, folder.toString()).id(), staff);
    Map<String, Long> ids = ids(staff, id);
    assertEquals(5, ids.size(), ids.toString());

    // sets from the sub-folders, in the order they were met, with their photos
    List<SetView> made = sets.list(staff, id);
    assertEquals(
        List.of("Ceremony", "Reception"), made.stream().map(SetView::name).sorted().toList());
    long ceremony = made.stream().filter(s -> s.name().equals("Ceremony")).findFirst().get().id();
    assertEquals(2, count(sets.list(guest, id), "Ceremony"));
    assertEquals(
        List.of("img10.jpg", "img11.jpg"), names(photos.page(guest, id, ceremony, 0, 50).items()));

    byte[] selfie = shared("img1.jpg");
    assertEquals(List.of("img10.jpg", "img11.jpg"), found(guest, id, selfie));

    // hidden: gone for the guest everywhere, listed with hidden=true for staff
    long img10 = ids.get("img10.jpg");
    PhotoPage.Item hidden = curation.hide(staff, img10, true);
    assertTrue(hidden.hidden());
    assertEquals(4, photos.page(guest, id, 0, 50).total());
    assertFalse(names(photos.page(guest, id, 0, 50).items()).contains("img10.jpg"));
    assertEquals(5, photos.page(staff, id, 0, 50).total());
    assertTrue(
        photos.page(staff, id, 0, 50).items().stream()
            .filter(p -> p.id() == img10)
            .findFirst()
            .orElseThrow()
            .hidden());
    assertEquals(List.of("img11.jpg"), found(guest, id, selfie), "search leaves it out");
    assertEquals(
        List.of("img10.jpg", "img11.jpg"), found(staff, id, selfie), "staff still find it");
    assertEquals(1, count(sets.list(guest, id), "Ceremony"));
    assertEquals(
        List.of("img11.jpg"), names(photos.page(guest, id, ceremony, 0, 50).items()), "its set");
    assertEquals(404, statusOf(() -> originals.open(guest, id, img10)), "its download");
    assertEquals(
        1, originals.files(guest, id, List.of(img10, ids.get("img11.jpg"))).size(), "the ZIP");
    assertFalse(photos.shows(guest, id, img10), "its previews");
    assertTrue(photos.shows(staff, id, img10));
    List<PersonView> persons = people.list(guest, id);
    assertFalse(persons.isEmpty(), "people are shown to guests");
    for (PersonView person : persons) {
      assertTrue(
          person.cover() == null || photos.shows(guest, id, person.cover().photoId()),
          "a portrait from a photo the guest may see: " + person);
      assertFalse(
          names(people.photos(guest, id, person.id(), 0, 50).items()).contains("img10.jpg"),
          "a person's photos");
    }
    favourites.introduce(guest, id, "Guest of the curated day", null);
    assertEquals(404, statusOf(() -> favourites.heart(guest, id, img10)), "no heart on it");
    assertEquals(1, curation.hide(staff, id, List.of(img10, 987654321L), false), "bulk, own only");
    favourites.heart(guest, id, img10);
    curation.hide(staff, img10, true);
    assertEquals(List.of(), favourites.own(guest, id).photoIds(), "left out of the guest's list");
    curation.hide(staff, img10, false);
    assertEquals(List.of(img10), favourites.own(guest, id).photoIds(), "back when shown");
    assertEquals(5, photos.page(guest, id, 0, 50).total(), "shown again");

    // the cover: one of the event's photos, cleared when it is deleted
    long img11 = ids.get("img11.jpg");
    assertEquals(img11, events.patch(staff, id, null, false, null, true, img11).coverPhotoId());
    assertEquals(400, statusOf(() -> events.patch(staff, id, null, false, null, true, 1L)));
    assertEquals(
        "Renamed",
        events.patch(staff, id, "Renamed", false, null, false, null).name(),
        "a rename keeps the cover");
    assertEquals(img11, events.get(staff, id).coverPhotoId());

    // deleted: faces, previews, sets and cover go; the next import of the folder leaves it out
    assertTrue(Files.exists(previews.thumbnail(id, img11)));
    curation.delete(staff, img11);
    assertEquals(404, statusOf(() -> curation.delete(staff, img11)), "deleted already");
    assertEquals(
        0L,
        em.createQuery("SELECT COUNT(f) FROM Face f WHERE f.photo.id = :p", Long.class)
            .setParameter("p", img11)
            .getSingleResult());
    assertFalse(Files.exists(previews.thumbnail(id, img11)));
    assertFalse(Files.exists(previews.preview(id, img11)));
    assertNull(events.get(staff, id).coverPhotoId());
    assertEquals(4, photos.page(staff, id, 0, 50).total());
    assertEquals(List.of("img10.jpg"), found(staff, id, selfie));
    assertEquals(1, count(sets.list(staff, id), "Ceremony"));
    assertTrue(Files.exists(folder.resolve("Ceremony/img11.jpg")), "a server folder's stays");
    ImportView again =
        finished(imports, staff, imports.importFolder(staff, id, folder.toString()).id());
    assertEquals(ImportStatus.COMPLETED, again.status(), again.toString());
    assertEquals(4, photos.page(staff, id, 0, 50).total(), "not brought back");

    // an uploaded original is removed with its photo
    String upload = imports.newUpload(staff, id);
    Path uploaded = uploads.folder(upload).resolve("upload.jpg");
    Files.copy(sharedPath("img5.jpg"), uploaded);
    assertCompleted(imports.importUpload(staff, id, upload, 1).id(), staff);
    long fromUpload = ids(staff, id).get("upload.jpg");
    curation.delete(staff, id, List.of(fromUpload));
    assertFalse(Files.exists(uploaded), "the uploaded original");

    // nobody but the studio's staff curates: 404 as for a photo that does not exist
    long img26 = ids.get("img26.jpg");
    assertEquals(404, statusOf(() -> curation.hide(outsider, img26, true)));
    assertEquals(404, statusOf(() -> curation.hide(guest, img26, true)));
    assertEquals(404, statusOf(() -> curation.delete(outsider, img26)));
    assertEquals(404, statusOf(() -> curation.delete(guest, id, List.of(img26))));
    assertEquals(404, statusOf(() -> sets.list(outsider, id)));
    assertEquals(404, statusOf(() -> sets.create(guest, id, "Mine", List.of(img26))));
    assertEquals(404, statusOf(() -> sets.delete(outsider, id, ceremony)));
    assertEquals(404, statusOf(() -> events.patch(outsider, id, null, false, null, true, img26)));
    assertEquals(5 - 1, photos.page(guest, id, 0, 50).total());
    events.delete(staff, id);
    deleteTree(folder);
  }

  @Test
  void setsAreMadeRenamedOrderedFilledAndDeletedByHand() throws Exception {
    String run = UUID.randomUUID().toString();
    Caller staff = fixtures().photographer("sets-" + run + "@s.test");
    Caller other = fixtures().photographer("other-" + run + "@s.test");
    EventView event = events.create(staff, "Sets", null);
    EventView elsewhere = events.create(other, "Elsewhere", null);
    long id = event.id();
    events.setGuestAccess(staff, id, "444444", null, true);
    Caller guest = events.enterGallery(event.slug(), "444444", CLIENT).caller();
    Path folder = folder("sets-" + run);
    for (String name : List.of("img8.jpg", "img9.jpg", "img12.jpg")) {
      photo(folder, name);
    }
    assertCompleted(imports.importFolder(staff, id, folder.toString()).id(), staff);
    Path otherFolder = folder("sets-other-" + run);
    photo(otherFolder, "img13.jpg");
    assertCompleted(
        imports.importFolder(other, elsewhere.id(), otherFolder.toString()).id(), other);
    Map<String, Long> ids = ids(staff, id);
    long foreign = ids(other, elsewhere.id()).get("img13.jpg");
    assertEquals(List.of(), sets.list(staff, id), "no sub-folders, no sets");

    SetView portraits =
        sets.create(staff, id, " Portraits ", List.of(ids.get("img8.jpg"), ids.get("img9.jpg")));
    assertEquals("Portraits", portraits.name());
    assertEquals(2, portraits.photos());
    SetView empty = sets.create(staff, id, "Details", List.of());
    assertEquals(List.of("Portraits", "Details"), names(sets.list(staff, id)));
    assertEquals(List.of("Portraits"), names(sets.list(guest, id)), "guests: no empty sets");

    sets.update(staff, id, empty.id(), "Getting ready", 0, null, null, null);
    assertEquals(List.of("Getting ready", "Portraits"), names(sets.list(staff, id)));
    SetView changed =
        sets.update(
            staff,
            id,
            portraits.id(),
            null,
            null,
            null,
            List.of(ids.get("img12.jpg"), ids.get("img8.jpg")),
            List.of(ids.get("img9.jpg")));
    assertEquals(2, changed.photos(), "added one, kept one, removed one");
    assertEquals(
        List.of("img12.jpg", "img8.jpg"),
        names(photos.page(guest, id, portraits.id(), 0, 50).items()).stream().sorted().toList());
    assertEquals(
        1,
        sets.update(staff, id, portraits.id(), null, null, List.of(ids.get("img9.jpg")), null, null)
            .photos(),
        "replaced");

    assertEquals(400, statusOf(() -> sets.create(staff, id, " ", List.of())), "a name");
    assertEquals(400, statusOf(() -> sets.create(staff, id, "x".repeat(101), List.of())));
    assertEquals(
        400, statusOf(() -> sets.create(staff, id, "Stolen", List.of(foreign))), "other event");
    assertEquals(
        404,
        statusOf(() -> photos.page(staff, id, 987654321L, 0, 50)),
        "a set that does not exist");
    long otherSet = sets.create(other, elsewhere.id(), "Theirs", List.of(foreign)).id();
    assertEquals(404, statusOf(() -> photos.page(staff, id, otherSet, 0, 50)), "another's set");
    assertEquals(
        404, statusOf(() -> sets.update(staff, id, otherSet, "Mine", null, null, null, null)));

    sets.delete(staff, id, portraits.id());
    assertEquals(List.of("Getting ready"), names(sets.list(staff, id)));
    assertEquals(3, photos.page(staff, id, 0, 50).total(), "its photos stay");
    events.delete(staff, id);
    events.delete(other, elsewhere.id());
    deleteTree(folder);
    deleteTree(otherFolder);
  }

  private List<String> found(Caller caller, long eventId, byte[] selfie) {
    SearchResult result = search.search(caller, CLIENT, eventId, selfie, null);
    return result.matches().stream().map(SearchResult.Match::fileName).sorted().toList();
  }

  private Map<String, Long> ids(Caller staff, long eventId) {
    return photos.page(staff, eventId, 0, 200).items().stream()
        .collect(Collectors.toMap(PhotoPage.Item::fileName, PhotoPage.Item::id));
  }

  private static List<String> names(List<?> items) {
    return items.stream()
        .map(
            item ->
                item instanceof PhotoPage.Item photo ? photo.fileName() : ((SetView) item).name())
        .toList();
  }

  private static long count(List<SetView> sets, String name) {
    return sets.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().photos();
  }

  private void assertCompleted(long importId, Caller staff) throws InterruptedException {
    ImportView run = finished(imports, staff, importId);
    assertEquals(ImportStatus.COMPLETED, run.status(), run.toString());
  }

  private static Path folder(String name) throws Exception {
    return Files.createDirectories(
        Path.of(System.getProperty("glimpse.data.dir"), "imports", name));
  }

  private static void photo(Path folder, String path) throws Exception {
    Path target = folder.resolve(path);
    Files.createDirectories(target.getParent());
    Files.copy(sharedPath(target.getFileName().toString()), target);
  }

  /** Removes a folder the test made: other ITs look for copies of photos in the data directory. */
  private static void deleteTree(Path folder) throws Exception {
    try (var paths = Files.walk(folder)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static Path sharedPath(String name) {
    return Path.of(System.getProperty("glimpse.shared"), "photos", "deepface", name);
  }

  private static byte[] shared(String name) throws Exception {
    return Files.readAllBytes(sharedPath(name));
  }
}
