package app.glimpse.faces.detect;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import app.glimpse.faces.FaceEngineException;
import app.glimpse.faces.model.InferenceClock;
import app.glimpse.faces.model.ModelSource;
import app.glimpse.faces.model.NativeRuntime;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * YuNet 2023mar (libfacedetection / opencv_zoo), the reference detector, selectable by
 * configuration.
 *
 * <p>The dynamic-size export runs on the whole image at once, scaled so that the smallest wanted
 * face is {@link #MIN_FACE} px and padded to a multiple of 32; a fixed-size export (e.g. 640x640)
 * gets the image letterboxed into its input instead. Input is BGR 0..255 NCHW; outputs per stride
 * 8/16/32 are class and objectness scores (score = sqrt(cls * obj)), box offsets with log sizes,
 * and five landmarks already in ArcFace order. Decoding follows OpenCV's {@code FaceDetectorYN}.
 */
public final class YuNetDetector implements FaceDetector {
  static final float MIN_FACE = 14f;
  private static final int[] STRIDES = {8, 16, 32};

  private final OrtSession session;
  private final String description;
  private final String inputName;
  private final int fixedWidth;
  private final int fixedHeight;
  private final float threshold;
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

  /** Per-thread input buffers, grown to the largest image seen. */
  private static final class Scratch {
    float[] plane = new float[0];
    FloatBuffer input = FloatBuffer.allocate(0);

    FloatBuffer input(int size) {
      if (input.capacity() < size) {
        input =
            ByteBuffer.allocateDirect(size * Float.BYTES)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
      }
      return input;
    }

    float[] plane(int size) {
      if (plane.length < size) {
        plane = new float[size];
      }
      return plane;
    }
  }

  public YuNetDetector(ModelSource model, int threads, float scoreThreshold) {
    NativeRuntime.loadOpenCv();
    this.session = NativeRuntime.openSession(model, threads);
    this.description = "yunet (" + model.description() + ")";
    this.threshold = scoreThreshold;
    try {
      this.inputName = session.getInputNames().iterator().next();
      long[] shape = ((TensorInfo) session.getInputInfo().get(inputName).getInfo()).getShape();
      this.fixedHeight = (int) shape[2];
      this.fixedWidth = (int) shape[3];
      if (!session.getOutputNames().contains("kps_8")) {
        throw new IllegalArgumentException("no kps_8 output");
      }
    } catch (OrtException | RuntimeException e) {
      close();
      throw new FaceEngineException(model.description() + " is not a YuNet model: " + e, e);
    }
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public List<FaceCandidate> detect(Mat bgr, float minFacePx, InferenceClock clock) {
    boolean fixed = fixedWidth > 0 && fixedHeight > 0;
    float scale;
    if (fixed) {
      scale = Math.min((float) fixedWidth / bgr.cols(), (float) fixedHeight / bgr.rows());
    } else {
      scale = Math.min(1f, MIN_FACE / Math.max(1f, minFacePx));
    }
    int width = Math.max(1, Math.round(bgr.cols() * scale));
    int height = Math.max(1, Math.round(bgr.rows() * scale));
    int inputWidth = fixed ? fixedWidth : (width + 31) / 32 * 32;
    int inputHeight = fixed ? fixedHeight : (height + 31) / 32 * 32;
    Mat scaled = new Mat();
    Mat padded = new Mat();
    Mat floats = new Mat();
    List<Mat> planes = new ArrayList<>(3);
    try {
      Imgproc.resize(
          bgr,
          scaled,
          new Size(width, height),
          0,
          0,
          scale < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
      Core.copyMakeBorder(
          scaled,
          padded,
          0,
          inputHeight - height,
          0,
          inputWidth - width,
          Core.BORDER_CONSTANT,
          new Scalar(0, 0, 0));
      padded.convertTo(floats, CvType.CV_32F);
      Core.split(floats, planes);
      int area = inputWidth * inputHeight;
      Scratch s = scratch.get();
      FloatBuffer input = s.input(area * 3);
      float[] plane = s.plane(area);
      input.clear();
      for (Mat p : planes) {
        p.get(0, 0, plane);
        input.put(plane, 0, area);
      }
      input.flip();
      List<FaceCandidate> found = new ArrayList<>();
      long start = System.nanoTime();
      try (OnnxTensor tensor =
              OnnxTensor.createTensor(
                  NativeRuntime.ortEnvironment(),
                  input,
                  new long[] {1, 3, inputHeight, inputWidth});
          OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
        clock.stop(start);
        for (int stride : STRIDES) {
          decodeStride(result, stride, inputWidth / stride, 1f / scale, found);
        }
      }
      return NonMaxSuppression.apply(found, 0.3f, 0.8f);
    } catch (OrtException e) {
      throw new FaceEngineException("YuNet inference failed: " + e.getMessage(), e);
    } finally {
      scaled.release();
      padded.release();
      floats.release();
      planes.forEach(Mat::release);
    }
  }

  private void decodeStride(
      OrtSession.Result result, int stride, int cols, float back, List<FaceCandidate> found) {
    FloatBuffer cls = output(result, "cls_" + stride);
    FloatBuffer obj = output(result, "obj_" + stride);
    FloatBuffer box = output(result, "bbox_" + stride);
    FloatBuffer kps = output(result, "kps_" + stride);
    int count = cls.remaining();
    for (int i = 0; i < count; i++) {
      float c = Math.max(0, Math.min(1, cls.get(i)));
      float o = Math.max(0, Math.min(1, obj.get(i)));
      float score = (float) Math.sqrt(c * o);
      if (score < threshold) {
        continue;
      }
      int col = i % cols;
      int row = i / cols;
      float cx = (col + box.get(i * 4)) * stride;
      float cy = (row + box.get(i * 4 + 1)) * stride;
      float w = (float) Math.exp(box.get(i * 4 + 2)) * stride;
      float h = (float) Math.exp(box.get(i * 4 + 3)) * stride;
      float[] points = new float[10];
      for (int k = 0; k < 5; k++) {
        points[2 * k] = (kps.get(i * 10 + 2 * k) + col) * stride * back;
        points[2 * k + 1] = (kps.get(i * 10 + 2 * k + 1) + row) * stride * back;
      }
      found.add(
          new FaceCandidate(
              (cx - w / 2) * back, (cy - h / 2) * back, w * back, h * back, score, points));
    }
  }

  private static FloatBuffer output(OrtSession.Result result, String name) {
    return ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new FaceEngineException("cannot close YuNet session", e);
    }
  }
}
