package app.glimpse.search.boundary;

import app.glimpse.access.boundary.Caller;
import app.glimpse.access.control.Throttle;
import app.glimpse.events.boundary.Events;
import app.glimpse.events.entity.Event;
import app.glimpse.faces.DetectedFace;
import app.glimpse.faces.FaceBox;
import app.glimpse.faces.FaceEngine;
import app.glimpse.faces.UnreadableImageException;
import app.glimpse.photos.entity.Face;
import app.glimpse.platform.ClientError;
import app.glimpse.search.control.PhotoMatch;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Selfie search: finds the faces in a selfie, picks one (the largest usable, or the one asked for),
 * and returns the event's photos that face appears in, best first, with the matching face's box.
 *
 * <p>The selfie exists only in this request's memory: it is decoded and embedded, never written to
 * a file, the database or a log. No transaction is held while the face engine works.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Search {

  @EJB Events events;
  @EJB FaceRanking ranking;
  @PersistenceContext EntityManager em;
  @Inject Throttle throttle;

  /**
   * Cosine similarity from which two faces count as the same person; calibrated on
   * ../shared/photos/deepface (docs/search.md).
   */
  @Inject
  @ConfigProperty(name = "glimpse.search.threshold", defaultValue = "0.43")
  float threshold;

  @Inject
  @ConfigProperty(name = "glimpse.search.max-results", defaultValue = "2000")
  int maxResults;

  public SearchResult search(
      @NotNull Caller caller, long eventId, @NotNull byte[] selfie, Integer faceIndex) {
    Event event = events.visibleEvent(caller, eventId);
    throttle.search(caller.subject());
    if (!event.isFaceSearch()) {
      throw new ClientError(
          403, "face_search_off", "Face search is switched off for this event's gallery.");
    }
    if (selfie.length == 0) {
      throw ClientError.badRequest("empty_selfie", "The selfie is empty: send a photo.");
    }
    List<DetectedFace> found;
    try {
      // what the detector was unsure of is not offered as a face (a cat, a pattern on a shirt)
      found =
          FaceEngine.shared().facesForSearch(selfie).stream()
              .filter(face -> !"low-score".equals(face.rejectReason()))
              .toList();
    } catch (UnreadableImageException e) {
      throw new ClientError(
          422, "unreadable_selfie", "The selfie cannot be read as a photo: " + e.getMessage());
    }
    if (found.isEmpty()) {
      throw new ClientError(
          422,
          "no_face",
          "No face was found in the selfie. Take one facing the camera, in good light, with your"
              + " face filling a good part of the picture.");
    }
    List<SearchResult.SelfieFace> faces = new ArrayList<>(found.size());
    for (int i = 0; i < found.size(); i++) {
      DetectedFace face = found.get(i);
      faces.add(
          new SearchResult.SelfieFace(
              i, box(face.box()), face.accepted(), problem(face.rejectReason())));
    }
    int used = faceIndex == null ? 0 : faceIndex;
    if (used < 0 || used >= found.size()) {
      throw ClientError.badRequest(
          "invalid_face",
          "The selfie has "
              + found.size()
              + (found.size() == 1 ? " face" : " faces")
              + "; pick one from 0 to "
              + (found.size() - 1)
              + ".");
    }
    DetectedFace query = found.get(used);
    if (!query.accepted()) {
      throw new ClientError(
          422,
          "face_unusable",
          "The face in the selfie cannot be searched with: "
              + problem(query.rejectReason())
              + ". Take another one facing the camera.");
    }
    List<PhotoMatch> ranked = ranking.rank(eventId, query.embedding(), threshold, maxResults);
    String note = null;
    if (faceIndex == null && found.size() > 1) {
      note =
          "The selfie shows "
              + found.size()
              + " faces; these are the photos of the largest one. Pick another face to search"
              + " for someone else.";
    }
    return new SearchResult(describe(ranked), faces, used, note, threshold);
  }

  private List<SearchResult.Match> describe(List<PhotoMatch> ranked) {
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
                      + " JOIN f.photo p WHERE f.id IN :ids",
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
        continue; // deleted since the view was read
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
