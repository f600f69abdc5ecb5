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
  private static volatile OrtEnvironment environment;

  /**
   * Stack of the thread that creates the ONNX Runtime environment. Its native start-up recurses
   * deeply in proportion to the process command line: with an application server's multi-kilobyte
   * command line it overflows a default 1 MB thread stack and takes the JVM down without a trace.
   */
  private static final long INIT_STACK_BYTES = 64L << 20;

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
          LOG.log(Level.WARNING, "OpenCV''s own loader failed ({0}); extracting the library", e);
          loadOpenCvFromJar(e);
        }
        openCvLoaded = true;
        LOG.log(Level.FINE, "OpenCV {0} loaded", Core.VERSION);
      }
    }
  }

  /**
   * Loads OpenCV's Linux x86-64 library straight from the jar that holds {@code nu.pattern.OpenCV}.
   * The bundled loader reads it through a class loader stream, which a restarted application server
   * may hand out closed.
   */
  private static void loadOpenCvFromJar(Throwable cause) {
    String library = "nu/pattern/opencv/linux/x86_64/libopencv_java490.so";
    try {
      java.nio.file.Path jar =
          java.nio.file.Path.of(
              nu.pattern.OpenCV.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      java.nio.file.Path extracted = java.nio.file.Files.createTempFile("glimpse-opencv", ".so");
      extracted.toFile().deleteOnExit();
      try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile());
          java.io.InputStream in = file.getInputStream(file.getJarEntry(library))) {
        java.nio.file.Files.copy(in, extracted, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      System.load(extracted.toString());
    } catch (Exception | LinkageError e) {
      e.addSuppressed(cause);
      throw new FaceEngineException("OpenCV native library does not load: " + e, e);
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
