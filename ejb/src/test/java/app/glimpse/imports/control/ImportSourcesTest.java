package app.glimpse.imports.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.glimpse.events.entity.Event;
import app.glimpse.imports.entity.PhotoImport;
import app.glimpse.imports.entity.Source;
import app.glimpse.imports.entity.SourceKind;
import app.glimpse.imports.job.SourceFile;
import app.glimpse.photos.entity.Photo;
import app.glimpse.studios.entity.Studio;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server folder's files are listed first and read later: whatever replaces a listed file or one
 * of its folders with a symbolic link in between, what is read never comes from outside the folder.
 */
class ImportSourcesTest {

  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3};
  private static final byte[] SECRET =
      "-----BEGIN PRIVATE KEY-----".getBytes(StandardCharsets.UTF_8);

  @TempDir Path temp;

  private Path folder;
  private Path secret;
  private ImportSources sources;
  private Event event;
  private Source source;

  @BeforeEach
  void setUp() throws IOException {
    Path root = Files.createDirectories(temp.resolve("photos"));
    folder = Files.createDirectories(root.resolve("wedding"));
    Files.createDirectories(folder.resolve("day1"));
    Files.write(folder.resolve("a.jpg"), JPEG);
    Files.write(folder.resolve("day1/b.jpg"), JPEG);
    Path outside = Files.createDirectories(temp.resolve("server"));
    secret = Files.write(outside.resolve("jwt-key.pem"), SECRET);
    Files.write(outside.resolve("b.jpg"), SECRET);
    sources = new ImportSources();
    sources.roots = new StudioImportRoots(1, Map.of("glimpse.import.roots", root.toString()));
    sources.maxFileBytes = 1_000_000;
    event = new Event(new Studio("Studio"), "Wedding", LocalDate.of(2026, 6, 20), "wedding");
    source = new Source(event, SourceKind.FOLDER, folder.toString(), null);
  }

  @Test
  void listedFilesAreReadAndOpened() throws Exception {
    PhotoImport run = new PhotoImport(event, source);
    List<String> ids = sources.page(run, null).files().stream().map(SourceFile::id).toList();
    assertEquals(List.of("a.jpg", "day1/b.jpg"), ids);
    assertArrayEquals(JPEG, sources.read(run, new SourceFile("day1/b.jpg", "b.jpg", null, -1)));
    try (InputStream in = sources.open(source, photo("a.jpg"))) {
      assertArrayEquals(JPEG, in.readAllBytes());
    }
  }

  @Test
  void aListedFileSwappedForALinkIsNotFollowed() throws Exception {
    PhotoImport run = new PhotoImport(event, source);
    assertEquals(2, sources.page(run, null).files().size());
    Files.delete(folder.resolve("a.jpg"));
    Files.createSymbolicLink(folder.resolve("a.jpg"), secret);

    assertThrows(
        UnreadableFileException.class,
        () -> sources.read(run, new SourceFile("a.jpg", "a.jpg", null, -1)));
    assertThrows(
        UnreadableFileException.class, () -> readAll(sources.open(source, photo("a.jpg"))));
  }

  @Test
  void aListedFilesFolderSwappedForALinkIsNotFollowed() throws Exception {
    PhotoImport run = new PhotoImport(event, source);
    assertEquals(2, sources.page(run, null).files().size());
    Files.delete(folder.resolve("day1/b.jpg"));
    Files.delete(folder.resolve("day1"));
    Files.createSymbolicLink(folder.resolve("day1"), secret.getParent());

    assertThrows(
        UnreadableFileException.class,
        () -> sources.read(run, new SourceFile("day1/b.jpg", "b.jpg", null, -1)));
    assertThrows(
        UnreadableFileException.class, () -> readAll(sources.open(source, photo("day1/b.jpg"))));
  }

  @Test
  void idsLeadingOutOfTheFolderAreRefused() {
    PhotoImport run = new PhotoImport(event, source);
    for (String id : List.of("../wedding/../../server/jwt-key.pem", "/etc/passwd", "")) {
      assertThrows(
          UnreadableFileException.class,
          () -> sources.read(run, new SourceFile(id, "x.jpg", null, -1)),
          id);
    }
  }

  @Test
  void aFolderThatIsNotARegularFileIsRefused() throws Exception {
    PhotoImport run = new PhotoImport(event, source);
    assertThrows(
        UnreadableFileException.class,
        () -> sources.read(run, new SourceFile("day1", "day1", null, -1)));
  }

  private Photo photo(String fileId) {
    return Photo.indexed(event, 1L, null, fileId, Path.of(fileId).getFileName().toString(), "h");
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }
}
