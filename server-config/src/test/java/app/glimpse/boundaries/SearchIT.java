package app.glimpse.boundaries;

import static app.glimpse.testing.Jpegs.withComment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.events.boundary.Events;
import app.glimpse.events.entity.Event;
import app.glimpse.imports.boundary.ImportView;
import app.glimpse.imports.boundary.Imports;
import app.glimpse.imports.entity.ImportStatus;
import app.glimpse.imports.entity.Source;
import app.glimpse.imports.entity.SourceKind;
import app.glimpse.people.boundary.People;
import app.glimpse.people.boundary.PersonView;
import app.glimpse.photos.boundary.PhotoPage;
import app.glimpse.photos.entity.Face;
import app.glimpse.photos.entity.Photo;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import app.glimpse.search.boundary.FaceRanking;
import app.glimpse.search.boundary.Search;
import app.glimpse.search.boundary.SearchResult;
import app.glimpse.search.control.PhotoMatch;
import app.glimpse.testing.Api;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Selfie search inside Payara Micro on real photos: the labelled photos of
 * ../shared/photos/deepface are imported through the real job, queue and engine, then searched with
 * each person's first photo as the selfie; the quality gate judges only the other photos (a selfie
 * never counts as its own hit).
 */
@ExtendWith(ArquillianExtension.class)
class SearchIT {

  /** Where the boundaries are told requests come from; wrong tries are counted per client. */
  private static final String CLIENT = "192.0.2.10";

  @Deployment
  static WebArchive deployment() {
    File war = Path.of(System.getProperty("glimpse.dist"), "glimpse.war").toFile();
    return ShrinkWrap.createFromZipFile(WebArchive.class, war)
        .addClasses(
            SearchIT.class,
            Fixtures.class,
            app.glimpse.testing.Jpegs.class,
            app.glimpse.testing.Api.class,
            app.glimpse.testing.Traces.class);
  }

  @EJB Events events;
  @EJB Imports imports;
  @EJB Search search;
  @EJB FaceRanking ranking;
  @EJB People people;
  @EJB app.glimpse.photos.boundary.Photos photosBoundary;
  @PersistenceContext EntityManager em;
  @Inject UserTransaction transaction;

  @Inject app.glimpse.search.control.SearchViews views;

  /** The request through which Arquillian runs the test: it tells the server's port. */
  @Inject HttpServletRequest request;

  private Fixtures fixtures() {
    return new Fixtures(em, transaction);
  }

  /** The imported deepface event, shared by the tests of this class. */
  private static Caller owner;

  private static long deepface;

  @Test
  void findsEveryPhotoOfThePersonAndNoOther() throws Exception {
    importDeepface();
    Map<String, String> identityOf = identities();
    Map<String, Set<String>> photosOf = new HashMap<>();
    identityOf.forEach(
        (file, who) -> photosOf.computeIfAbsent(who, k -> new HashSet<>()).add(file));
    int relevant = 0;
    int retrieved = 0;
    int hits = 0;
    for (Set<String> photos : photosOf.values()) {
      String selfie = photos.stream().sorted().findFirst().orElseThrow();
      SearchResult result =
          search.search(owner, CLIENT, deepface, bytes("deepface/" + selfie), null);
      List<String> returned =
          result.matches().stream()
              .map(SearchResult.Match::fileName)
              .filter(identityOf::containsKey) // unlabelled group photos are not judged
              .toList();
      assertTrue(returned.contains(selfie), selfie + " finds its own photo: " + returned);
      // held out: the selfie's own photo is in the event but is never one it must find
      List<String> found = returned.stream().filter(file -> !file.equals(selfie)).toList();
      relevant += photos.size() - 1;
      retrieved += found.size();
      hits += (int) found.stream().filter(photos::contains).count();
      for (int i = 1; i < result.matches().size(); i++) {
        assertTrue(result.matches().get(i - 1).score() >= result.matches().get(i).score());
      }
      for (SearchResult.Match match : result.matches()) {
        assertTrue(match.score() >= result.threshold(), match.toString());
        assertTrue(match.faceBox().width() > 0 && match.faceBox().x() >= 0, match.toString());
        assertTrue(match.faceBox().x() + match.faceBox().width() <= match.width() + 1);
      }
    }
    double precision = (double) hits / retrieved;
    double recall = (double) hits / relevant;
    // the targets of ./glimpse eval search (docs/search.md)
    assertTrue(precision >= 0.97, "precision " + precision + " (" + hits + "/" + retrieved + ")");
    assertTrue(recall >= 0.97, "recall " + recall + " (" + hits + "/" + relevant + ")");
  }

  @Test
  void explainsWhatItCannotSearchWith() throws Exception {
    importDeepface();
    assertError(
        422,
        "no_face",
        () -> search.search(owner, CLIENT, deepface, bytes("debian/chelsea.png"), null));
    assertError(
        422,
        "unreadable_selfie",
        () ->
            search.search(
                owner, CLIENT, deepface, "not a photo".getBytes(StandardCharsets.UTF_8), null));
    assertError(
        400, "empty_selfie", () -> search.search(owner, CLIENT, deepface, new byte[0], null));

    byte[] couple = bytes("deepface/couple.jpg");
    SearchResult largest = search.search(owner, CLIENT, deepface, couple, null);
    assertEquals(2, largest.faces().size(), largest.faces().toString());
    assertEquals(0, largest.usedFace());
    assertNotNull(largest.note());
    SearchResult second = search.search(owner, CLIENT, deepface, couple, 1);
    assertEquals(1, second.usedFace());
    assertNull(second.note());
    assertFalse(second.matches().isEmpty(), "couple.jpg itself shows the second face");
    assertTrue(
        second.matches().get(0).faceId() != largest.matches().get(0).faceId(),
        "another face, another best match");
    assertError(400, "invalid_face", () -> search.search(owner, CLIENT, deepface, couple, 2));

    Caller stranger = fixtures().photographer("stranger-" + UUID.randomUUID() + "@x.test");
    assertError(404, "not_found", () -> search.search(stranger, CLIENT, deepface, couple, null));
    events.setGuestAccess(owner, deepface, "246800", null, true);
    Caller guest = guestOfDeepface();
    assertFalse(search.search(guest, CLIENT, deepface, couple, null).matches().isEmpty());

    events.setGuestAccess(owner, deepface, "246800", null, false);
    try {
      assertError(
          403, "face_search_off", () -> search.search(guest, CLIENT, deepface, couple, null));
    } finally {
      events.setGuestAccess(owner, deepface, "246800", null, true);
    }
  }

  /**
   * Two selfies of one person make one search that finds what either finds, each photo scored by
   * its best match; the gallery's way (the first selfie's face handed back) finds the same. A
   * fourth selfie is refused, and a further selfie without a face is named in the refusal, through
   * the EJB and as JSON over HTTP.
   */
  @Test
  void combinesTheSelfiesOfOnePerson() throws Exception {
    importDeepface();
    events.setGuestAccess(owner, deepface, "246800", null, true);
    Caller guest = guestOfDeepface(); // a caller of its own: the searches count for the throttle
    byte[] first = bytes("deepface/img2.jpg");
    byte[] second = bytes("deepface/img5.jpg");
    Map<Long, Float> alone = new HashMap<>();
    Set<Long> foundByFirst = new HashSet<>();
    for (byte[] selfie : List.of(first, second)) {
      for (SearchResult.Match match :
          search.search(guest, CLIENT, deepface, selfie, null).matches()) {
        alone.merge(match.photoId(), match.score(), Math::max);
        if (selfie == first) {
          foundByFirst.add(match.photoId());
        }
      }
    }
    assertFalse(foundByFirst.isEmpty());

    SearchResult both = search.search(guest, CLIENT, deepface, List.of(first, second), null);
    assertEquals(2, both.selfies());
    assertEquals(0, both.usedFace());
    Map<Long, Float> combined = new HashMap<>();
    both.matches().forEach(match -> combined.put(match.photoId(), match.score()));
    assertEquals(alone, combined, "the union, each photo with its best score over the selfies");
    for (int i = 1; i < both.matches().size(); i++) {
      assertTrue(both.matches().get(i - 1).score() >= both.matches().get(i).score());
    }

    Search.Combined once = search.combine(guest, CLIENT, deepface, List.of(), first, null);
    assertEquals(1, once.faces().size());
    Search.Combined added = search.combine(guest, CLIENT, deepface, once.faces(), second, null);
    assertEquals(2, added.faces().size());
    assertEquals(2, added.result().selfies());
    assertEquals(
        both.matches().stream().map(SearchResult.Match::photoId).toList(),
        added.result().matches().stream().map(SearchResult.Match::photoId).toList(),
        "adding a selfie to the faces of the first finds what sending both finds");

    assertError(
        400,
        "too_many_selfies",
        () -> search.search(guest, CLIENT, deepface, List.of(first, second, first, second), null));
    assertError(
        400,
        "too_many_selfies",
        () -> {
          List<float[]> three = new ArrayList<>(added.faces());
          three.add(once.faces().get(0));
          search.combine(guest, CLIENT, deepface, three, second, null);
        });
    ClientError noFace =
        assertThrows(
            ClientError.class,
            () ->
                search.search(
                    guest, CLIENT, deepface, List.of(first, bytes("debian/chelsea.png")), null));
    assertEquals(422, noFace.status());
    assertEquals("no_face", noFace.error());
    assertTrue(noFace.getMessage().startsWith("Selfie 2: no face found"), noFace.getMessage());

    // the API, as a guest's app calls it
    Api api = new Api(path -> URI.create(base() + path));
    String token =
        Api.object(
                api.send(
                    "POST",
                    "/api/v1/guest/sessions",
                    null,
                    "{\"slug\":\""
                        + events.get(owner, deepface).slug()
                        + "\",\"code\":\"246800\"}"),
                200)
            .getString("token");
    String url = "/api/v1/events/" + deepface + "/search";
    JsonObject answer =
        Api.object(
            api.multipart(url, token, Map.of(), "selfie", Map.of("1.jpg", first, "2.jpg", second)),
            200);
    assertEquals(2, answer.getInt("selfies"));
    assertEquals(0, answer.getInt("usedFace"));
    assertFalse(answer.getJsonArray("faces").isEmpty());
    assertEquals(both.threshold(), (float) answer.getJsonNumber("threshold").doubleValue());
    Set<Long> overHttp = new HashSet<>();
    for (JsonObject match : answer.getJsonArray("matches").getValuesAs(JsonObject.class)) {
      overHttp.add(match.getJsonNumber("photoId").longValue());
      assertNotNull(match.getString("fileName"));
      assertTrue(match.containsKey("score") && match.containsKey("faceBox"), match.toString());
    }
    assertEquals(combined.keySet(), overHttp);

    JsonObject tooMany =
        Api.object(
            api.multipart(
                url,
                token,
                Map.of(),
                "selfie",
                Map.of("1.jpg", first, "2.jpg", second, "3.jpg", first, "4.jpg", second)),
            400);
    assertEquals("too_many_selfies", tooMany.getString("error"));
    assertTrue(tooMany.getString("message").contains("at most 3"), tooMany.toString());
    JsonObject faceless =
        Api.object(
            api.multipart(
                url,
                token,
                Map.of(),
                "selfie",
                Map.of("1.jpg", first, "2.png", bytes("debian/chelsea.png"))),
            422);
    assertEquals("no_face", faceless.getString("error"));
    assertTrue(faceless.getString("message").startsWith("Selfie 2: "), faceless.toString());
  }

  /** This deployment's address, as the test's own request reached it. */
  private String base() {
    return "http://127.0.0.1:" + request.getLocalPort() + request.getContextPath();
  }

  @Test
  void groupsPeopleAndKeepsThePhotographersCorrections() throws Exception {
    importDeepface();
    Map<String, String> identityOf = identities();
    List<PersonView> found = people.list(owner, deepface);
    int labelled = 0;
    int pure = 0;
    for (PersonView person : found) {
      assertTrue(person.faces() >= 2 && person.cover() != null, person.toString());
      Map<String, Integer> counts = new HashMap<>();
      for (PhotoPage.Item photo : people.photos(owner, deepface, person.id(), 0, 200).items()) {
        String who = identityOf.get(photo.fileName());
        if (who != null) {
          counts.merge(who, 1, Integer::sum);
        }
      }
      labelled += counts.values().stream().mapToInt(Integer::intValue).sum();
      pure += counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
    assertTrue(found.size() >= 13, found.toString());
    assertTrue(pure >= 0.95 * labelled, pure + " of " + labelled);

    events.setGuestAccess(owner, deepface, "246800", null, true);
    Caller guest = guestOfDeepface();
    assertError(403, "people_hidden", () -> people.list(guest, deepface));
    events.showPeopleToGuests(owner, deepface, true);
    PersonView anna = found.get(0);
    PersonView other = found.get(1);
    PersonView third = found.get(2);
    people.update(owner, deepface, third.id(), null, true);
    List<Long> seenByGuest = people.list(guest, deepface).stream().map(PersonView::id).toList();
    assertTrue(seenByGuest.contains(anna.id()) && !seenByGuest.contains(third.id()));
    assertError(404, "not_found", () -> people.photos(guest, deepface, third.id(), 0, 10));
    assertError(404, "not_found", () -> people.update(guest, deepface, anna.id(), "x", null));

    people.update(owner, deepface, anna.id(), "Anna", null);
    PersonView merged = people.merge(owner, deepface, anna.id(), List.of(other.id()));
    assertEquals(anna.faces() + other.faces(), merged.faces());
    long movedFace = merged.cover().faceId();
    PersonView split = people.move(owner, deepface, null, List.of(movedFace));
    assertEquals(1, split.faces());

    List<PersonView> again = people.regroup(owner, deepface);
    PersonView annaAgain =
        again.stream().filter(p -> p.id() == anna.id()).findFirst().orElseThrow();
    assertEquals("Anna", annaAgain.name());
    assertEquals(anna.faces() + other.faces() - 1, annaAgain.faces(), "the merge survives");
    assertTrue(again.stream().anyMatch(p -> p.id() == split.id() && p.faces() == 1));
    assertTrue(again.stream().anyMatch(p -> p.id() == third.id() && p.hidden()));
  }

  @Test
  void seesFacesOtherTransactionsAddAndRemove() throws Exception {
    Caller anna = fixtures().photographer("anna-" + UUID.randomUUID() + "@x.test");
    long eventId = events.create(anna, "Incremental", null).id();
    float[] person = unit(1);
    long first = addFace(eventId, "a.jpg", person);
    assertEquals(List.of(first), photoIds(ranking.rank(eventId, person, 0.43f, 10)));

    long second = addFace(eventId, "b.jpg", person);
    addFace(eventId, "c.jpg", unit(2));
    assertEquals(
        Set.of(first, second), Set.copyOf(photoIds(ranking.rank(eventId, person, 0.43f, 10))));
    assertEquals(3, ranking.faces(eventId));

    fixtures()
        .inTransaction(
            () ->
                em.createQuery("DELETE FROM Face f WHERE f.photo.id = :photo")
                    .setParameter("photo", second)
                    .executeUpdate());
    assertEquals(List.of(first), photoIds(ranking.rank(eventId, person, 0.43f, 10)));
    assertEquals(2, ranking.faces(eventId));

    people.deleteFaceData(anna, eventId);
    assertEquals(0, ranking.faces(eventId), "deleted face data is gone from the view");
    assertEquals(0L, count("SELECT COUNT(f) FROM Face f WHERE f.eventId = " + eventId));
    assertEquals(3, photos(anna, eventId), "the gallery stays");
    assertFalse(events.get(anna, eventId).faceSearch(), "and face search is off");
    assertError(
        403,
        "face_search_off",
        () -> search.search(anna, CLIENT, eventId, bytes("deepface/img1.jpg"), null));
    Caller stranger = fixtures().photographer("other-" + UUID.randomUUID() + "@x.test");
    assertError(404, "not_found", () -> people.deleteFaceData(stranger, eventId));
  }

  @Test
  void loadsTheFacesOfAnEventWhenAGuestEntersItsGallery() throws Exception {
    Caller anna = fixtures().photographer("warm-" + UUID.randomUUID() + "@x.test");
    long eventId = events.create(anna, "Warm", null).id();
    addFace(eventId, "a.jpg", unit(1));
    String slug = events.setGuestAccess(anna, eventId, "warm-code", null, true).slug();
    assertFalse(views.holds(eventId), "nothing loaded before anyone came");

    events.enterGallery(slug, "warm-code", CLIENT);
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!views.holds(eventId) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(
        views.holds(eventId), "the guest's arrival loaded the event's faces in the background");
  }

  /** A guest who entered the deepface event's code "246800". */
  private Caller guestOfDeepface() {
    return events.enterGallery(events.get(owner, deepface).slug(), "246800", CLIENT).caller();
  }

  private long photos(Caller caller, long eventId) {
    return photosBoundary.page(caller, eventId, 0, 10).total();
  }

  @Test
  void neverKeepsTheSelfie() throws Exception {
    importDeepface();
    String marker = "selfie-marker-" + UUID.randomUUID();
    byte[] selfie = withComment(bytes("deepface/img1.jpg"), marker);
    List<Path> places =
        List.of(
            Path.of(System.getProperty("glimpse.data.dir")),
            Path.of(System.getProperty("java.io.tmpdir")),
            Path.of(System.getProperty("user.dir")));
    long photos = count("SELECT COUNT(p) FROM Photo p");
    long faces = count("SELECT COUNT(f) FROM Face f");
    List<String> logged = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            logged.add(String.valueOf(record.getMessage()) + " " + record.getParameters());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    long before = System.currentTimeMillis() - 1000;
    SearchResult result;
    try {
      result = search.search(owner, CLIENT, deepface, selfie, null);
    } finally {
      root.removeHandler(capture);
    }
    assertFalse(result.matches().isEmpty(), "the marked selfie was searched with");
    assertEquals(photos, count("SELECT COUNT(p) FROM Photo p"));
    assertEquals(faces, count("SELECT COUNT(f) FROM Face f"));
    assertTrue(logged.stream().noneMatch(line -> line.contains(marker)), logged.toString());
    assertEquals(
        List.of(),
        app.glimpse.testing.Traces.filesHolding(marker, before, places),
        "the selfie reached");
  }

  private void importDeepface() throws Exception {
    synchronized (SearchIT.class) {
      if (owner != null) {
        return;
      }
      Caller anna = fixtures().photographer("search-" + UUID.randomUUID() + "@x.test");
      long eventId = events.create(anna, "Deepface", null).id();
      Path folder = Path.of(System.getProperty("glimpse.shared"), "photos", "deepface");
      ImportView run = imports.importFolder(anna, eventId, folder.toString());
      long deadline = System.nanoTime() + 240_000_000_000L;
      while (!run.status().isFinished() && System.nanoTime() < deadline) {
        Thread.sleep(250);
        run = imports.get(anna, run.id());
      }
      assertEquals(ImportStatus.COMPLETED, run.status(), run.toString());
      assertEquals(0, run.failed(), run.toString());
      // nobody has listed the new event's people yet: the import's completion grouped them
      String people = "SELECT COUNT(p) FROM Person p WHERE p.eventId = " + eventId;
      while (count(people) == 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertTrue(count(people) > 0, "the completed import's faces were grouped in the background");
      owner = anna;
      deepface = eventId;
    }
  }

  private long addFace(long eventId, String file, float[] embedding) throws Exception {
    return fixtures()
        .inTransaction(
            () -> {
              Event event = em.find(Event.class, eventId);
              Source source =
                  em.createQuery("SELECT s FROM Source s WHERE s.event.id = :e", Source.class)
                      .setParameter("e", eventId)
                      .getResultStream()
                      .findFirst()
                      .orElseGet(
                          () -> {
                            Source created = new Source(event, SourceKind.FOLDER, "/x", "x");
                            em.persist(created);
                            em.flush(); // photos name their source by id only: its row first
                            return created;
                          });
              Photo photo = Photo.indexed(event, source.getId(), null, file, file, "hash-" + file);
              em.persist(photo);
              em.persist(
                  new Face(
                      photo, new float[] {1, 1, 50, 50}, new float[10], 0.9f, embedding, null));
              em.flush();
              return photo.getId();
            });
  }

  private static float[] unit(int seed) {
    java.util.Random random = new java.util.Random(seed);
    float[] v = new float[512];
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
      norm += v[i] * v[i];
    }
    for (int i = 0; i < v.length; i++) {
      v[i] /= (float) Math.sqrt(norm);
    }
    return v;
  }

  private static List<Long> photoIds(List<PhotoMatch> matches) {
    return matches.stream().map(PhotoMatch::photoId).toList();
  }

  private long count(String query) {
    return em.createQuery(query, Long.class).getSingleResult();
  }

  private static Map<String, String> identities() throws IOException {
    Map<String, String> identityOf = new HashMap<>();
    for (String line :
        Files.readAllLines(
            Path.of(
                System.getProperty("glimpse.shared"), "photos", "deepface", "identities.tsv"))) {
      String[] cells = line.split("\t");
      if (cells.length == 2) {
        identityOf.put(cells[1].strip(), cells[0].strip());
      }
    }
    return identityOf;
  }

  private static byte[] bytes(String photo) throws IOException {
    return Files.readAllBytes(Path.of(System.getProperty("glimpse.shared"), "photos", photo));
  }

  private static void assertError(
      int status, String error, org.junit.jupiter.api.function.Executable call) {
    ClientError thrown = assertThrows(ClientError.class, call);
    assertEquals(status, thrown.status(), thrown.getMessage());
    assertEquals(error, thrown.error(), thrown.getMessage());
  }
}
