package app.glimpse.imports.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudioImportRootsTest {

  @TempDir Path temp;

  @Test
  void theSharedRootsAreTheFirstStudiosOnly() throws IOException {
    Path shared = Files.createDirectories(temp.resolve("photos/wedding"));
    StudioImportRoots roots =
        new StudioImportRoots(1, Map.of("glimpse.import.roots", shared.getParent().toString()));
    assertEquals(shared.toRealPath(), roots.of(1L).resolve(shared.toString()));
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> roots.of(2L).resolve(shared.toString()));
    assertTrue(
        refused.getMessage().contains("GLIMPSE_STUDIO_2_IMPORT_ROOTS"), refused.getMessage());
    assertEquals(List.of(), roots.of(2L).roots(), "a second studio is shown no folders");
  }

  @Test
  void anInstallationMayShareItsRootsWithEveryStudio() throws IOException {
    Path shared = Files.createDirectories(temp.resolve("photos/wedding"));
    StudioImportRoots roots =
        new StudioImportRoots(
            1,
            Map.of(
                "glimpse.import.roots",
                shared.getParent().toString(),
                "glimpse.import.roots-shared",
                "true"));
    assertEquals(shared.toRealPath(), roots.of(7L).resolve(shared.toString()));
  }

  @Test
  void aStudiosOwnRootsReplaceTheSharedOnes() throws IOException {
    Path first = Files.createDirectories(temp.resolve("first/day"));
    Path second = Files.createDirectories(temp.resolve("second/day"));
    StudioImportRoots roots =
        new StudioImportRoots(
            1,
            Map.of(
                "glimpse.import.roots", first.getParent().toString(),
                "glimpse.studio.2.import-roots", second.getParent().toString(),
                "glimpse.studio.1.import-roots", second.getParent().toString()));
    assertEquals(second.toRealPath(), roots.of(2L).resolve(second.toString()));
    assertThrows(IllegalArgumentException.class, () -> roots.of(2L).resolve(first.toString()));
    assertEquals(second.toRealPath(), roots.of(1L).resolve(second.toString()));
    assertThrows(IllegalArgumentException.class, () -> roots.of(1L).resolve(first.toString()));
  }
}
