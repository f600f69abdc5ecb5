package app.glimpse.faces;

/**
 * The image header announces more pixels than {@link FaceEngineConfig#maxPixels()} allows.
 *
 * <p>Raised from the header alone, before any decoding, so that a decompression bomb never reaches
 * native code or allocates its pixels.
 */
public class ImageTooLargeException extends UnreadableImageException {
  private static final long serialVersionUID = 1L;
  private final long pixels;

  public ImageTooLargeException(String message, long pixels) {
    super(message);
    this.pixels = pixels;
  }

  /** Pixel count announced by the header. */
  public long pixels() {
    return pixels;
  }
}
