package app.glimpse.faces;

import app.glimpse.faces.model.NativeRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Test photos from ../shared and images made on the fly (nothing binary lives in the repository).
 */
final class TestImages {
  private TestImages() {}

  /** {@code ../shared} next to the repository, or {@code -Dglimpse.shared}. */
  static Path shared() {
    String configured = System.getProperty("glimpse.shared");
    if (configured != null) {
      return Path.of(configured);
    }
    Path cwd = Path.of("").toAbsolutePath();
    Path repo = Files.exists(cwd.resolve("face-engine")) ? cwd : cwd.getParent();
    return repo.resolve("../shared").normalize();
  }

  static Path photo(String relative) {
    return shared().resolve("photos").resolve(relative);
  }

  static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(photo(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Mat read(String relative) {
    NativeRuntime.loadOpenCv();
    return Imgcodecs.imread(photo(relative).toString(), Imgcodecs.IMREAD_COLOR);
  }

  static byte[] encode(Mat image, String extension, int... params) {
    MatOfByte out = new MatOfByte();
    if (!Imgcodecs.imencode(extension, image, out, new MatOfInt(params))) {
      throw new IllegalStateException("cannot encode " + extension);
    }
    return out.toArray();
  }

  /** A JPEG with an EXIF APP1 segment holding only {@code orientation}, inserted after SOI. */
  static byte[] withExifOrientation(byte[] jpeg, int orientation) {
    return withExif(jpeg, orientation, "2024:06:01 14:30:00", "+02:00");
  }

  /**
   * A JPEG with a minimal big-endian EXIF block: IFD0 with Orientation and a pointer to an Exif IFD
   * holding DateTimeOriginal and OffsetTimeOriginal.
   */
  static byte[] withExif(byte[] jpeg, int orientation, String dateTimeOriginal, String offset) {
    ByteBuffer tiff = ByteBuffer.allocate(96);
    tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
    tiff.putShort((short) 2);
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation);
    tiff.putShort((short) 0);
    tiff.putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(38);
    tiff.putInt(0);
    tiff.putShort((short) 2);
    tiff.putShort((short) 0x9003).putShort((short) 2).putInt(20).putInt(68);
    tiff.putShort((short) 0x9011).putShort((short) 2).putInt(7).putInt(88);
    tiff.putInt(0);
    tiff.put((dateTimeOriginal + "\0").getBytes(StandardCharsets.US_ASCII));
    tiff.put((offset + "\0").getBytes(StandardCharsets.US_ASCII));
    return withApp1(jpeg, concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff.array()));
  }

  /** A JPEG with an arbitrary APP1 payload inserted after SOI. */
  static byte[] withApp1(byte[] jpeg, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    int length = payload.length + 2;
    out.write(0xFF);
    out.write(0xE1);
    out.write(length >> 8);
    out.write(length & 0xFF);
    out.write(payload, 0, payload.length);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] result = new byte[a.length + b.length];
    System.arraycopy(a, 0, result, 0, a.length);
    System.arraycopy(b, 0, result, a.length, b.length);
    return result;
  }
}
