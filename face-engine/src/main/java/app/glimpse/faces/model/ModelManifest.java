package app.glimpse.faces.model;

import app.glimpse.faces.FaceEngineException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The packaged {@code models.properties}: which npm package each model came from, its checksum and
 * how to feed it (input size, colour order, normalisation, score threshold).
 *
 * <p>The build step that fetches the models reads the same file, so the code and the build cannot
 * disagree on which model is inside the jar.
 */
public final class ModelManifest {
  /** Classpath folder holding the manifest and the packaged ONNX files. */
  public static final String RESOURCE_DIR = "app/glimpse/faces/models/";

  private static final ModelManifest PACKAGED = load();

  private final Properties properties;

  private ModelManifest(Properties properties) {
    this.properties = properties;
  }

  /** The manifest packaged in this jar. */
  public static ModelManifest packaged() {
    return PACKAGED;
  }

  private static ModelManifest load() {
    Properties properties = new Properties();
    try (InputStream in =
        ModelManifest.class
            .getClassLoader()
            .getResourceAsStream(RESOURCE_DIR + "models.properties")) {
      if (in == null) {
        throw new FaceEngineException("models.properties is missing from the classpath");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ModelManifest(properties);
  }

  /**
   * A value for model {@code id} ({@code blazeface}, {@code embedder}), e.g. {@code file}, {@code
   * sha256}.
   */
  public String get(String id, String key) {
    String value = properties.getProperty(id + "." + key);
    if (value == null) {
      throw new FaceEngineException("models.properties has no " + id + "." + key);
    }
    return value;
  }

  /** Whether the manifest has {@code key} for model {@code id}. */
  public boolean has(String id, String key) {
    return properties.getProperty(id + "." + key) != null;
  }

  /** Classpath resource name of the model's ONNX file. */
  public String resource(String id) {
    return RESOURCE_DIR + get(id, "file");
  }

  /** Score threshold the manifest recommends for the model. */
  public float scoreThreshold(String id) {
    return Float.parseFloat(get(id, "scoreThreshold"));
  }
}
