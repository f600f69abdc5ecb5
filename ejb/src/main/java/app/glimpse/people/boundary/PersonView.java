package app.glimpse.people.boundary;

/**
 * A person of an event as lists show it: who (a name once the photographer gave one), in how many
 * photos, and the face to show for them (a photo and the face's box in it).
 */
public record PersonView(long id, String name, int faces, int photos, boolean hidden, Cover cover)
    implements java.io.Serializable {

  /** The face that stands for the person: its photo and its box in photo pixels. */
  public record Cover(
      long faceId,
      long photoId,
      float x,
      float y,
      float width,
      float height,
      Integer photoWidth,
      Integer photoHeight)
      implements java.io.Serializable {}
}
