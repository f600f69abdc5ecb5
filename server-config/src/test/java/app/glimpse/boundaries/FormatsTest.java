package app.glimpse.boundaries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.faces.FaceEngine;
import app.glimpse.faces.PhotoAnalysis;
import app.glimpse.faces.PhotoMetadata;
import app.glimpse.faces.UnreadableImageException;
import app.glimpse.faces.decode.DecodedImage;
import app.glimpse.faces.decode.ImageDecoder;
import app.glimpse.testing.CameraFiles;
import app.glimpse.testing.CameraFiles.Shot;
import app.glimpse.testing.Jpegs;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

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
      keep("sample1." + format, raw);
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
    keep("sample1.heic", heic);
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

  /**
   * How close libheif's decode through the JNA binding comes to the photo the HEIC was made from,
   * beside a JPEG of it (PSNR in dB over all pixels); a wrong stride or channel order would fall
   * far below either.
   */
  @Test
  void heicDecodesCloseToItsSource() throws Exception {
    byte[] source = Files.readAllBytes(shared().resolve("deepface/couple.jpg"));
    BufferedImage image = CameraFiles.image(source);
    Mat original = mat(image);
    ImageDecoder decoder = new ImageDecoder(100_000_000);
    StringBuilder line = new StringBuilder("formats-quality");
    for (int quality : new int[] {70, 80, 90}) {
      byte[] heic = CameraFiles.heic(image, CANON, quality);
      DecodedImage decoded = decoder.decode(heic, "couple.heic", 100_000);
      double psnr = Core.PSNR(original, decoded.image());
      decoded.release();
      assertTrue(psnr > 30, "HEIC q" + quality + ": " + psnr + " dB");
      line.append(
          String.format(
              Locale.ROOT,
              " heic_q%d_psnr=%.1f heic_q%d_kb=%d",
              quality,
              psnr,
              quality,
              heic.length / 1024));
    }
    byte[] jpeg = CameraFiles.jpeg(image, 0.92f);
    DecodedImage decoded = decoder.decode(jpeg, "couple.jpg", 100_000);
    line.append(
        String.format(
            Locale.ROOT,
            " jpeg_q92_psnr=%.1f jpeg_q92_kb=%d",
            Core.PSNR(original, decoded.image()),
            jpeg.length / 1024));
    decoded.release();
    original.release();
    System.out.println(line);
  }

  /**
   * The median of 7 decodes of each format (to the 1600 px the previews need), in this JVM: what
   * docs/formats.md compares with other readers run as processes on the same files.
   */
  @Test
  void decodeTimes() throws Exception {
    BufferedImage image =
        CameraFiles.image(Files.readAllBytes(shared().resolve("groups-unlabeled/sample1.jpg")));
    ImageDecoder decoder = new ImageDecoder(100_000_000);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("jpeg", CameraFiles.jpeg(image, 0.92f));
    files.put("heic", CameraFiles.heic(image, CANON, 80));
    for (String format : CameraFiles.RAW_FORMATS) {
      files.put(format, CameraFiles.raw(format, image, CameraFiles.shot(format, 1), 1));
    }
    files.put("jpeg_again", files.get("jpeg")); // the first one measured pays for warming up
    StringBuilder line = new StringBuilder("formats-decode");
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      long[] ms = new long[7];
      for (int i = -2; i < ms.length; i++) {
        long start = System.nanoTime();
        decoder.decode(file.getValue(), "sample1." + file.getKey(), 1600).release();
        if (i >= 0) {
          ms[i] = System.nanoTime() - start;
        }
      }
      Arrays.sort(ms);
      line.append(String.format(Locale.ROOT, " %s_ms=%.1f", file.getKey(), ms[3] / 1e6));
    }
    System.out.println(line);
  }

  private static Mat mat(BufferedImage image) {
    Mat mat = new Mat(image.getHeight(), image.getWidth(), CvType.CV_8UC3);
    mat.put(0, 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData());
    return mat;
  }

  /** Keeps a made file in target/formats-samples, for measuring other readers on it by hand. */
  private static void keep(String name, byte[] bytes) throws Exception {
    Path folder = Files.createDirectories(Path.of("target", "formats-samples"));
    Files.write(folder.resolve(name), bytes);
  }

  /**
   * Noise behind each format's signature, and real files with bytes overwritten at random: each is
   * read or refused with {@link UnreadableImageException}, never with another exception (an index
   * out of bounds, a loop through IFDs that point at each other).
   */
  @Test
  void hostileBytesAreRefusedWithAReason() throws Exception {
    FaceEngine engine = FaceEngine.shared();
    java.util.Random random = new java.util.Random(16);
    BufferedImage image =
        CameraFiles.image(Files.readAllBytes(shared().resolve("deepface/img10.jpg")));
    List<byte[]> real = new java.util.ArrayList<>();
    for (String format : CameraFiles.RAW_FORMATS) {
      real.add(CameraFiles.raw(format, image, CameraFiles.shot(format, 1), 5));
    }
    real.add(CameraFiles.heic(image, CANON, 60));
    List<String> signatures =
        List.of(
            "II*\0\u0010\0\0\0CR\u0002\0",
            "MM\0*\0\0\0\b",
            "IIRO\b\0\0\0",
            "FUJIFILMCCD-RAW 0201",
            "\0\0\0\u0018ftypcrx \0\0\0\u0001crx isom",
            "\0\0\0\u0018ftypheic\0\0\0\0mif1heic");
    int refused = 0;
    for (int i = 0; i < 240; i++) {
      byte[] bytes;
      if (i % 2 == 0) {
        byte[] head =
            signatures.get(i / 2 % signatures.size()).getBytes(StandardCharsets.ISO_8859_1);
        bytes = new byte[head.length + random.nextInt(20_000)];
        random.nextBytes(bytes);
        System.arraycopy(head, 0, bytes, 0, head.length);
      } else {
        bytes = real.get(i / 2 % real.size()).clone();
        for (int k = 0; k < 20; k++) {
          bytes[random.nextInt(Math.min(bytes.length, 4_096))] = (byte) random.nextInt(256);
        }
      }
      try {
        engine.analyze(bytes, "hostile-" + i);
      } catch (UnreadableImageException e) {
        assertTrue(e.getMessage().startsWith("hostile-" + i + ": "), e.getMessage());
        refused++;
      }
    }
    assertTrue(refused >= 120, "the noise files at least are refused: " + refused);
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
