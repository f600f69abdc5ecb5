package app.glimpse.launcher;

import static app.glimpse.testing.Api.array;
import static app.glimpse.testing.Api.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.testing.Api;
import app.glimpse.testing.GlimpseClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The previews' disk runs full in the middle of an import: one Glimpse node (embedded PostgreSQL
 * and Artemis) whose {@code $GLIMPSE_DATA_DIR/previews} is a tmpfs of {@value #TMPFS_SIZE}, filled
 * by the test until about {@value #FREE_BYTES} bytes are left, imports {@value #PHOTOS} real photos
 * of {@code shared/photos/deepface}. The import must complete; each file whose previews found no
 * room must be a failure whose reason says the previews disk is full; every photo the event lists
 * must be shown, thumbnail and preview, as a whole JPEG (no broken image in the gallery); and the
 * previews folder must hold nothing but the previews of those photos (no temporary or partial file,
 * no preview of a photo that was not stored). Once there is room again (the filler removed, the
 * tmpfs grown to {@value #ROOMY_SIZE}), importing the folder again indexes the files that failed.
 *
 * <p>Mounting the tmpfs needs root; elsewhere the test is skipped with that reason. The tmpfs is
 * unmounted after the test, whatever happened.
 */
class PreviewsDiskFullIT {

  private static final String TMPFS_SIZE = "2m";

  /** The tmpfs once it has room again: for the previews of all photos. */
  private static final String ROOMY_SIZE = "64m";

  /** What the filler leaves free: the previews of a few photos, not of all. */
  private static final long FREE_BYTES = 600_000;

  private static final int PHOTOS = 16;

  private static final String PASSWORD = "previews-full-secret";
  private static final String CODE = "previews-full-code";
  private static final String FULL = "previews disk is full";

  private static final Pattern PREVIEW_FILE = Pattern.compile("(\\d+)-(thumb|preview)\\.jpg");
  private static final Pattern MEDIA_LINK = Pattern.compile("/media/(\\d+)/(\\d+)/(thumb|preview)");

  @TempDir Path work;

  private LocalGlimpse node;
  private Path mounted;

  @AfterEach
  void stop() throws Exception {
    try {
      if (node != null) {
        node.close();
      }
    } finally {
      if (mounted != null) {
        if (run("umount", mounted.toString()) != 0) {
          run("umount", "-l", mounted.toString());
        }
      }
      ImportFixtures.keepLog(work.resolve("node.log"), "PreviewsDiskFullIT-node.log");
      if (node != null) {
        ImportFixtures.keepLog(node.serverLog(), "PreviewsDiskFullIT-server.log");
      }
    }
  }

  @Test
  void filesWithoutRoomForTheirPreviewsFailWithTheReasonAndNothingBrokenIsShown() throws Exception {
    Path data = work.resolve("data");
    Path previews = Files.createDirectories(data.resolve("previews"));
    int mount =
        run("mount", "-t", "tmpfs", "-o", "size=" + TMPFS_SIZE, "tmpfs", previews.toString());
    Assumptions.assumeTrue(
        mount == 0,
        "a tmpfs cannot be mounted here (mount exited with "
            + mount
            + "; it needs root): the previews disk cannot be filled, the test is skipped");
    mounted = previews;
    Path filler = previews.resolve("filler.bin");
    fill(filler, Files.getFileStore(previews).getUsableSpace() - FREE_BYTES);
    Path photos = photos(work.resolve("photos"));

    Map<String, String> settings = new java.util.TreeMap<>();
    settings.put("GLIMPSE_DATA_DIR", data.toString());
    settings.put("GLIMPSE_ADMIN_PASSWORD", PASSWORD);
    settings.put("GLIMPSE_IMPORT_ROOTS", photos.toString());
    node =
        LocalGlimpse.start(
            LocalGlimpse.launcherCommand(ImportFixtures.dist()),
            Glimpse.freePort(),
            settings,
            work.resolve("node.log"));
    node.awaitReady(Duration.ofMinutes(3));
    GlimpseClient api = GlimpseClient.signIn(node::uri, ImportFixtures.ADMIN, PASSWORD);
    long event = api.createEvent("Previews disk full");
    String slug = api.openGallery(event, CODE).getString("slug");

    long started = System.nanoTime();
    long run = api.importFolder(event, photos);
    JsonObject status = api.awaitFinished(run, Duration.ofMinutes(5));
    double seconds = (System.nanoTime() - started) / 1e9;
    List<JsonObject> failures =
        array(api.send("GET", "/api/v1/imports/" + run + "/failures", null)).stream()
            .map(JsonValue::asJsonObject)
            .toList();
    System.out.printf(
        Locale.ROOT,
        "previews-full-it photos=%d status=%s processed=%s failed=%s seconds=%.1f%n",
        PHOTOS,
        status.getString("status"),
        status.get("processed"),
        status.get("failed"),
        seconds);
    failures.forEach(failure -> System.out.println("  failed: " + failure));

    assertEquals("COMPLETED", status.getString("status"), status.toString());
    assertEquals(PHOTOS, status.getInt("total"), status.toString());
    assertEquals(PHOTOS, status.getInt("processed") + status.getInt("failed"), status.toString());
    assertTrue(status.getInt("failed") > 0, "the disk ran full within the import: " + status);
    assertTrue(status.getInt("processed") > 0, "it ran full in the middle: " + status);
    assertEquals(status.getInt("failed"), failures.size(), failures.toString());
    for (JsonObject failure : failures) {
      assertTrue(
          failure.getString("reason").contains(FULL),
          "a failure says the previews disk is full: " + failure);
    }
    Set<Long> shown = assertEveryPhotoIsShownWhole(api, event, slug, status.getInt("processed"));
    assertOnlyWholePreviewsOf(previews, filler, event, shown);

    // room again (the filler gone, the disk grown: 2 MB hold the previews of some photos only):
    // importing the folder again indexes what failed, and keeps what was stored
    Files.delete(filler);
    assertEquals(0, run("mount", "-o", "remount,size=" + ROOMY_SIZE, previews.toString()));
    JsonObject again = api.awaitFinished(api.importFolder(event, photos), Duration.ofMinutes(5));
    assertEquals("COMPLETED", again.getString("status"), again.toString());
    assertEquals(PHOTOS, again.getInt("processed"), again.toString());
    assertEquals(0, again.getInt("failed"), again.toString());
    Set<Long> all = assertEveryPhotoIsShownWhole(api, event, slug, PHOTOS);
    assertTrue(all.containsAll(shown), "the photos stored before are kept: " + shown + " " + all);
    assertOnlyWholePreviewsOf(previews, null, event, all);

    node.stop(Duration.ofSeconds(30));
  }

  /**
   * Asserts that the event lists {@code count} photos, and that each one's thumbnail and preview,
   * asked for by a guest in the gallery, is a whole JPEG; so is every image the gallery's page
   * links to.
   *
   * @return the ids of the photos listed
   */
  private Set<Long> assertEveryPhotoIsShownWhole(
      GlimpseClient api, long event, String slug, int count) throws Exception {
    JsonObject page =
        object(api.send("GET", "/api/v1/events/" + event + "/photos?size=100", null), 200);
    Set<Long> ids = new TreeSet<>();
    page.getJsonArray("items")
        .forEach(item -> ids.add(item.asJsonObject().getJsonNumber("id").longValue()));
    assertEquals(count, ids.size(), "the event lists the photos stored: " + page);
    Api guest = new Api(node::uri);
    guest.page("/g/" + slug);
    guest.submit("/g/" + slug, "enter", "open", Map.of("code", CODE));
    String gallery = guest.page("/g/" + slug).body();
    assertTrue(gallery.contains("galleryTitle"), "the code opened the gallery");
    Set<String> links = new TreeSet<>();
    for (long id : ids) {
      links.add("/media/" + event + "/" + id + "/thumb");
      links.add("/media/" + event + "/" + id + "/preview");
    }
    Matcher linked = MEDIA_LINK.matcher(gallery);
    int inGallery = 0;
    while (linked.find()) {
      links.add(linked.group());
      assertTrue(
          ids.contains(Long.parseLong(linked.group(2))),
          "the gallery shows only listed photos: " + linked.group());
      inGallery++;
    }
    assertTrue(inGallery > 0, "the gallery links to images");
    for (String link : links) {
      HttpResponse<byte[]> image = guest.bytes(link, null, Map.of());
      assertEquals(200, image.statusCode(), link);
      assertWholeJpeg(image.body(), link);
    }
    return ids;
  }

  /**
   * Asserts that the event's previews folder holds exactly a thumbnail and a preview of each of
   * {@code photos}, each a whole JPEG, and nothing else; and that the previews disk holds nothing
   * else but {@code filler} (if not null) and the event's folder.
   */
  private static void assertOnlyWholePreviewsOf(
      Path previews, Path filler, long event, Set<Long> photos) throws IOException {
    List<String> unexpected = new ArrayList<>();
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.walk(previews)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (file.equals(filler)) {
          continue;
        }
        Matcher name = PREVIEW_FILE.matcher(file.getFileName().toString());
        if (!file.getParent().equals(previews.resolve(Long.toString(event)))
            || !name.matches()
            || !photos.contains(Long.parseLong(name.group(1)))) {
          unexpected.add(previews.relativize(file) + " (" + Files.size(file) + " bytes)");
          continue;
        }
        assertWholeJpeg(Files.readAllBytes(file), file.toString());
        found.add(file.getFileName().toString());
      }
    }
    assertEquals(List.of(), unexpected, "no temporary, partial or unowned file in the previews");
    assertEquals(2 * photos.size(), found.size(), "a thumbnail and a preview per photo: " + found);
  }

  private static void assertWholeJpeg(byte[] jpeg, String what) throws IOException {
    assertTrue(
        jpeg.length > 4
            && (jpeg[0] & 0xff) == 0xff
            && (jpeg[1] & 0xff) == 0xd8
            && (jpeg[jpeg.length - 2] & 0xff) == 0xff
            && (jpeg[jpeg.length - 1] & 0xff) == 0xd9,
        what + " is a whole JPEG (SOI ... EOI), " + jpeg.length + " bytes");
    assertNotNull(ImageIO.read(new ByteArrayInputStream(jpeg)), what + " decodes");
  }

  /** {@value #PHOTOS} photos of {@code shared/photos/deepface}, copied into {@code folder}. */
  private static Path photos(Path folder) throws IOException {
    Path deepface = Path.of(System.getProperty("glimpse.shared"), "photos", "deepface");
    Files.createDirectories(folder);
    List<Path> chosen;
    try (Stream<Path> files = Files.list(deepface)) {
      chosen =
          files
              .filter(file -> file.getFileName().toString().matches("img\\d+\\.jpg"))
              .sorted()
              .limit(PHOTOS)
              .toList();
    }
    assertEquals(PHOTOS, chosen.size(), "photos in " + deepface);
    for (Path photo : chosen) {
      Files.copy(photo, folder.resolve(photo.getFileName()));
    }
    return folder;
  }

  /** Writes {@code bytes} bytes to {@code file}: the room the previews will not have. */
  private static void fill(Path file, long bytes) throws IOException {
    assertTrue(bytes > 0, "room to fill: " + bytes);
    byte[] chunk = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = bytes; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
    }
  }

  private static int run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    if (process.exitValue() != 0) {
      System.out.println(String.join(" ", command) + ": " + output.strip());
    }
    return process.exitValue();
  }
}
