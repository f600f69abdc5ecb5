package app.glimpse.photos.boundary;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** One page of an event's photos, in capture order. */
public record PhotoPage(long total, List<Item> items) implements Serializable {

  /** A photo in a list: what a gallery needs to lay it out before any image arrives. */
  public record Item(
      long id, String fileName, Integer width, Integer height, Instant takenAt, int faces)
      implements Serializable {}
}
