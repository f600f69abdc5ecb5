package app.glimpse.faces.detect;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import app.glimpse.faces.FaceEngineException;
import app.glimpse.faces.model.InferenceClock;
import app.glimpse.faces.model.InputBuffer;
import app.glimpse.faces.model.ModelSource;
import app.glimpse.faces.model.NativeRuntime;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * UltraFace-RFB-320 finds the faces (boxes only), BlazeFace front-128 run on a crop around each box
 * gives its landmarks.
 *
 * <p>UltraFace has a fixed 320x240 input (its priors are baked into the graph) and finds faces from
 * about 10 px of its input, at a third of the cost of a BlazeFace back-256 call on this class of
 * machine. The photo is scanned like {@link BlazeFaceDetector} does: the finest level puts the
 * smallest wanted face at {@link #MIN_FACE_IN_TILE} px, framed by {@link #MARGIN} px of mirrored
 * image and cut into 320x240 tiles overlapping by {@link #OVERLAP} px; each tile keeps the faces
 * whose centre it owns and that are no larger than the overlap; levels are {@link #LEVEL_RATIO}
 * apart and the last is the whole image, letterboxed. Every surviving box is then cut out at {@link
 * #CROP_FACTOR} times its size, scaled to 128x128, and given to the front-camera BlazeFace model:
 * its detection nearest the crop centre supplies the five landmarks (eyes, nose, mouth corners
 * placed along the eye line) and its box. A box the landmark model does not confirm is dropped
 * unless UltraFace itself is very sure ({@link #SURE_SCORE}); then the landmarks come from the box
 * at the template's proportions.
 */
public final class UltraFaceDetector implements FaceDetector {
  static final int WIDTH = 320;
  static final int HEIGHT = 240;
  static final int OVERLAP = 48;
  static final int MARGIN = 16;
  static final float LEVEL_RATIO = 4f;

  /**
   * How far below the nominal scale the finest level may go to save tiles: faces of the smallest
   * wanted size then measure {@code MIN_FACE_IN_TILE * (1 - SLACK)} px, still above the smallest
   * prior.
   */
  static final float SLACK = 0.06f;

  /** A box closer than this to an inner tile edge may be a cut face. */
  static final float EDGE = 4f;

  /**
   * Smallest face UltraFace finds reliably, in its input pixels (smallest prior is 10). Every pixel
   * more here costs tiles quadratically.
   */
  static final float MIN_FACE_IN_TILE = 11f;

  /** Side of the landmark crop, relative to the UltraFace box. */
  static final float CROP_FACTOR = 2.0f;

  /** UltraFace score above which a box the landmark model did not confirm is still kept. */
  static final float SURE_SCORE = 0.95f;

  /** Threshold of the landmark pass: the box is already known to hold a face. */
  static final float LANDMARK_SCORE = 0.3f;

  private final OrtSession session;
  private final String inputName;
  private final BlazeFaceNetwork landmarks;
  private final float threshold;
  private final String description;
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

  /** Per-thread tile buffers, reused for every tile. */
  private static final class Scratch {
    final Mat tile = new Mat(HEIGHT, WIDTH, CvType.CV_8UC3);
    final InputBuffer input = new InputBuffer(HEIGHT, WIDTH, 1, true);
  }

  /**
   * @param detector UltraFace RFB-320 ({@code fr_detect.onnx}: input [1,3,240,320] RGB (x-127)/128,
   *     outputs {@code scores} [1,n,2] and {@code boxes} [1,n,4] corner form in 0..1)
   * @param landmarkModel BlazeFace front 128x128
   */
  public UltraFaceDetector(
      ModelSource detector, ModelSource landmarkModel, int threads, float scoreThreshold) {
    NativeRuntime.loadOpenCv();
    this.threshold = scoreThreshold;
    this.session = NativeRuntime.openSession(detector, threads);
    try {
      this.inputName = session.getInputNames().iterator().next();
      long[] shape = ((TensorInfo) session.getInputInfo().get(inputName).getInfo()).getShape();
      if (shape.length != 4
          || shape[1] != 3
          || shape[2] != HEIGHT
          || shape[3] != WIDTH
          || !session.getOutputNames().contains("scores")
          || !session.getOutputNames().contains("boxes")) {
        throw new IllegalArgumentException("expected input [1,3,240,320], outputs scores, boxes");
      }
    } catch (OrtException | RuntimeException e) {
      closeSession();
      throw new FaceEngineException(
          detector.description() + " is not an UltraFace-320 model: " + e, e);
    }
    try {
      this.landmarks = new BlazeFaceNetwork(landmarkModel, threads, LANDMARK_SCORE);
    } catch (RuntimeException e) {
      closeSession();
      throw e;
    }
    this.description =
        "ultraface (" + detector.description() + " + " + landmarkModel.description() + ")";
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public List<FaceCandidate> detect(Mat bgr, float minFacePx, InferenceClock clock) {
    // both models take RGB; the channels are swapped as each input is filled
    List<FaceCandidate> found = new ArrayList<>();
    Scratch s = scratch.get();
    float scale =
        fitted(bgr.cols(), bgr.rows(), Math.min(1f, MIN_FACE_IN_TILE / Math.max(1f, minFacePx)));
    float whole = wholeScale(bgr);
    while (scale > whole) {
      Mat level = TileGrid.scaled(bgr, scale);
      try {
        scanTiles(level, scale, s, found, clock);
      } finally {
        if (level != bgr) {
          level.release();
        }
      }
      // a tiled level finds faces up to OVERLAP / scale px; the whole image takes over from there
      if (MIN_FACE_IN_TILE / whole <= OVERLAP / scale) {
        break;
      }
      scale = Math.max(whole, scale / LEVEL_RATIO);
    }
    wholeImage(bgr, s, found, clock);
    // Duplicates by overlap go first; a box inside another is only judged once both have their
    // landmarks: a tile can see the lower half of a large face (mouth and chin) as a face, more
    // surely than the whole-image pass sees the whole face, and only the landmark model tells
    // which of the two is a face (it confirms the whole face, not the half).
    List<FaceCandidate> boxes = NonMaxSuppression.apply(found, 0.3f, 1f);
    List<FaceCandidate> faces = new ArrayList<>(boxes.size());
    Set<FaceCandidate> confirmed = Collections.newSetFromMap(new IdentityHashMap<>());
    for (FaceCandidate box : boxes) {
      FaceCandidate face = confirmedLandmarks(bgr, box, clock);
      if (face != null) {
        faces.add(face);
        confirmed.add(face);
      } else if (box.score() >= SURE_SCORE) {
        faces.add(templateLandmarks(box));
      }
    }
    Comparator<FaceCandidate> confirmedFirst =
        Comparator.comparing((FaceCandidate f) -> !confirmed.contains(f))
            .thenComparing(Comparator.comparingDouble(FaceCandidate::score).reversed());
    return NonMaxSuppression.apply(faces, confirmedFirst, 0.3f, 0.8f);
  }

  private void scanTiles(
      Mat level, float scale, Scratch s, List<FaceCandidate> found, InferenceClock clock) {
    Mat framed = TileGrid.frame(level, MARGIN);
    TileGrid grid = new TileGrid(framed.cols(), framed.rows(), WIDTH, HEIGHT, OVERLAP);
    try {
      for (int ty = 0; ty < grid.rows(); ty++) {
        for (int tx = 0; tx < grid.columns(); tx++) {
          Rect copied = grid.copy(framed, tx, ty, s.tile);
          int w = copied.width;
          int h = copied.height;
          for (FaceCandidate c : run(s, clock)) {
            boolean owned = grid.owns(tx, ty, grid.x(tx) + c.centerX(), grid.y(ty) + c.centerY());
            // a face larger than the overlap may be cut by an inner tile edge: keep it only when
            // its box stays clear of those edges (it is whole), else the whole image finds it
            boolean whole =
                Math.max(c.width(), c.height()) <= OVERLAP
                    || ((tx == 0 || c.x() > EDGE)
                        && (ty == 0 || c.y() > EDGE)
                        && (tx == grid.columns() - 1 || c.x() + c.width() < w - EDGE)
                        && (ty == grid.rows() - 1 || c.y() + c.height() < h - EDGE));
            if (owned && whole) {
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

  /**
   * The scale of the finest level: {@code scale}, or down to {@link #SLACK} below it when that
   * saves a row or a column of tiles. A 4000x3000 photo decoded at half size needs 4x5 tiles at the
   * nominal scale and 4x4 at 5% less.
   */
  static float fitted(int cols, int rows, float scale) {
    float best = scale;
    int fewest = tiles(cols, rows, scale);
    float[] candidates = {
      fewerTiles(cols, WIDTH, scale), fewerTiles(rows, HEIGHT, scale), 0f,
    };
    candidates[2] = Math.min(candidates[0], candidates[1]);
    for (float candidate : candidates) {
      if (candidate >= scale * (1 - SLACK) && candidate < scale) {
        int count = tiles(cols, rows, candidate);
        if (count < fewest || (count == fewest && candidate > best)) {
          fewest = count;
          best = candidate;
        }
      }
    }
    return best;
  }

  /** Tiles over an image of {@code cols} x {@code rows} scaled by {@code scale} and framed. */
  static int tiles(int cols, int rows, float scale) {
    return TileGrid.origins(framed(cols, scale), WIDTH, OVERLAP).length
        * TileGrid.origins(framed(rows, scale), HEIGHT, OVERLAP).length;
  }

  private static int framed(int length, float scale) {
    return Math.max(1, Math.round(length * scale)) + 2 * MARGIN;
  }

  /** The largest scale at which one tile fewer covers an axis of {@code length}, or 0. */
  private static float fewerTiles(int length, int size, float scale) {
    int count = TileGrid.origins(framed(length, scale), size, OVERLAP).length;
    if (count < 2) {
      return 0f;
    }
    int covered = size + (count - 2) * (size - OVERLAP);
    // rounding in framed() may add a pixel: stay one below
    return (covered - 2 * MARGIN - 1f) / length;
  }

  /** Scale at which the whole image, framed, fits the input. */
  static float wholeScale(Mat image) {
    return Math.min(
        (float) (WIDTH - 2 * MARGIN) / image.cols(), (float) (HEIGHT - 2 * MARGIN) / image.rows());
  }

  private void wholeImage(Mat bgr, Scratch s, List<FaceCandidate> found, InferenceClock clock) {
    float scale = wholeScale(bgr);
    Mat level = TileGrid.scaled(bgr, scale);
    Mat framed = TileGrid.frame(level, MARGIN);
    s.tile.setTo(new Scalar(0, 0, 0));
    Mat target = s.tile.submat(new Rect(0, 0, framed.cols(), framed.rows()));
    framed.copyTo(target);
    target.release();
    framed.release();
    if (level != bgr) {
      level.release();
    }
    for (FaceCandidate c : run(s, clock)) {
      FaceCandidate placed = c.mapped(-MARGIN, -MARGIN, 1f / scale);
      if (TileGrid.centreInside(placed, bgr)) {
        found.add(placed);
      }
    }
  }

  /** Boxes (no landmarks yet) in tile pixels, duplicates merged. */
  private List<FaceCandidate> run(Scratch s, InferenceClock clock) {
    // the tile is BGR; the model wants RGB planes, (x - 127) / 128
    s.input.put(0, s.tile, 1 / 128.0, -127 / 128.0, true);
    FloatBuffer input = s.input.floats(1);
    List<FaceCandidate> faces = new ArrayList<>();
    long start = System.nanoTime();
    try (OnnxTensor tensor =
            OnnxTensor.createTensor(
                NativeRuntime.ortEnvironment(), input, new long[] {1, 3, HEIGHT, WIDTH});
        OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
      clock.stop(start);
      FloatBuffer scores = ((OnnxTensor) result.get("scores").orElseThrow()).getFloatBuffer();
      FloatBuffer boxes = ((OnnxTensor) result.get("boxes").orElseThrow()).getFloatBuffer();
      int count = scores.remaining() / 2;
      for (int i = 0; i < count; i++) {
        float score = scores.get(2 * i + 1);
        if (score >= threshold) {
          float x1 = boxes.get(4 * i) * WIDTH;
          float y1 = boxes.get(4 * i + 1) * HEIGHT;
          float x2 = boxes.get(4 * i + 2) * WIDTH;
          float y2 = boxes.get(4 * i + 3) * HEIGHT;
          if (x2 > x1 && y2 > y1) {
            faces.add(new FaceCandidate(x1, y1, x2 - x1, y2 - y1, score, new float[10]));
          }
        }
      }
    } catch (OrtException e) {
      throw new FaceEngineException("UltraFace inference failed: " + e.getMessage(), e);
    }
    return NonMaxSuppression.apply(faces, 0.3f, 0.8f);
  }

  /**
   * The face in {@code box} with BlazeFace landmarks, or {@code null} when the landmark model sees
   * no face there (the caller keeps a box UltraFace is sure of with template landmarks).
   */
  private FaceCandidate confirmedLandmarks(Mat bgr, FaceCandidate box, InferenceClock clock) {
    BlazeFaceNetwork.Scratch s = landmarks.scratch();
    int size = landmarks.size;
    float side = Math.max(box.width(), box.height()) * CROP_FACTOR;
    float x0 = box.centerX() - side / 2;
    float y0 = box.centerY() - side / 2;
    int ix0 = Math.max(0, (int) Math.floor(x0));
    int iy0 = Math.max(0, (int) Math.floor(y0));
    int ix1 = Math.min(bgr.cols(), (int) Math.ceil(x0 + side));
    int iy1 = Math.min(bgr.rows(), (int) Math.ceil(y0 + side));
    float k = size / side;
    int dx = Math.min(size - 1, Math.max(0, Math.round((ix0 - x0) * k)));
    int dy = Math.min(size - 1, Math.max(0, Math.round((iy0 - y0) * k)));
    int dw = Math.min(size - dx, Math.max(1, Math.round((ix1 - ix0) * k)));
    int dh = Math.min(size - dy, Math.max(1, Math.round((iy1 - iy0) * k)));
    FaceCandidate best = null;
    if (ix1 > ix0 && iy1 > iy0) {
      s.tile.setTo(new Scalar(0, 0, 0));
      Mat roi = bgr.submat(new Rect(ix0, iy0, ix1 - ix0, iy1 - iy0));
      Mat target = s.tile.submat(new Rect(dx, dy, dw, dh));
      Imgproc.resize(
          roi, target, target.size(), 0, 0, k < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
      roi.release();
      target.release();
      float kx = (float) dw / (ix1 - ix0);
      float ky = (float) dh / (iy1 - iy0);
      float centre = size / 2f;
      float bestDistance = size * 0.25f;
      for (FaceCandidate c : landmarks.run(s, true, clock)) {
        float d = (float) Math.hypot(c.centerX() - centre, c.centerY() - centre);
        if (d < bestDistance) {
          bestDistance = d;
          best = c;
        }
      }
      if (best != null) {
        float[] points = new float[10];
        for (int i = 0; i < 10; i += 2) {
          points[i] = ix0 + (best.landmarks()[i] - dx) / kx;
          points[i + 1] = iy0 + (best.landmarks()[i + 1] - dy) / ky;
        }
        return new FaceCandidate(
            ix0 + (best.x() - dx) / kx,
            iy0 + (best.y() - dy) / ky,
            best.width() / kx,
            best.height() / ky,
            // both models must agree: the cat UltraFace is sure of gets a weak landmark score
            Math.min(box.score(), best.score()),
            points);
      }
    }
    return null;
  }

  /** Landmarks where an upright frontal face has them in its UltraFace box. */
  static FaceCandidate templateLandmarks(FaceCandidate box) {
    float[] relative = {0.33f, 0.45f, 0.67f, 0.45f, 0.5f, 0.62f, 0.37f, 0.78f, 0.63f, 0.78f};
    float[] points = new float[10];
    for (int i = 0; i < 10; i += 2) {
      points[i] = box.x() + relative[i] * box.width();
      points[i + 1] = box.y() + relative[i + 1] * box.height();
    }
    return new FaceCandidate(box.x(), box.y(), box.width(), box.height(), box.score(), points);
  }

  private void closeSession() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new FaceEngineException("cannot close UltraFace session", e);
    }
  }

  @Override
  public void close() {
    closeSession();
    landmarks.close();
  }
}
