package app.glimpse.photos.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewsTest {

  private static final byte[] THUMB = jpeg(1_000);
  private static final byte[] PREVIEW = jpeg(20_000);

  @TempDir Path root;

  @Test
  void storesBothWholeAndNothingElse() throws IOException {
    Previews previews = new Previews(root, Files::write);
    previews.store(7, 42, THUMB, PREVIEW);
    assertArrayEquals(THUMB, Files.readAllBytes(previews.thumbnail(7, 42)));
    assertArrayEquals(PREVIEW, Files.readAllBytes(previews.preview(7, 42)));
    assertEquals(List.of("42-preview.jpg", "42-thumb.jpg"), files());
  }

  @Test
  void storesWithTheDefaultWriter() throws IOException {
    Previews previews = new Previews(root);
    previews.store(7, 42, THUMB, PREVIEW);
    assertArrayEquals(PREVIEW, Files.readAllBytes(previews.preview(7, 42)));
    assertEquals(List.of("42-preview.jpg", "42-thumb.jpg"), files());
  }

  /** The thumbnail fits, the preview does not: neither stays, nor the half-written temporary. */
  @Test
  void aFullDiskLeavesNothingBehindAndSaysSo() throws IOException {
    Previews previews = new Previews(root, failingAt(PREVIEW.length, "No space left on device"));
    PreviewsFullException full =
        assertThrows(PreviewsFullException.class, () -> previews.store(7, 42, THUMB, PREVIEW));
    assertTrue(full.getMessage().startsWith("The previews disk is full ("), full.getMessage());
    assertTrue(full.getMessage().contains("No space left on device"), full.getMessage());
    assertTrue(full.getMessage().contains("Import the folder again"), full.getMessage());
    assertEquals(List.of(), files(), "no thumbnail, preview or temporary file");
  }

  @Test
  void aQuotaIsAFullDiskToo() throws IOException {
    Previews previews =
        new Previews(
            root,
            (file, bytes) -> {
              throw new FileSystemException(file.toString(), null, "Disk quota exceeded");
            });
    PreviewsFullException full =
        assertThrows(PreviewsFullException.class, () -> previews.store(7, 42, THUMB, PREVIEW));
    assertTrue(full.getMessage().contains("(Disk quota exceeded)"), full.getMessage());
    assertTrue(!full.getMessage().contains(root.toString()), "no server path: " + full);
    assertEquals(List.of(), files());
  }

  @Test
  void aFileSizeLimitSaysSo() throws IOException {
    Previews previews = new Previews(root, failingAt(PREVIEW.length, "File too large"));
    PreviewsFullException limited =
        assertThrows(PreviewsFullException.class, () -> previews.store(7, 42, THUMB, PREVIEW));
    assertTrue(
        limited.getMessage().startsWith("The previews disk takes no file this large"),
        limited.getMessage());
    assertEquals(List.of(), files());
  }

  /** Another failure is delivered again (it may pass), and leaves nothing behind either. */
  @Test
  void anotherFailureLeavesNothingBehind() throws IOException {
    Previews previews = new Previews(root, failingAt(PREVIEW.length, "Input/output error"));
    UncheckedIOException failed =
        assertThrows(UncheckedIOException.class, () -> previews.store(7, 42, THUMB, PREVIEW));
    assertTrue(failed.getMessage().contains("photo 42"), failed.getMessage());
    assertEquals(List.of(), files());
  }

  @Test
  void lessRoomThanTheFileNeedsIsAFullDiskInAnyWords() {
    assertTrue(
        Previews.noRoom(new IOException("Plus d'espace disponible"), root, Long.MAX_VALUE)
            .startsWith("The previews disk is full (Plus d'espace disponible)"));
    assertNull(Previews.noRoom(new IOException("Input/output error"), root, 1));
  }

  /** A writer that writes whole files shorter than {@code limit}, and half of the others. */
  private static Previews.Writer failingAt(int limit, String reason) {
    return (file, bytes) -> {
      if (bytes.length < limit) {
        Files.write(file, bytes);
        return;
      }
      Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
      throw new IOException(reason);
    };
  }

  private List<String> files() throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> file.getFileName().toString())
          .sorted()
          .toList();
    }
  }

  private static byte[] jpeg(int length) {
    byte[] jpeg = new byte[length];
    Arrays.fill(jpeg, (byte) 0x42);
    jpeg[0] = (byte) 0xff;
    jpeg[1] = (byte) 0xd8;
    jpeg[length - 2] = (byte) 0xff;
    jpeg[length - 1] = (byte) 0xd9;
    return jpeg;
  }
}
