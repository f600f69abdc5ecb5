package app.glimpse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a marked selfie could have been written: the files under some folders that hold the marker.
 * Other processes (PostgreSQL, log rotation, other tests) create and delete files while the folders
 * are walked; a file that vanishes is skipped, and the walk goes on over everything else.
 */
public final class Traces {

  private Traces() {}

  /**
   * The regular files under {@code roots}, modified at or after {@code sinceMillis} and smaller
   * than 200 MB, whose bytes contain {@code marker} (ISO-8859-1).
   */
  public static List<Path> filesHolding(String marker, long sinceMillis, List<Path> roots) {
    byte[] needle = marker.getBytes(StandardCharsets.ISO_8859_1);
    List<Path> found = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try {
        Files.walkFileTree(
            root,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()
                    && attributes.lastModifiedTime().toMillis() >= sinceMillis
                    && attributes.size() < 200_000_000) {
                  try {
                    if (Jpegs.indexOf(Files.readAllBytes(file), needle) >= 0) {
                      found.add(file);
                    }
                  } catch (IOException vanishedOrLocked) {
                    // deleted since it was listed, or not readable by us: not a trace
                  }
                }
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFileFailed(Path file, IOException vanished) {
                return FileVisitResult.CONTINUE;
              }
            });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return found;
  }
}
