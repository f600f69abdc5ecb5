package app.glimpse.faces.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared test photos: system property {@code glimpse.shared}, else {@code ../shared}
 * from the repository root (the working directory is the root or one of its modules).
 */
final class SharedPhotos {
  private SharedPhotos() {}

  static Path root() {
    String configured = System.getProperty("glimpse.shared");
    if (configured != null) {
      return Path.of(configured, "photos");
    }
    Path cwd = Path.of("").toAbsolutePath();
    for (Path candidate : new Path[] {cwd.resolve("../shared"), cwd.resolve("../../shared")}) {
      if (Files.isDirectory(candidate.resolve("photos"))) {
        return candidate.normalize().resolve("photos");
      }
    }
    throw new IllegalStateException("../shared/photos not found; set -Dglimpse.shared=DIR");
  }
}
