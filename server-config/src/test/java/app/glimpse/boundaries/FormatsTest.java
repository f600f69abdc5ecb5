package app.glimpse.boundaries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.faces.FaceEngine;
import app.glimpse.faces.PhotoAnalysis;
import app.glimpse.faces.PhotoMetadata;
import app.glimpse.faces.UnreadableImageException;
import app.glimpse.testing.CameraFiles;
import app.glimpse.testing.CameraFiles.Shot;
import app.glimpse.testing.Jpegs;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * HEIC and camera RAW files made from ../shared photos, read by the face engine without a server:
 * the same faces as the JPEG they were made from, the RAW's own metadata, its orientation applied,
 * and a readable reason for a damaged one. {@link FormatsIT} imports the same files through the
 * whole server.
 */
class FormatsTest {

  static final Shot CANON = CameraFiles.shot("heic", 1);

  static Path shared() {
    return Path.of(System.getProperty("glimpse.shared", "../../shared"), "photos");
  }

  @Test
  void everyFormatGivesTheJpegsFacesAndTheFilesOwnMetadata() throws Exception {
    FaceEngine engine = FaceEngine.shared();
    byte[] source = Files.readAllBytes(shared().resolve("groups-unlabeled/sample1.jpg"));
    BufferedImage image = CameraFiles.image(source);
    PhotoAnalysis jpeg = engine.analyze(CameraFiles.jpeg(image, 0.92f), "sample1.jpg");
    assertTrue(jpeg.faces().size() >= 3, "faces in the JPEG: " + jpeg.faces().size());
    StringBuilder times = new StringBuilder();
    for (String format : CameraFiles.RAW_FORMATS) {
      Shot shot = CameraFiles.shot(format, format.equals("nef") ? 6 : 1);
      byte[] raw = CameraFiles.raw(format, image, shot, 7);
      PhotoAnalysis analysis = engine.analyze(raw, "sample1." + format);
      PhotoMetadata metadata = analysis.metadata();
      assertEquals(format, metadata.format(), format);
      assertEquals(jpeg.faces().size(), analysis.faces().size(), format + " faces");
      assertEquals(image.getWidth(), analysis.width(), format + " width");
      assertEquals(image.getHeight(), analysis.height(), format + " height");
      assertEquals(shot.make(), metadata.make(), format);
      assertEquals(shot.model(), metadata.model(), format);
      assertEquals(shot.lens(), metadata.lens(), format);
      assertEquals(LocalDateTime.of(2026, 6, 13, 15, 42, 7), metadata.capturedAt(), format);
      assertEquals(shot.orientation(), metadata.orientation(), format);
      times.append(
          String.format(
              Locale.ROOT, " %s_decode_ms=%.1f", format, analysis.times().decode() / 1e6));
    }
    byte[] heic = CameraFiles.heic(image, CANON, 80);
    PhotoAnalysis analysis = engine.analyze(heic, "sample1.heic");
    assertEquals("heic", analysis.metadata().format());
    assertEquals(jpeg.faces().size(), analysis.faces().size(), "heic faces");
    assertEquals(image.getWidth(), analysis.width());
    assertEquals(image.getHeight(), analysis.height());
    assertEquals("Canon EOS R5", analysis.metadata().model());
    assertEquals(LocalDateTime.of(2026, 6, 13, 15, 42, 7), analysis.metadata().capturedAt());
    times.append(
        String.format(Locale.ROOT, " heic_decode_ms=%.1f", analysis.times().decode() / 1e6));
    times.append(String.format(Locale.ROOT, " jpeg_decode_ms=%.1f", jpeg.times().decode() / 1e6));
    System.out.println("formats-test" + times);
  }

  @Test
  void aDamagedFileFailsWithAReason() throws Exception {
    FaceEngine engine = FaceEngine.shared();
    BufferedImage image =
        CameraFiles.image(Files.readAllBytes(shared().resolve("deepface/img2.jpg")));
    for (String format : CameraFiles.RAW_FORMATS) {
      Shot shot = CameraFiles.shot(format, 1);
      byte[] raw = CameraFiles.raw(format, image, shot, 3);
      // cut in the middle of its full-size preview, as a copy that broke off
      byte[] preview = CameraFiles.preview(image, shot);
      int at = Jpegs.indexOf(raw, Arrays.copyOfRange(preview, 2, 600));
      assertTrue(at > 0, format);
      byte[] cut = Arrays.copyOf(raw, at + preview.length / 2);
      UnreadableImageException e =
          assertThrows(
              UnreadableImageException.class, () -> engine.analyze(cut, "cut." + format), format);
      assertTrue(e.getMessage().startsWith("cut." + format + ": "), e.getMessage());
    }
    byte[] heic = CameraFiles.heic(image, CANON, 70);
    byte[] cut = Arrays.copyOf(heic, heic.length / 2);
    UnreadableImageException e =
        assertThrows(UnreadableImageException.class, () -> engine.analyze(cut, "cut.heic"));
    assertTrue(e.getMessage().contains("HEIC"), e.getMessage());
  }
}
