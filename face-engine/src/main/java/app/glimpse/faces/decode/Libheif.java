package app.glimpse.faces.decode;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.List;

/**
 * The part of libheif's C API (1.15, Debian 12's {@code libheif1}) that Glimpse calls, bound with
 * JNA: reading a HEIF file from memory and decoding its primary image to interleaved RGB, and, for
 * tests and tools, encoding RGB to HEVC. The library is the system's, loaded once per JVM on first
 * use; {@link #get()} says why when it cannot be loaded.
 */
public interface Libheif extends Library {

  int COLORSPACE_RGB = 1;
  int CHROMA_INTERLEAVED_RGB = 10;
  int CHANNEL_INTERLEAVED = 10;
  int COMPRESSION_HEVC = 1;

  /** {@code struct heif_error}, returned by value: code 0 is success. */
  @Structure.FieldOrder({"code", "subcode", "message"})
  class Error extends Structure implements Structure.ByValue {
    public int code;
    public int subcode;
    public String message;

    public boolean failed() {
      return code != 0;
    }

    @Override
    public String toString() {
      return message == null || message.isBlank() ? "libheif error " + code : message;
    }
  }

  Pointer heif_context_alloc();

  void heif_context_free(Pointer context);

  Error heif_context_read_from_memory_without_copy(
      Pointer context, Pointer memory, long size, Pointer options);

  Error heif_context_get_primary_image_handle(Pointer context, PointerByReference handle);

  int heif_image_handle_get_width(Pointer handle);

  int heif_image_handle_get_height(Pointer handle);

  void heif_image_handle_release(Pointer handle);

  Error heif_decode_image(
      Pointer handle, PointerByReference image, int colorspace, int chroma, Pointer options);

  int heif_image_get_width(Pointer image, int channel);

  int heif_image_get_height(Pointer image, int channel);

  Pointer heif_image_get_plane_readonly(Pointer image, int channel, IntByReference stride);

  Pointer heif_image_get_plane(Pointer image, int channel, IntByReference stride);

  void heif_image_release(Pointer image);

  Error heif_image_create(
      int width, int height, int colorspace, int chroma, PointerByReference image);

  Error heif_image_add_plane(Pointer image, int channel, int width, int height, int bitDepth);

  Error heif_context_get_encoder_for_format(
      Pointer context, int compression, PointerByReference encoder);

  Error heif_encoder_set_lossy_quality(Pointer encoder, int quality);

  void heif_encoder_release(Pointer encoder);

  Error heif_context_encode_image(
      Pointer context, Pointer image, Pointer encoder, Pointer options, PointerByReference handle);

  Error heif_context_add_exif_metadata(Pointer context, Pointer handle, Pointer data, int size);

  Error heif_context_write_to_file(Pointer context, String fileName);

  /** The loaded library, or why there is none. */
  record Loaded(Libheif library, String problem) {}

  /** libheif, loaded on the first call; a failure is remembered (the JVM would fail again). */
  static Loaded get() {
    return Holder.LOADED;
  }

  /** Loads libheif once, lazily. */
  final class Holder {
    private static final Loaded LOADED = load();

    private Holder() {}

    private static Loaded load() {
      for (String name : List.of("heif", "libheif.so.1")) {
        try {
          return new Loaded(Native.load(name, Libheif.class), null);
        } catch (LinkageError e) {
          // the development symlink libheif.so is only in libheif-dev: try the runtime's name
        }
      }
      return new Loaded(null, "libheif not found (install Debian's libheif1)");
    }
  }
}
