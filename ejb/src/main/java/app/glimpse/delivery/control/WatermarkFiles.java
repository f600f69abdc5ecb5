package app.glimpse.delivery.control;

import app.glimpse.platform.control.DataDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The watermarked images guests see, one folder per watermark generation: {@code
 * watermarked/<event>/<generation>/<photo>-thumb.jpg} and {@code -preview.jpg} in the data
 * directory (a shared volume in a cluster). A generation's folder is only ever added to; the older
 * ones go once a later one is completely drawn.
 */
@ApplicationScoped
public class WatermarkFiles {

  /** What a guest is shown of a photo. */
  public enum Kind {
    THUMB,
    PREVIEW;

    String suffix() {
      return this == THUMB ? "-thumb.jpg" : "-preview.jpg";
    }
  }

  public Path image(long eventId, long generation, long photoId, Kind kind) {
    return generation(eventId, generation).resolve(photoId + kind.suffix());
  }

  /** Writes {@code jpeg} whole or not at all. */
  public void write(Path target, byte[] jpeg) {
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), ".mark", ".tmp");
      Files.write(temp, jpeg);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot store the watermarked image " + target, e);
    }
  }

  /** Removes the event's generations other than {@code kept}. */
  public void keepOnly(long eventId, long kept) {
    Path folder = event(eventId);
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> generations = Files.list(folder)) {
      generations
          .filter(g -> !g.getFileName().toString().equals(Long.toString(kept)))
          .forEach(WatermarkFiles::deleteTree);
    } catch (IOException leftBehind) {
      // an older generation is never served; it can stay until the next change
    }
  }

  /** Removes every watermarked image of the event. */
  public void deleteEvent(long eventId) {
    deleteTree(event(eventId));
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      files
          .sorted(Comparator.reverseOrder())
          .forEach(
              file -> {
                try {
                  Files.deleteIfExists(file);
                } catch (IOException leftBehind) {
                  // served to nobody
                }
              });
    } catch (IOException leftBehind) {
      // as above
    }
  }

  private Path generation(long eventId, long generation) {
    return event(eventId).resolve(Long.toString(generation));
  }

  private static Path event(long eventId) {
    return DataDirectory.path().resolve("watermarked").resolve(Long.toString(eventId));
  }
}
