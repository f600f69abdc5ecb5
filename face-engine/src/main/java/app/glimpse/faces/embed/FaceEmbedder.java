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
 * Turns aligned face crops into L2-normalised 512-d embeddings with an ONNX model of one of two
 * formats ({@link Format}): ArcFace (112x112 crop, input [n,3,112,112] RGB, (x - 127) / 128; output
 * [n,512]) or dlib's face recognition ResNet (150x150 face chip, input [n,3,150,150] RGB 0..255,
 * normalised inside the graph; output [n,128], lifted to 512 dimensions by {@link EmbeddingLift},
 * which keeps every cosine).
 *
 * <p>When the model's batch dimension is free, all faces of a photo (up to {@value #MAX_BATCH}) go
 * through one inference call; the packaged models' are free. A model with a fixed batch of 1 still
 * works, one face per call.
 */
public final class FaceEmbedder implements AutoCloseable {
  /** Embedding length. */
  public static final int DIMENSIONS = 512;

  private static final int MAX_BATCH = 16;

  /**
   * What a model expects and gives: its crop, the per-pixel {@code value * scale + shift} applied
   * to the RGB crop, and its output length.
   */
  public record Format(
      String name, FaceAligner.Template crop, double scale, double shift, int outputs) {
    /** ArcFace-format models, such as the packaged {@code embedder}. */
    public static final Format ARCFACE =
        new Format("ArcFace", FaceAligner.ARCFACE, 1 / 128.0, -127 / 128.0, DIMENSIONS);

    /** dlib's face recognition ResNet as converted at build time (mean and scale in the graph). */
    public static final Format DLIB = new Format("dlib", FaceAligner.DLIB, 1, 0, 128);
  }

  private final OrtSession session;
  private final String description;
  private final Format format;
  private final String inputName;
  private final boolean batched;
  private final EmbeddingLift lift;
  private final ThreadLocal<InputBuffer> scratch;

  /** An ArcFace-format embedder. */
  public FaceEmbedder(ModelSource model, int threads) {
    this(model, threads, Format.ARCFACE);
  }

  public FaceEmbedder(ModelSource model, int threads, Format format) {
    NativeRuntime.loadOpenCv();
    this.session = NativeRuntime.openSession(model, threads);
    this.description = model.description();
    this.format = format;
    int size = format.crop().size();
    try {
      this.inputName = session.getInputNames().iterator().next();
      long[] shape = ((TensorInfo) session.getInputInfo().get(inputName).getInfo()).getShape();
      if (shape.length != 4 || shape[1] != 3 || shape[2] != size || shape[3] != size) {
        throw new IllegalArgumentException("input shape is not [n,3," + size + "," + size + "]");
      }
      long[] output =
          ((TensorInfo) session.getOutputInfo().values().iterator().next().getInfo()).getShape();
      long outputs = 1;
      for (int i = 1; i < output.length; i++) {
        outputs *= output[i];
      }
      if (output.length < 2 || (outputs > 0 && outputs != format.outputs())) {
        throw new IllegalArgumentException("output shape is not [n," + format.outputs() + "]");
      }
      this.batched = shape[0] < 0;
    } catch (OrtException | RuntimeException e) {
      close();
      throw new FaceEngineException(
          model.description() + " is not a " + format.name() + "-format embedder: " + e, e);
    }
    this.lift = format.outputs() == DIMENSIONS ? null : EmbeddingLift.from(format.outputs());
    int batch = batched ? MAX_BATCH : 1;
    this.scratch = ThreadLocal.withInitial(() -> new InputBuffer(size, size, batch, true));
  }

  /** The model's format. */
  public Format format() {
    return format;
  }

  /**
   * The crop this embedder takes, of the face whose ArcFace-order {@code landmarks} are given in
   * pixels of {@code image}. The caller releases the result.
   */
  public Mat align(Mat image, float[] landmarks) {
    return FaceAligner.align(image, landmarks, format.crop());
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
      // BGR crops to RGB planes, value * scale + shift
      buffer.put(i, faces.get(i), format.scale(), format.shift(), true);
    }
    FloatBuffer input = buffer.floats(faces.size());
    int size = format.crop().size();
    long start = System.nanoTime();
    try (OnnxTensor tensor =
            OnnxTensor.createTensor(
                NativeRuntime.ortEnvironment(), input, new long[] {faces.size(), 3, size, size});
        OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
      clock.stop(start);
      FloatBuffer output = ((OnnxTensor) result.get(0)).getFloatBuffer();
      List<float[]> embeddings = new ArrayList<>(faces.size());
      for (int f = 0; f < faces.size(); f++) {
        float[] e = new float[format.outputs()];
        output.get(e);
        normalise(e);
        embeddings.add(lift == null ? e : lift.lift(e));
      }
      return embeddings;
    }
  }

  /** Scales {@code v} in place to unit length (a zero vector stays zero) and returns it. */
  public static float[] normalise(float[] v) {
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
