package app.glimpse.imports.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The server folders a studio's imports may read ({@link StudioImportRoots}: {@code
 * GLIMPSE_IMPORT_ROOTS} or the studio's own setting, colon-separated). A folder is allowed only if
 * its real path, after resolving {@code ..} and symbolic links, lies inside the real path of one of
 * the roots.
 */
public final class ImportRoots {

  private final List<Path> roots;
  private final String setting;

  public ImportRoots(List<Path> roots) {
    this(roots, "GLIMPSE_IMPORT_ROOTS");
  }

  private ImportRoots(List<Path> roots, String setting) {
    this.roots = List.copyOf(roots);
    this.setting = setting;
  }

  public static ImportRoots parse(Optional<String> setting) {
    return parse(setting, "GLIMPSE_IMPORT_ROOTS");
  }

  /**
   * The roots of {@code value}, the setting named {@code setting} (for the photographer's message).
   */
  public static ImportRoots parse(Optional<String> value, String setting) {
    return new ImportRoots(
        value.stream()
            .flatMap(roots -> Arrays.stream(roots.split(":")))
            .map(String::strip)
            .filter(root -> !root.isEmpty())
            .map(root -> Path.of(root).toAbsolutePath().normalize())
            .toList(),
        setting);
  }

  public List<Path> roots() {
    return roots;
  }

  /**
   * The real path of {@code folder} if it is an existing directory inside a root.
   *
   * @throws IllegalArgumentException with a message for the photographer otherwise
   */
  public Path resolve(String folder) {
    if (roots.isEmpty()) {
      throw new IllegalArgumentException(
          "No server folders are open for import: set " + setting + " to allow some.");
    }
    if (folder == null || folder.isBlank()) {
      throw new IllegalArgumentException("Give the folder to import as an absolute path.");
    }
    Path requested = Path.of(folder);
    if (!requested.isAbsolute()) {
      throw new IllegalArgumentException("Give the folder to import as an absolute path.");
    }
    Path real;
    try {
      real = requested.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "The folder " + folder + " is outside the import folders or missing.");
    }
    for (Path root : roots) {
      try {
        if (real.startsWith(root.toRealPath()) && Files.isDirectory(real)) {
          return real;
        }
      } catch (IOException missingRoot) {
        // a root that does not exist allows nothing
      }
    }
    throw new IllegalArgumentException(
        "The folder " + folder + " is outside the import folders or missing.");
  }

  /**
   * The folders directly inside {@code folder}, which {@link #resolve} must allow, for a folder
   * picker: real directories only (no symbolic links, no hidden folders), by their real paths, in
   * name order, at most {@code limit}. Since the folder's real path lies inside a root and none of
   * them is a link, none of them leads out of the roots.
   *
   * @throws IllegalArgumentException with a message for the photographer if the folder is not
   *     allowed or cannot be read
   */
  public List<Path> subfolders(String folder, int limit) {
    Path real = resolve(folder);
    try (Stream<Path> children = Files.list(real)) {
      return children
          .filter(child -> !child.getFileName().toString().startsWith("."))
          .filter(child -> Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS))
          .sorted(Comparator.comparing(child -> child.getFileName().toString()))
          .limit(limit)
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalArgumentException("The folder " + folder + " cannot be read.");
    }
  }
}
