package app.glimpse.faces.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import app.glimpse.faces.FaceEngineException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.opencv_java;
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
  private static volatile OrtEnvironment environment;

  /**
   * Stack of the thread that creates the ONNX Runtime environment. Its native start-up recurses
   * deeply in proportion to the process command line: with an application server's multi-kilobyte
   * command line it overflows a default 1 MB thread stack and takes the JVM down without a trace.
   */
  private static final long INIT_STACK_BYTES = 64L << 20;

  private NativeRuntime() {}

  /**
   * Loads OpenCV's native libraries if this JVM has not done so yet. They come from JavaCPP's build
   * (its libjpeg-turbo has the SIMD code), extracted once into JavaCPP's cache directory ({@code
   * ~/.javacpp/cache}, or the system property {@code org.bytedeco.javacpp.cachedir}).
   */
  public static void loadOpenCv() {
    if (openCvLoaded) {
      return;
    }
    synchronized (NativeRuntime.class) {
      if (!openCvLoaded) {
        try {
          Loader.load(opencv_java.class);
        } catch (LinkageError | RuntimeException e) {
          throw new FaceEngineException("OpenCV native library does not load: " + e, e);
        }
        openCvLoaded = true;
        LOG.log(Level.FINE, "OpenCV {0} loaded", Core.VERSION);
      }
    }
  }

  /**
   * The JVM-wide ONNX Runtime environment, logging only errors. Created once, on a thread of its
   * own with a large stack (see {@link #INIT_STACK_BYTES}).
   */
  public static OrtEnvironment ortEnvironment() {
    OrtEnvironment known = environment;
    if (known != null) {
      return known;
    }
    synchronized (NativeRuntime.class) {
      if (environment == null) {
        environment = createEnvironment();
      }
      return environment;
    }
  }

  private static OrtEnvironment createEnvironment() {
    OrtEnvironment[] created = new OrtEnvironment[1];
    Throwable[] failure = new Throwable[1];
    Thread init =
        new Thread(
            null,
            () -> {
              try {
                created[0] =
                    OrtEnvironment.getEnvironment(
                        OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "glimpse-faces");
              } catch (Throwable e) {
                failure[0] = e;
              }
            },
            "onnxruntime-init",
            INIT_STACK_BYTES);
    init.start();
    try {
      init.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FaceEngineException("interrupted while loading ONNX Runtime", e);
    }
    if (created[0] == null) {
      throw new FaceEngineException(
          "ONNX Runtime native library does not load: " + failure[0], failure[0]);
    }
    return created[0];
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
