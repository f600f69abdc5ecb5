package app.glimpse.faces.decode;

import app.glimpse.faces.ImageTooLargeException;
import app.glimpse.faces.UnreadableImageException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * Decodes the primary image of a HEIC/HEIF file with the system's libheif (HEVC through libde265),
 * to an 8-bit BGR image with the file's own rotation and mirroring ({@code irot}, {@code imir})
 * applied, as HEIF asks: a HEIC's EXIF orientation is only a copy of them.
 *
 * <p>Why libheif and not a Java decoder: no HEVC decoder is on Maven Central, libheif is the
 * reference reader of the format (it assembles the tile grids phones write), and Debian ships it;
 * docs/formats.md has the measurements. Without the library a HEIC fails as that one file, with a
 * reason that says what the server lacks.
 */
final class HeifDecoder {

  private HeifDecoder() {}

  /**
   * The primary image of {@code data} as BGR; refuses more than {@code maxPixels} before decoding.
   */
  static Mat decode(byte[] data, String name, long maxPixels) throws UnreadableImageException {
    Libheif.Loaded loaded = Libheif.get();
    if (loaded.library() == null) {
      throw new UnreadableImageException(
          name + ": HEIC not supported on this server: " + loaded.problem());
    }
    Libheif heif = loaded.library();
    Memory memory = new Memory(data.length);
    memory.write(0, data, 0, data.length);
    Pointer context = heif.heif_context_alloc();
    Pointer handle = null;
    Pointer image = null;
    try {
      check(
          heif.heif_context_read_from_memory_without_copy(context, memory, data.length, null),
          name);
      PointerByReference handleRef = new PointerByReference();
      check(heif.heif_context_get_primary_image_handle(context, handleRef), name);
      handle = handleRef.getValue();
      long width = heif.heif_image_handle_get_width(handle);
      long height = heif.heif_image_handle_get_height(handle);
      if (width <= 0 || height <= 0) {
        throw new UnreadableImageException(name + ": the HEIC's primary image has no valid size");
      }
      if (width * height > maxPixels) {
        throw new ImageTooLargeException(
            String.format(
                "%s: %dx%d is %d megapixels, more than the limit of %d",
                name, width, height, width * height / 1_000_000, maxPixels / 1_000_000),
            width * height);
      }
      PointerByReference imageRef = new PointerByReference();
      check(
          heif.heif_decode_image(
              handle, imageRef, Libheif.COLORSPACE_RGB, Libheif.CHROMA_INTERLEAVED_RGB, null),
          name);
      image = imageRef.getValue();
      return bgr(heif, image, name);
    } finally {
      if (image != null) {
        heif.heif_image_release(image);
      }
      if (handle != null) {
        heif.heif_image_handle_release(handle);
      }
      heif.heif_context_free(context);
      memory.close();
    }
  }

  private static Mat bgr(Libheif heif, Pointer image, String name) throws UnreadableImageException {
    int width = heif.heif_image_get_width(image, Libheif.CHANNEL_INTERLEAVED);
    int height = heif.heif_image_get_height(image, Libheif.CHANNEL_INTERLEAVED);
    IntByReference strideRef = new IntByReference();
    Pointer plane =
        heif.heif_image_get_plane_readonly(image, Libheif.CHANNEL_INTERLEAVED, strideRef);
    int stride = strideRef.getValue();
    if (plane == null || width <= 0 || height <= 0 || stride < width * 3) {
      throw new UnreadableImageException(name + ": the HEIC data is damaged and cannot be decoded");
    }
    // a view of libheif's plane, without copying it to the Java heap; cvtColor writes the copy
    Mat rgb =
        new Mat(
            height, width, CvType.CV_8UC3, plane.getByteBuffer(0, (long) stride * height), stride);
    Mat bgr = new Mat();
    Imgproc.cvtColor(rgb, bgr, Imgproc.COLOR_RGB2BGR);
    rgb.release();
    return bgr;
  }

  private static void check(Libheif.Error error, String name) throws UnreadableImageException {
    if (error.failed()) {
      throw new UnreadableImageException(
          name + ": the HEIC data is damaged and cannot be decoded (" + error + ")");
    }
  }
}
