package app.glimpse.faces;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** A selfie is refused at fewer pixels than an imported photo: anyone with a link may send one. */
class SelfiePixelsTest {
  private static final FaceEngine ENGINE = FaceEngine.shared();

  @Test
  void aSelfieOverTheSelfieLimitIsRefusedFromItsHeader() {
    byte[] png = pngHeader(8000, 8000); // 64 MP: an import may have it, a selfie may not
    ImageTooLargeException refused =
        assertThrows(ImageTooLargeException.class, () -> ENGINE.facesForSearch(png));
    assertTrue(refused.getMessage().contains("limit of 50"), refused.getMessage());
    UnreadableImageException imported =
        assertThrows(UnreadableImageException.class, () -> ENGINE.analyze(png, "big.png"));
    assertFalse(imported instanceof ImageTooLargeException, imported.getMessage());
  }

  private static byte[] pngHeader(int width, int height) {
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
}
