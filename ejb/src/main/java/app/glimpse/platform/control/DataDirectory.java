package app.glimpse.platform.control;

import java.nio.file.Path;

/**
 * Where Glimpse keeps its files (keys, previews, uploads): {@code glimpse.data.dir} / {@code
 * GLIMPSE_DATA_DIR}, default {@code ./data}. Read directly rather than through MicroProfile Config
 * because a config source needs it before the Config is complete.
 */
public final class DataDirectory {

  private DataDirectory() {}

  public static Path path() {
    String configured = System.getProperty("glimpse.data.dir");
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("GLIMPSE_DATA_DIR");
    }
    if (configured == null || configured.isBlank()) {
      configured = "data";
    }
    return Path.of(configured).toAbsolutePath().normalize();
  }
}
