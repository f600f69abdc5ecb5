package app.glimpse.search.boundary;

import java.time.Instant;
import java.util.List;

/**
 * What a selfie search found.
 *
 * @param matches the photos, best first; with several selfies, each photo scored by its best match
 *     over them
 * @param faces every face found in the (first) selfie of the request, in the order a {@code face}
 *     index picks them
 * @param usedFace the index of the face of that selfie searched with
 * @param note a sentence for the guest when the choice of face needs saying, else null
 * @param selfies how many selfies the search combined (one face of each)
 */
public record SearchResult(
    List<Match> matches,
    List<SelfieFace> faces,
    int usedFace,
    String note,
    float threshold,
    int selfies) {

  /** A photo the face appears in, with the face that matched and how sure the match is. */
  public record Match(
      long photoId,
      String fileName,
      float score,
      long faceId,
      Box faceBox,
      Integer width,
      Integer height,
      Instant takenAt) {}

  /** A face of the selfie and whether it can be searched with. */
  public record SelfieFace(int index, Box box, boolean usable, String problem) {}

  /** A box in pixels of the image it lies in. */
  public record Box(float x, float y, float width, float height) {}
}
