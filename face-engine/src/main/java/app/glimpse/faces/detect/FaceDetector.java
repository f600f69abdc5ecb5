package app.glimpse.faces.detect;

import app.glimpse.faces.model.InferenceClock;
import java.util.List;
import org.opencv.core.Mat;

/**
 * Finds faces with five landmarks in a BGR image. Implementations are thread-safe and share one
 * ONNX Runtime session; per-thread scratch buffers avoid allocating large arrays per call.
 */
public interface FaceDetector extends AutoCloseable {

  /**
   * Detects faces.
   *
   * @param bgr 8-bit BGR image
   * @param minFacePx smallest face worth scanning for, in pixels of {@code bgr}
   * @param clock receives the time spent in inference
   * @return detections in pixels of {@code bgr}, duplicates merged, best first
   */
  List<FaceCandidate> detect(Mat bgr, float minFacePx, InferenceClock clock);

  /** Kind and model origin, for status and logs. */
  String description();

  @Override
  void close();
}
