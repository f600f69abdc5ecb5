package app.glimpse.faces;

import java.util.List;

/**
 * Everything the import pipeline keeps about one photo, computed from a single decode.
 *
 * @param width width after EXIF orientation, full resolution
 * @param height height after EXIF orientation, full resolution
 * @param metadata capture time, camera, lens, GPS presence
 * @param faces every detected face: those that passed the quality gates first, each group largest
 *     first
 * @param thumbnailJpeg JPEG, longest side about {@link FaceEngineConfig#thumbnailSize()} (never
 *     upscaled); empty when previews were not asked for
 * @param previewJpeg JPEG, longest side about {@link FaceEngineConfig#previewSize()} (never
 *     upscaled); empty when previews were not asked for
 * @param times time spent per stage
 */
public record PhotoAnalysis(
    int width,
    int height,
    PhotoMetadata metadata,
    List<DetectedFace> faces,
    byte[] thumbnailJpeg,
    byte[] previewJpeg,
    StageTimes times) {

  /** Faces that passed the quality gates, i.e. the ones worth indexing for search. */
  public List<DetectedFace> acceptedFaces() {
    return faces.stream().filter(DetectedFace::accepted).toList();
  }
}
