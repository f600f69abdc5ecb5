package app.glimpse.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Files and folders of the data directory that only the account running Glimpse may read:
 * directories 0700, files 0600, where the file system has POSIX permissions (elsewhere the
 * operating system's defaults stay). Also the installation's own passwords for the embedded
 * database and broker, made on first start and kept in {@code secrets/} of the data directory.
 */
final class OwnerOnly {

  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final SecureRandom RANDOM = new SecureRandom();

  private OwnerOnly() {}

  /** Creates {@code dir} (and its parents) if missing and lets only its owner in. */
  static Path directory(Path dir) throws IOException {
    Files.createDirectories(dir);
    if (posix(dir)) {
      Files.setPosixFilePermissions(dir, DIRECTORY);
    }
    return dir;
  }

  /** Writes {@code text} to {@code file}, readable by its owner only (also when it existed). */
  static Path write(Path file, String text) throws IOException {
    directory(file.getParent());
    if (!Files.exists(file) && posix(file.getParent())) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
    }
    if (posix(file.getParent())) {
      Files.setPosixFilePermissions(file, FILE);
    }
    Files.writeString(
        file,
        text,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE);
    return file;
  }

  /**
   * The installation's password {@code name} ({@code <dataDir>/secrets/<name>.password}): made of
   * 32 random bytes on first use, the same on every later start.
   */
  static String password(Path dataDir, String name) throws IOException {
    Path file = directory(dataDir.resolve("secrets")).resolve(name + ".password");
    if (!Files.exists(file)) {
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      Path partial = file.resolveSibling(name + ".password.partial");
      write(partial, password);
      try {
        Files.move(partial, file);
      } catch (FileAlreadyExistsException e) {
        Files.deleteIfExists(partial); // another node on this data directory was first
      }
    }
    String password = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (password.isEmpty()) {
      throw new IOException(file + " is empty: delete it to have a new password made");
    }
    return password;
  }

  private static boolean posix(Path path) {
    return Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class)
        != null;
  }
}
