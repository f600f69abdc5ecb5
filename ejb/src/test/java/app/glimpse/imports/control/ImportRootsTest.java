package app.glimpse.imports.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportRootsTest {

  @TempDir Path temp;

  @Test
  void allowsFoldersInsideARoot() throws IOException {
    Path root = Files.createDirectories(temp.resolve("photos"));
    Path wedding = Files.createDirectories(root.resolve("2026/wedding"));
    ImportRoots roots = ImportRoots.parse(Optional.of("/nonexistent:" + root));
    assertEquals(wedding.toRealPath(), roots.resolve(wedding.toString()));
    assertEquals(root.toRealPath(), roots.resolve(root.toString()));
  }

  @Test
  void refusesEscapesThroughDotsSymlinksAndRelativePaths() throws IOException {
    Path root = Files.createDirectories(temp.resolve("photos"));
    Path outside = Files.createDirectories(temp.resolve("secrets"));
    Files.createSymbolicLink(root.resolve("link"), outside);
    ImportRoots roots = ImportRoots.parse(Optional.of(root.toString()));
    assertThrows(IllegalArgumentException.class, () -> roots.resolve(root + "/../secrets"));
    assertThrows(IllegalArgumentException.class, () -> roots.resolve(root + "/link"));
    assertThrows(IllegalArgumentException.class, () -> roots.resolve("photos"));
    assertThrows(IllegalArgumentException.class, () -> roots.resolve("/etc"));
    assertThrows(IllegalArgumentException.class, () -> roots.resolve(root + "/missing"));
  }

  @Test
  void aRootThatIsAPrefixOfAnotherFolderDoesNotAllowIt() throws IOException {
    Path root = Files.createDirectories(temp.resolve("photos"));
    Path sibling = Files.createDirectories(temp.resolve("photos-private"));
    ImportRoots roots = ImportRoots.parse(Optional.of(root.toString()));
    assertThrows(IllegalArgumentException.class, () -> roots.resolve(sibling.toString()));
  }

  @Test
  void withoutRootsNothingIsAllowed() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> ImportRoots.parse(Optional.empty()).resolve("/tmp"));
    assertTrue(refused.getMessage().contains("GLIMPSE_IMPORT_ROOTS"));
  }
}
