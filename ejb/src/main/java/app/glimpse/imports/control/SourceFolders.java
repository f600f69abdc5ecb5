package app.glimpse.imports.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The image files of a server folder, recursively, in a stable order, recognised by their content
 * (the first bytes) rather than by their names, so that a JPEG called {@code .dat} is imported and
 * a text file called {@code .jpg} is not queued at all. Symbolic links are not followed out of the
 * folder.
 */
public final class SourceFolders {

  private SourceFolders() {}

  /** Paths relative to {@code folder}, with '/' as separator, sorted. */
  public static List<String> imageFiles(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths
          .filter(path -> Files.isRegularFile(path) && !Files.isSymbolicLink(path))
          .filter(SourceFolders::looksLikeImage)
          .map(path -> folder.relativize(path).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Whether the file starts like a JPEG, PNG, GIF, WebP, TIFF or BMP. */
  public static boolean looksLikeImage(Path file) {
    byte[] head = new byte[12];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(head, 0, head.length);
    } catch (IOException unreadable) {
      return false;
    }
    return isImage(head, read);
  }

  static boolean isImage(byte[] b, int n) {
    return (n >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF)
        || (n >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G')
        || (n >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8')
        || (n >= 12
            && b[0] == 'R'
            && b[1] == 'I'
            && b[2] == 'F'
            && b[3] == 'F'
            && b[8] == 'W'
            && b[9] == 'E')
        || (n >= 4 && b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0)
        || (n >= 4 && b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 42)
        || (n >= 2 && b[0] == 'B' && b[1] == 'M');
  }

  /**
   * The file {@code fileId} of {@code folder}, refusing ids that lead outside it.
   *
   * @throws IllegalArgumentException for such an id
   */
  public static Path resolve(Path folder, String fileId) {
    Path file = folder.resolve(fileId).normalize();
    if (!file.startsWith(folder) || file.equals(folder)) {
      throw new IllegalArgumentException("Not a file of the source: " + fileId);
    }
    return file;
  }
}
