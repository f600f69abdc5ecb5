package app.glimpse.faces.decode;

import static app.glimpse.faces.decode.ImageHeader.ascii;
import static app.glimpse.faces.decode.ImageHeader.be16;
import static app.glimpse.faces.decode.ImageHeader.be32;
import static app.glimpse.faces.decode.ImageHeader.u8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A camera RAW file read for its largest embedded JPEG, the full-size preview the camera rendered
 * when it took the photo: what Glimpse decodes, indexes and shows instead of demosaicking the
 * sensor data (docs/formats.md measures both ways).
 *
 * <p>Found by each container's own structure: the TIFF-based RAWs (CR2, NEF, ARW, DNG, ORF, PEF)
 * through every IFD, their SubIFDs and the Exif IFD ({@code JPEGInterchangeFormat}, or a single
 * JPEG strip: CR2's IFD0, DNG's preview IFDs), RAF through its header, CR3 through its ISO-BMFF
 * tracks and its {@code PRVW} box. Where the structure names none (ORF keeps its preview in the
 * maker note), the file is searched for JPEG start markers. Lossless JPEG (CR2's and DNG's sensor
 * data) is never taken for a preview. Offsets are checked against the data, so a damaged file
 * yields no preview rather than an exception.
 *
 * @param format {@code cr2}, {@code cr3}, {@code nef}, {@code arw}, {@code dng}, {@code raf},
 *     {@code orf}, {@code pef} or {@code raw} (another maker's TIFF-based RAW)
 * @param preview the largest complete embedded JPEG, or {@code null} when there is none
 * @param exif TIFF blobs holding the RAW's own metadata where it is not in the file's TIFF
 *     structure (CR3's {@code CMT1}, {@code CMT2}, {@code CMT4} boxes); empty otherwise
 */
record CameraRaw(String format, Jpeg preview, List<byte[]> exif) {

  /** An embedded JPEG: where it lies and the size its frame header gives. */
  record Jpeg(int offset, int length, int width, int height) {
    long pixels() {
      return (long) width * height;
    }

    byte[] bytes(byte[] file) {
      return Arrays.copyOfRange(file, offset, offset + length);
    }
  }

  /** Compression codes only sensor data uses (Sony, Nikon, Samsung, Pentax, lossy DNG ...). */
  private static final Set<Integer> RAW_COMPRESSIONS =
      Set.of(32767, 32769, 32770, 32773, 34316, 34713, 34892, 65000, 65535);

  private static final byte[] CR3_METADATA_UUID = uuid("85c0b687820f11e08111f4ce462b6a48");
  private static final byte[] CR3_PREVIEW_UUID = uuid("eaf42b5e1c984b88b9fbb7dc406e4d16");

  /** The RAW {@code d} is, or {@code null} when it is no camera RAW (a plain TIFF among them). */
  static CameraRaw recognise(byte[] d) {
    if (ascii(d, 0, "FUJIFILMCCD-RAW")) {
      return new CameraRaw("raf", raf(d), List.of());
    }
    if (ascii(d, 4, "ftypcrx ")) {
      return cr3(d);
    }
    boolean little = ascii(d, 0, "II");
    if (!little && !ascii(d, 0, "MM")) {
      return null;
    }
    int magic = little ? ImageHeader.le16(d, 2) : be16(d, 2);
    if (magic != 42 && magic != 0x4F52 && magic != 0x5352) {
      return null;
    }
    return tiff(d, little, magic != 42);
  }

  private static Jpeg raf(byte[] d) {
    if (d.length < 92) {
      return null;
    }
    return jpegAt(d, be32(d, 84), be32(d, 88));
  }

  /** What the IFDs of a TIFF-based file hold. */
  private static final class Ifds {
    final List<Jpeg> jpegs = new ArrayList<>();
    final Set<Integer> visited = new HashSet<>();
    String make = "";
    boolean dng;
    boolean rawCompression;
    boolean subIfds;
    long firstImagePixels = -1;
  }

  private static CameraRaw tiff(byte[] d, boolean little, boolean olympus) {
    Ifds ifds = new Ifds();
    int next = int32(d, 4, little);
    for (int n = 0; n < 8 && next > 0; n++) {
      next = ifd(d, next, little, ifds, 0);
    }
    boolean cr2 = ascii(d, 8, "CR");
    long largest = ifds.jpegs.stream().mapToLong(Jpeg::pixels).max().orElse(-1);
    boolean raw =
        cr2
            || olympus
            || ifds.dng
            || ifds.rawCompression
            || largest > 0 && ifds.subIfds && largest >= ifds.firstImagePixels
            || largest > 0 && ifds.firstImagePixels > 0 && largest > ifds.firstImagePixels;
    if (!raw) {
      return null;
    }
    // a maker note's preview (Olympus) is named by no IFD Glimpse reads: found by its markers
    List<Jpeg> candidates = new ArrayList<>(ifds.jpegs);
    long longSide =
        ifds.jpegs.stream().mapToLong(j -> Math.max(j.width(), j.height())).max().orElse(0);
    if (olympus || longSide < 1024) {
      candidates.addAll(scan(d));
    }
    Jpeg best = largest(d, candidates);
    String make = ifds.make.toUpperCase(Locale.ROOT);
    String format;
    if (cr2) {
      format = "cr2";
    } else if (ifds.dng) {
      format = "dng";
    } else if (olympus || make.startsWith("OLYMPUS") || make.startsWith("OM ")) {
      format = "orf";
    } else if (make.startsWith("NIKON")) {
      format = "nef";
    } else if (make.startsWith("SONY")) {
      format = "arw";
    } else if (make.startsWith("PENTAX") || make.startsWith("RICOH")) {
      format = "pef";
    } else if (make.startsWith("CANON")) {
      format = "cr2";
    } else {
      format = "raw";
    }
    return new CameraRaw(format, best, List.of());
  }

  /** Reads the IFD at {@code at} (and its SubIFDs); returns the offset of the next IFD or 0. */
  private static int ifd(byte[] d, int at, boolean little, Ifds ifds, int depth) {
    if (at < 8 || at + 2 > d.length || !ifds.visited.add(at) || depth > 3) {
      return 0;
    }
    int count = int16(d, at, little);
    if (at + 2 + 12L * count + 4 > d.length) {
      return 0;
    }
    int jpegOffset = -1;
    int jpegLength = -1;
    int stripOffset = -1;
    int stripLength = -1;
    int width = 0;
    int height = 0;
    List<Integer> children = new ArrayList<>();
    for (int e = 0; e < count; e++) {
      int entry = at + 2 + 12 * e;
      int tag = int16(d, entry, little);
      int type = int16(d, entry + 2, little);
      int values = int32(d, entry + 4, little);
      int value = type == 3 ? int16(d, entry + 8, little) : int32(d, entry + 8, little);
      switch (tag) {
        case 0x100 -> width = value;
        case 0x101 -> height = value;
        case 0x103 -> ifds.rawCompression |= RAW_COMPRESSIONS.contains(value);
        case 0x10F -> ifds.make = text(d, entry, values, little);
        case 0x111 -> stripOffset = values == 1 ? value : -1;
        case 0x117 -> stripLength = values == 1 ? value : -1;
        case 0x201 -> jpegOffset = value;
        case 0x202 -> jpegLength = value;
        case 0xC612 -> ifds.dng = true;
        case 0x8769 -> children.add(value);
        case 0x14A -> {
          ifds.subIfds = true;
          if (values == 1) {
            children.add(value);
          } else if (values > 1 && values <= 16 && value > 0 && value + 4L * values <= d.length) {
            for (int i = 0; i < values; i++) {
              children.add(int32(d, value + 4 * i, little));
            }
          }
        }
        default -> {}
      }
    }
    if (depth == 0 && ifds.firstImagePixels < 0) {
      ifds.firstImagePixels = (long) width * height;
    }
    addJpeg(d, jpegOffset, jpegLength, ifds.jpegs);
    addJpeg(d, stripOffset, stripLength, ifds.jpegs);
    for (int child : children) {
      ifd(d, child, little, ifds, depth + 1);
    }
    return int32(d, at + 2 + 12 * count, little);
  }

  private static void addJpeg(byte[] d, int offset, int length, List<Jpeg> jpegs) {
    Jpeg jpeg = jpegAt(d, offset, length);
    if (jpeg != null) {
      jpegs.add(jpeg);
    }
  }

  /** An ISO-BMFF CR3: each track's first sample, the PRVW box, and the CMT metadata boxes. */
  private static CameraRaw cr3(byte[] d) {
    List<Jpeg> jpegs = new ArrayList<>();
    List<byte[]> exif = new ArrayList<>();
    boxes(d, 0, d.length, 0, jpegs, exif, new long[2]);
    return new CameraRaw("cr3", largest(d, jpegs), List.copyOf(exif));
  }

  /**
   * Walks the boxes in {@code [from, to)}; {@code sample} carries a track's first chunk offset and
   * sample size from its {@code stco}/{@code co64} and {@code stsz} boxes.
   */
  private static void boxes(
      byte[] d, int from, int to, int depth, List<Jpeg> jpegs, List<byte[]> exif, long[] sample) {
    int at = from;
    while (at + 8 <= to && depth < 8) {
      long size = be32(d, at) & 0xFFFFFFFFL;
      String type = new String(d, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
      int header = 8;
      if (size == 1 && at + 16 <= to) {
        size = ((long) be32(d, at + 8) << 32) | (be32(d, at + 12) & 0xFFFFFFFFL);
        header = 16;
      } else if (size == 0) {
        size = to - at;
      }
      if (size < header || at + size > to) {
        return;
      }
      int body = at + header;
      int end = (int) (at + size);
      switch (type) {
        case "moov", "mdia", "minf", "stbl" -> boxes(d, body, end, depth + 1, jpegs, exif, sample);
        case "trak" -> {
          long[] track = new long[2];
          boxes(d, body, end, depth + 1, jpegs, exif, track);
          if (track[0] > 0 && track[0] < d.length && track[1] > 0) {
            addJpeg(d, (int) track[0], (int) track[1], jpegs);
          }
        }
        case "stsz" -> {
          if (body + 12 <= end) {
            long fixed = be32(d, body + 4) & 0xFFFFFFFFL;
            sample[1] = fixed != 0 || body + 16 > end ? fixed : be32(d, body + 12) & 0xFFFFFFFFL;
          }
        }
        case "co64" -> {
          if (body + 16 <= end && be32(d, body + 4) > 0) {
            sample[0] = ((long) be32(d, body + 8) << 32) | (be32(d, body + 12) & 0xFFFFFFFFL);
          }
        }
        case "stco" -> {
          if (body + 12 <= end && be32(d, body + 4) > 0) {
            sample[0] = be32(d, body + 8) & 0xFFFFFFFFL;
          }
        }
        case "uuid" -> {
          if (body + 16 <= end) {
            byte[] id = Arrays.copyOfRange(d, body, body + 16);
            if (Arrays.equals(id, CR3_METADATA_UUID)) {
              boxes(d, body + 16, end, depth + 1, jpegs, exif, sample);
            } else if (Arrays.equals(id, CR3_PREVIEW_UUID)) {
              // 8 bytes of its own before the PRVW box
              boxes(d, body + 24, end, depth + 1, jpegs, exif, sample);
            }
          }
        }
        case "CMT1", "CMT2", "CMT4" -> exif.add(Arrays.copyOfRange(d, body, end));
        case "PRVW" -> jpegs.addAll(scan(Arrays.copyOfRange(d, 0, end), body));
        default -> {}
      }
      at = end;
    }
  }

  /** The embedded JPEGs found by their start markers. */
  private static List<Jpeg> scan(byte[] d) {
    return scan(d, 0);
  }

  /** The embedded JPEGs found by their start markers from {@code from} on. */
  private static List<Jpeg> scan(byte[] d, int from) {
    List<Jpeg> found = new ArrayList<>();
    for (int i = Math.max(from, 1); i + 4 < d.length; i++) {
      if (d[i] == (byte) 0xFF
          && d[i + 1] == (byte) 0xD8
          && d[i + 2] == (byte) 0xFF
          && startsLikeAJpeg(u8(d, i + 3))) {
        Jpeg jpeg = jpegAt(d, i, d.length - i);
        if (jpeg == null) {
          continue;
        }
        int end = endAfterScan(d, i, d.length);
        if (end < 0) { // cut short: kept, so that it is not mistaken for a smaller one's absence
          found.add(jpeg);
          break;
        }
        found.add(new Jpeg(i, end - i, jpeg.width(), jpeg.height()));
        i = end - 1; // the thumbnails inside its EXIF are smaller
      }
    }
    return found;
  }

  /**
   * Whether a JPEG's first marker is one that JPEG writers begin with (APPn, DQT, DHT, a comment):
   * a start marker in sensor noise followed at once by a frame header claiming any size at all is
   * then no candidate.
   */
  private static boolean startsLikeAJpeg(int marker) {
    return (marker >= 0xE0 && marker <= 0xEF) || marker == 0xDB || marker == 0xC4 || marker == 0xFE;
  }

  /**
   * The largest of {@code jpegs} by its frame header, cut at its end marker; {@code null} when its
   * image data is incomplete. A damaged full-size preview is not replaced by a thumbnail: a photo
   * indexed from 160 pixels would look like a success.
   */
  private static Jpeg largest(byte[] d, List<Jpeg> jpegs) {
    Jpeg best = null;
    for (Jpeg jpeg : jpegs) {
      if (best == null || jpeg.pixels() > best.pixels()) {
        best = jpeg;
      }
    }
    if (best == null) {
      return null;
    }
    int end = endOfImage(d, best.offset(), best.offset() + best.length());
    return end < 0
        ? null
        : new Jpeg(best.offset(), end - best.offset(), best.width(), best.height());
  }

  /**
   * The end of the JPEG that a container says lies in {@code [offset, limit)}: after its end
   * marker, searched from {@code limit} backwards (past any padding), else forwards from its scan;
   * -1 when it has none.
   */
  private static int endOfImage(byte[] d, int offset, int limit) {
    int scan = scanStart(d, offset, limit);
    if (scan < 0) {
      return -1;
    }
    for (int j = limit - 2; j >= Math.max(scan, limit - 4096); j--) {
      if (u8(d, j) == 0xFF && u8(d, j + 1) == 0xD9) {
        return j + 2;
      }
    }
    return endAfterScan(d, offset, limit);
  }

  /**
   * After the first end marker that follows the JPEG's first scan, or -1: entropy-coded data holds
   * no 0xFFD9 (a 0xFF in it is followed by 0x00 or a restart marker).
   */
  private static int endAfterScan(byte[] d, int offset, int limit) {
    int scan = scanStart(d, offset, limit);
    for (int j = scan; scan > 0 && j + 1 < limit; j++) {
      if (u8(d, j) == 0xFF && u8(d, j + 1) == 0xD9) {
        return j + 2;
      }
    }
    return -1;
  }

  /** Where the first scan's data starts in the JPEG at {@code offset}, or -1. */
  private static int scanStart(byte[] d, int offset, int limit) {
    int i = offset + 2;
    while (i + 4 <= limit) {
      if (u8(d, i) != 0xFF) {
        return -1;
      }
      int marker = u8(d, i + 1);
      if (marker == 0xFF) {
        i++;
        continue;
      }
      int length = be16(d, i + 2);
      if (marker == 0xDA) {
        return i + 2 + length < limit ? i + 2 + length : -1;
      }
      i += 2 + length;
    }
    return -1;
  }

  /**
   * The JPEG at {@code offset} if it starts like one and its frame is baseline, extended or
   * progressive (never lossless), with its frame's size; {@code null} otherwise.
   */
  static Jpeg jpegAt(byte[] d, int offset, int length) {
    if (offset <= 0 || length < 4 || offset + 4 > d.length) {
      return null;
    }
    length =
        (int) Math.min(length, d.length - (long) offset); // a file cut short: found, incomplete
    if (u8(d, offset) != 0xFF || u8(d, offset + 1) != 0xD8 || u8(d, offset + 2) != 0xFF) {
      return null;
    }
    int end = offset + length;
    int i = offset + 2;
    while (i + 9 < end) {
      if (u8(d, i) != 0xFF) {
        return null;
      }
      int marker = u8(d, i + 1);
      if (marker == 0xFF) {
        i++;
        continue;
      }
      if (marker == 0xD8 || marker == 0xD9 || marker == 0xDA) {
        return null;
      }
      int segment = be16(d, i + 2);
      if (marker == 0xC0 || marker == 0xC1 || marker == 0xC2) {
        int height = be16(d, i + 5);
        int width = be16(d, i + 7);
        return width > 0 && height > 0 ? new Jpeg(offset, length, width, height) : null;
      }
      if (marker >= 0xC3 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
        return null; // lossless or arithmetic-coded: sensor data, not a preview
      }
      if (segment < 2) {
        return null;
      }
      i += 2 + segment;
    }
    return null;
  }

  private static String text(byte[] d, int entry, int count, boolean little) {
    int at = count <= 4 ? entry + 8 : int32(d, entry + 8, little);
    if (count <= 0 || count > 256 || at < 0 || at + count > d.length) {
      return "";
    }
    return new String(d, at, count, java.nio.charset.StandardCharsets.ISO_8859_1)
        .replace("\0", "")
        .trim();
  }

  private static int int16(byte[] d, int at, boolean little) {
    return little ? ImageHeader.le16(d, at) : be16(d, at);
  }

  private static int int32(byte[] d, int at, boolean little) {
    return little ? ImageHeader.le32(d, at) : be32(d, at);
  }

  private static byte[] uuid(String hex) {
    byte[] id = new byte[16];
    for (int i = 0; i < 16; i++) {
      id[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return id;
  }
}
