package app.glimpse.faces;

import app.glimpse.faces.model.NativeRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    byte[] tiff = {
      'M',
      'M',
      0,
      42,
      0,
      0,
      0,
      8, // header, IFD0 at 8
      0,
      1, // one entry
      0x01,
      0x12,
      0,
      3,
      0,
      0,
      0,
      1,
      0,
      (byte) orientation,
      0,
      0, // Orientation SHORT
      0,
      0,
      0,
      0 // no next IFD
    };
    return withApp1(jpeg, concat("Exif\0\0".getBytes(), tiff));
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
