package app.glimpse.faces.decode;

import app.glimpse.faces.UnreadableImageException;

/**
 * Format and stored pixel size of an image, read from the first bytes without decoding.
 *
 * <p>This is what lets the engine refuse a 30000x30000 PNG before any native decoder allocates its
 * pixels; it also stops non-images early with a message a user can read. A GIF's size is that of
 * the area all its frames cover, not only its logical screen: the decoder allocates a frame's own
 * size, which a GIF of a few dozen bytes may give as 20000x20000.
 *
 * <p>A camera RAW's header is that of the largest JPEG it embeds ({@link CameraRaw}), which is what
 * Glimpse decodes of it; a HEIC's size is that of its largest image ({@code ispe} property), the
 * primary image or the grid its tiles make.
 *
 * @param format {@code jpeg}, {@code png}, {@code gif}, {@code bmp}, {@code webp}, {@code tiff},
 *     {@code heic}, or a camera RAW's: {@code cr2}, {@code cr3}, {@code nef}, {@code arw}, {@code
 *     dng}, {@code raf}, {@code orf}, {@code pef}, {@code raw}
 * @param width stored width (before EXIF orientation or HEIF rotation)
 * @param height stored height (before EXIF orientation or HEIF rotation)
 */
public record ImageHeader(String format, int width, int height) {

  /** Reads the header of {@code data}; {@code name} is only used in messages. */
  public static ImageHeader read(byte[] data, String name) throws UnreadableImageException {
    if (data.length == 0) {
      throw new UnreadableImageException(name + ": the file is empty");
    }
    ImageHeader header;
    try {
      CameraRaw raw = CameraRaw.recognise(data);
      if (raw != null && raw.preview() == null) {
        throw new UnreadableImageException(
            name
                + ": the "
                + raw.format().toUpperCase(java.util.Locale.ROOT)
                + " file's embedded full-size JPEG is missing, cut short or damaged (a camera RAW"
                + " is shown through the preview the camera embeds)");
      }
      header =
          raw != null
              ? new ImageHeader(raw.format(), raw.preview().width(), raw.preview().height())
              : sniff(data);
    } catch (IndexOutOfBoundsException e) {
      throw new UnreadableImageException(
          name + ": the file is truncated (image header incomplete)");
    }
    if (header == null) {
      throw new UnreadableImageException(
          name
              + ": not a supported image (JPEG, PNG, WebP, TIFF, BMP, GIF, HEIC or camera RAW"
              + " expected)");
    }
    if (header.width <= 0 || header.height <= 0) {
      throw new UnreadableImageException(name + ": the image header gives no valid size");
    }
    return header;
  }

  /** Stored pixel count. */
  public long pixels() {
    return (long) width * height;
  }

  private static final java.util.Set<String> NOT_RAW =
      java.util.Set.of("jpeg", "png", "gif", "bmp", "webp", "tiff", "heic");

  /** Whether this is a camera RAW's, read through its embedded JPEG. */
  public boolean cameraRaw() {
    return !NOT_RAW.contains(format);
  }

  private static ImageHeader sniff(byte[] d) {
    if (d.length >= 3 && u8(d, 0) == 0xFF && u8(d, 1) == 0xD8 && u8(d, 2) == 0xFF) {
      return jpeg(d);
    }
    if (d.length >= 8 && u8(d, 0) == 0x89 && ascii(d, 1, "PNG")) {
      return new ImageHeader("png", be32(d, 16), be32(d, 20));
    }
    if (ascii(d, 0, "GIF87a") || ascii(d, 0, "GIF89a")) {
      return gif(d);
    }
    if (ascii(d, 0, "BM") && d.length >= 26) {
      return new ImageHeader("bmp", le32(d, 18), Math.abs(le32(d, 22)));
    }
    if (ascii(d, 0, "RIFF") && ascii(d, 8, "WEBP")) {
      return webp(d);
    }
    if (ascii(d, 0, "II*\0") || ascii(d, 0, "MM\0*")) {
      return tiff(d, d[0] == 'I');
    }
    if (heif(d)) {
      int[] size = largestImageSize(d, 0, d.length, 0, new int[2]);
      return new ImageHeader("heic", size[0], size[1]);
    }
    return null;
  }

  /** HEIF brands whose images are HEVC (HEIC) or may be: AVIF and JPEG XL stay unsupported. */
  private static final java.util.Set<String> HEIF_BRANDS =
      java.util.Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1");

  /** Whether {@code d} is an ISO-BMFF file whose major brand is a HEIF one other than AVIF's. */
  static boolean heif(byte[] d) {
    if (d.length < 12 || !ascii(d, 4, "ftyp")) {
      return false;
    }
    String major = new String(d, 8, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    if (!HEIF_BRANDS.contains(major)) {
      return false;
    }
    if (!major.startsWith("mif") && !major.startsWith("msf")) {
      return true;
    }
    int size = be32(d, 0);
    for (int at = 16; at + 4 <= Math.min(size, d.length); at += 4) {
      String brand = new String(d, at, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
      if (brand.startsWith("avi")) {
        return false;
      }
    }
    return true;
  }

  /**
   * The largest {@code ispe} (image spatial extent) property in the boxes of {@code [from, to)}, as
   * {width, height} in {@code best}: the meta box's {@code iprp/ipco} holds one per image.
   */
  private static int[] largestImageSize(byte[] d, int from, int to, int depth, int[] best) {
    int at = from;
    while (at + 8 <= to && depth < 6) {
      long size = be32(d, at) & 0xFFFFFFFFL;
      if (size < 8 || at + size > to) {
        break;
      }
      String type = new String(d, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
      int end = (int) (at + size);
      switch (type) {
        case "meta" -> largestImageSize(d, at + 12, end, depth + 1, best); // a full box
        case "iprp", "ipco" -> largestImageSize(d, at + 8, end, depth + 1, best);
        case "ispe" -> {
          if (at + 20 <= end) {
            int width = be32(d, at + 12);
            int height = be32(d, at + 16);
            if ((long) width * height > (long) best[0] * best[1]) {
              best[0] = width;
              best[1] = height;
            }
          }
        }
        default -> {}
      }
      at = end;
    }
    return best;
  }

  /**
   * A GIF: its logical screen grown to every frame's extent. The blocks are walked to the trailer
   * or the end of the data, skipping extensions and image data by their sub-block lengths.
   */
  private static ImageHeader gif(byte[] d) {
    int width = le16(d, 6);
    int height = le16(d, 8);
    int i = 13 + colourTable(u8(d, 10));
    while (i < d.length) {
      int block = u8(d, i);
      if (block == 0x21) { // extension: label, then sub-blocks
        i = afterSubBlocks(d, i + 2);
      } else if (block == 0x2C) { // image descriptor
        int left = le16(d, i + 1);
        int top = le16(d, i + 3);
        int frameWidth = le16(d, i + 5);
        int frameHeight = le16(d, i + 7);
        width = Math.max(width, left + frameWidth);
        height = Math.max(height, top + frameHeight);
        i += 10 + colourTable(u8(d, i + 9));
        i = afterSubBlocks(d, i + 1); // after the LZW minimum code size
      } else { // the trailer, or something no decoder reads past
        break;
      }
    }
    return new ImageHeader("gif", width, height);
  }

  /** Bytes of the colour table a GIF's packed field announces. */
  private static int colourTable(int packed) {
    return (packed & 0x80) == 0 ? 0 : 3 << ((packed & 0x07) + 1);
  }

  /** The index after the sub-blocks starting at {@code i}: past their terminator, or the end. */
  private static int afterSubBlocks(byte[] d, int i) {
    while (i < d.length) {
      int length = u8(d, i);
      i += 1 + length;
      if (length == 0) {
        break;
      }
    }
    return i;
  }

  private static ImageHeader jpeg(byte[] d) {
    int i = 2;
    while (true) {
      while (u8(d, i) != 0xFF) {
        i++;
      }
      while (u8(d, i) == 0xFF) {
        i++;
      }
      int marker = u8(d, i++);
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        continue;
      }
      if (marker == 0xD9 || marker == 0xDA) {
        return new ImageHeader("jpeg", 0, 0);
      }
      int length = be16(d, i);
      boolean startOfFrame =
          marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (startOfFrame) {
        return new ImageHeader("jpeg", be16(d, i + 5), be16(d, i + 3));
      }
      i += length;
    }
  }

  /**
   * Whether a JPEG's image data runs to its end marker: the data after the first start-of-scan
   * holds an end-of-image marker (entropy-coded data never does, since a 0xFF in it is followed by
   * 0x00 or a restart marker). Data after the end marker (a motion photo's video) is allowed; a
   * file cut short is not, although libjpeg would decode its top part and fill the rest with gray.
   */
  public static boolean jpegComplete(byte[] d) {
    int i = 2;
    while (i + 3 < d.length) {
      if (u8(d, i) != 0xFF) {
        i++;
        continue;
      }
      int marker = u8(d, i + 1);
      if (marker == 0xFF
          || marker == 0x01
          || marker == 0xD8
          || (marker >= 0xD0 && marker <= 0xD7)) {
        i += marker == 0xFF ? 1 : 2;
        continue;
      }
      if (marker == 0xD9) {
        return true;
      }
      if (marker == 0xDA) {
        // an end-of-image marker anywhere after the scan starts; searched from the end, where it
        // is, instead of through megabytes of entropy-coded data
        for (int j = d.length - 2; j >= i + 2; j--) {
          if (u8(d, j) == 0xFF && u8(d, j + 1) == 0xD9) {
            return true;
          }
        }
        return false;
      }
      i += 2 + be16(d, i + 2);
    }
    return false;
  }

  private static ImageHeader webp(byte[] d) {
    if (ascii(d, 12, "VP8X")) {
      return new ImageHeader("webp", 1 + le24(d, 24), 1 + le24(d, 27));
    }
    if (ascii(d, 12, "VP8L")) {
      int b0 = u8(d, 21), b1 = u8(d, 22), b2 = u8(d, 23), b3 = u8(d, 24);
      int w = 1 + (b0 | ((b1 & 0x3F) << 8));
      int h = 1 + ((b1 >> 6) | (b2 << 2) | ((b3 & 0x0F) << 10));
      return new ImageHeader("webp", w, h);
    }
    if (ascii(d, 12, "VP8 ")) {
      return new ImageHeader("webp", le16(d, 26) & 0x3FFF, le16(d, 28) & 0x3FFF);
    }
    return null;
  }

  private static ImageHeader tiff(byte[] d, boolean little) {
    int ifd = little ? le32(d, 4) : be32(d, 4);
    int count = little ? le16(d, ifd) : be16(d, ifd);
    int width = 0;
    int height = 0;
    for (int e = 0; e < count; e++) {
      int at = ifd + 2 + 12 * e;
      int tag = little ? le16(d, at) : be16(d, at);
      int type = little ? le16(d, at + 2) : be16(d, at + 2);
      int value;
      if (type == 3) {
        value = little ? le16(d, at + 8) : be16(d, at + 8);
      } else {
        value = little ? le32(d, at + 8) : be32(d, at + 8);
      }
      if (tag == 256) {
        width = value;
      } else if (tag == 257) {
        height = value;
      }
    }
    return new ImageHeader("tiff", width, height);
  }

  static boolean ascii(byte[] d, int at, String s) {
    if (d.length < at + s.length()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (d[at + i] != (byte) s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static int u8(byte[] d, int at) {
    return d[at] & 0xFF;
  }

  static int be16(byte[] d, int at) {
    return (u8(d, at) << 8) | u8(d, at + 1);
  }

  static int be32(byte[] d, int at) {
    return (be16(d, at) << 16) | be16(d, at + 2);
  }

  static int le16(byte[] d, int at) {
    return u8(d, at) | (u8(d, at + 1) << 8);
  }

  private static int le24(byte[] d, int at) {
    return le16(d, at) | (u8(d, at + 2) << 16);
  }

  static int le32(byte[] d, int at) {
    return le16(d, at) | (le16(d, at + 2) << 16);
  }
}
