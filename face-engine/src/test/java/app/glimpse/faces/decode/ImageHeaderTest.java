package app.glimpse.faces.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.faces.ImageTooLargeException;
import app.glimpse.faces.UnreadableImageException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;

/** What a header announces is what the decoder will allocate, for every frame of a GIF. */
class ImageHeaderTest {

  @Test
  void aGifIsAsLargeAsItsLargestFrame() throws Exception {
    byte[] bomb = gif(1, 1, 20000, 20000);
    assertTrue(bomb.length < 64, "a few dozen bytes: " + bomb.length);
    ImageHeader header = ImageHeader.read(bomb, "bomb.gif");
    assertEquals("gif", header.format());
    assertEquals(400_000_000L, header.pixels());
  }

  @Test
  void aGifFrameOutsideTheScreenCounts() throws Exception {
    byte[] gif = withFrame(gif(100, 100, 10, 10), 30000, 5, 10, 10);
    ImageHeader header = ImageHeader.read(gif, "wide.gif");
    assertEquals(30010, header.width());
    assertEquals(100, header.height());
  }

  @Test
  void aGifBombIsRefusedBeforeDecoding() {
    byte[] bomb = gif(1, 1, 20000, 20000);
    ImageDecoder decoder = new ImageDecoder(100_000_000);
    long start = System.nanoTime();
    ImageTooLargeException refused =
        assertThrows(ImageTooLargeException.class, () -> decoder.decode(bomb, "bomb.gif", 0));
    assertTrue((System.nanoTime() - start) < 1_000_000_000L, "refused without decoding");
    assertTrue(refused.getMessage().contains("20000x20000"), refused.getMessage());
  }

  @Test
  void anOrdinaryAnimatedGifKeepsItsScreenSize() throws Exception {
    byte[] animation = animatedGif(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), 3);
    ImageHeader header = ImageHeader.read(animation, "anim.gif");
    assertEquals(64, header.width());
    assertEquals(48, header.height());
    assertEquals(64, new ImageDecoder(100_000_000).decode(animation, "anim.gif", 0).fullWidth());
  }

  @Test
  void aGifCutInsideAFrameDescriptorIsTruncated() {
    byte[] gif = gif(10, 10, 10, 10);
    int descriptor = 13 + 6; // after the header, screen descriptor and 2-colour table
    byte[] cut = Arrays.copyOf(gif, descriptor + 5);
    UnreadableImageException refused =
        assertThrows(UnreadableImageException.class, () -> ImageHeader.read(cut, "cut.gif"));
    assertTrue(refused.getMessage().contains("truncated"), refused.getMessage());
  }

  /** A GIF89a of one frame: screen {@code sw x sh} with a global colour table, frame fw x fh. */
  private static byte[] gif(int sw, int sh, int fw, int fh) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    le16(out, sw);
    le16(out, sh);
    out.write(0x80); // global colour table of 2 entries
    out.write(0);
    out.write(0);
    out.writeBytes(new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255});
    frame(out, 0, 0, fw, fh);
    out.write(0x3B);
    return out.toByteArray();
  }

  /** {@code gif} with one more frame before its trailer, after a graphic control extension. */
  private static byte[] withFrame(byte[] gif, int left, int top, int fw, int fh) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(gif, 0, gif.length - 1);
    out.writeBytes(new byte[] {0x21, (byte) 0xF9, 4, 0, 10, 0, 0, 0});
    frame(out, left, top, fw, fh);
    out.write(0x3B);
    return out.toByteArray();
  }

  private static void frame(ByteArrayOutputStream out, int left, int top, int fw, int fh) {
    out.write(0x2C);
    le16(out, left);
    le16(out, top);
    le16(out, fw);
    le16(out, fh);
    out.write(0); // no local colour table
    out.write(2); // LZW minimum code size
    out.writeBytes(new byte[] {2, 0x4C, 0x01, 0}); // clear, end
  }

  private static void le16(ByteArrayOutputStream out, int value) {
    out.write(value & 0xFF);
    out.write((value >> 8) & 0xFF);
  }

  private static byte[] animatedGif(BufferedImage frame, int frames) throws Exception {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.prepareWriteSequence(null);
      for (int i = 0; i < frames; i++) {
        writer.writeToSequence(new IIOImage(frame, null, null), null);
      }
      writer.endWriteSequence();
    }
    writer.dispose();
    return out.toByteArray();
  }
}
