package app.glimpse.testing;

import app.glimpse.faces.decode.Libheif;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Camera files made from a photo, as phones and cameras write them: HEIC through libheif's HEVC
 * encoder (x265), and RAW files in each maker's own container, with the sensor data replaced by
 * noise (no test can make real sensor data, and Glimpse never reads it) and the camera's full-size
 * JPEG preview where that maker puts it. Each RAW carries its metadata in its own IFDs (CR3: its
 * {@code CMT} boxes; RAF: in its preview, as Fujifilm does), never only in the preview, so that a
 * test sees which one Glimpse reads.
 */
public final class CameraFiles {

  /** The RAW formats made here, by file extension. */
  public static final List<String> RAW_FORMATS =
      List.of("cr2", "cr3", "nef", "arw", "dng", "raf", "orf");

  /** What a camera writes about a photo. */
  public record Shot(String make, String model, String lens, String takenAt, int orientation) {}

  private CameraFiles() {}

  /** What a camera of the maker of {@code format} writes (CR2 and CR3: Canon, NEF: Nikon ...). */
  public static Shot shot(String format, int orientation) {
    String at = "2026:06:13 15:42:07";
    return switch (format) {
      case "cr2" ->
          new Shot("Canon", "Canon EOS 5D Mark IV", "EF24-70mm f/2.8L II USM", at, orientation);
      case "cr3", "heic" ->
          new Shot("Canon", "Canon EOS R5", "RF24-70mm F2.8 L IS USM", at, orientation);
      case "nef" ->
          new Shot("NIKON CORPORATION", "NIKON Z 6_2", "NIKKOR Z 24-70mm f/4 S", at, orientation);
      case "arw" -> new Shot("SONY", "ILCE-7M3", "FE 24-105mm F4 G OSS", at, orientation);
      case "dng" ->
          new Shot("LEICA CAMERA AG", "LEICA Q2", "SUMMILUX 1:1.7/28 ASPH.", at, orientation);
      case "raf" -> new Shot("FUJIFILM", "X-T4", "XF16-55mmF2.8 R LM WR", at, orientation);
      case "orf" ->
          new Shot("OLYMPUS CORPORATION", "E-M1MarkIII", "OLYMPUS M.12-40mm F2.8", at, orientation);
      default -> throw new IllegalArgumentException(format);
    };
  }

  /** The full-size preview {@link #raw} embeds: the image as recorded, as a JPEG. */
  public static byte[] preview(BufferedImage upright, Shot shot) {
    return jpeg(asRecorded(upright, shot.orientation()), 0.92f);
  }

  /** The photo's pixels. */
  public static BufferedImage image(byte[] jpeg) {
    try {
      BufferedImage read = ImageIO.read(new ByteArrayInputStream(jpeg));
      BufferedImage rgb =
          new BufferedImage(read.getWidth(), read.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
      Graphics2D g = rgb.createGraphics();
      g.drawImage(read, 0, 0, null);
      g.dispose();
      return rgb;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A baseline JPEG of {@code image} without metadata, as a camera's preview. */
  public static byte[] jpeg(BufferedImage image, float quality) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /**
   * The image as the sensor recorded it when the camera was turned so that EXIF {@code orientation}
   * (1, 3, 6 or 8) turns it upright again.
   */
  public static BufferedImage asRecorded(BufferedImage upright, int orientation) {
    if (orientation == 1) {
      return upright;
    }
    boolean quarter = orientation == 6 || orientation == 8;
    int w = quarter ? upright.getHeight() : upright.getWidth();
    int h = quarter ? upright.getWidth() : upright.getHeight();
    BufferedImage stored = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = stored.createGraphics();
    AffineTransform turn = new AffineTransform();
    switch (orientation) {
      case 3 -> turn.rotate(Math.PI, w / 2.0, h / 2.0);
      case 6 -> { // shown turned 90° clockwise: stored turned 90° counter-clockwise
        turn.translate(0, h);
        turn.rotate(-Math.PI / 2);
      }
      case 8 -> {
        turn.translate(w, 0);
        turn.rotate(Math.PI / 2);
      }
      default -> throw new IllegalArgumentException("orientation " + orientation);
    }
    g.drawImage(upright, turn, null);
    g.dispose();
    return stored;
  }

  /** A HEIC of {@code image} (HEVC, quality {@code quality}) with {@code shot}'s EXIF. */
  public static byte[] heic(BufferedImage image, Shot shot, int quality) {
    Libheif.Loaded loaded = Libheif.get();
    if (loaded.library() == null) {
      throw new IllegalStateException("Cannot make HEIC files: " + loaded.problem());
    }
    Libheif heif = loaded.library();
    int width = image.getWidth();
    int height = image.getHeight();
    Pointer context = heif.heif_context_alloc();
    PointerByReference encoderRef = new PointerByReference();
    PointerByReference imageRef = new PointerByReference();
    try {
      check(
          heif.heif_context_get_encoder_for_format(context, Libheif.COMPRESSION_HEVC, encoderRef));
      Pointer encoder = encoderRef.getValue();
      check(heif.heif_encoder_set_lossy_quality(encoder, quality));
      check(
          heif.heif_image_create(
              width, height, Libheif.COLORSPACE_RGB, Libheif.CHROMA_INTERLEAVED_RGB, imageRef));
      Pointer img = imageRef.getValue();
      check(heif.heif_image_add_plane(img, Libheif.CHANNEL_INTERLEAVED, width, height, 8));
      IntByReference stride = new IntByReference();
      Pointer plane = heif.heif_image_get_plane(img, Libheif.CHANNEL_INTERLEAVED, stride);
      byte[] bgr = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
      byte[] row = new byte[width * 3];
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int i = (y * width + x) * 3;
          row[3 * x] = bgr[i + 2];
          row[3 * x + 1] = bgr[i + 1];
          row[3 * x + 2] = bgr[i];
        }
        plane.write((long) y * stride.getValue(), row, 0, row.length);
      }
      PointerByReference handle = new PointerByReference();
      check(heif.heif_context_encode_image(context, img, encoder, null, handle));
      byte[] exif = tiffExif(shot);
      Memory exifMemory = new Memory(exif.length);
      exifMemory.write(0, exif, 0, exif.length);
      check(
          heif.heif_context_add_exif_metadata(context, handle.getValue(), exifMemory, exif.length));
      heif.heif_image_handle_release(handle.getValue());
      heif.heif_encoder_release(encoder);
      Path file = Files.createTempFile("glimpse-", ".heic");
      try {
        check(heif.heif_context_write_to_file(context, file.toString()));
        return Files.readAllBytes(file);
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (imageRef.getValue() != null) {
        heif.heif_image_release(imageRef.getValue());
      }
      heif.heif_context_free(context);
    }
  }

  private static void check(Libheif.Error error) {
    if (error.failed()) {
      throw new IllegalStateException("libheif: " + error);
    }
  }

  /**
   * A RAW file of {@code format} whose full-size preview is {@code upright} shot as {@code shot}.
   */
  public static byte[] raw(String format, BufferedImage upright, Shot shot, long seed) {
    Random random = new Random(seed);
    BufferedImage stored = asRecorded(upright, shot.orientation());
    byte[] preview = preview(upright, shot);
    byte[] thumbnail = jpeg(scaled(stored, 160), 0.8f);
    byte[] sensor = new byte[stored.getWidth() * stored.getHeight() / 2];
    random.nextBytes(sensor);
    return switch (format) {
      case "cr2" -> cr2(stored, preview, thumbnail, sensor, shot);
      case "nef" -> nef(stored, preview, sensor, shot);
      case "arw" -> arw(stored, preview, thumbnail, sensor, shot);
      case "dng" -> dng(stored, preview, sensor, shot);
      case "orf" -> orf(stored, preview, thumbnail, sensor, shot);
      case "raf" -> raf(stored, preview, sensor, shot);
      case "cr3" -> cr3(stored, preview, thumbnail, sensor, shot);
      default -> throw new IllegalArgumentException(format);
    };
  }

  private static BufferedImage scaled(BufferedImage image, int longSide) {
    double f = Math.min(1, (double) longSide / Math.max(image.getWidth(), image.getHeight()));
    int w = Math.max(1, (int) Math.round(image.getWidth() * f));
    int h = Math.max(1, (int) Math.round(image.getHeight() * f));
    BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = small.createGraphics();
    g.drawImage(image, 0, 0, w, h, null);
    g.dispose();
    return small;
  }

  /** IFD0 tags every maker writes. */
  private static TiffWriter.Ifd camera(TiffWriter.Ifd ifd, Shot shot) {
    return ifd.ascii(0x10F, shot.make())
        .ascii(0x110, shot.model())
        .shorts(0x112, shot.orientation())
        .ascii(0x132, shot.takenAt());
  }

  /** The Exif IFD: capture time and lens. */
  private static TiffWriter.Ifd exif(TiffWriter tiff, Shot shot) {
    return tiff.ifd()
        .rational(0x829A, 1, 250)
        .ascii(0x9003, shot.takenAt())
        .ascii(0x9004, shot.takenAt())
        .ascii(0xA434, shot.lens());
  }

  /**
   * Canon CR2: a 16-byte header ("CR", version 2.0, the raw IFD's offset); IFD0 holds the full-size
   * JPEG as its one strip, IFD1 the thumbnail, IFD3 the lossless-JPEG sensor data.
   */
  private static byte[] cr2(
      BufferedImage stored, byte[] preview, byte[] thumbnail, byte[] sensor, Shot shot) {
    byte[] header = {'I', 'I', 42, 0, 0, 0, 0, 0, 'C', 'R', 2, 0, 0, 0, 0, 0};
    TiffWriter tiff = new TiffWriter(ByteOrder.LITTLE_ENDIAN, header);
    int full = tiff.blob(preview);
    int thumb = tiff.blob(thumbnail);
    int raw = tiff.blob(losslessJpeg(stored.getWidth(), stored.getHeight(), sensor));
    TiffWriter.Ifd ifd0 = camera(tiff.ifd(), shot);
    TiffWriter.Ifd ifd1 = tiff.ifd();
    TiffWriter.Ifd ifd2 = tiff.ifd();
    TiffWriter.Ifd ifd3 = tiff.ifd();
    ifd0.longs(0x100, stored.getWidth())
        .longs(0x101, stored.getHeight())
        .shorts(0x102, 8, 8, 8)
        .shorts(0x103, 6)
        .offsetOf(0x111, full)
        .lengthOf(0x117, full)
        .pointer(0x8769, exif(tiff, shot))
        .next(ifd1);
    ifd1.shorts(0x103, 6).offsetOf(0x201, thumb).lengthOf(0x202, thumb).next(ifd2);
    ifd2.longs(0x100, 1).longs(0x101, 1).shorts(0x103, 1).next(ifd3);
    ifd3.shorts(0x103, 6).offsetOf(0x111, raw).lengthOf(0x117, raw).shorts(0xC640, 1, 0, 0);
    byte[] file = tiff.bytes();
    ByteBuffer.wrap(file, 12, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(tiff.offsetOf(ifd3));
    return file;
  }

  /**
   * Nikon NEF (big-endian): IFD0 is a 160 px RGB thumbnail; its SubIFDs hold the full-size JPEG
   * ({@code JPEGInterchangeFormat}) and the sensor data (Nikon's compression 34713).
   */
  private static byte[] nef(BufferedImage stored, byte[] preview, byte[] sensor, Shot shot) {
    TiffWriter tiff = new TiffWriter(ByteOrder.BIG_ENDIAN);
    BufferedImage small = scaled(stored, 160);
    int thumb = tiff.blob(rgb(small));
    int full = tiff.blob(preview);
    int raw = tiff.blob(sensor);
    TiffWriter.Ifd ifd0 = camera(tiff.ifd(), shot);
    TiffWriter.Ifd jpegIfd = tiff.ifd();
    TiffWriter.Ifd rawIfd = tiff.ifd();
    ifd0.longs(0xFE, 1)
        .longs(0x100, small.getWidth())
        .longs(0x101, small.getHeight())
        .shorts(0x102, 8, 8, 8)
        .shorts(0x103, 1)
        .shorts(0x106, 2)
        .offsetOf(0x111, thumb)
        .shorts(0x115, 3)
        .lengthOf(0x117, thumb)
        .pointer(0x14A, jpegIfd, rawIfd)
        .pointer(0x8769, exif(tiff, shot));
    jpegIfd.longs(0xFE, 1).shorts(0x103, 6).offsetOf(0x201, full).lengthOf(0x202, full);
    rawIfd
        .longs(0xFE, 0)
        .longs(0x100, stored.getWidth())
        .longs(0x101, stored.getHeight())
        .shorts(0x103, 34713)
        .offsetOf(0x111, raw)
        .lengthOf(0x117, raw);
    return tiff.bytes();
  }

  /**
   * Sony ARW: IFD0 describes the preview JPEG ({@code JPEGInterchangeFormat}) and points at the
   * sensor data's SubIFD (Sony's compression 32767); IFD1 holds the thumbnail.
   */
  private static byte[] arw(
      BufferedImage stored, byte[] preview, byte[] thumbnail, byte[] sensor, Shot shot) {
    TiffWriter tiff = new TiffWriter(ByteOrder.LITTLE_ENDIAN);
    int full = tiff.blob(preview);
    int thumb = tiff.blob(thumbnail);
    int raw = tiff.blob(sensor);
    TiffWriter.Ifd ifd0 = camera(tiff.ifd(), shot);
    TiffWriter.Ifd rawIfd = tiff.ifd();
    TiffWriter.Ifd ifd1 = tiff.ifd();
    ifd0.longs(0xFE, 1)
        .shorts(0x103, 6)
        .offsetOf(0x201, full)
        .lengthOf(0x202, full)
        .pointer(0x14A, rawIfd)
        .pointer(0x8769, exif(tiff, shot))
        .next(ifd1);
    rawIfd
        .longs(0xFE, 0)
        .longs(0x100, stored.getWidth())
        .longs(0x101, stored.getHeight())
        .shorts(0x103, 32767)
        .offsetOf(0x111, raw)
        .lengthOf(0x117, raw);
    ifd1.shorts(0x103, 6).offsetOf(0x201, thumb).lengthOf(0x202, thumb);
    return tiff.bytes();
  }

  /**
   * Adobe DNG: IFD0 is a small RGB thumbnail with DNGVersion; its SubIFDs hold the sensor data
   * (lossless JPEG, compression 7) and a full-size preview (a baseline JPEG, compression 7 too).
   */
  private static byte[] dng(BufferedImage stored, byte[] preview, byte[] sensor, Shot shot) {
    TiffWriter tiff = new TiffWriter(ByteOrder.LITTLE_ENDIAN);
    BufferedImage small = scaled(stored, 256);
    int thumb = tiff.blob(rgb(small));
    int raw = tiff.blob(losslessJpeg(stored.getWidth(), stored.getHeight(), sensor));
    int full = tiff.blob(preview);
    TiffWriter.Ifd ifd0 = camera(tiff.ifd(), shot);
    TiffWriter.Ifd rawIfd = tiff.ifd();
    TiffWriter.Ifd previewIfd = tiff.ifd();
    ifd0.longs(0xFE, 1)
        .longs(0x100, small.getWidth())
        .longs(0x101, small.getHeight())
        .shorts(0x102, 8, 8, 8)
        .shorts(0x103, 1)
        .shorts(0x106, 2)
        .offsetOf(0x111, thumb)
        .shorts(0x115, 3)
        .lengthOf(0x117, thumb)
        .pointer(0x14A, rawIfd, previewIfd)
        .pointer(0x8769, exif(tiff, shot))
        .bytes(0xC612, TiffWriter.BYTE, new byte[] {1, 4, 0, 0})
        .ascii(0xC614, shot.make() + " " + shot.model());
    rawIfd
        .longs(0xFE, 0)
        .longs(0x100, stored.getWidth())
        .longs(0x101, stored.getHeight())
        .shorts(0x103, 7)
        .shorts(0x106, 32803)
        .offsetOf(0x111, raw)
        .lengthOf(0x117, raw);
    previewIfd
        .longs(0xFE, 1)
        .longs(0x100, stored.getWidth())
        .longs(0x101, stored.getHeight())
        .shorts(0x102, 8, 8, 8)
        .shorts(0x103, 7)
        .shorts(0x106, 6)
        .offsetOf(0x111, full)
        .shorts(0x115, 3)
        .lengthOf(0x117, full);
    return tiff.bytes();
  }

  /**
   * Olympus ORF: the "IIRO" magic; IFD0 holds the sensor data; the full-size JPEG is referred to
   * only from the maker note (its CameraSettings IFD, tags 0x101/0x102), as Olympus does.
   */
  private static byte[] orf(
      BufferedImage stored, byte[] preview, byte[] thumbnail, byte[] sensor, Shot shot) {
    TiffWriter tiff =
        new TiffWriter(ByteOrder.LITTLE_ENDIAN, new byte[] {'I', 'I', 'R', 'O', 0, 0, 0, 0});
    int raw = tiff.blob(sensor);
    int full = tiff.blob(preview);
    TiffWriter.Ifd ifd0 = camera(tiff.ifd(), shot);
    TiffWriter.Ifd exif = exif(tiff, shot);
    ifd0.longs(0x100, stored.getWidth())
        .longs(0x101, stored.getHeight())
        .shorts(0x103, 1)
        .offsetOf(0x111, raw)
        .lengthOf(0x117, raw)
        .pointer(0x8769, exif);
    int noteLength = 12 + (2 + 12 + 4) + (2 + 3 * 12 + 4);
    exif.bytes(0x927C, TiffWriter.UNDEFINED, new byte[noteLength]);
    int noteAt = tiff.dataOffset(exif, 0x927C);
    ByteBuffer note = ByteBuffer.allocate(noteLength).order(ByteOrder.LITTLE_ENDIAN);
    note.put("OLYMPUS\0II".getBytes(StandardCharsets.ISO_8859_1)).putShort((short) 3);
    note.putShort((short) 1)
        .putShort((short) 0x2020)
        .putShort((short) 13)
        .putInt(1)
        .putInt(12 + 18);
    note.putInt(0);
    note.putShort((short) 3);
    note.putShort((short) 0x100).putShort((short) 4).putInt(1).putInt(1);
    note.putShort((short) 0x101)
        .putShort((short) 4)
        .putInt(1)
        .putInt(tiff.blobOffset(full) - noteAt);
    note.putShort((short) 0x102).putShort((short) 4).putInt(1).putInt(preview.length);
    note.putInt(0);
    exif.bytes(0x927C, TiffWriter.UNDEFINED, note.array());
    return tiff.bytes();
  }

  /**
   * Fujifilm RAF: its own big-endian header, whose fields at 84 and 88 give the JPEG's offset and
   * length; the JPEG carries the EXIF, then comes the sensor data.
   */
  private static byte[] raf(BufferedImage stored, byte[] preview, byte[] sensor, Shot shot) {
    byte[] jpeg =
        new Exif()
            .text(Exif.MAKE, shot.make())
            .text(Exif.MODEL, shot.model())
            .text(Exif.DATE_TIME_ORIGINAL, shot.takenAt())
            .text(Exif.LENS_MODEL, shot.lens())
            .orientation(shot.orientation())
            .jpeg(preview);
    int jpegAt = 160;
    int sensorAt = jpegAt + jpeg.length;
    ByteBuffer file = ByteBuffer.allocate(sensorAt + sensor.length).order(ByteOrder.BIG_ENDIAN);
    file.put("FUJIFILMCCD-RAW 0201FF383501".getBytes(StandardCharsets.ISO_8859_1));
    byte[] name = new byte[32];
    byte[] model = shot.model().getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(model, 0, name, 0, Math.min(model.length, 31));
    file.put(name).put("0100".getBytes(StandardCharsets.ISO_8859_1)).put(new byte[20]);
    file.putInt(jpegAt)
        .putInt(jpeg.length)
        .putInt(0)
        .putInt(0)
        .putInt(sensorAt)
        .putInt(sensor.length);
    file.position(jpegAt);
    file.put(jpeg).put(sensor);
    return file.array();
  }

  /**
   * Canon CR3, ISO base media: {@code ftyp crx }, a {@code moov} with Canon's metadata box (the
   * {@code CMT1}/{@code CMT2}/{@code CMT4} TIFFs and a thumbnail) and one track per image, the
   * first being the full-size JPEG, its sample located by {@code stsz} and {@code co64}; the
   * smaller {@code PRVW} preview; the images in {@code mdat}.
   */
  private static byte[] cr3(
      BufferedImage stored, byte[] preview, byte[] thumbnail, byte[] sensor, Shot shot) {
    byte[] small = jpeg(scaled(stored, 1620), 0.8f);
    byte[] moov = cr3Moov(stored, preview, thumbnail, sensor, shot, 0);
    byte[] ftyp =
        box(
            "ftyp",
            concat(
                "crx ".getBytes(StandardCharsets.ISO_8859_1),
                int32(1),
                "crx isom".getBytes(StandardCharsets.ISO_8859_1)));
    byte[] prvw = cr3Preview(small);
    long mdatAt = ftyp.length + moov.length + prvw.length + 8L;
    moov = cr3Moov(stored, preview, thumbnail, sensor, shot, mdatAt);
    byte[] mdat = box("mdat", concat(preview, sensor));
    return concat(ftyp, moov, prvw, mdat);
  }

  private static byte[] cr3Moov(
      BufferedImage stored,
      byte[] preview,
      byte[] thumbnail,
      byte[] sensor,
      Shot shot,
      long mdatAt) {
    TiffWriter cmt1 = new TiffWriter(ByteOrder.LITTLE_ENDIAN);
    camera(cmt1.ifd(), shot);
    TiffWriter cmt2 = new TiffWriter(ByteOrder.LITTLE_ENDIAN);
    cmt2.ifd()
        .rational(0x829A, 1, 250)
        .ascii(0x9003, shot.takenAt())
        .ascii(0x9004, shot.takenAt())
        .ascii(0xA434, shot.lens());
    TiffWriter cmt4 = new TiffWriter(ByteOrder.LITTLE_ENDIAN);
    cmt4.ifd().bytes(0x0, TiffWriter.BYTE, new byte[] {2, 3, 0, 0});
    byte[] canon =
        uuid(
            "85c0b687820f11e08111f4ce462b6a48",
            box("CNCV", "CanonCR3_001/00.10.00/00.00.00".getBytes(StandardCharsets.ISO_8859_1)),
            box("CMT1", cmt1.bytes()),
            box("CMT2", cmt2.bytes()),
            box("CMT4", cmt4.bytes()),
            box("THMB", concat(new byte[16], thumbnail)));
    byte[] jpegTrack = track(stored.getWidth(), stored.getHeight(), preview.length, mdatAt, true);
    byte[] rawTrack =
        track(stored.getWidth(), stored.getHeight(), sensor.length, mdatAt + preview.length, false);
    return box("moov", concat(canon, box("mvhd", new byte[100]), jpegTrack, rawTrack));
  }

  private static byte[] track(int width, int height, int sampleSize, long offset, boolean jpeg) {
    // a visual sample entry (78 bytes), and the JPEG box that marks the track as the JPEG's
    byte[] entry =
        concat(
            new byte[6],
            int16(1),
            new byte[16],
            int16(width),
            int16(height),
            int32(0x480000),
            int32(0x480000),
            int32(0),
            int16(1),
            new byte[32],
            int16(0x18),
            int16(-1),
            jpeg ? box("JPEG", int32(0)) : new byte[0]);
    byte[] stbl =
        box(
            "stbl",
            box("stsd", concat(int32(0), int32(1), box("CRAW", entry))),
            box("stsz", concat(int32(0), int32(sampleSize), int32(1))),
            box(
                "co64",
                concat(int32(0), int32(1), int32((int) (offset >>> 32)), int32((int) offset))));
    byte[] minf = box("minf", concat(box("vmhd", new byte[12]), stbl));
    byte[] handler =
        concat(int32(0), int32(0), "vide".getBytes(StandardCharsets.ISO_8859_1), new byte[13]);
    byte[] mdia = box("mdia", concat(box("mdhd", new byte[24]), box("hdlr", handler), minf));
    return box("trak", concat(box("tkhd", new byte[84]), mdia));
  }

  private static byte[] cr3Preview(byte[] small) {
    byte[] prvw =
        box(
            "PRVW",
            concat(
                int32(0),
                int16(1),
                int16(1620),
                int16(1080),
                int16(1),
                int32(small.length),
                small));
    return uuid("eaf42b5e1c984b88b9fbb7dc406e4d16", concat(new byte[8], prvw));
  }

  private static byte[] uuid(String hex, byte[]... children) {
    byte[] id = new byte[16];
    for (int i = 0; i < 16; i++) {
      id[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return box("uuid", concat(id, concat(children)));
  }

  private static byte[] box(String type, byte[]... content) {
    byte[] body = concat(content);
    return concat(int32(body.length + 8), type.getBytes(StandardCharsets.ISO_8859_1), body);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] int32(int value) {
    return ByteBuffer.allocate(4).putInt(value).array();
  }

  private static byte[] int16(int value) {
    return ByteBuffer.allocate(2).putShort((short) value).array();
  }

  /** Sensor data coded as a lossless JPEG (SOF3), as CR2 and DNG store it; the scan is noise. */
  private static byte[] losslessJpeg(int width, int height, byte[] noise) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC3, 0, 14, 14});
    out.writeBytes(int16(height));
    out.writeBytes(int16(width / 2));
    out.writeBytes(new byte[] {2, 1, 0x11, 0, 2, 0x11, 0});
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDA, 0, 10, 2, 1, 0, 2, 0, 1, 0, 0});
    for (byte b : noise) {
      out.write(b == (byte) 0xFF ? 0 : b);
    }
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
    return out.toByteArray();
  }

  /** Uncompressed RGB rows. */
  private static byte[] rgb(BufferedImage image) {
    byte[] bgr = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
    byte[] rgb = new byte[bgr.length];
    for (int i = 0; i + 2 < bgr.length; i += 3) {
      rgb[i] = bgr[i + 2];
      rgb[i + 1] = bgr[i + 1];
      rgb[i + 2] = bgr[i];
    }
    return rgb;
  }

  /** A TIFF structure with {@code shot}'s IFD0 and Exif IFD, as HEIC's EXIF item holds it. */
  private static byte[] tiffExif(Shot shot) {
    TiffWriter tiff = new TiffWriter(ByteOrder.BIG_ENDIAN);
    TiffWriter.Ifd ifd0 = camera(tiff.ifd(), shot);
    ifd0.pointer(0x8769, exif(tiff, shot));
    return tiff.bytes();
  }
}
