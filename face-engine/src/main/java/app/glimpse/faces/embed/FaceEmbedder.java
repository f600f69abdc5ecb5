package app.glimpse.faces.embed;

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
import org.opencv.core.Mat;

/**
 * Turns aligned 112x112 face crops into L2-normalised 512-d embeddings with an ArcFace-format ONNX
 * model (input [n,3,112,112] RGB, (x - 127) / 128; output [n,512]).
 *
 * <p>When the model's batch dimension is free, all faces of a photo (up to {@value #MAX_BATCH}) go
 * through one inference call; the packaged model's is freed at build time. A model with a fixed
 * batch of 1 still works, one face per call.
 */
public final class FaceEmbedder implements AutoCloseable {
  /** Embedding length. */
  public static final int DIMENSIONS = 512;

  private static final int MAX_BATCH = 16;

  private final OrtSession session;
  private final String description;
  private final String inputName;
  private final boolean batched;
  private final ThreadLocal<InputBuffer> scratch;

  public FaceEmbedder(ModelSource model, int threads) {
    NativeRuntime.loadOpenCv();
    this.session = NativeRuntime.openSession(model, threads);
    this.description = model.description();
    try {
      this.inputName = session.getInputNames().iterator().next();
      long[] shape = ((TensorInfo) session.getInputInfo().get(inputName).getInfo()).getShape();
      if (shape.length != 4 || shape[1] != 3 || shape[2] != 112 || shape[3] != 112) {
        throw new IllegalArgumentException("input shape is not [n,3,112,112]");
      }
      this.batched = shape[0] < 0;
    } catch (OrtException | RuntimeException e) {
      close();
      throw new FaceEngineException(
          model.description() + " is not an ArcFace-format embedder: " + e, e);
    }
    int batch = batched ? MAX_BATCH : 1;
    this.scratch =
        ThreadLocal.withInitial(
            () -> new InputBuffer(FaceAligner.SIZE, FaceAligner.SIZE, batch, true));
  }

  /** Whether the model takes several faces per call. */
  public boolean batched() {
    return batched;
  }

  /** Model origin, for status and logs. */
  public String description() {
    return description;
  }

  /** One embedding per aligned BGR crop, in the same order. */
  public List<float[]> embed(List<Mat> alignedFaces, InferenceClock clock) {
    List<float[]> embeddings = new ArrayList<>(alignedFaces.size());
    int batch = batched ? MAX_BATCH : 1;
    try {
      for (int from = 0; from < alignedFaces.size(); from += batch) {
        List<Mat> chunk = alignedFaces.subList(from, Math.min(alignedFaces.size(), from + batch));
        embeddings.addAll(run(chunk, clock));
      }
    } catch (OrtException e) {
      throw new FaceEngineException("embedding failed: " + e.getMessage(), e);
    }
    return embeddings;
  }

  private List<float[]> run(List<Mat> faces, InferenceClock clock) throws OrtException {
    InputBuffer buffer = scratch.get();
    for (int i = 0; i < faces.size(); i++) {
      // BGR crops to RGB planes, (x - 127) / 128
      buffer.put(i, faces.get(i), 1 / 128.0, -127 / 128.0, true);
    }
    FloatBuffer input = buffer.floats(faces.size());
    long start = System.nanoTime();
    try (OnnxTensor tensor =
            OnnxTensor.createTensor(
                NativeRuntime.ortEnvironment(),
                input,
                new long[] {faces.size(), 3, FaceAligner.SIZE, FaceAligner.SIZE});
        OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
      clock.stop(start);
      FloatBuffer output = ((OnnxTensor) result.get(0)).getFloatBuffer();
      List<float[]> embeddings = new ArrayList<>(faces.size());
      for (int f = 0; f < faces.size(); f++) {
        float[] e = new float[DIMENSIONS];
        output.get(e);
        embeddings.add(normalise(e));
      }
      return embeddings;
    }
  }

  static float[] normalise(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    float inv = sum == 0 ? 0 : (float) (1 / Math.sqrt(sum));
    for (int i = 0; i < v.length; i++) {
      v[i] *= inv;
    }
    return v;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new FaceEngineException("cannot close embedder session", e);
    }
  }
}
