package app.glimpse.imports.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
  void subfoldersAreTheRealDirectoriesInsideAnAllowedFolder() throws IOException {
    Path root = Files.createDirectories(temp.resolve("photos"));
    Path outside = Files.createDirectories(temp.resolve("secrets"));
    Files.createDirectories(root.resolve("b-party"));
    Files.createDirectories(root.resolve("a-wedding/day1"));
    Files.createDirectories(root.resolve(".cache"));
    Files.createFile(root.resolve("photo.jpg"));
    Files.createSymbolicLink(root.resolve("link"), outside);
    ImportRoots roots = ImportRoots.parse(Optional.of(root.toString()));
    Path real = root.toRealPath();
    assertEquals(
        List.of(real.resolve("a-wedding"), real.resolve("b-party")),
        roots.subfolders(root.toString(), 100));
    assertEquals(List.of(real.resolve("a-wedding")), roots.subfolders(root.toString(), 1));
    assertEquals(
        List.of(real.resolve("a-wedding/day1")),
        roots.subfolders(root.resolve("a-wedding").toString(), 100));
    assertThrows(IllegalArgumentException.class, () -> roots.subfolders(outside.toString(), 100));
    assertThrows(IllegalArgumentException.class, () -> roots.subfolders(root + "/../secrets", 100));
    assertThrows(IllegalArgumentException.class, () -> roots.subfolders(root + "/link", 100));
    assertThrows(IllegalArgumentException.class, () -> roots.subfolders("/", 100));
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
