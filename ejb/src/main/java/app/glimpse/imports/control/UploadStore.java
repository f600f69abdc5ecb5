package app.glimpse.imports.control;

import app.glimpse.platform.control.DataDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where uploaded originals are kept: they are the only copy, so unlike Drive or server-folder
 * photos they stay, under {@code glimpse.uploads.dir} (default {@code <data>/uploads}; a shared
 * volume in a cluster), one folder per event and one sub-folder per upload: {@code
 * <event>/<batch>/<file name>}.
 */
@ApplicationScoped
public class UploadStore {

  /** The root of all uploads. */
  public Path root() {
    String configured = System.getProperty("glimpse.uploads.dir");
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("GLIMPSE_UPLOADS_DIR");
    }
    return configured == null || configured.isBlank()
        ? DataDirectory.path().resolve("uploads")
        : Path.of(configured).toAbsolutePath().normalize();
  }

  /** A new, empty folder for one upload to the event; its location relative to {@link #root}. */
  public String newBatch(long eventId) {
    String location = eventId + "/" + UUID.randomUUID();
    try {
      Files.createDirectories(root().resolve(location));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the upload folder " + location, e);
    }
    return location;
  }

  /** The folder of an upload, from its location; never outside {@link #root}. */
  public Path folder(String location) {
    Path root = root();
    Path folder = root.resolve(location).normalize();
    if (!folder.startsWith(root) || folder.equals(root)) {
      throw new IllegalArgumentException("Not an upload folder: " + location);
    }
    return folder;
  }

  /**
   * A new file in the upload folder for a file the browser called {@code fileName}: the name
   * without any path, made safe, and numbered when it is taken already.
   */
  public Path newFile(Path batch, String fileName) {
    String name = safeName(fileName);
    Path file = batch.resolve(name);
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String extension = dot > 0 ? name.substring(dot) : "";
    for (int n = 2; Files.exists(file); n++) {
      file = batch.resolve(stem + "-" + n + extension);
    }
    return file;
  }

  /** Deletes everything uploaded to the event. */
  public void deleteEvent(long eventId) {
    delete(root().resolve(Long.toString(eventId)));
  }

  /** Deletes a folder with its content, if it exists. */
  public void delete(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + folder, e);
    }
  }

  static String safeName(String fileName) {
    String name = fileName == null ? "" : fileName;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = name.replaceAll("[\\p{Cntrl}:*?\"<>|]", "_").strip();
    while (name.startsWith(".")) {
      name = name.substring(1);
    }
    if (name.isEmpty()) {
      name = "photo";
    }
    if (name.length() > 200) {
      int dot = name.lastIndexOf('.');
      String extension = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
      name = name.substring(0, 200 - extension.length()) + extension;
    }
    return name.toLowerCase(Locale.ROOT).equals("photo") ? "photo" : name;
  }
}
