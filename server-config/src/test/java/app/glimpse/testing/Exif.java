package app.glimpse.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes EXIF the way cameras and editing tools do, byte by byte, so that the tests can give a file
 * any tag value at all: a camera make of 70,000 bytes, bytes that are no text in any encoding, a
 * NUL in the middle. {@link #jpeg} puts the tags into a JPEG's APP1 segment (at most 64 KB, as in
 * any JPEG), {@link #tiff} writes an uncompressed TIFF image of one or more pages with the tags in
 * its first page, where a tag has no such limit.
 */
public final class Exif {

  public static final int MAKE = 0x010F;
  public static final int MODEL = 0x0110;
  public static final int ORIENTATION = 0x0112;
  public static final int DATE_TIME_ORIGINAL = 0x9003;
  public static final int OFFSET_TIME_ORIGINAL = 0x9011;
  public static final int LENS_MODEL = 0xA434;

  /** The text tags Glimpse reads, by name. */
  public static final Map<String, Integer> TEXT_TAGS =
      Map.of(
          "make",
          MAKE,
          "model",
          MODEL,
          "lens",
          LENS_MODEL,
          "date",
          DATE_TIME_ORIGINAL,
          "offset",
          OFFSET_TIME_ORIGINAL);

  private static final Set<Integer> SUB_IFD =
      Set.of(DATE_TIME_ORIGINAL, OFFSET_TIME_ORIGINAL, 0xA434);
  private static final int ASCII = 2;
  private static final int SHORT = 3;
  private static final int LONG = 4;
  private static final int EXIF_IFD_POINTER = 0x8769;

  private final Map<Integer, Entry> ifd0 = new TreeMap<>();
  private final Map<Integer, Entry> sub = new TreeMap<>();
  private byte[] thumbnail;

  private record Entry(int tag, int type, int count, byte[] data) {}

  /** A text tag holding exactly {@code value} (no terminating NUL is added). */
  public Exif ascii(int tag, byte[] value) {
    (SUB_IFD.contains(tag) ? sub : ifd0).put(tag, new Entry(tag, ASCII, value.length, value));
    return this;
  }

  /** A text tag holding {@code value} in UTF-8 and a terminating NUL, as the standard asks. */
  public Exif text(int tag, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    byte[] terminated = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, terminated, 0, bytes.length);
    return ascii(tag, terminated);
  }

  /** Any entry of the first IFD, as it is ({@code data} little-endian, inline up to 4 bytes). */
  public Exif raw(int tag, int type, int count, byte[] data) {
    ifd0.put(tag, new Entry(tag, type, count, data));
    return this;
  }

  public Exif orientation(int orientation) {
    ifd0.put(ORIENTATION, new Entry(ORIENTATION, SHORT, 1, shorts(orientation)));
    return this;
  }

  /** An embedded thumbnail (IFD1), a JPEG of any size at all. */
  public Exif thumbnail(byte[] jpeg) {
    this.thumbnail = jpeg;
    return this;
  }

  /** The tags as a JPEG APP1 payload ({@code Exif\0\0} and a TIFF structure). */
  public byte[] app1() {
    List<Page> pages =
        thumbnail == null
            ? List.of(new Page(0, 0, null))
            : List.of(new Page(0, 0, null), new Page(-1, -1, thumbnail));
    byte[] tiff = layout(pages, true);
    byte[] payload = new byte[tiff.length + 6];
    System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, payload, 0, 6);
    System.arraycopy(tiff, 0, payload, 6, tiff.length);
    if (payload.length > 65_533) {
      throw new IllegalArgumentException("EXIF in a JPEG holds at most 64 KB: " + payload.length);
    }
    return payload;
  }

  /** {@code jpeg} with these tags in an APP1 segment right after its start marker. */
  public byte[] jpeg(byte[] jpeg) {
    return Jpegs.withSegment(jpeg, 0xE1, app1());
  }

  /** An uncompressed RGB TIFF of one page, {@code width} x {@code height}, with these tags. */
  public byte[] tiff(int width, int height) {
    return layout(List.of(new Page(width, height, gradient(width, height, 0))), false);
  }

  /**
   * An uncompressed RGB TIFF of {@code pages} pages (each a different gradient, the first {@code
   * width} x {@code height}, each further one half as wide), with these tags on the first.
   */
  public byte[] multiPageTiff(int width, int height, int pages) {
    List<Page> all = new ArrayList<>();
    for (int i = 0; i < pages; i++) {
      int w = Math.max(1, width >> i);
      all.add(new Page(w, height, gradient(w, height, i)));
    }
    return layout(all, false);
  }

  private record Page(int width, int height, byte[] pixels) {}

  private byte[] layout(List<Page> pages, boolean tagsOnly) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0});
    for (int p = 0; p < pages.size(); p++) {
      Page page = pages.get(p);
      Map<Integer, Entry> entries = new TreeMap<>();
      if (p == 0) {
        entries.putAll(ifd0);
      }
      if (page.width() < 0) { // a thumbnail's IFD1
        entries.put(259, new Entry(259, SHORT, 1, shorts(6)));
        entries.put(0x0201, new Entry(0x0201, LONG, 1, longs(0))); // patched below
        entries.put(0x0202, new Entry(0x0202, LONG, 1, longs(page.pixels().length)));
      } else if (!tagsOnly) {
        int size = page.width() * page.height() * 3;
        entries.put(256, new Entry(256, LONG, 1, longs(page.width())));
        entries.put(257, new Entry(257, LONG, 1, longs(page.height())));
        entries.put(258, new Entry(258, SHORT, 3, shorts(8, 8, 8)));
        entries.put(259, new Entry(259, SHORT, 1, shorts(1)));
        entries.put(262, new Entry(262, SHORT, 1, shorts(2)));
        entries.put(273, new Entry(273, LONG, 1, longs(0))); // patched below
        entries.put(277, new Entry(277, SHORT, 1, shorts(3)));
        entries.put(278, new Entry(278, LONG, 1, longs(page.height())));
        entries.put(279, new Entry(279, LONG, 1, longs(size)));
        entries.put(284, new Entry(284, SHORT, 1, shorts(1)));
      }
      boolean withSub = p == 0 && !sub.isEmpty();
      if (withSub) {
        entries.put(
            EXIF_IFD_POINTER, new Entry(EXIF_IFD_POINTER, LONG, 1, longs(0))); // patched below
      }
      int ifdStart = out.size();
      int dataStart = ifdStart + ifdSize(entries.size());
      int subStart = align(dataStart + dataSize(entries.values()));
      int subDataEnd = withSub ? subStart + ifdSize(sub.size()) + dataSize(sub.values()) : subStart;
      int pixelsStart = align(subDataEnd);
      int next =
          p + 1 < pages.size()
              ? align(pixelsStart + (page.pixels() == null ? 0 : page.pixels().length))
              : 0;
      if (withSub) {
        entries.put(EXIF_IFD_POINTER, new Entry(EXIF_IFD_POINTER, LONG, 1, longs(subStart)));
      }
      if (page.width() < 0) {
        entries.put(0x0201, new Entry(0x0201, LONG, 1, longs(pixelsStart)));
      } else if (!tagsOnly) {
        entries.put(273, new Entry(273, LONG, 1, longs(pixelsStart)));
      }
      writeIfd(out, entries, next);
      pad(out, subStart);
      if (withSub) {
        writeIfd(out, sub, 0);
      }
      pad(out, pixelsStart);
      if (page.pixels() != null) {
        out.writeBytes(page.pixels());
      }
      if (next != 0) {
        pad(out, next);
      }
    }
    return out.toByteArray();
  }

  private static int ifdSize(int entries) {
    return 2 + 12 * entries + 4;
  }

  private static int dataSize(Iterable<Entry> entries) {
    int size = 0;
    for (Entry entry : entries) {
      if (entry.data().length > 4) {
        size = align(size + entry.data().length);
      }
    }
    return size;
  }

  private static int align(int offset) {
    return (offset + 1) & ~1;
  }

  private static void pad(ByteArrayOutputStream out, int offset) {
    while (out.size() < offset) {
      out.write(0);
    }
  }

  /** The IFD at the stream's end, its values that do not fit an entry right behind it. */
  private static void writeIfd(ByteArrayOutputStream out, Map<Integer, Entry> entries, int next) {
    int start = out.size();
    int data = start + ifdSize(entries.size());
    ByteBuffer ifd = ByteBuffer.allocate(ifdSize(entries.size())).order(ByteOrder.LITTLE_ENDIAN);
    ByteArrayOutputStream values = new ByteArrayOutputStream();
    ifd.putShort((short) entries.size());
    for (Entry entry : entries.values()) {
      ifd.putShort((short) entry.tag()).putShort((short) entry.type()).putInt(entry.count());
      if (entry.data().length <= 4) {
        byte[] inline = new byte[4];
        System.arraycopy(entry.data(), 0, inline, 0, entry.data().length);
        ifd.put(inline);
      } else {
        ifd.putInt(data + values.size());
        values.writeBytes(entry.data());
        if (values.size() % 2 == 1) {
          values.write(0);
        }
      }
    }
    ifd.putInt(next);
    out.writeBytes(ifd.array());
    out.writeBytes(values.toByteArray());
  }

  private static byte[] shorts(int... values) {
    ByteBuffer buffer = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int value : values) {
      buffer.putShort((short) value);
    }
    return buffer.array();
  }

  private static byte[] longs(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }

  private static byte[] gradient(int width, int height, int seed) {
    byte[] pixels = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = (y * width + x) * 3;
        pixels[i] = (byte) (x * 255 / Math.max(1, width - 1));
        pixels[i + 1] = (byte) (y * 255 / Math.max(1, height - 1));
        pixels[i + 2] = (byte) (seed * 60);
      }
    }
    return pixels;
  }
}
