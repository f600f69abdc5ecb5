package app.glimpse.faces.model;

import app.glimpse.faces.FaceEngineException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where a model's bytes come from: a file the operator configured, or the copy packaged in the jar.
 *
 * <p>Packaged models are checked against the manifest's sha256 once at load, so a corrupted jar
 * shows up in the health check rather than as silently wrong embeddings.
 *
 * @param description human-readable origin for logs and {@link app.glimpse.faces.ModelStatus}
 * @param bytes the ONNX file
 */
public record ModelSource(String description, byte[] bytes) {

  /** The configured file if given, else the packaged model {@code id}. */
  public static ModelSource resolve(Path configured, String id) {
    return configured != null ? file(configured) : packaged(id);
  }

  /** A model file on disk. */
  public static ModelSource file(Path path) {
    try {
      return new ModelSource(path.toString(), Files.readAllBytes(path));
    } catch (IOException e) {
      throw new FaceEngineException("cannot read model " + path + ": " + e.getMessage(), e);
    }
  }

  /** Model {@code id} from the jar, verified against the manifest. */
  public static ModelSource packaged(String id) {
    ModelManifest manifest = ModelManifest.packaged();
    String resource = manifest.resource(id);
    try (InputStream in = ModelSource.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new FaceEngineException(
            resource + " is not on the classpath: the build did not fetch the models");
      }
      byte[] bytes = in.readAllBytes();
      String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      // a model the build patched (packagedSha256) is checked as packaged
      String expected =
          manifest.has(id, "packagedSha256")
              ? manifest.get(id, "packagedSha256")
              : manifest.get(id, "sha256");
      if (!actual.equals(expected)) {
        throw new FaceEngineException(resource + " does not match its sha256 in models.properties");
      }
      return new ModelSource("packaged " + manifest.get(id, "file"), bytes);
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new FaceEngineException("cannot load " + resource + ": " + e.getMessage(), e);
    }
  }
}
