package app.glimpse.boundaries;

import static app.glimpse.boundaries.Fixtures.finished;
import static app.glimpse.boundaries.Fixtures.statusOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.access.boundary.Accounts;
import app.glimpse.events.boundary.EventView;
import app.glimpse.events.boundary.Events;
import app.glimpse.events.entity.Event;
import app.glimpse.imports.boundary.ImportView;
import app.glimpse.imports.boundary.Imports;
import app.glimpse.imports.entity.ImportStatus;
import app.glimpse.imports.entity.PhotoImport;
import app.glimpse.imports.entity.Source;
import app.glimpse.imports.entity.SourceKind;
import app.glimpse.people.boundary.People;
import app.glimpse.people.boundary.PersonView;
import app.glimpse.photos.boundary.Photos;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import app.glimpse.search.boundary.Search;
import app.glimpse.studios.boundary.Team;
import app.glimpse.studios.boundary.TeamMember;
import app.glimpse.studios.entity.Role;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may do what, as a matrix: every use case of the boundaries on event A of studio A, times
 * {guest of A, guest of B, photographer of A, photographer of B, owner of A}, and the studio's
 * team. Only the allowed cells get through; every other one is answered 404, exactly as for an
 * event that does not exist. (Anonymous callers never reach a boundary: the REST layer refuses them
 * with 401, see GlimpseRunIT.)
 */
@ExtendWith(ArquillianExtension.class)
class AccessMatrixIT {

  /** Where the boundaries are told requests come from; wrong tries are counted per client. */
  private static final String CLIENT = "192.0.2.10";

  @Deployment
  static WebArchive deployment() {
    File war = Path.of(System.getProperty("glimpse.dist"), "glimpse.war").toFile();
    return ShrinkWrap.createFromZipFile(WebArchive.class, war)
        .addClasses(AccessMatrixIT.class, Fixtures.class);
  }

  @EJB Events events;
  @EJB Imports imports;
  @EJB Photos photos;
  @EJB Search search;
  @EJB People people;
  @EJB Team team;
  @EJB app.glimpse.photos.boundary.Curation curation;
  @EJB app.glimpse.photos.boundary.PhotoSets sets;
  @EJB Accounts accounts;
  @PersistenceContext EntityManager em;
  @Inject UserTransaction transaction;

  private Fixtures fixtures() {
    return new Fixtures(em, transaction);
  }

  @Test
  void onlyTheAllowedCallersGetThrough() throws Exception {
    String run = UUID.randomUUID().toString();
    Caller photographerA = fixtures().account("a-" + run + "@a.test", null, Role.PHOTOGRAPHER);
    Caller ownerA =
        fixtures().account("owner-" + run + "@a.test", photographerA.studioId(), Role.OWNER);
    Caller photographerB = fixtures().account("b-" + run + "@b.test", null, Role.PHOTOGRAPHER);
    EventView eventA = events.create(photographerA, "Event A", null);
    EventView eventB = events.create(photographerB, "Event B", null);
    long a = eventA.id();
    long b = eventB.id();
    events.setGuestAccess(photographerA, a, "111111", Instant.now().plusSeconds(3600), true);
    events.setGuestAccess(photographerB, b, "222222", null, true);
    events.showPeopleToGuests(photographerA, a, true);
    Caller guestA = events.enterGallery(eventA.slug(), "111111", CLIENT).caller();
    Caller guestB = events.enterGallery(eventB.slug(), "222222", CLIENT).caller();
    // photos of one person in each event, so that people and faces have ids of their own
    Path folder = photos("matrix-a-" + run, "img1.jpg", "img2.jpg", "img4.jpg");
    ImportView imported = imports.importFolder(photographerA, a, folder.toString());
    assertCompleted(imported.id(), photographerA);
    Path folderB = photos("matrix-b-" + run, "img10.jpg", "img11.jpg");
    assertCompleted(imports.importFolder(photographerB, b, folderB.toString()).id(), photographerB);
    long personA = person(photographerA, a);
    long personB = person(photographerB, b);
    long faceA = faceOf(personA);
    long faceB = faceOf(personB);
    byte[] selfie =
        Files.readAllBytes(
            Path.of(System.getProperty("glimpse.shared"), "photos", "deepface", "img1.jpg"));

    Map<String, Caller> callers = new LinkedHashMap<>();
    callers.put("guest of A", guestA);
    callers.put("guest of B", guestB);
    callers.put("photographer of A", photographerA);
    callers.put("photographer of B", photographerB);
    callers.put("owner of A", ownerA);
    Set<String> staff = Set.of("photographer of A", "owner of A");
    Set<String> everyoneOfA = Set.of("guest of A", "photographer of A", "owner of A");

    Map<String, Use> uses = new LinkedHashMap<>();
    uses.put("read the event", new Use(everyoneOfA, c -> events.get(c, a)));
    uses.put("list its photos", new Use(everyoneOfA, c -> photos.page(c, a, 0, 10)));
    uses.put(
        "search it with a selfie",
        new Use(everyoneOfA, c -> search.search(c, CLIENT, a, selfie, null)));
    uses.put("list its people", new Use(everyoneOfA, c -> people.list(c, a)));
    uses.put(
        "list a person's photos", new Use(everyoneOfA, c -> people.photos(c, a, personA, 0, 10)));
    uses.put("rename a person", new Use(staff, c -> people.update(c, a, personA, "Dee", false)));
    uses.put(
        "merge a person into itself",
        new Use(staff, c -> people.merge(c, a, personA, List.of(personA))));
    uses.put("move a face", new Use(staff, c -> people.move(c, a, personA, List.of(faceA))));
    // another event's ids through event A: refused to everyone, staff of A included
    Set<String> nobody = Set.of();
    uses.put(
        "list B's person's photos through A",
        new Use(nobody, c -> people.photos(c, a, personB, 0, 10)));
    uses.put(
        "rename B's person through A",
        new Use(nobody, c -> people.update(c, a, personB, "Stolen", false)));
    uses.put(
        "merge B's person into A's",
        new Use(nobody, c -> people.merge(c, a, personA, List.of(personB))));
    uses.put(
        "move B's face into A's person",
        new Use(nobody, c -> people.move(c, a, personA, List.of(faceB))));
    uses.put(
        "move B's face to a new person of A",
        new Use(nobody, c -> people.move(c, a, null, List.of(faceB))));
    uses.put("rename it", new Use(staff, c -> events.update(c, a, "Event A", null)));
    long photoA = photos.page(photographerA, a, 0, 1).items().get(0).id();
    long photoB = photos.page(photographerB, b, 0, 1).items().get(0).id();
    long setA = sets.create(photographerA, a, "Set A", List.of(photoA)).id();
    long setB = sets.create(photographerB, b, "Set B", List.of(photoB)).id();
    uses.put("list its sets", new Use(everyoneOfA, c -> sets.list(c, a)));
    uses.put("list a set's photos", new Use(everyoneOfA, c -> photos.page(c, a, setA, 0, 10)));
    uses.put("make a set", new Use(staff, c -> sets.create(c, a, "Made", List.of(photoA))));
    uses.put(
        "rename a set",
        new Use(staff, c -> sets.update(c, a, setA, "Set A", null, null, null, null)));
    uses.put("hide a photo", new Use(staff, c -> curation.hide(c, photoA, false)));
    uses.put("hide photos", new Use(staff, c -> curation.hide(c, a, List.of(photoA), false)));
    uses.put(
        "choose its cover",
        new Use(staff, c -> events.patch(c, a, null, false, null, true, photoA)));
    // a photo is curated by its own studio's staff only (B's photographer here: the matrix's "B")
    Set<String> staffOfB = Set.of("photographer of B");
    uses.put("hide B's photo", new Use(staffOfB, c -> curation.hide(c, photoB, false)));
    uses.put("delete B's photo", new Use(staffOfB, c -> run(() -> curation.delete(c, photoB))));
    uses.put(
        "list B's set's photos through A", new Use(nobody, c -> photos.page(c, a, setB, 0, 10)));
    uses.put(
        "rename B's set through A",
        new Use(nobody, c -> sets.update(c, a, setB, "Stolen", null, null, null, null)));
    uses.put("delete B's set through A", new Use(nobody, c -> run(() -> sets.delete(c, a, setB))));
    uses.put(
        "set its guest access",
        new Use(staff, c -> events.setGuestAccess(c, a, "111111", null, true)));
    uses.put(
        "change its guest access, keeping the code",
        new Use(staff, c -> events.changeGuestAccess(c, a, null, true)));
    uses.put("show its people", new Use(staff, c -> events.showPeopleToGuests(c, a, true)));
    uses.put("list the import roots", new Use(staff, c -> imports.importRoots(c, a)));
    uses.put(
        "list server folders",
        new Use(staff, c -> imports.serverFolders(c, a, folder.getParent().toString())));
    uses.put("import a folder", new Use(staff, c -> imports.importFolder(c, a, folder.toString())));
    uses.put("read an import", new Use(staff, c -> imports.get(c, imported.id())));
    uses.put("read its failures", new Use(staff, c -> imports.failures(c, imported.id())));
    // each caller's stop meets a running import, and each restart a stopped one
    uses.put("stop an import", new Use(staff, c -> imports.stop(c, running(a, folder))));
    uses.put(
        "restart an import",
        new Use(staff, c -> imports.restart(c, stopped(photographerA, a, folder))));
    uses.put("upload to it", new Use(staff, c -> imports.newUpload(c, a)));
    uses.put("regroup its people", new Use(staff, c -> people.regroup(c, a)));
    uses.put("delete its face data", new Use(staff, c -> run(() -> people.deleteFaceData(c, a))));

    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Use> use : uses.entrySet()) {
      for (Map.Entry<String, Caller> caller : callers.entrySet()) {
        boolean allowed = use.getValue().allowed().contains(caller.getKey());
        String cell = caller.getKey() + " / " + use.getKey();
        try {
          use.getValue().call().apply(caller.getValue());
          if (!allowed) {
            wrong.add(cell + ": got through");
          }
        } catch (ClientError e) {
          if (allowed) { // an allowed cell must succeed, not fail in some other way
            wrong.add(cell + ": failed with " + e.status() + " " + e.getMessage());
          } else if (e.status() != 404) {
            wrong.add(cell + ": " + e.status() + " instead of 404 (" + e.getMessage() + ")");
          }
        }
      }
    }
    for (Caller outsider : List.of(guestA, guestB, photographerB)) {
      try {
        events.delete(outsider, a);
        wrong.add(outsider.subject() + " deleted the event");
      } catch (ClientError e) {
        if (e.status() != 404) {
          wrong.add(outsider.subject() + " / delete: " + e.status());
        }
      }
    }
    events.delete(ownerA, a);
    assertEquals(List.of(), wrong);
    assertEquals(404, statusOf(() -> events.get(photographerA, a)), "deleted");
  }

  /**
   * A guest's pass (the gallery's, or the token's claims) works only while access stays as it was
   * when they entered: a new code, closing the gallery or the expiry passing lets them out; the
   * same code again, with another expiry or face search switch, keeps them in.
   */
  @Test
  void guestsAreLetOutWhenAccessChangesClosesOrExpires() throws Exception {
    String run = UUID.randomUUID().toString();
    Caller photographer = fixtures().photographer("revoke-" + run + "@r.test");
    EventView event = events.create(photographer, "Revoked", null);
    long id = event.id();
    events.setGuestAccess(photographer, id, "first-code", null, true);
    Events.GuestPass firstPass = events.enterGallery(event.slug(), "first-code", CLIENT);
    Caller first = firstPass.caller();
    assertEquals(200, statusOf(() -> photos.page(first, id, 0, 10)));

    events.setGuestAccess(photographer, id, " first-code ", Instant.now().plusSeconds(600), false);
    assertEquals(200, statusOf(() -> events.get(first, id)), "same code: still in");
    assertTrue(events.admits(first, id));

    events.setGuestAccess(photographer, id, "second-code", null, true);
    assertEquals(404, statusOf(() -> events.get(first, id)), "new code");
    assertEquals(404, statusOf(() -> photos.page(first, id, 0, 10)), "new code");
    assertEquals(404, statusOf(() -> people.list(first, id)), "new code");
    assertFalse(events.admits(firstPass.caller(), id), "the gallery's pass ends too");
    assertEquals(401, statusOf(() -> events.enterGallery(event.slug(), "first-code", CLIENT)));
    Caller second = events.enterGallery(event.slug(), "second-code", CLIENT).caller();
    assertEquals(200, statusOf(() -> events.get(second, id)));

    events.closeGuestAccess(photographer, id);
    assertEquals(404, statusOf(() -> events.get(second, id)), "closed");
    assertFalse(events.get(photographer, id).guestAccess());
    assertEquals(401, statusOf(() -> events.enterGallery(event.slug(), "second-code", CLIENT)));
    events.setGuestAccess(photographer, id, "second-code", null, true);
    assertEquals(404, statusOf(() -> events.get(second, id)), "reopened with the same code");
    Caller third = events.enterGallery(event.slug(), "second-code", CLIENT).caller();
    assertEquals(200, statusOf(() -> events.get(third, id)));

    fixtures()
        .inTransaction(
            () ->
                em.createNativeQuery(
                        "UPDATE event SET access_expires_at = now() - interval '1 second'"
                            + " WHERE id = ?1")
                    .setParameter(1, id)
                    .executeUpdate());
    assertEquals(404, statusOf(() -> events.get(third, id)), "expired");
    assertEquals(
        404, statusOf(() -> search.search(third, CLIENT, id, new byte[] {1}, null)), "expired");
    assertFalse(events.admits(third, id));
    assertEquals(404, statusOf(() -> events.closeGuestAccess(third, id)), "guests cannot close");
    Caller unversioned = new Caller("guest", null, id, Set.of(Caller.GUEST));
    events.setGuestAccess(photographer, id, "second-code", null, true);
    assertEquals(404, statusOf(() -> events.get(unversioned, id)), "no access generation");
    events.delete(photographer, id);
  }

  /**
   * The team of a studio: only its owner lists, adds and removes its photographers; a photographer
   * of the studio, a guest and the owner of another studio get 404. An owner cannot remove
   * themselves. A photographer the owner adds signs in with the generated password, sees the
   * studio's events and changes the password; a removed one is signed out.
   */
  @Test
  void onlyTheOwnerManagesTheStudiosPhotographers() throws Exception {
    String run = UUID.randomUUID().toString();
    Caller ownerA = fixtures().account("team-owner-" + run + "@a.test", null, Role.OWNER);
    Caller photographerA =
        fixtures().account("team-a-" + run + "@a.test", ownerA.studioId(), Role.PHOTOGRAPHER);
    Caller leaving =
        fixtures().account("team-leaving-" + run + "@a.test", ownerA.studioId(), Role.PHOTOGRAPHER);
    Caller ownerB = fixtures().account("team-owner-" + run + "@b.test", null, Role.OWNER);
    Caller photographerB =
        fixtures().account("team-b-" + run + "@b.test", ownerB.studioId(), Role.PHOTOGRAPHER);
    EventView eventA = events.create(photographerA, "Team event", null);
    events.setGuestAccess(photographerA, eventA.id(), "333333", null, true);
    Caller guestA = events.enterGallery(eventA.slug(), "333333", CLIENT).caller();

    Map<String, Caller> outsiders = new LinkedHashMap<>();
    outsiders.put("photographer of A", photographerA);
    outsiders.put("photographer of B", photographerB);
    outsiders.put("guest of A", guestA);
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Caller> outsider : outsiders.entrySet()) {
      Caller c = outsider.getValue();
      expect404(wrong, outsider.getKey() + " / list the team", () -> team.list(c));
      expect404(
          wrong,
          outsider.getKey() + " / add to the team",
          () -> team.add(c, "x-" + run + "@x.test", null, null));
      expect404(
          wrong,
          outsider.getKey() + " / remove from the team",
          () -> team.remove(c, leaving.photographerId()));
    }
    expect404(
        wrong,
        "owner of B / remove A's photographer",
        () -> team.remove(ownerB, leaving.photographerId()));
    expect404(
        wrong, "owner of B / remove A's owner", () -> team.remove(ownerB, ownerA.photographerId()));
    assertEquals(List.of(), wrong);

    List<Long> teamA = team.list(ownerA).stream().map(TeamMember::id).toList();
    assertTrue(teamA.containsAll(List.of(ownerA.photographerId(), photographerA.photographerId())));
    List<Long> teamB = team.list(ownerB).stream().map(TeamMember::id).toList();
    assertFalse(teamB.contains(photographerA.photographerId()), "owner of B sees A's people");
    long addedByB = team.add(ownerB, "team-new-" + run + "@b.test", null, null).member().id();
    assertTrue(team.list(ownerB).stream().anyMatch(m -> m.id() == addedByB));
    assertFalse(team.list(ownerA).stream().anyMatch(m -> m.id() == addedByB), "added to B only");

    assertEquals(409, statusOf(() -> team.remove(ownerA, ownerA.photographerId())), "self");
    assertTrue(accounts.stillSignedIn(leaving));
    team.remove(ownerA, leaving.photographerId());
    assertFalse(accounts.stillSignedIn(leaving), "a removed photographer is signed out");
    assertFalse(team.list(ownerA).stream().anyMatch(m -> m.id() == leaving.photographerId()));
    assertTrue(accounts.stillSignedIn(ownerA));

    String email = "team-joins-" + run + "@a.test";
    Team.Added joined = team.add(ownerA, email, "New Photographer", null);
    String generated = joined.generatedPassword();
    assertTrue(generated != null && generated.length() >= 16, "a password is generated");
    assertEquals("photographer", joined.member().role());
    Caller newcomer = accounts.signIn(email.toUpperCase(), generated, CLIENT).caller();
    assertEquals(ownerA.studioId(), newcomer.studioId());
    assertTrue(events.list(newcomer).stream().anyMatch(e -> e.id() == eventA.id()));
    assertEquals(404, statusOf(() -> team.list(newcomer)), "a photographer, not an owner");
    accounts.changePassword(newcomer, generated, "my own password", CLIENT);
    assertEquals(401, statusOf(() -> accounts.signIn(email, generated, CLIENT)));
    accounts.signIn(email, "my own password", CLIENT);
    assertEquals(
        null,
        team.add(ownerA, "team-set-" + run + "@a.test", null, "chosen password")
            .generatedPassword());
    accounts.signIn("team-set-" + run + "@a.test", "chosen password", CLIENT);
    assertEquals(409, statusOf(() -> team.add(ownerA, email, null, null)), "e-mail taken");
    assertEquals(400, statusOf(() -> team.add(ownerA, "not an address", null, null)));
    events.delete(ownerA, eventA.id());
  }

  /** A folder of the data directory holding {@code names} of the deepface photos. */
  private static Path photos(String name, String... names) throws Exception {
    Path folder =
        Files.createDirectories(Path.of(System.getProperty("glimpse.data.dir"), "imports", name));
    Path deepface = Path.of(System.getProperty("glimpse.shared"), "photos", "deepface");
    for (String photo : names) {
      Files.copy(deepface.resolve(photo), folder.resolve(photo));
    }
    return folder;
  }

  private void assertCompleted(long importId, Caller staff) throws InterruptedException {
    ImportView run = finished(imports, staff, importId);
    assertEquals(ImportStatus.COMPLETED, run.status(), run.toString());
  }

  /** The event's one person, once the faces of its import are grouped. */
  private long person(Caller staff, long eventId) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      List<PersonView> found = people.list(staff, eventId);
      if (!found.isEmpty()) {
        return found.get(0).id();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no person in event " + eventId);
  }

  private long faceOf(long personId) {
    return em.createQuery("SELECT f.id FROM Face f WHERE f.personId = :p", Long.class)
        .setParameter("p", personId)
        .setMaxResults(1)
        .getSingleResult();
  }

  /**
   * A new import of {@code folder} in the event, recorded as running; its job execution does not
   * exist, as when the listing has ended.
   */
  private long running(long eventId, Path folder) {
    try {
      return fixtures()
          .inTransaction(
              () -> {
                Event event = em.find(Event.class, eventId);
                Source source =
                    em.createNamedQuery(Source.FIND, Source.class)
                        .setParameter("eventId", eventId)
                        .setParameter("kind", SourceKind.FOLDER)
                        .setParameter("location", folder.toRealPath().toString())
                        .getSingleResult();
                PhotoImport run = new PhotoImport(event, source);
                em.persist(run);
                run.started(999_999_999L);
                em.flush();
                return run.getId();
              });
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A running import of {@code folder}, stopped by {@code staff}. */
  private long stopped(Caller staff, long eventId, Path folder) {
    long id = running(eventId, folder);
    assertEquals(ImportStatus.STOPPED, imports.stop(staff, id).status());
    return id;
  }

  private static void expect404(List<String> wrong, String cell, Runnable call) {
    int status = statusOf(call);
    if (status != 404) {
      wrong.add(cell + ": " + status + " instead of 404");
    }
  }

  private record Use(Set<String> allowed, Function<Caller, Object> call) {}

  private static Object run(Runnable work) {
    work.run();
    return null;
  }
}
