package app.glimpse.faces.detect;

import app.glimpse.faces.model.InferenceClock;
import app.glimpse.faces.model.ModelSource;
import app.glimpse.faces.model.NativeRuntime;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * MediaPipe BlazeFace run as an image pyramid of overlapping tiles, plus one pass of the
 * front-camera model for faces that fill much of the photo.
 *
 * <p>Untiled, BlazeFace sees a 12 MP photo at 256 px and misses every face of a group shot. Here
 * each pyramid level is framed by {@link #MARGIN} px of mirrored image (faces cut by the photo edge
 * look whole) and cut into 256x256 tiles overlapping by {@link #OVERLAP} px. The finest level is
 * chosen so that the smallest wanted face is {@link #MIN_FACE_IN_TILE} px in a tile, each next
 * level is {@link #LEVEL_RATIO} times smaller, and the last one is the whole image. A tile keeps
 * only faces whose centre lies in the part of the tile it owns (overlaps are split half and half
 * with neighbours) and, except on the last level, that are no larger than the overlap: bigger faces
 * may be cut by the tile edge and are found whole one level up. The back model misses faces larger
 * than about half its input, so the front model (trained on selfies) looks at the whole image too.
 * Both models have a fixed batch size of 1, so tiles run one by one.
 */
public final class BlazeFaceDetector implements FaceDetector {
  static final int OVERLAP = 64;

  /**
   * Smallest face the back model finds reliably, in its input pixels. Measured on the benchmark
   * photos: recall of faces under 80 px stayed 1.0 down to 10 and fell to 0.83 at 8; every pixel
   * more here costs tiles quadratically.
   */
  static final float MIN_FACE_IN_TILE = 10f;

  static final float LEVEL_RATIO = 2.5f;
  static final int MARGIN = 32;

  private final BlazeFaceNetwork back;
  private final BlazeFaceNetwork front;
  private final String description;

  /**
   * @param backModel the 256x256 back-camera model (tiles)
   * @param frontModel the 128x128 front-camera model (whole image), or {@code null} to skip that
   *     pass
   */
  public BlazeFaceDetector(
      ModelSource backModel, ModelSource frontModel, int threads, float scoreThreshold) {
    NativeRuntime.loadOpenCv();
    this.back = new BlazeFaceNetwork(backModel, threads, scoreThreshold);
    BlazeFaceNetwork frontNetwork = null;
    try {
      frontNetwork =
          frontModel == null ? null : new BlazeFaceNetwork(frontModel, threads, scoreThreshold);
    } catch (RuntimeException e) {
      back.close();
      throw e;
    }
    this.front = frontNetwork;
    this.description =
        "blazeface ("
            + backModel.description()
            + (frontModel == null ? "" : " + " + frontModel.description())
            + ")";
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public List<FaceCandidate> detect(Mat bgr, float minFacePx, InferenceClock clock) {
    Mat rgb = new Mat();
    Imgproc.cvtColor(bgr, rgb, Imgproc.COLOR_BGR2RGB);
    List<FaceCandidate> found = new ArrayList<>();
    try {
      int longSide = Math.max(rgb.cols(), rgb.rows());
      int size = back.size;
      float scale = Math.min(1f, MIN_FACE_IN_TILE / Math.max(1f, minFacePx));
      while (longSide * scale > size - 2 * MARGIN) {
        Mat level = TileGrid.scaled(rgb, scale);
        try {
          scanTiles(level, scale, found, clock);
        } finally {
          if (level != rgb) {
            level.release();
          }
        }
        scale /= LEVEL_RATIO;
      }
      wholeImage(back, rgb, found, clock);
      List<FaceCandidate> faces = NonMaxSuppression.apply(found, 0.3f, 0.8f);
      if (front == null) {
        return faces;
      }
      List<FaceCandidate> large = new ArrayList<>();
      wholeImage(front, rgb, large, clock);
      return NonMaxSuppression.addMissing(faces, large, 0.3f, 0.8f);
    } finally {
      rgb.release();
    }
  }

  /** The whole image fitted inside the network's input, framed by the margin. */
  private static void wholeImage(
      BlazeFaceNetwork network, Mat rgb, List<FaceCandidate> found, InferenceClock clock) {
    int margin = MARGIN * network.size / 256;
    float scale = (float) (network.size - 2 * margin) / Math.max(rgb.cols(), rgb.rows());
    Mat level = TileGrid.scaled(rgb, scale);
    Mat framed = TileGrid.frame(level, margin);
    BlazeFaceNetwork.Scratch s = network.scratch();
    s.tile.setTo(new Scalar(0, 0, 0));
    Mat target = s.tile.submat(new Rect(0, 0, framed.cols(), framed.rows()));
    framed.copyTo(target);
    target.release();
    framed.release();
    if (level != rgb) {
      level.release();
    }
    for (FaceCandidate c : network.run(s, false, clock)) {
      FaceCandidate placed = c.mapped(-margin, -margin, 1f / scale);
      if (TileGrid.centreInside(placed, rgb)) {
        found.add(placed);
      }
    }
  }

  private void scanTiles(Mat level, float scale, List<FaceCandidate> found, InferenceClock clock) {
    Mat framed = TileGrid.frame(level, MARGIN);
    TileGrid grid = new TileGrid(framed.cols(), framed.rows(), back.size, back.size, OVERLAP);
    BlazeFaceNetwork.Scratch s = back.scratch();
    try {
      for (int ty = 0; ty < grid.rows(); ty++) {
        for (int tx = 0; tx < grid.columns(); tx++) {
          grid.copy(framed, tx, ty, s.tile);
          for (FaceCandidate c : back.run(s, false, clock)) {
            boolean owned = grid.owns(tx, ty, grid.x(tx) + c.centerX(), grid.y(ty) + c.centerY());
            if (owned && Math.max(c.width(), c.height()) <= OVERLAP) {
              FaceCandidate placed = c.mapped(grid.x(tx) - MARGIN, grid.y(ty) - MARGIN, 1f);
              if (TileGrid.centreInside(placed, level)) {
                found.add(placed.scaled(1f / scale));
              }
            }
          }
        }
      }
    } finally {
      framed.release();
    }
  }

  @Override
  public void close() {
    back.close();
    if (front != null) {
      front.close();
    }
  }
}
