package app.glimpse.delivery.entity;

import java.io.Serializable;
import java.util.Objects;

/**
 * What is drawn into the images guests see: a text or the studio's logo, where ({@code position}),
 * how wide ({@code size}, percent of the image's width) and how opaque ({@code opacity}, percent).
 */
public record Watermark(
    String text, boolean logo, WatermarkPosition position, int size, int opacity)
    implements Serializable {

  public static final int MAX_TEXT = 100;
  public static final int DEFAULT_SIZE = 30;

  public Watermark {
    Objects.requireNonNull(position, "position");
    if (logo == (text != null)) {
      throw new IllegalArgumentException("A watermark is a text or the logo");
    }
    if (text != null && (text.isBlank() || text.strip().length() > MAX_TEXT)) {
      throw new IllegalArgumentException("A watermark's text has 1 to " + MAX_TEXT + " characters");
    }
    if (size < 5 || size > 100) {
      throw new IllegalArgumentException("A watermark's size is 5 to 100 percent");
    }
    if (opacity < 5 || opacity > 100) {
      throw new IllegalArgumentException("A watermark's opacity is 5 to 100 percent");
    }
    text = text == null ? null : text.strip();
  }
}
