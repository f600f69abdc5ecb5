package app.glimpse.search.boundary;

import app.glimpse.access.control.Throttle;
import app.glimpse.events.boundary.Events;
import app.glimpse.events.entity.Event;
import app.glimpse.faces.DetectedFace;
import app.glimpse.faces.FaceBox;
import app.glimpse.faces.FaceEngine;
import app.glimpse.faces.UnreadableImageException;
import app.glimpse.photos.boundary.Photos;
import app.glimpse.photos.entity.Face;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.platform.boundary.ClientError;
import app.glimpse.search.control.PhotoMatch;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Selfie search: finds the faces in a selfie, picks one (the largest usable, or the one asked for),
 * and returns the event's photos that face appears in, best first, with the matching face's box.
 *
 * <p>A search may combine up to {@value #MAX_SELFIES} selfies of the same guest, because one photo
 * of a face misses some of the photos that another (other light, other angle) finds: the chosen
 * face of the first selfie and the largest usable face of each further one are ranked together, and
 * a photo scores its best match over them ({@link FaceRanking#rank(long, List, float, int)}). The
 * gallery adds selfies one at a time; it hands back the faces of the earlier ones as embeddings
 * (see {@link #combine}), since their photos are gone.
 *
 * <p>The selfie exists only in this request's memory: it is decoded and embedded, never written to
 * a file, the database or a log. No transaction is held while the face engine works.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Search {

  /** Most selfies one search combines: beyond three, more photos of a face found hardly more. */
  public static final int MAX_SELFIES = 3;

  @EJB Events events;
  @EJB FaceRanking ranking;
  @PersistenceContext EntityManager em;
  @Inject Throttle throttle;
  @Inject FaceEngine engine;

  /**
   * Cosine similarity from which two faces count as the same person; unset, the one calibrated for
   * the embedder in use (0.43 for the default, 0.93 for dlib's; docs/search.md).
   */
  @Inject
  @ConfigProperty(name = "glimpse.search.threshold")
  Optional<Float> configuredThreshold;

  @Inject
  @ConfigProperty(name = "glimpse.search.max-results", defaultValue = "2000")
  int maxResults;

  /**
   * What a search found, with the face searched with from each of its selfies (earlier ones first):
   * embeddings a caller adding a further selfie later hands back to {@link #combine}. They are the
   * guest's biometric data: hold them in memory only, for as long as the search is shown.
   */
  public record Combined(SearchResult result, List<float[]> faces) {}

  /**
   * Searches with one selfie; {@code client} is the address it came from, since searches are
   * limited per guest session and per client ({@link Throttle#search}).
   */
  public SearchResult search(
      @NotNull Caller caller,
      @NotNull String client,
      long eventId,
      @NotNull byte[] selfie,
      Integer faceIndex) {
    return combine(caller, client, eventId, List.of(), List.of(selfie), faceIndex).result();
  }

  /**
   * Searches with one to {@value #MAX_SELFIES} selfies of the same person: {@code faceIndex} picks
   * the face of the first, each further selfie gives its largest usable face.
   */
  public SearchResult search(
      @NotNull Caller caller,
      @NotNull String client,
      long eventId,
      @NotNull @Size(min = 1) List<@NotNull byte[]> selfies,
      Integer faceIndex) {
    return combine(caller, client, eventId, List.of(), selfies, faceIndex).result();
  }

  /**
   * Adds {@code selfie} to a search made with the selfies whose faces are {@code earlierFaces} (as
   * an earlier {@link Combined} returned them; none for a new search, which {@code faceIndex} then
   * applies to).
   */
  public Combined combine(
      @NotNull Caller caller,
      @NotNull String client,
      long eventId,
      @NotNull List<@NotNull float[]> earlierFaces,
      @NotNull byte[] selfie,
      Integer faceIndex) {
    return combine(caller, client, eventId, earlierFaces, List.of(selfie), faceIndex);
  }

  private Combined combine(
      Caller caller,
      String client,
      long eventId,
      List<float[]> earlierFaces,
      List<byte[]> selfies,
      Integer faceIndex) {
    Event event = events.visibleEvent(caller, eventId);
    int total = earlierFaces.size() + selfies.size();
    if (total > MAX_SELFIES) {
      throw ClientError.badRequest(
          "too_many_selfies",
          "A search combines at most "
              + MAX_SELFIES
              + " selfies; this one would have "
              + total
              + ". Start a new search to use other ones.");
    }
    for (int i = 0; i < selfies.size(); i++) {
      throttle.search(caller.subject(), client); // each selfie costs the face engine's time
    }
    if (!event.isFaceSearch()) {
      throw new ClientError(
          403, "face_search_off", "Face search is switched off for this event's gallery.");
    }
    List<float[]> queries = new ArrayList<>(earlierFaces);
    List<SearchResult.SelfieFace> faces = null;
    int used = 0;
    List<String> notes = new ArrayList<>();
    for (int i = 0; i < selfies.size(); i++) {
      int number = earlierFaces.size() + i + 1;
      SelfieLabel named = new SelfieLabel(number, total);
      List<DetectedFace> found = facesIn(selfies.get(i), named);
      int index;
      if (number == 1) {
        index = chosen(found, faceIndex, named);
        if (faceIndex == null && found.size() > 1) {
          notes.add(
              total == 1
                  ? "The selfie shows "
                      + found.size()
                      + " faces; these are the photos of the largest one. Pick another face to"
                      + " search for someone else."
                  : "Selfie 1 shows "
                      + found.size()
                      + " faces; the largest one was searched with. Pick another face to search"
                      + " for someone else.");
        }
      } else {
        index = largestUsable(found, named);
        if (found.size() > 1) {
          notes.add(
              "Selfie "
                  + number
                  + " shows "
                  + found.size()
                  + " faces; the largest usable one was added.");
        }
      }
      if (i == 0) {
        faces = new ArrayList<>(found.size());
        for (int f = 0; f < found.size(); f++) {
          DetectedFace face = found.get(f);
          faces.add(
              new SearchResult.SelfieFace(
                  f, box(face.box()), face.accepted(), problem(face.rejectReason())));
        }
        used = index;
      }
      DetectedFace query = found.get(index);
      queries.add(query.embedding());
    }
    float threshold = configuredThreshold.orElseGet(engine::searchThreshold);
    List<PhotoMatch> ranked = ranking.rank(eventId, queries, threshold, maxResults);
    String note = notes.isEmpty() ? null : String.join(" ", notes);
    return new Combined(
        new SearchResult(
            describe(ranked, !caller.isStaffOf(event.getStudio().getId())),
            faces,
            used,
            note,
            threshold,
            queries.size()),
        List.copyOf(queries));
  }

  /**
   * How a selfie is named in messages: as "the selfie" in a search of one, by its number in a
   * search of several.
   */
  private record SelfieLabel(int number, int of) {

    String subject() {
      return of == 1 ? "The selfie" : "Selfie " + number;
    }

    /** {@code single} in a search of one selfie, else {@code numbered} after "Selfie n: ". */
    String about(String single, String numbered) {
      return of == 1 ? single : "Selfie " + number + ": " + numbered;
    }
  }

  /** The faces of a selfie worth offering, largest usable first; refused if there are none. */
  private List<DetectedFace> facesIn(byte[] selfie, SelfieLabel named) {
    if (selfie.length == 0) {
      throw ClientError.badRequest("empty_selfie", named.subject() + " is empty: send a photo.");
    }
    List<DetectedFace> found;
    try {
      // what the detector was unsure of is not offered as a face (a cat, a pattern on a shirt)
      found =
          engine.facesForSearch(selfie).stream()
              .filter(face -> !"low-score".equals(face.rejectReason()))
              .toList();
    } catch (UnreadableImageException e) {
      throw new ClientError(
          422,
          "unreadable_selfie",
          named.subject() + " cannot be read as a photo: " + e.getMessage());
    }
    if (found.isEmpty()) {
      throw new ClientError(
          422,
          "no_face",
          named.about("No face was found in the selfie.", "no face found.")
              + " Take one facing the camera, in good light, with your face filling a good part of"
              + " the picture.");
    }
    return found;
  }

  /** The index of the face of the first selfie to search with: the one asked for, or the first. */
  private static int chosen(List<DetectedFace> found, Integer faceIndex, SelfieLabel named) {
    int used = faceIndex == null ? 0 : faceIndex;
    if (used < 0 || used >= found.size()) {
      throw ClientError.badRequest(
          "invalid_face",
          named.about("The selfie has ", "it has ")
              + found.size()
              + (found.size() == 1 ? " face" : " faces")
              + "; pick one from 0 to "
              + (found.size() - 1)
              + ".");
    }
    DetectedFace query = found.get(used);
    if (!query.accepted()) {
      throw unusable(query, named);
    }
    return used;
  }

  /** The face a further selfie adds: its largest usable one (the engine lists those first). */
  private static int largestUsable(List<DetectedFace> found, SelfieLabel named) {
    for (int i = 0; i < found.size(); i++) {
      if (found.get(i).accepted()) {
        return i;
      }
    }
    throw unusable(found.get(0), named);
  }

  private static ClientError unusable(DetectedFace face, SelfieLabel named) {
    return new ClientError(
        422,
        "face_unusable",
        named.about(
                "The face in the selfie cannot be searched with: ",
                "the face cannot be searched with: ")
            + problem(face.rejectReason())
            + ". Take another one facing the camera.");
  }

  /** The matches, with their photos; those the photographer hid left out for a guest. */
  private List<SearchResult.Match> describe(List<PhotoMatch> ranked, boolean guest) {
    if (ranked.isEmpty()) {
      return List.of();
    }
    Map<Long, Object[]> photos = new HashMap<>();
    Map<Long, Face> faces = new HashMap<>();
    List<Long> faceIds = ranked.stream().map(PhotoMatch::faceId).toList();
    for (int from = 0; from < faceIds.size(); from += 1000) {
      List<Long> batch = faceIds.subList(from, Math.min(faceIds.size(), from + 1000));
      for (Object[] row :
          em.createQuery(
                  "SELECT f, p.id, p.fileName, p.width, p.height, p.takenAt FROM Face f"
                      + " JOIN f.photo p WHERE f.id IN :ids"
                      + (guest ? Photos.NOT_HIDDEN : ""),
                  Object[].class)
              .setParameter("ids", batch)
              .getResultList()) {
        Face face = (Face) row[0];
        faces.put(face.getId(), face);
        photos.put((Long) row[1], row);
      }
    }
    List<SearchResult.Match> matches = new ArrayList<>(ranked.size());
    for (PhotoMatch match : ranked) {
      Face face = faces.get(match.faceId());
      Object[] photo = photos.get(match.photoId());
      if (face == null || photo == null) {
        continue; // deleted since the view was read, or hidden from guests
      }
      float[] b = face.getBox();
      matches.add(
          new SearchResult.Match(
              match.photoId(),
              (String) photo[2],
              Math.round(match.score() * 1000) / 1000f,
              match.faceId(),
              new SearchResult.Box(b[0], b[1], b[2], b[3]),
              (Integer) photo[3],
              (Integer) photo[4],
              (Instant) photo[5]));
    }
    return matches;
  }

  private static SearchResult.Box box(FaceBox box) {
    return new SearchResult.Box(box.x(), box.y(), box.width(), box.height());
  }

  private static String problem(String rejectReason) {
    if (rejectReason == null) {
      return null;
    }
    return switch (rejectReason) {
      case "too-small" -> "the face is too small";
      case "low-score" -> "the face is not clear enough";
      case "blurry" -> "the face is blurred";
      case "profile" -> "the face is turned away";
      default -> rejectReason;
    };
  }
}
