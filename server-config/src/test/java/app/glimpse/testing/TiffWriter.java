package app.glimpse.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes TIFF structures the way cameras lay out their RAW files: IFDs in either byte order,
 * chained or hung below others (SubIFDs, the Exif IFD, a maker note's own IFD), and blobs
 * (previews, sensor data) after them that entries point at. The tests build CR2, NEF, ARW, DNG and
 * ORF files with it ({@link CameraFiles}), and a CR3's metadata boxes, which are TIFFs of their
 * own.
 */
public final class TiffWriter {

  public static final int BYTE = 1;
  public static final int ASCII = 2;
  public static final int SHORT = 3;
  public static final int LONG = 4;
  public static final int RATIONAL = 5;
  public static final int UNDEFINED = 7;

  private final ByteOrder order;
  private final byte[] header;
  private final List<Ifd> ifds = new ArrayList<>();
  private final List<byte[]> blobs = new ArrayList<>();

  /** What an entry holds: plain data, or the offset of an IFD or a blob known only at layout. */
  private record Value(
      int type, int count, byte[] data, Ifd ifd, Integer blob, List<Ifd> ifdList) {}

  /** One IFD; entries are written in tag order. */
  public final class Ifd {
    private final Map<Integer, Value> entries = new TreeMap<>();
    private Ifd next;
    private int offset;

    public Ifd ascii(int tag, String text) {
      byte[] bytes = (text + "\0").getBytes(StandardCharsets.UTF_8);
      entries.put(tag, new Value(ASCII, bytes.length, bytes, null, null, null));
      return this;
    }

    public Ifd shorts(int tag, int... values) {
      ByteBuffer buffer = ByteBuffer.allocate(2 * values.length).order(order);
      for (int value : values) {
        buffer.putShort((short) value);
      }
      entries.put(tag, new Value(SHORT, values.length, buffer.array(), null, null, null));
      return this;
    }

    public Ifd longs(int tag, int... values) {
      ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(order);
      for (int value : values) {
        buffer.putInt(value);
      }
      entries.put(tag, new Value(LONG, values.length, buffer.array(), null, null, null));
      return this;
    }

    public Ifd rational(int tag, int numerator, int denominator) {
      byte[] data =
          ByteBuffer.allocate(8).order(order).putInt(numerator).putInt(denominator).array();
      entries.put(tag, new Value(RATIONAL, 1, data, null, null, null));
      return this;
    }

    public Ifd bytes(int tag, int type, byte[] data) {
      entries.put(tag, new Value(type, data.length, data, null, null, null));
      return this;
    }

    /** An entry holding the offset of {@code blob} (see {@link #blob}). */
    public Ifd offsetOf(int tag, int blob) {
      entries.put(tag, new Value(LONG, 1, new byte[4], null, blob, null));
      return this;
    }

    /** An entry holding the length of {@code blob}. */
    public Ifd lengthOf(int tag, int blob) {
      return longs(tag, blobs.get(blob).length);
    }

    /** An entry pointing at other IFDs (SubIFDs 0x14A, the Exif IFD 0x8769, GPS 0x8825). */
    public Ifd pointer(int tag, Ifd... children) {
      entries.put(
          tag,
          new Value(
              LONG, children.length, new byte[4 * children.length], null, null, List.of(children)));
      return this;
    }

    /** The IFD chained after this one (IFD1 after IFD0). */
    public Ifd next(Ifd following) {
      this.next = following;
      return this;
    }

    private int size() {
      int size = 2 + 12 * entries.size() + 4;
      for (Value value : entries.values()) {
        if (value.data().length > 4) {
          size += value.data().length + (value.data().length & 1);
        }
      }
      return size;
    }
  }

  /**
   * A TIFF of {@code order}; {@code header} replaces the standard 8 bytes ({@code II*\0} and the
   * first IFD's offset, patched in) when a maker's is longer or has another magic: CR2's 16, ORF's
   * {@code IIRO}.
   */
  public TiffWriter(ByteOrder order, byte[] header) {
    this.order = order;
    this.header = header;
  }

  public TiffWriter(ByteOrder order) {
    this(
        order,
        order == ByteOrder.LITTLE_ENDIAN
            ? new byte[] {'I', 'I', 42, 0, 0, 0, 0, 0}
            : new byte[] {'M', 'M', 0, 42, 0, 0, 0, 0});
  }

  /** A new IFD; the first one made is IFD0. */
  public Ifd ifd() {
    Ifd ifd = new Ifd();
    ifds.add(ifd);
    return ifd;
  }

  /** Adds a blob laid out after the IFDs; its index names it in entries. */
  public int blob(byte[] data) {
    blobs.add(data);
    return blobs.size() - 1;
  }

  /** The offset {@code blob} gets in {@link #bytes()}. */
  public int blobOffset(int blob) {
    int at = ifdEnd();
    for (int i = 0; i < blob; i++) {
      at += blobs.get(i).length + (blobs.get(i).length & 1);
    }
    return at;
  }

  /** The offset the IFD gets in {@link #bytes()}. */
  public int offsetOf(Ifd ifd) {
    layOut();
    return ifd.offset;
  }

  /** The offset at which the value of {@code ifd}'s entry {@code tag} lies (one over 4 bytes). */
  public int dataOffset(Ifd ifd, int tag) {
    layOut();
    int at = ifd.offset + 2 + 12 * ifd.entries.size() + 4;
    for (Map.Entry<Integer, Value> entry : ifd.entries.entrySet()) {
      if (entry.getKey() == tag) {
        return at;
      }
      int length = entry.getValue().data().length;
      if (length > 4) {
        at += length + (length & 1);
      }
    }
    throw new IllegalArgumentException("no entry " + tag);
  }

  private int ifdEnd() {
    int at = header.length;
    for (Ifd ifd : ifds) {
      at += ifd.size();
    }
    return at;
  }

  private void layOut() {
    int at = header.length;
    for (Ifd ifd : ifds) {
      ifd.offset = at;
      at += ifd.size();
    }
  }

  /** The file. */
  public byte[] bytes() {
    layOut();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] head = header.clone();
    ByteBuffer.wrap(head, 4, 4).order(order).putInt(ifds.get(0).offset);
    out.writeBytes(head);
    for (Ifd ifd : ifds) {
      int dataAt = ifd.offset + 2 + 12 * ifd.entries.size() + 4;
      ByteBuffer table = ByteBuffer.allocate(2 + 12 * ifd.entries.size() + 4).order(order);
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      table.putShort((short) ifd.entries.size());
      for (Map.Entry<Integer, Value> entry : ifd.entries.entrySet()) {
        Value value = entry.getValue();
        byte[] bytes = value.data();
        if (value.blob() != null) {
          bytes = ByteBuffer.allocate(4).order(order).putInt(blobOffset(value.blob())).array();
        } else if (value.ifdList() != null) {
          ByteBuffer pointers = ByteBuffer.allocate(4 * value.ifdList().size()).order(order);
          value.ifdList().forEach(child -> pointers.putInt(child.offset));
          bytes = pointers.array();
        }
        table.putShort((short) (int) entry.getKey()).putShort((short) value.type());
        table.putInt(value.count());
        if (bytes.length <= 4) {
          table.put(java.util.Arrays.copyOf(bytes, 4));
        } else {
          table.putInt(dataAt + data.size());
          data.writeBytes(bytes);
          if ((bytes.length & 1) == 1) {
            data.write(0);
          }
        }
      }
      table.putInt(ifd.next == null ? 0 : ifd.next.offset);
      out.writeBytes(table.array());
      out.writeBytes(data.toByteArray());
    }
    for (byte[] blob : blobs) {
      out.writeBytes(blob);
      if ((blob.length & 1) == 1) {
        out.write(0);
      }
    }
    return out.toByteArray();
  }
}
