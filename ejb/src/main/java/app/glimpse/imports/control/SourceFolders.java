package app.glimpse.imports.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The image files of a server folder, recursively, in a stable order: files whose content (the
 * first bytes) is an image whatever their name, so that a JPEG called {@code .dat} is imported, and
 * files named like photos whatever their content, so that a damaged {@code .jpg} is reported with
 * its reason instead of vanishing. Other files (notes, sidecars, videos) are left alone. Symbolic
 * links are never followed: not when listing, and not when a listed file is read later, since by
 * then a file or one of its folders may have been replaced by a link to anywhere on the server
 * ({@link #open}).
 */
public final class SourceFolders {

  private SourceFolders() {}

  /** Paths relative to {@code folder}, with '/' as separator, sorted. */
  public static List<String> imageFiles(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths
          .filter(path -> Files.isRegularFile(path) && !Files.isSymbolicLink(path))
          .filter(path -> namedLikePhoto(path) || looksLikeImage(path))
          .map(path -> folder.relativize(path).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder + ": " + e.getMessage(), e);
    }
  }

  /**
   * Names of photos: those Glimpse reads (HEIC/HEIF and camera RAW files among them), and formats
   * it cannot read yet (AVIF, JPEG XL), which are recorded as failed, "not a supported image",
   * rather than left out without a word.
   */
  private static final java.util.Set<String> PHOTO_EXTENSIONS =
      java.util.Set.of(
          "jpg", "jpeg", "jpe", "jfif", "png", "gif", "webp", "tif", "tiff", "bmp", "dib", "avif",
          "heic", "heif", "hif", "jxl", "cr2", "cr3", "nef", "arw", "dng", "raf", "orf");

  /** Whether the file's name ends like a photo's. */
  static boolean namedLikePhoto(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0
        && PHOTO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * Whether the file starts like a JPEG, PNG, GIF, WebP, TIFF (and the RAWs built on it: CR2, NEF,
   * ARW, DNG, ORF), BMP, HEIC/HEIF, CR3 or RAF.
   */
  public static boolean looksLikeImage(Path file) {
    byte[] head = new byte[12];
    int read;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
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
        || (n >= 2 && b[0] == 'B' && b[1] == 'M')
        || (n >= 4 && b[0] == 'I' && b[1] == 'I' && b[2] == 'R' && (b[3] == 'O' || b[3] == 'S'))
        || (n >= 4 && b[0] == 'M' && b[1] == 'M' && b[2] == 'O' && b[3] == 'R')
        || (n >= 8 && new String(b, 0, 8, StandardCharsets.ISO_8859_1).equals("FUJIFILM"))
        || (n >= 12
            && new String(b, 4, 4, StandardCharsets.ISO_8859_1).equals("ftyp")
            && ISO_MEDIA_PHOTOS.contains(new String(b, 8, 4, StandardCharsets.ISO_8859_1)));
  }

  /** Major brands of HEIF photos (HEIC, the generic image brands) and of Canon's CR3. */
  private static final Set<String> ISO_MEDIA_PHOTOS =
      Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "crx ");

  /**
   * Opens the regular file {@code fileId} of {@code folder} for reading without following a
   * symbolic link anywhere below {@code folder}: each folder on the way and the file itself are
   * opened relative to the one before and refused if they are links, so that a file or folder
   * swapped for a link after the listing cannot lead out of {@code folder}, whenever the swap
   * happens. {@code folder} must be a real path (as {@link ImportRoots#resolve} gives).
   *
   * @throws IllegalArgumentException for an id that leads outside the folder
   * @throws NoSuchFileException when the file is gone
   * @throws IOException when it cannot be opened, is a link or is not a regular file
   */
  public static SeekableByteChannel open(Path folder, String fileId) throws IOException {
    Path relative = folder.relativize(resolve(folder, fileId));
    try (DirectoryStream<Path> top = Files.newDirectoryStream(folder)) {
      if (top instanceof SecureDirectoryStream<Path> secure) {
        return openBelow(secure, relative, 0);
      }
    }
    // No openat on this platform: the real path is checked instead, which leaves a short race.
    Path real = folder.resolve(relative).toRealPath();
    if (!real.startsWith(folder.toRealPath())) {
      throw new IOException("Not a file of the source (a symbolic link): " + fileId);
    }
    return regularFile(
        Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS),
        fileId,
        () -> Files.newByteChannel(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
  }

  private static SeekableByteChannel openBelow(
      SecureDirectoryStream<Path> dir, Path relative, int depth) throws IOException {
    Path name = relative.getName(depth);
    if (depth < relative.getNameCount() - 1) {
      try (SecureDirectoryStream<Path> sub =
          dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
        return openBelow(sub, relative, depth + 1);
      } catch (FileSystemException link) {
        if (link instanceof NoSuchFileException) {
          throw link;
        }
        throw new IOException("Not a folder of the source (a symbolic link?): " + relative, link);
      }
    }
    BasicFileAttributes attributes =
        dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
            .readAttributes();
    return regularFile(
        attributes,
        relative.toString(),
        () -> dir.newByteChannel(name, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)));
  }

  private interface Opener {
    SeekableByteChannel open() throws IOException;
  }

  private static SeekableByteChannel regularFile(
      BasicFileAttributes attributes, String fileId, Opener opener) throws IOException {
    if (attributes.isSymbolicLink()) {
      throw new IOException("Not a file of the source (a symbolic link): " + fileId);
    }
    if (!attributes.isRegularFile()) {
      throw new IOException("Not a regular file: " + fileId);
    }
    // O_NOFOLLOW: a link put in its place since the attributes were read is refused too
    return opener.open();
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
