package app.glimpse.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** The bad-input corpus, built here: each case gets a typed, readable error or a correct result. */
class BadInputTest {
  private static final FaceEngine ENGINE = FaceEngine.shared();

  @Test
  void emptyFile() {
    UnreadableImageException e =
        assertThrows(UnreadableImageException.class, () -> ENGINE.analyze(new byte[0], "a.jpg"));
    assertEquals("a.jpg: the file is empty", e.getMessage());
  }

  @Test
  void notAnImage() {
    byte[] text = "<html><body>hello</body></html>".getBytes(StandardCharsets.UTF_8);
    UnreadableImageException e =
        assertThrows(UnreadableImageException.class, () -> ENGINE.analyze(text, "page.jpg"));
    assertTrue(e.getMessage().contains("not a supported image"), e.getMessage());
  }

  @Test
  void randomBytesBehindAJpegSignature() {
    byte[] data = new byte[5000];
    new Random(1).nextBytes(data);
    data[0] = (byte) 0xFF;
    data[1] = (byte) 0xD8;
    data[2] = (byte) 0xFF;
    assertThrows(UnreadableImageException.class, () -> ENGINE.analyze(data, "noise.jpg"));
  }

  @Test
  void jpegCutInsideItsHeader() {
    byte[] jpeg = TestImages.bytes("deepface/img1.jpg");
    byte[] cut = Arrays.copyOf(jpeg, 120);
    assertThrows(UnreadableImageException.class, () -> ENGINE.analyze(cut, "cut.jpg"));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.3, 0.7, 0.99})
  void jpegCutShortIsRefusedWithItsReason(double fraction) {
    byte[] jpeg = TestImages.bytes("groups-unlabeled/sample3.jpg");
    byte[] cut = Arrays.copyOf(jpeg, (int) (jpeg.length * fraction));
    UnreadableImageException refused =
        assertThrows(UnreadableImageException.class, () -> ENGINE.analyze(cut, "truncated.jpg"));
    assertTrue(refused.getMessage().contains("cut short"), refused.getMessage());
  }

  @Test
  void jpegWithDataAfterItsEndIsRead() throws Exception {
    byte[] jpeg = TestImages.bytes("groups-unlabeled/sample3.jpg");
    byte[] motionPhoto = Arrays.copyOf(jpeg, jpeg.length + 5000); // e.g. a motion photo's video
    assertEquals(1920, ENGINE.analyze(motionPhoto, "motion.jpg").width());
  }

  @Test
  void pngWithDamagedData() {
    Mat image = TestImages.read("debian/astronaut.png");
    byte[] png = TestImages.encode(image, ".png");
    for (int i = 200; i < png.length - 200; i += 7) {
      png[i] ^= 0x5A;
    }
    assertThrows(UnreadableImageException.class, () -> ENGINE.analyze(png, "damaged.png"));
  }

  @Test
  void hugePngIsRefusedFromItsHeaderAlone() {
    byte[] png = pngHeader(30000, 30000);
    long start = System.nanoTime();
    ImageTooLargeException e =
        assertThrows(ImageTooLargeException.class, () -> ENGINE.analyze(png, "bomb.png"));
    assertTrue((System.nanoTime() - start) < 1_000_000_000L, "refused without decoding");
    assertEquals(900_000_000L, e.pixels());
    assertTrue(e.getMessage().contains("30000x30000"), e.getMessage());
  }

  @Test
  void pixelLimitIsConfigurable() throws Exception {
    try (FaceEngine strict =
        FaceEngine.create(FaceEngineConfig.defaults().withMaxPixels(1_000_000))) {
      assertThrows(
          ImageTooLargeException.class,
          () -> strict.analyze(TestImages.bytes("deepface/img49.jpg"), "big.jpg"));
    }
  }

  @Test
  void onePixelImage() throws Exception {
    Mat pixel = new Mat(1, 1, CvType.CV_8UC3, new Scalar(10, 20, 30));
    PhotoAnalysis analysis = ENGINE.analyze(TestImages.encode(pixel, ".png"), "dot.png");
    assertEquals(1, analysis.width());
    assertEquals(1, analysis.height());
    assertTrue(analysis.faces().isEmpty());
    assertTrue(analysis.thumbnailJpeg().length > 0);
  }

  @Test
  void extremePanoramaStrip() throws Exception {
    Mat strip = new Mat(20, 6000, CvType.CV_8UC3, new Scalar(200, 180, 160));
    PhotoAnalysis analysis = ENGINE.analyze(TestImages.encode(strip, ".png"), "strip.png");
    assertEquals(6000, analysis.width());
    assertTrue(analysis.faces().isEmpty());
  }

  @Test
  void tiffWithBrokenDirectory() {
    byte[] tiff = new byte[64];
    new Random(3).nextBytes(tiff);
    System.arraycopy(new byte[] {'I', 'I', '*', 0, (byte) 0xF0, 0x7F, 0, 0}, 0, tiff, 0, 8);
    assertThrows(UnreadableImageException.class, () -> ENGINE.analyze(tiff, "broken.tif"));
  }

  @Test
  void animatedGifGivesItsFirstFrame() throws Exception {
    Mat photo = TestImages.read("deepface/img2.jpg");
    Mat small = new Mat();
    Imgproc.resize(photo, small, new Size(480, 360));
    BufferedImage first = toImage(small);
    BufferedImage second = new BufferedImage(480, 360, BufferedImage.TYPE_INT_RGB);
    second.getGraphics().setColor(Color.RED);
    second.getGraphics().fillRect(0, 0, 480, 360);
    PhotoAnalysis analysis = ENGINE.analyze(animatedGif(first, second), "anim.gif");
    assertEquals("gif", analysis.metadata().format());
    assertEquals(480, analysis.width());
    assertEquals(360, analysis.height());
    assertEquals(1, analysis.acceptedFaces().size());
  }

  @Test
  void exifGarbageIsIgnored() throws Exception {
    byte[] garbage = new byte[3000];
    new Random(7).nextBytes(garbage);
    System.arraycopy("Exif\0\0MM\0*".getBytes(StandardCharsets.ISO_8859_1), 0, garbage, 0, 10);
    byte[] jpeg = TestImages.withApp1(TestImages.bytes("deepface/img1.jpg"), garbage);
    PhotoAnalysis analysis = ENGINE.analyze(jpeg, "garbage-exif.jpg");
    assertEquals(1382, analysis.width());
    assertEquals(1, analysis.acceptedFaces().size());
  }

  @ParameterizedTest
  @ValueSource(strings = {".png", ".webp", ".tiff", ".bmp", ".jpg-grey", ".png-16bit"})
  void decodesEveryFormatWithItsFaces(String format) throws Exception {
    Mat photo = TestImages.read("deepface/img2.jpg");
    Mat image = photo;
    String extension = format;
    if (format.equals(".jpg-grey")) {
      image = new Mat();
      Imgproc.cvtColor(photo, image, Imgproc.COLOR_BGR2GRAY);
      extension = ".jpg";
    } else if (format.equals(".png-16bit")) {
      image = new Mat();
      photo.convertTo(image, CvType.CV_16UC3, 257);
      extension = ".png";
    }
    byte[] data = TestImages.encode(image, extension);
    PhotoAnalysis analysis = ENGINE.analyze(data, "photo" + extension);
    assertEquals(photo.cols(), analysis.width());
    assertEquals(photo.rows(), analysis.height());
    assertEquals(1, analysis.acceptedFaces().size(), format);
  }

  @Test
  void cmykJpegDecodes() throws Exception {
    WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 320, 240, 4, null);
    int[] pixel = new int[4];
    for (int y = 0; y < 240; y++) {
      for (int x = 0; x < 320; x++) {
        pixel[0] = x % 256;
        pixel[1] = y % 256;
        pixel[2] = 128;
        pixel[3] = 20;
        raster.setPixel(x, y, pixel);
      }
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
    }
    writer.dispose();
    PhotoAnalysis analysis = ENGINE.analyze(out.toByteArray(), "cmyk.jpg");
    assertEquals(320, analysis.width());
    assertEquals(240, analysis.height());
    assertTrue(analysis.faces().isEmpty());
  }

  /** The signature and IHDR of a PNG of that size, with no image data: a header alone. */
  static byte[] pngHeader(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(17);
    ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height);
    ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    CRC32 crc = new CRC32();
    crc.update(ihdr.array());
    ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4 + 1000);
    png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
    png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
    return png.array();
  }

  private static BufferedImage toImage(Mat bgr) {
    BufferedImage image = new BufferedImage(bgr.cols(), bgr.rows(), BufferedImage.TYPE_3BYTE_BGR);
    byte[] pixels = new byte[bgr.cols() * bgr.rows() * 3];
    bgr.get(0, 0, pixels);
    image.getRaster().setDataElements(0, 0, bgr.cols(), bgr.rows(), pixels);
    return image;
  }

  private static byte[] animatedGif(BufferedImage... frames) throws Exception {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.prepareWriteSequence(null);
      for (BufferedImage frame : frames) {
        writer.writeToSequence(new IIOImage(frame, null, null), null);
      }
      writer.endWriteSequence();
    }
    writer.dispose();
    return out.toByteArray();
  }
}
