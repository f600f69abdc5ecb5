package app.glimpse.photos.control;

import app.glimpse.platform.control.DataDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The thumbnails and display previews of photos, as JPEG files under {@code previews/<event>/} of
 * the data directory (a shared volume in a cluster). The originals stay in the photographer's
 * storage.
 */
@ApplicationScoped
public class Previews {

  public Path thumbnail(long eventId, long photoId) {
    return folder(eventId).resolve(photoId + "-thumb.jpg");
  }

  public Path preview(long eventId, long photoId) {
    return folder(eventId).resolve(photoId + "-preview.jpg");
  }

  /** Stores both images, each written whole or not at all. */
  public void store(long eventId, long photoId, byte[] thumbnail, byte[] preview) {
    try {
      Files.createDirectories(folder(eventId));
      write(thumbnail(eventId, photoId), thumbnail);
      write(preview(eventId, photoId), preview);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot store the previews of photo " + photoId, e);
    }
  }

  /** Removes both images of a deleted photo; what cannot be removed now stays behind harmlessly. */
  public void delete(long eventId, long photoId) {
    for (Path file : List.of(thumbnail(eventId, photoId), preview(eventId, photoId))) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException leftBehind) {
        // served to nobody: the photo is gone from every list and its link answers 404
      }
    }
  }

  /**
   * Removes every preview of a deleted event; what cannot be removed now stays behind harmlessly.
   */
  public void deleteEvent(long eventId) {
    Path folder = folder(eventId);
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (var files = Files.list(folder)) {
      files.forEach(
          file -> {
            try {
              Files.deleteIfExists(file);
            } catch (IOException leftBehind) {
              // an unreachable thumbnail of a deleted event is shown to nobody
            }
          });
      Files.deleteIfExists(folder);
    } catch (IOException leftBehind) {
      // as above
    }
  }

  private static void write(Path target, byte[] jpeg) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), ".preview", ".tmp");
    Files.write(temp, jpeg);
    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Path folder(long eventId) {
    return DataDirectory.path().resolve("previews").resolve(Long.toString(eventId));
  }
}
