package app.glimpse.boundaries;

import static app.glimpse.testing.Jpegs.withComment;
import static app.glimpse.testing.Jpegs.withSegment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.events.boundary.Events;
import app.glimpse.faces.FaceEngine;
import app.glimpse.imports.boundary.ImportView;
import app.glimpse.imports.boundary.Imports;
import app.glimpse.imports.entity.ImportStatus;
import app.glimpse.photos.entity.Photo;
import app.glimpse.photos.entity.PhotoStatus;
import app.glimpse.platform.boundary.Caller;
import app.glimpse.testing.BadFiles;
import app.glimpse.testing.Exif;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A corpus of broken and hostile files imported together with good photos, through the real job,
 * queue and engine: every good photo is indexed, every bad file is recorded with a reason, nothing
 * outside the folder is read, and the server goes on working.
 */
@ExtendWith(ArquillianExtension.class)
class BadInputIT {

  @Deployment
  static WebArchive deployment() {
    File war = Path.of(System.getProperty("glimpse.dist"), "glimpse.war").toFile();
    return ShrinkWrap.createFromZipFile(WebArchive.class, war)
        .addClasses(
            BadInputIT.class,
            Fixtures.class,
            app.glimpse.testing.Jpegs.class,
            app.glimpse.testing.Exif.class,
            app.glimpse.testing.BadFiles.class,
            app.glimpse.testing.BadFiles.Kind.class,
            app.glimpse.testing.BadFiles.Outcome.class);
  }

  @EJB Events events;
  @EJB Imports imports;
  @PersistenceContext EntityManager em;
  @Inject UserTransaction transaction;

  private Fixtures fixtures() {
    return new Fixtures(em, transaction);
  }

  @Test
  void indexesEveryGoodPhotoAndReportsEveryBadFile() throws Exception {
    Path folder =
        Files.createDirectories(
            Path.of(System.getProperty("glimpse.data.dir"), "imports", "bad-" + UUID.randomUUID()));
    Path shared = Path.of(System.getProperty("glimpse.shared"), "photos");
    byte[] jpeg = Files.readAllBytes(shared.resolve("debian/messi5.jpg"));
    byte[] png = Files.readAllBytes(shared.resolve("debian/chelsea.png"));
    Random random = new Random(42);

    Map<String, byte[]> good = new HashMap<>();
    good.put("good/messi.jpg", jpeg);
    good.put("good/couple.jpg", Files.readAllBytes(shared.resolve("deepface/couple.jpg")));
    good.put("good/cat.png", png);
    good.put("good/jpeg-without-extension", jpeg);
    good.put("good/one-pixel.png", image(1, 1, BufferedImage.TYPE_INT_RGB, "png"));
    good.put("good/gray.png", image(300, 200, BufferedImage.TYPE_BYTE_GRAY, "png"));
    good.put("good/gray16.png", image(300, 200, BufferedImage.TYPE_USHORT_GRAY, "png"));
    good.put("good/photo.bmp", image(320, 240, BufferedImage.TYPE_3BYTE_BGR, "bmp"));
    good.put("good/photo.gif", image(320, 240, BufferedImage.TYPE_BYTE_INDEXED, "gif"));
    good.put("good/photo.tif", image(320, 240, BufferedImage.TYPE_3BYTE_BGR, "tiff"));
    good.put("good/exif-garbage.jpg", withSegment(jpeg, 0xE1, garbage(random, 3000, "Exif\0\0")));
    good.put("good/comment.jpg", withSegment(jpeg, 0xFE, "<script>alert(1)</script>".getBytes()));
    good.put("good/" + "long-name-".repeat(20) + ".jpg", jpeg);
    good.put("good/ünïcødé fïlé näme.jpg", jpeg);
    good.put("good/" + "deep/".repeat(15) + "nested.jpg", jpeg);

    Map<String, byte[]> bad = new HashMap<>();
    bad.put("bad/empty.jpg", new byte[0]);
    bad.put("bad/truncated.jpg", Arrays.copyOf(jpeg, 600));
    bad.put("bad/half.jpg", Arrays.copyOf(jpeg, jpeg.length / 2));
    bad.put("bad/cut-short.jpg", Arrays.copyOf(jpeg, jpeg.length - 100));
    bad.put("bad/only-start-markers.jpg", startMarkers());
    bad.put("bad/header-only.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
    bad.put("bad/soi-eoi.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});
    bad.put("bad/text.jpg", "this is not a photo\n".repeat(50).getBytes(StandardCharsets.UTF_8));
    bad.put("bad/page.png", "<html><body>hello</body></html>".getBytes(StandardCharsets.UTF_8));
    bad.put("bad/random.jpg", garbage(random, 50_000, ""));
    bad.put("bad/random-with-jpeg-start.jpg", garbage(random, 50_000, "\u00FF\u00D8\u00FF\u00E0"));
    bad.put("bad/png-signature-garbage.png", garbage(random, 5_000, "\u0089PNG\r\n\u001a\n"));
    bad.put("bad/png-truncated.png", Arrays.copyOf(png, 200));
    bad.put("bad/png-no-image-data.png", pngHeader(100, 100, false));
    bad.put("bad/pixel-bomb.png", pngHeader(30_000, 30_000, true));
    bad.put("bad/zero-size.png", pngHeader(0, 0, true));
    bad.put("bad/gif-header-only.gif", "GIF89a".getBytes(StandardCharsets.ISO_8859_1));
    bad.put("bad/gif-garbage.gif", garbage(random, 2_000, "GIF89a"));
    bad.put("bad/bmp-garbage.bmp", garbage(random, 2_000, "BM"));
    bad.put("bad/bmp-huge.bmp", bmpHeader(200_000, 200_000));
    bad.put("bad/tiff-garbage.tif", garbage(random, 2_000, "II*\0"));
    bad.put("bad/tiff-big-endian-garbage.tif", garbage(random, 2_000, "MM\0*"));
    bad.put("bad/webp-garbage.webp", garbage(random, 2_000, "RIFF\0\0\0\0WEBPVP8 "));
    bad.put("bad/zip.jpg", zip());
    bad.put(
        "bad/pdf.jpg", "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n".getBytes(StandardCharsets.ISO_8859_1));
    bad.put("bad/sof-huge.jpg", jpegWithHugeFrame());
    bad.put("bad/null-bytes.jpeg", new byte[100_000]);
    bad.put("bad/utf16-text.jpg", "not a photo".getBytes(StandardCharsets.UTF_16));
    bad.put("bad/svg-as.png", "<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes());
    bad.put("bad/three-bytes.jpg", new byte[] {1, 2, 3});
    bad.put("bad/png-as-jpeg-truncated.jpeg", Arrays.copyOf(png, 40));

    for (Map<String, byte[]> files : List.of(good, bad)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        Path target = folder.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.write(target, file.getValue());
      }
    }
    // damaged inside but complete: libjpeg decodes what it can; indexed or failed, never lost
    Map<String, byte[]> damaged = Map.of("damaged/scan-noise.jpg", scanNoise(jpeg, random));
    Path damagedFile = folder.resolve("damaged/scan-noise.jpg");
    Files.createDirectories(damagedFile.getParent());
    Files.write(damagedFile, damaged.get("damaged/scan-noise.jpg"));
    Files.writeString(folder.resolve("notes.txt"), "ignored: not named like a photo");
    Files.createSymbolicLink(folder.resolve("bad/passwd.jpg"), Path.of("/etc/passwd"));
    Files.createSymbolicLink(
        folder.resolve("bad/outside.jpg"), shared.resolve("debian/messi5.jpg"));

    Caller anna = fixtures().photographer("bad-" + UUID.randomUUID() + "@x.test");
    long eventId = events.create(anna, "Bad input", null).id();
    ImportView run = imports.importFolder(anna, eventId, folder.toString());
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (!run.status().isFinished() && System.nanoTime() < deadline) {
      Thread.sleep(250);
      run = imports.get(anna, run.id());
    }
    assertEquals(ImportStatus.COMPLETED, run.status(), run.toString());

    Map<String, Photo> recorded = recordedPhotos(eventId);
    Set<String> problems = new TreeSet<>();
    for (String name : good.keySet()) {
      Photo photo = recorded.get(name);
      if (photo == null || photo.getStatus() != PhotoStatus.INDEXED) {
        problems.add(
            name + " should be indexed: " + (photo == null ? "missing" : photo.getFailureReason()));
      }
    }
    for (String name : bad.keySet()) {
      Photo photo = recorded.get(name);
      if (photo == null
          || photo.getStatus() != PhotoStatus.FAILED
          || photo.getFailureReason() == null
          || photo.getFailureReason().isBlank()) {
        problems.add(
            name
                + " should be failed with a reason: "
                + (photo == null ? "missing" : photo.getStatus()));
      }
    }
    if (!recorded.containsKey("damaged/scan-noise.jpg")) {
      problems.add("damaged/scan-noise.jpg was not recorded");
    }
    for (String ignored : List.of("notes.txt", "bad/passwd.jpg", "bad/outside.jpg")) {
      if (recorded.containsKey(ignored)) {
        problems.add(ignored + " should not be read");
      }
    }
    assertEquals(Set.of(), problems);
    assertTrue(bad.size() >= 30, "at least 30 kinds of bad files: " + bad.size());
    assertEquals(good.size() + bad.size() + 1, run.processed() + run.failed(), run.toString());
    assertTrue(FaceEngine.shared().check().usable(), "the face engine still works");
    assertTrue(FaceEngine.shared().analyze(jpeg, "after").faces().size() >= 1);
  }

  /**
   * Every kind of the generated corpus ({@link BadFiles}) imported at once, with a file that is
   * rewritten while the import reads it: each is indexed with what its columns can hold, or failed
   * with a reason, as its kind says; the import completes and the engine still works.
   */
  @Test
  void indexesOrReportsEveryKindOfHostileFile() throws Exception {
    Path folder =
        Files.createDirectories(
            Path.of(
                System.getProperty("glimpse.data.dir"), "imports", "corpus-" + UUID.randomUUID()));
    List<BadFiles.Kind> kinds = BadFiles.all();
    for (BadFiles.Kind kind : kinds) {
      Path target = folder.resolve(kind.path());
      Files.createDirectories(target.getParent());
      Files.write(target, kind.bytes());
    }
    byte[] jpeg = BadFiles.jpeg(640, 480, false);
    Path changing = Files.createDirectories(folder.resolve("changing")).resolve("while-read.jpg");
    Files.write(changing, jpeg);
    AtomicBoolean importing = new AtomicBoolean(true);
    Thread rewriter =
        new Thread(
            () -> {
              long until = System.nanoTime() + 300_000_000_000L;
              for (int i = 0; importing.get() && System.nanoTime() < until; i++) {
                try {
                  Files.write(changing, i % 2 == 0 ? Arrays.copyOf(jpeg, jpeg.length / 3) : jpeg);
                  Thread.sleep(1);
                } catch (Exception e) {
                  return;
                }
              }
            });
    rewriter.start();
    Caller anna = fixtures().photographer("corpus-" + UUID.randomUUID() + "@x.test");
    long eventId = events.create(anna, "Corpus", null).id();
    ImportView run;
    try {
      run = imports.importFolder(anna, eventId, folder.toString());
      long deadline = System.nanoTime() + 300_000_000_000L;
      while (!run.status().isFinished() && System.nanoTime() < deadline) {
        Thread.sleep(250);
        run = imports.get(anna, run.id());
      }
    } finally {
      importing.set(false);
      rewriter.join();
    }
    assertEquals(ImportStatus.COMPLETED, run.status(), run.toString());

    Map<String, Photo> recorded = recordedPhotos(eventId);
    Set<String> problems = new TreeSet<>();
    for (BadFiles.Kind kind : kinds) {
      Photo photo = recorded.get(kind.path());
      String seen = photo == null ? "missing" : photo.getStatus() + " " + photo.getFailureReason();
      boolean indexed = photo != null && photo.getStatus() == PhotoStatus.INDEXED;
      boolean failed =
          photo != null
              && photo.getStatus() == PhotoStatus.FAILED
              && photo.getFailureReason() != null
              && !photo.getFailureReason().isBlank();
      boolean expected =
          switch (kind.outcome()) {
            case INDEXED -> indexed;
            case FAILED -> failed;
            case EITHER -> indexed || failed;
          };
      if (!expected) {
        problems.add(kind + ": " + seen);
        continue;
      }
      clean(kind.path(), photo, problems);
      if (indexed) {
        Map<String, String> stored = new HashMap<>();
        stored.put("make", String.valueOf(photo.getCameraMake()));
        stored.put("model", String.valueOf(photo.getCameraModel()));
        stored.put("lens", String.valueOf(photo.getLens()));
        stored.put("takenAt", String.valueOf(photo.getTakenAt()));
        stored.put("width", String.valueOf(photo.getWidth()));
        stored.put("height", String.valueOf(photo.getHeight()));
        stored.replaceAll((key, value) -> value.equals("null") ? "none" : value);
        kind.expected()
            .forEach(
                (key, value) -> {
                  if (!value.equals(stored.get(key))) {
                    problems.add(kind + ": " + key + " " + abbreviated(stored.get(key)));
                  }
                });
      }
    }
    Photo whileRead = recorded.get("changing/while-read.jpg");
    if (whileRead == null) {
      problems.add("changing/while-read.jpg was not recorded");
    } else {
      clean("changing/while-read.jpg", whileRead, problems);
    }
    assertEquals(Set.of(), problems);
    assertTrue(kinds.size() >= 40, "at least 40 kinds: " + kinds.size());
    assertEquals(kinds.size() + 1, run.processed() + run.failed(), run.toString());
    assertTrue(FaceEngine.shared().check().usable(), "the face engine still works");
    byte[] messi =
        Files.readAllBytes(
            Path.of(System.getProperty("glimpse.shared"), "photos", "debian/messi5.jpg"));
    assertTrue(FaceEngine.shared().analyze(messi, "after").faces().size() >= 1);
  }

  /** Whether every text the photo keeps is clean and fits its column. */
  private static void clean(String path, Photo photo, Set<String> problems) {
    Map<String, Integer> columns = new HashMap<>();
    columns.put(photo.getFileName(), 500);
    columns.put(photo.getCameraMake(), 100);
    columns.put(photo.getCameraModel(), 100);
    columns.put(photo.getLens(), 200);
    columns.put(photo.getFailureReason(), 2_000);
    columns.forEach(
        (text, size) -> {
          if (text == null) {
            return;
          }
          boolean bad = text.length() > size;
          for (int i = 0; i < text.length() && !bad; i++) {
            char c = text.charAt(i);
            bad =
                Character.getType(c) == Character.CONTROL
                    || Character.isHighSurrogate(c)
                        && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
                    || Character.isLowSurrogate(c)
                        && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))
                    || c >= 0x202A && c <= 0x202E;
          }
          if (bad) {
            problems.add(path.replace("\n", "\\n") + " keeps unclean text: " + abbreviated(text));
          }
        });
  }

  private static String abbreviated(String text) {
    String shown = text == null ? "null" : text;
    shown = shown.length() > 60 ? shown.substring(0, 60) + "...(" + shown.length() + ")" : shown;
    StringBuilder escaped = new StringBuilder();
    shown
        .chars()
        .forEach(
            c ->
                escaped.append(
                    c < 0x20 || c >= 0x7F && c < 0xA0 ? String.format("\\u%04x", c) : (char) c));
    return escaped.toString();
  }

  /**
   * A file that fails in a way no code foresaw still ends, once the broker's deliveries are spent,
   * as that file's failure with a reason, and its import completes: here the database refuses the
   * photo's row for a rule the test adds to the table, as it once refused a camera make of 4,000
   * characters, which held its import RUNNING for ever. That make itself is now stored, bounded.
   */
  @Test
  void completesAnImportWhoseFileFailsInAnUnforeseenWay() throws Exception {
    Path folder =
        Files.createDirectories(
            Path.of(
                System.getProperty("glimpse.data.dir"), "imports", "poison-" + UUID.randomUUID()));
    Path shared = Path.of(System.getProperty("glimpse.shared"), "photos");
    byte[] jpeg = Files.readAllBytes(shared.resolve("debian/messi5.jpg"));
    Files.write(folder.resolve("good.jpg"), jpeg);
    Files.write(
        folder.resolve("long-make.jpg"),
        new Exif().text(Exif.MAKE, "M".repeat(4_000)).text(Exif.MODEL, "X100").jpeg(jpeg));
    Files.write(folder.resolve("unforeseen.jpg"), withComment(jpeg, "refused by the database"));
    String rule = "photo_refused_by_bad_input_it";
    fixtures()
        .inTransaction(
            () ->
                em.createNativeQuery(
                        "ALTER TABLE photo ADD CONSTRAINT "
                            + rule
                            + " CHECK (status <> 'INDEXED' OR source_file_id NOT LIKE"
                            + " '%unforeseen%') NOT VALID")
                    .executeUpdate());
    try {
      Caller anna = fixtures().photographer("poison-" + UUID.randomUUID() + "@x.test");
      long eventId = events.create(anna, "Poison", null).id();
      ImportView run = imports.importFolder(anna, eventId, folder.toString());
      long deadline = System.nanoTime() + 150_000_000_000L;
      while (!run.status().isFinished() && System.nanoTime() < deadline) {
        Thread.sleep(250);
        run = imports.get(anna, run.id());
      }
      assertEquals(ImportStatus.COMPLETED, run.status(), run.toString());
      assertEquals(2, run.processed(), run.toString());
      assertEquals(1, run.failed(), run.toString());
      Map<String, Photo> recorded = new HashMap<>();
      for (Photo photo :
          em.createQuery("SELECT p FROM Photo p WHERE p.event.id = :e", Photo.class)
              .setParameter("e", eventId)
              .getResultList()) {
        recorded.put(photo.getSourceFileId(), photo);
      }
      Photo longMake = recorded.get("long-make.jpg");
      assertEquals(PhotoStatus.INDEXED, longMake.getStatus(), longMake.getFailureReason());
      assertTrue(
          longMake.getCameraMake().startsWith("MMMM") && longMake.getCameraMake().length() <= 100,
          longMake.getCameraMake());
      assertEquals("X100", longMake.getCameraModel());
      Photo unforeseen = recorded.get("unforeseen.jpg");
      assertEquals(PhotoStatus.FAILED, unforeseen.getStatus());
      assertTrue(
          unforeseen.getFailureReason().contains(rule),
          "the reason: " + unforeseen.getFailureReason());
    } finally {
      fixtures()
          .inTransaction(
              () ->
                  em.createNativeQuery("ALTER TABLE photo DROP CONSTRAINT IF EXISTS " + rule)
                      .executeUpdate());
    }
  }

  private static byte[] image(int width, int height, int type, String format) throws Exception {
    BufferedImage image = new BufferedImage(width, height, type);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, (x * 7 + y * 13) * 0x010101 & 0xFFFFFF);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, format, out)) {
      throw new IllegalStateException("No ImageIO writer for " + format);
    }
    return out.toByteArray();
  }

  private static byte[] startMarkers() {
    byte[] markers = new byte[4000];
    for (int i = 0; i < markers.length; i += 2) {
      markers[i] = (byte) 0xFF;
      markers[i + 1] = (byte) 0xD8;
    }
    return markers;
  }

  private static byte[] garbage(Random random, int length, String start) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    byte[] head = start.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(head, 0, bytes, 0, Math.min(head.length, length));
    return bytes;
  }

  /** A PNG signature and header claiming {@code width} x {@code height}, with or without data. */
  private static byte[] pngHeader(int width, int height, boolean withData) {
    ByteBuffer out = ByteBuffer.allocate(200);
    out.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height);
    ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    if (withData) {
      chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
    }
    chunk(out, "IEND", new byte[0]);
    return Arrays.copyOf(out.array(), out.position());
  }

  private static void chunk(ByteBuffer out, String type, byte[] data) {
    out.putInt(data.length);
    byte[] name = type.getBytes(StandardCharsets.ISO_8859_1);
    out.put(name).put(data);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.putInt((int) crc.getValue());
  }

  private static byte[] bmpHeader(int width, int height) {
    ByteBuffer out = ByteBuffer.allocate(54).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    out.put((byte) 'B').put((byte) 'M').putInt(54).putInt(0).putInt(54);
    out.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24);
    out.putInt(0).putInt(0).putInt(0).putInt(0).putInt(0).putInt(0);
    return out.array();
  }

  /** A JPEG whose frame header claims 65,000 x 65,000 pixels. */
  private static byte[] jpegWithHugeFrame() {
    return new byte[] {
      (byte) 0xFF,
      (byte) 0xD8,
      (byte) 0xFF,
      (byte) 0xC0,
      0x00,
      0x11,
      0x08,
      (byte) 0xFD,
      (byte) 0xE8,
      (byte) 0xFD,
      (byte) 0xE8,
      0x03,
      0x01,
      0x22,
      0x00,
      0x02,
      0x11,
      0x01,
      0x03,
      0x11,
      0x01,
      (byte) 0xFF,
      (byte) 0xD9
    };
  }

  /** The JPEG with noise over part of its image data, still ending with its end marker. */
  private static byte[] scanNoise(byte[] jpeg, Random random) {
    byte[] broken = jpeg.clone();
    for (int i = broken.length / 2; i < broken.length * 3 / 4; i++) {
      broken[i] = (byte) random.nextInt(256);
    }
    return broken;
  }

  private static byte[] zip() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("inside.txt"));
      zip.write("hello".getBytes());
      zip.closeEntry();
    }
    return out.toByteArray();
  }

  /** The event's photos by their source file id. */
  private Map<String, Photo> recordedPhotos(long eventId) {
    Map<String, Photo> recorded = new HashMap<>();
    for (Photo photo :
        em.createQuery("SELECT p FROM Photo p WHERE p.event.id = :e", Photo.class)
            .setParameter("e", eventId)
            .getResultList()) {
      recorded.put(photo.getSourceFileId(), photo);
    }
    return recorded;
  }
}
