package app.glimpse.faces.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import app.glimpse.faces.FaceEngineException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opencv.core.Core;

/**
 * Loads the native parts (OpenCV, ONNX Runtime) once per JVM and opens ONNX Runtime sessions.
 *
 * <p>A JNI library can belong to one class loader only, so on the app server these jars sit on the
 * JVM-wide classpath and this class makes sure the loading happens once, however many engines are
 * built.
 */
public final class NativeRuntime {
  private static final Logger LOG = Logger.getLogger(NativeRuntime.class.getName());
  private static volatile boolean openCvLoaded;

  private NativeRuntime() {}

  /** Loads OpenCV's native library if this JVM has not done so yet. */
  public static void loadOpenCv() {
    if (openCvLoaded) {
      return;
    }
    synchronized (NativeRuntime.class) {
      if (!openCvLoaded) {
        try {
          nu.pattern.OpenCV.loadLocally();
        } catch (LinkageError | RuntimeException e) {
          throw new FaceEngineException("OpenCV native library does not load: " + e, e);
        }
        openCvLoaded = true;
        LOG.log(Level.FINE, "OpenCV {0} loaded", Core.VERSION);
      }
    }
  }

  /** The JVM-wide ONNX Runtime environment, logging only errors. */
  public static OrtEnvironment ortEnvironment() {
    try {
      return OrtEnvironment.getEnvironment(
          OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "glimpse-faces");
    } catch (LinkageError | RuntimeException e) {
      throw new FaceEngineException("ONNX Runtime native library does not load: " + e, e);
    }
  }

  /** A CPU session for {@code model}; sessions are thread-safe and meant to be shared. */
  public static OrtSession openSession(ModelSource model, int intraOpThreads) {
    OrtEnvironment env = ortEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(intraOpThreads);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      OrtSession session = env.createSession(model.bytes(), options);
      LOG.log(Level.INFO, "Loaded face model {0}", model.description());
      return session;
    } catch (OrtException e) {
      throw new FaceEngineException("cannot open model " + model.description() + ": " + e, e);
    }
  }
}
