package app.glimpse.photos.boundary;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** One page of an event's photos, in capture order. */
public record PhotoPage(long total, List<Item> items) implements Serializable {

  /**
   * A photo in a list: what a gallery needs to lay it out before any image arrives; {@code hidden}
   * whether the photographer hid it from guests (only staff are ever shown a hidden one).
   */
  public record Item(
      long id,
      String fileName,
      Integer width,
      Integer height,
      Instant takenAt,
      int faces,
      boolean hidden)
      implements Serializable {}

  /**
   * Where a list of photos in capture order stopped: the capture time (null for photos without one,
   * which come last) and the id of its last photo. A grid that keeps this instead of a page number
   * continues with {@link Photos#after} where it stopped, however deep that is.
   */
  public record Cursor(Instant takenAt, long id) implements Serializable {

    /** The place right after {@code item}. */
    public static Cursor after(Item item) {
      return new Cursor(item.takenAt(), item.id());
    }
  }
}
