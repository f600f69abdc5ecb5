package app.glimpse.testing;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * A corpus of hostile files, generated: every EXIF text field Glimpse reads at 0, 255, 256, 4,000
 * and 70,000 bytes and in odd encodings, NUL bytes in tags, control characters in names, capture
 * dates far in the past, far in the future and invalid, an embedded thumbnail larger than its
 * image, huge ICC profiles and XMP packets, a multi-page TIFF, a 16-bit PNG with alpha, an APNG, a
 * progressive JPEG with hundreds of scans, an arithmetic-coded JPEG, AVIF, HEIC and JPEG XL. Each
 * kind says what Glimpse must make of it: indexed (with what it must store), failed with a reason,
 * or either, where both are honest answers (a decoder may or may not read it) and only a lost file
 * or a stuck import is wrong.
 */
public final class BadFiles {

  /** What Glimpse must make of a kind. */
  public enum Outcome {
    INDEXED,
    FAILED,
    EITHER
  }

  /**
   * One kind of file: its path in the folder, its bytes, the outcome, and what an indexed photo
   * must hold ({@code make}, {@code model}, {@code lens}, {@code takenAt}, {@code width}, {@code
   * height}; the value {@code none} for null).
   */
  public record Kind(String path, byte[] bytes, Outcome outcome, Map<String, String> expected) {
    @Override
    public String toString() {
      return path + " (" + bytes.length + " bytes, " + outcome + ")";
    }
  }

  /** The lengths every EXIF text field is tried at. */
  public static final int[] LENGTHS = {0, 255, 256, 4_000, 70_000};

  /** Column sizes of the photo table (V1__domain.sql). */
  private static final Map<String, Integer> COLUMNS =
      Map.of("make", 100, "model", 100, "lens", 200);

  private static final String CUT = "\u2026";

  private BadFiles() {}

  /** The corpus, in a stable order. */
  public static List<Kind> all() {
    List<Kind> kinds = new ArrayList<>();
    byte[] jpeg = jpeg(320, 240, false);
    Random random = new Random(13);

    // every text field, at every length: in a JPEG up to 4,000 bytes (APP1 holds 64 KB), in a TIFF
    for (Map.Entry<String, Integer> field : Exif.TEXT_TAGS.entrySet()) {
      for (int length : LENGTHS) {
        String name = field.getKey();
        char letter = Character.toUpperCase(name.charAt(0));
        byte[] value = new byte[length];
        Arrays.fill(value, (byte) letter);
        Exif exif = new Exif().ascii(field.getValue(), value);
        Map<String, String> expected = new LinkedHashMap<>();
        if (name.equals("offset")) {
          exif.text(Exif.DATE_TIME_ORIGINAL, "2024:05:01 10:00:00");
          expected.put("takenAt", "2024-05-01T10:00:00Z"); // the offset unreadable: taken as UTC
        } else if (name.equals("date")) {
          expected.put("takenAt", "none");
        } else {
          expected.put(name, stored(String.valueOf(letter).repeat(length), COLUMNS.get(name)));
        }
        if (length <= 4_000) {
          kinds.add(indexed("exif/" + name + "-" + length + ".jpg", exif.jpeg(jpeg), expected));
        } else {
          expected.put("width", "64");
          kinds.add(indexed("exif/" + name + "-" + length + ".tif", exif.tiff(64, 48), expected));
        }
      }
    }

    // odd encodings and NUL bytes in tags: stored clean, whatever the bytes meant
    Map<String, byte[]> encodings = new LinkedHashMap<>();
    encodings.put("latin1", "Caf\u00e9 Cam\u00e9ra\0".getBytes(StandardCharsets.ISO_8859_1));
    encodings.put(
        "utf8", "Fujifilm \u5bcc\u58eb\u30d5\u30a4\u30eb\u30e0 \uD83D\uDCF7\0".getBytes(UTF8));
    encodings.put("utf16-bom", "\uFEFFCanon".getBytes(StandardCharsets.UTF_16LE));
    encodings.put("c1-controls", bytes(0x43, 0x80, 0x85, 0x8D, 0x9B, 0x9F, 0x61, 0x00));
    encodings.put(
        "invalid-utf8", bytes(0x4E, 0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x00));
    encodings.put("shift-jis", "\u30ad\u30e4\u30ce\u30f3".getBytes(Charset.forName("Shift_JIS")));
    encodings.put(
        "control-characters", bytes(0x41, 0x07, 0x08, 0x1B, 0x5B, 0x32, 0x4A, 0x7F, 0x42));
    encodings.put("nul-inside", "Can\0on\0\0EOS\0".getBytes(StandardCharsets.ISO_8859_1));
    encodings.put("only-nul", new byte[64]);
    for (Map.Entry<String, byte[]> encoding : encodings.entrySet()) {
      Exif exif =
          new Exif()
              .ascii(Exif.MAKE, encoding.getValue())
              .ascii(Exif.MODEL, encoding.getValue())
              .ascii(Exif.LENS_MODEL, encoding.getValue());
      kinds.add(indexed("encodings/" + encoding.getKey() + ".jpg", exif.jpeg(jpeg), Map.of()));
    }
    kinds.add(
        indexed(
            "encodings/nul-between.jpg",
            new Exif().ascii(Exif.MAKE, "Can\0on".getBytes(UTF8)).jpeg(jpeg),
            Map.of("make", "Can"))); // metadata-extractor ends a text at its first NUL

    // capture times
    Map<String, String[]> dates = new LinkedHashMap<>();
    dates.put("year-1", new String[] {"0001:01:01 00:00:00", null, "none"});
    dates.put("year-0", new String[] {"0000:00:00 00:00:00", null, "none"});
    dates.put("before-photography", new String[] {"1799:12:31 23:59:59", null, "none"});
    dates.put("1850", new String[] {"1850:06:01 12:00:00", null, "1850-06-01T12:00:00Z"});
    dates.put("year-9999", new String[] {"9999:12:31 23:59:59", null, "none"});
    dates.put("year-99999", new String[] {"99999:01:01 00:00:00", null, "none"});
    dates.put("year-300000", new String[] {"300000:01:01 00:00:00", null, "none"});
    dates.put("february-30", new String[] {"2023:02:30 25:61:61", null, "none"});
    dates.put("words", new String[] {"yesterday at noon", null, "none"});
    dates.put(
        "offset-invalid", new String[] {"2024:05:01 10:00:00", "+99:99", "2024-05-01T10:00:00Z"});
    dates.put(
        "offset-plus-2", new String[] {"2024:05:01 10:00:00", "+02:00", "2024-05-01T08:00:00Z"});
    for (Map.Entry<String, String[]> date : dates.entrySet()) {
      Exif exif = new Exif().text(Exif.DATE_TIME_ORIGINAL, date.getValue()[0]);
      if (date.getValue()[1] != null) {
        exif.text(Exif.OFFSET_TIME_ORIGINAL, date.getValue()[1]);
      }
      kinds.add(
          indexed(
              "dates/" + date.getKey() + ".jpg",
              exif.jpeg(jpeg),
              Map.of("takenAt", date.getValue()[2])));
    }

    // orientation and broken EXIF structures
    kinds.add(
        indexed(
            "exif/orientation-6.jpg",
            new Exif().orientation(6).jpeg(jpeg),
            Map.of("width", "240", "height", "320")));
    kinds.add(
        indexed(
            "exif/orientation-9.jpg",
            new Exif().orientation(9).jpeg(jpeg),
            Map.of("width", "320", "height", "240")));
    kinds.add(
        indexed(
            "exif/ifd-points-to-itself.jpg",
            new Exif().raw(0x8769, 4, 1, new byte[] {8, 0, 0, 0}).jpeg(jpeg),
            Map.of("width", "320")));
    kinds.add(
        indexed(
            "exif/ifd-claims-65535-entries.jpg",
            Jpegs.withSegment(
                jpeg,
                0xE1,
                bytes(
                    0x45, 0x78, 0x69, 0x66, 0, 0, 0x49, 0x49, 0x2A, 0, 8, 0, 0, 0, 0xFF, 0xFF, 1,
                    1)),
            Map.of("width", "320")));
    kinds.add(
        indexed(
            "exif/thumbnail-larger-than-image.jpg",
            new Exif()
                .text(Exif.MAKE, "Thumb")
                .thumbnail(jpeg(1200, 900, false))
                .jpeg(jpeg(64, 48, false)),
            Map.of("width", "64", "height", "48", "make", "Thumb")));

    // huge metadata segments
    kinds.add(either("segments/icc-6-mb.jpg", iccChunks(jpeg, 100, random)));
    kinds.add(either("segments/xmp-huge.jpg", hugeXmp(jpeg, random)));
    kinds.add(either("segments/xmp-entity-bomb.jpg", xmpEntityBomb(jpeg)));
    kinds.add(
        either("segments/comment-64-kb.jpg", Jpegs.withSegment(jpeg, 0xFE, new byte[65_000])));

    // formats and codings
    kinds.add(
        indexed(
            "formats/multi-page.tif",
            new Exif().text(Exif.MAKE, "Pages").multiPageTiff(320, 240, 3),
            Map.of("width", "320", "height", "240", "make", "Pages")));
    kinds.add(indexed("formats/rgba-16-bit.png", png16WithAlpha(200, 150), Map.of("width", "200")));
    kinds.add(indexed("formats/animated.png", apng(png(160, 120)), Map.of("width", "160")));
    kinds.add(either("formats/progressive-300-scans.jpg", manyScans(jpeg(320, 240, true), 300)));
    kinds.add(either("formats/arithmetic-coded.jpg", arithmetic(jpeg)));
    kinds.add(failed("formats/photo.avif", isoMedia("avif", random)));
    kinds.add(failed("formats/photo.heic", isoMedia("heic", random)));
    kinds.add(failed("formats/photo.jxl", jxlCodestream(random)));
    kinds.add(failed("formats/photo-container.jxl", jxlContainer(random)));

    // names a folder can hold (a NUL cannot be in one: FileTextsTest and PhotoTest cover it)
    kinds.add(indexed("names/tab\tand\nnewline.jpg", jpeg, Map.of()));
    kinds.add(indexed("names/bell\u0007escape\u001b[2J.jpg", jpeg, Map.of()));
    kinds.add(indexed("names/photo\u202Egpj.exe.jpg", jpeg, Map.of()));
    kinds.add(indexed("names/" + "\u00e9".repeat(120) + ".jpg", jpeg, Map.of()));
    kinds.add(indexed("names/\uD83D\uDCF7 emoji \uD83C\uDF89.jpg", jpeg, Map.of()));
    return kinds;
  }

  /** What Glimpse stores of {@code value} in a column of {@code size}. */
  private static String stored(String value, int size) {
    if (value.isEmpty()) {
      return "none";
    }
    return value.length() <= size ? value : value.substring(0, size - 1) + CUT;
  }

  private static final Charset UTF8 = StandardCharsets.UTF_8;

  private static Kind indexed(String path, byte[] bytes, Map<String, String> expected) {
    return new Kind(path, bytes, Outcome.INDEXED, expected);
  }

  private static Kind either(String path, byte[] bytes) {
    return new Kind(path, bytes, Outcome.EITHER, Map.of());
  }

  private static Kind failed(String path, byte[] bytes) {
    return new Kind(path, bytes, Outcome.FAILED, Map.of());
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  /** A gradient JPEG, baseline or progressive. */
  public static byte[] jpeg(int width, int height, boolean progressive) {
    BufferedImage image = gradient(width, height);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (progressive) {
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      } else {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.6f);
      }
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  private static byte[] png(int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(gradient(width, height), "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static BufferedImage gradient(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 0x60);
      }
    }
    return image;
  }

  private static byte[] png16WithAlpha(int width, int height) {
    ComponentColorModel model =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_sRGB),
            true,
            false,
            Transparency.TRANSLUCENT,
            DataBuffer.TYPE_USHORT);
    WritableRaster raster = model.createCompatibleWritableRaster(width, height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setPixel(
            x,
            y,
            new int[] {
              x * 65535 / width, y * 65535 / height, 30000, (x + y) % 2 == 0 ? 65535 : 20000
            });
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(new BufferedImage(model, raster, false, null), "png", out)) {
        throw new IllegalStateException("no PNG writer for 16-bit RGBA");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** {@code png} made an animation of two frames (acTL, fcTL, fdAT), its image the first frame. */
  private static byte[] apng(byte[] png) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, 8);
    int i = 8;
    byte[] ihdr = null;
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    while (i < png.length) {
      int length = ByteBuffer.wrap(png, i, 4).getInt();
      String type = new String(png, i + 4, 4, StandardCharsets.ISO_8859_1);
      byte[] data = Arrays.copyOfRange(png, i + 8, i + 8 + length);
      if (type.equals("IHDR")) {
        ihdr = data;
        chunk(out, "IHDR", data);
        chunk(out, "acTL", ByteBuffer.allocate(8).putInt(2).putInt(0).array());
        chunk(out, "fcTL", frameControl(0, ihdr));
      } else if (type.equals("IDAT")) {
        idat.writeBytes(data);
        chunk(out, "IDAT", data);
      } else if (type.equals("IEND")) {
        chunk(out, "fcTL", frameControl(1, ihdr));
        byte[] frame = idat.toByteArray();
        chunk(out, "fdAT", ByteBuffer.allocate(4 + frame.length).putInt(2).put(frame).array());
        chunk(out, "IEND", data);
      } else {
        chunk(out, type, data);
      }
      i += 12 + length;
    }
    return out.toByteArray();
  }

  private static byte[] frameControl(int sequence, byte[] ihdr) {
    ByteBuffer header = ByteBuffer.wrap(ihdr);
    return ByteBuffer.allocate(26)
        .putInt(sequence)
        .putInt(header.getInt(0))
        .putInt(header.getInt(4))
        .putInt(0)
        .putInt(0)
        .putShort((short) 1)
        .putShort((short) 10)
        .put((byte) 0)
        .put((byte) 0)
        .array();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] name = type.getBytes(StandardCharsets.ISO_8859_1);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(name);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /** {@code chunks} ICC_PROFILE segments of 65,000 random bytes each. */
  private static byte[] iccChunks(byte[] jpeg, int chunks, Random random) {
    byte[] result = jpeg;
    for (int i = chunks; i >= 1; i--) {
      byte[] segment = new byte[65_000];
      random.nextBytes(segment);
      byte[] head = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
      System.arraycopy(head, 0, segment, 0, head.length);
      segment[12] = (byte) i;
      segment[13] = (byte) chunks;
      result = Jpegs.withSegment(result, 0xE2, segment);
    }
    return result;
  }

  /** A 60 KB XMP packet with a 50,000-character make, and 30 extended XMP segments. */
  private static byte[] hugeXmp(byte[] jpeg, Random random) {
    String packet =
        "<?xpacket begin='\uFEFF' id='W5M0MpCehiHzreSzNTczkc9d'?><x:xmpmeta xmlns:x='adobe:ns:meta/'>"
            + "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description"
            + " xmlns:tiff='http://ns.adobe.com/tiff/1.0/' tiff:Make='"
            + "X\u0001\u00e9".repeat(16_000)
            + "'/></rdf:RDF></x:xmpmeta><?xpacket end='w'?>";
    byte[] result =
        Jpegs.withSegment(
            jpeg, 0xE1, concat("http://ns.adobe.com/xap/1.0/\0", packet.getBytes(UTF8)));
    int total = 30 * 60_000;
    for (int i = 29; i >= 0; i--) {
      byte[] part = new byte[60_000];
      random.nextBytes(part);
      ByteBuffer extension = ByteBuffer.allocate(32 + 8 + part.length);
      extension.put("0123456789ABCDEF0123456789ABCDEF".getBytes(StandardCharsets.ISO_8859_1));
      extension.putInt(total).putInt(i * 60_000).put(part);
      result =
          Jpegs.withSegment(
              result, 0xE1, concat("http://ns.adobe.com/xmp/extension/\0", extension.array()));
    }
    return result;
  }

  /** XMP whose document type defines entities of entities (the "billion laughs"). */
  private static byte[] xmpEntityBomb(byte[] jpeg) {
    StringBuilder doctype = new StringBuilder("<!DOCTYPE x [<!ENTITY a0 'laugh'>");
    for (int i = 1; i <= 10; i++) {
      doctype.append("<!ENTITY a").append(i).append(" '");
      doctype.append(("&a" + (i - 1) + ";").repeat(10)).append("'>");
    }
    doctype.append("]>");
    String packet =
        "<?xml version='1.0'?>"
            + doctype
            + "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF"
            + " xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description"
            + " xmlns:tiff='http://ns.adobe.com/tiff/1.0/'><tiff:Make>&a10;</tiff:Make>"
            + "</rdf:Description></rdf:RDF></x:xmpmeta>";
    return Jpegs.withSegment(
        jpeg, 0xE1, concat("http://ns.adobe.com/xap/1.0/\0", packet.getBytes(UTF8)));
  }

  /** The progressive JPEG with its last scan repeated {@code times} times before its end. */
  private static byte[] manyScans(byte[] progressive, int times) {
    int last = -1;
    for (int i = 0; i + 1 < progressive.length; i++) {
      if ((progressive[i] & 0xFF) == 0xFF && (progressive[i + 1] & 0xFF) == 0xDA) {
        last = i;
      }
    }
    int end = progressive.length - 2; // the end marker
    byte[] scan = Arrays.copyOfRange(progressive, last, end);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(progressive, 0, end);
    for (int i = 0; i < times; i++) {
      out.writeBytes(scan);
    }
    out.write(0xFF);
    out.write(0xD9);
    return out.toByteArray();
  }

  /** The baseline JPEG marked arithmetic-coded (SOF9): its Huffman data read as arithmetic code. */
  private static byte[] arithmetic(byte[] jpeg) {
    byte[] marked = jpeg.clone();
    for (int i = 2; i + 1 < marked.length; i++) {
      if ((marked[i] & 0xFF) == 0xFF && (marked[i + 1] & 0xFF) == 0xC0) {
        marked[i + 1] = (byte) 0xC9;
        return marked;
      }
    }
    throw new IllegalStateException("no baseline frame");
  }

  /** An ISO media file (AVIF, HEIC): an ftyp box of {@code brand}, then random data. */
  private static byte[] isoMedia(String brand, Random random) {
    ByteBuffer file = ByteBuffer.allocate(4_000);
    file.putInt(28).put("ftyp".getBytes(StandardCharsets.ISO_8859_1));
    file.put(brand.getBytes(StandardCharsets.ISO_8859_1)).putInt(0);
    file.put(("mif1miaf" + brand).getBytes(StandardCharsets.ISO_8859_1));
    byte[] rest = new byte[file.remaining() - 8];
    random.nextBytes(rest);
    file.putInt(rest.length + 8).put("mdat".getBytes(StandardCharsets.ISO_8859_1)).put(rest);
    return file.array();
  }

  private static byte[] jxlCodestream(Random random) {
    byte[] file = new byte[3_000];
    random.nextBytes(file);
    file[0] = (byte) 0xFF;
    file[1] = 0x0A;
    return file;
  }

  private static byte[] jxlContainer(Random random) {
    byte[] rest = new byte[3_000];
    random.nextBytes(rest);
    return concat("\0\0\0\u000CJXL \r\n\u0087\n\0\0\0\u0014ftypjxl \0\0\0\0jxl ", rest);
  }

  private static byte[] concat(String head, byte[] tail) {
    byte[] start = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = Arrays.copyOf(start, start.length + tail.length);
    System.arraycopy(tail, 0, all, start.length, tail.length);
    return all;
  }
}
