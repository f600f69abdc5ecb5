package app.glimpse.faces;

import java.util.List;

/**
 * One face found in a photo, with everything search and the gallery need and the reasons it may be
 * ignored.
 *
 * @param box face box in full-resolution, orientation-corrected pixels
 * @param landmarks five landmarks, ArcFace order (see {@link Landmark})
 * @param score detector confidence 0..1
 * @param accepted true when the face passed every quality gate and should be searchable
 * @param rejectReason {@code null} when accepted, else {@code too-small}, {@code low-score}, {@code
 *     blurry} or {@code profile}
 * @param sharpness variance of the Laplacian of the aligned 112x112 crop (higher is sharper)
 * @param yaw head turn estimated from the landmarks: 0 frontal, about 0.5 and more for profiles
 * @param embedding 512-d L2-normalised embedding; compare with {@link FaceEngine#cosine(float[],
 *     float[])}
 */
public record DetectedFace(
    FaceBox box,
    List<Landmark> landmarks,
    float score,
    boolean accepted,
    String rejectReason,
    float sharpness,
    float yaw,
    float[] embedding) {}
