package app.glimpse.people.boundary;

import java.util.Locale;

/** The portrait of a person: a thumbnail zoomed onto their face, for the studio and the gallery. */
public final class Portraits {

  private Portraits() {}

  /**
   * Inline CSS that shows a photo's thumbnail as the background of a square box, zoomed onto a face
   * (with a margin around it): the portrait of a person. Empty if the photo's size is unknown.
   */
  public static String css(
      String thumbnailUrl,
      float x,
      float y,
      float width,
      float height,
      Integer photoWidth,
      Integer photoHeight) {
    if (photoWidth == null || photoHeight == null || width <= 0 || height <= 0) {
      return "background-image:url('" + thumbnailUrl + "')";
    }
    float side = Math.min(Math.max(width, height) * 1.5f, Math.min(photoWidth, photoHeight));
    float left = Math.max(0, Math.min(photoWidth - side, x + width / 2 - side / 2));
    float top = Math.max(0, Math.min(photoHeight - side, y + height / 2 - side / 2));
    float sizeX = 100f * photoWidth / side;
    float posX = photoWidth - side <= 0 ? 50 : 100f * left / (photoWidth - side);
    float posY = photoHeight - side <= 0 ? 50 : 100f * top / (photoHeight - side);
    return String.format(
        Locale.ROOT,
        "background-image:url('%s');background-size:%.2f%% auto;background-position:%.2f%% %.2f%%",
        thumbnailUrl,
        sizeX,
        posX,
        posY);
  }
}
