package app.glimpse.faces.decode;

import app.glimpse.faces.PhotoMetadata;
import org.opencv.core.Mat;

/**
 * An orientation-corrected BGR image, possibly decoded at reduced size, and what is needed to map
 * its pixels back to the full-resolution photo. The caller owns {@link #image()} and must {@link
 * #release()} it.
 *
 * @param image 8-bit BGR, EXIF orientation applied
 * @param fullWidth full-resolution width after orientation
 * @param fullHeight full-resolution height after orientation
 * @param metadata what the file says about itself
 */
public record DecodedImage(Mat image, int fullWidth, int fullHeight, PhotoMetadata metadata) {

  /** Full-resolution pixels per pixel of {@link #image()} (1, 2, 4 or 8 for JPEG, else 1). */
  public double scaleToFull() {
    return (double) Math.max(fullWidth, fullHeight) / Math.max(image.cols(), image.rows());
  }

  /** Frees the native pixels. */
  public void release() {
    image.release();
  }
}
