package app.glimpse.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Byte-level JPEG edits and searches the tests share (marked selfies, distinct copies). */
public final class Jpegs {

  private Jpegs() {}

  /** The JPEG with a comment segment holding {@code comment} right after its start marker. */
  public static byte[] withComment(byte[] jpeg, String comment) {
    return withSegment(jpeg, 0xFE, comment.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The JPEG with one more segment ({@code marker}, {@code content}) after its start marker. */
  public static byte[] withSegment(byte[] jpeg, int marker, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + content.length + 4);
    out.write(jpeg, 0, 2);
    out.write(0xFF);
    out.write(marker);
    out.write((content.length + 2) >> 8);
    out.write((content.length + 2) & 0xFF);
    out.write(content, 0, content.length);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /** Where {@code needle} first occurs in {@code haystack}, or -1. */
  public static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
