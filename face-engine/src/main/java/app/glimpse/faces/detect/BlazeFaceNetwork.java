package app.glimpse.faces.detect;

import ai.onnxruntime.NodeInfo;
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
import java.util.List;
import java.util.Map;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * One BlazeFace network (the 256x256 back-camera or the 128x128 front-camera model) and the
 * decoding of its raw outputs.
 *
 * <p>Both emit 896 anchors: a 16x16 grid with 2 anchors per cell, then an 8x8 grid with 6, each
 * with 16 regression values (box centre offset and size, then six keypoints: two eyes, nose tip,
 * mouth centre, two ears, in input pixels relative to the anchor centre) and one logit. BlazeFace
 * has no mouth corners, so they are placed either side of the mouth centre along the eye line at
 * the ArcFace template's proportions.
 */
final class BlazeFaceNetwork implements AutoCloseable {
  /**
   * Mouth corners sit this fraction of the eye distance either side of the mouth centre (ArcFace
   * template).
   */
  private static final float MOUTH_HALF_WIDTH = 0.414f;

  private static final float[] ANCHORS = anchors();

  final int size;
  private final OrtSession session;
  private final String inputName;
  private final String[] scoreOutputs = new String[2];
  private final String[] boxOutputs = new String[2];
  private final float logitThreshold;
  private final ThreadLocal<Scratch> scratch;

  /** Per-thread buffers, reused for every tile. */
  static final class Scratch {
    final Mat tile;
    final InputBuffer input;

    Scratch(int size) {
      tile = new Mat(size, size, CvType.CV_8UC3);
      input = new InputBuffer(size, size, 1, false);
    }
  }

  BlazeFaceNetwork(ModelSource model, int threads, float scoreThreshold) {
    this.session = NativeRuntime.openSession(model, threads);
    this.logitThreshold = (float) Math.log(scoreThreshold / (1 - scoreThreshold));
    try {
      this.inputName = session.getInputNames().iterator().next();
      long[] input = ((TensorInfo) session.getInputInfo().get(inputName).getInfo()).getShape();
      this.size = (int) input[1];
      for (Map.Entry<String, NodeInfo> output : session.getOutputInfo().entrySet()) {
        long[] shape = ((TensorInfo) output.getValue().getInfo()).getShape();
        int layer = shape[1] == 512 ? 0 : 1;
        if (shape[2] == 1) {
          scoreOutputs[layer] = output.getKey();
        } else {
          boxOutputs[layer] = output.getKey();
        }
      }
      if (input[2] != size || input[3] != 3 || scoreOutputs[1] == null || boxOutputs[1] == null) {
        throw new IllegalArgumentException("unexpected inputs or outputs");
      }
    } catch (OrtException | RuntimeException e) {
      close();
      throw new FaceEngineException(model.description() + " is not a BlazeFace model: " + e, e);
    }
    int tileSize = size;
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(tileSize));
  }

  /**
   * Anchor centres (x, y) in 0..1, ordered row by row, anchor by anchor, as the model emits them.
   */
  static float[] anchors() {
    float[] centres = new float[896 * 2];
    int i = 0;
    int[][] layers = {{16, 2}, {8, 6}};
    for (int[] layer : layers) {
      int grid = layer[0];
      for (int y = 0; y < grid; y++) {
        for (int x = 0; x < grid; x++) {
          for (int a = 0; a < layer[1]; a++) {
            centres[i++] = (x + 0.5f) / grid;
            centres[i++] = (y + 0.5f) / grid;
          }
        }
      }
    }
    return centres;
  }

  /** This thread's tile buffer: fill {@link Scratch#tile} before {@link #run}. */
  Scratch scratch() {
    return scratch.get();
  }

  /**
   * Detections in the tile's pixels, duplicates merged.
   *
   * @param bgr whether the tile is BGR (else RGB, the model's order)
   */
  List<FaceCandidate> run(Scratch s, boolean bgr, InferenceClock clock) {
    s.input.put(0, s.tile, 1 / 127.5, -1, bgr);
    FloatBuffer input = s.input.floats(1);
    List<FaceCandidate> faces = new ArrayList<>();
    long start = System.nanoTime();
    try (OnnxTensor tensor =
            OnnxTensor.createTensor(
                NativeRuntime.ortEnvironment(), input, new long[] {1, size, size, 3});
        OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
      clock.stop(start);
      int anchorBase = 0;
      for (int layer = 0; layer < 2; layer++) {
        FloatBuffer scores = output(result, scoreOutputs[layer]);
        FloatBuffer boxes = output(result, boxOutputs[layer]);
        int count = scores.remaining();
        for (int i = 0; i < count; i++) {
          float logit = scores.get(i);
          if (logit >= logitThreshold) {
            faces.add(decode(boxes, i, anchorBase + i, logit));
          }
        }
        anchorBase += count;
      }
    } catch (OrtException e) {
      throw new FaceEngineException("BlazeFace inference failed: " + e.getMessage(), e);
    }
    return NonMaxSuppression.apply(faces, 0.3f, 0.8f);
  }

  private static FloatBuffer output(OrtSession.Result result, String name) {
    return ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
  }

  private FaceCandidate decode(FloatBuffer boxes, int row, int anchor, float logit) {
    int o = row * 16;
    float ax = ANCHORS[anchor * 2] * size;
    float ay = ANCHORS[anchor * 2 + 1] * size;
    float cx = boxes.get(o) + ax;
    float cy = boxes.get(o + 1) + ay;
    float w = boxes.get(o + 2);
    float h = boxes.get(o + 3);
    float firstEyeX = boxes.get(o + 4) + ax;
    float firstEyeY = boxes.get(o + 5) + ay;
    float secondEyeX = boxes.get(o + 6) + ax;
    float secondEyeY = boxes.get(o + 7) + ay;
    float noseX = boxes.get(o + 8) + ax;
    float noseY = boxes.get(o + 9) + ay;
    float mouthX = boxes.get(o + 10) + ax;
    float mouthY = boxes.get(o + 11) + ay;
    float dx = (secondEyeX - firstEyeX) * MOUTH_HALF_WIDTH;
    float dy = (secondEyeY - firstEyeY) * MOUTH_HALF_WIDTH;
    float[] points = {
      firstEyeX,
      firstEyeY,
      secondEyeX,
      secondEyeY,
      noseX,
      noseY,
      mouthX - dx,
      mouthY - dy,
      mouthX + dx,
      mouthY + dy
    };
    float score = (float) (1 / (1 + Math.exp(-Math.max(-100, Math.min(100, logit)))));
    return new FaceCandidate(cx - w / 2, cy - h / 2, w, h, score, points);
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new FaceEngineException("cannot close BlazeFace session", e);
    }
  }
}
