package app.glimpse.favourites.boundary;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * A guest's own favourites, as they see them: the photos they hearted (in capture order), whether
 * they have submitted the list (then it is locked), and the event's selection limit (null: none).
 * {@code name} is null for a guest who has not given one yet (they are asked before their first
 * heart).
 */
public record GuestList(
    List<Long> photoIds,
    boolean submitted,
    Instant submittedAt,
    Integer selectionLimit,
    String name,
    String email)
    implements Serializable {

  public GuestList {
    photoIds = List.copyOf(photoIds);
  }

  /** The list of a guest who has given no name: empty, open. */
  static GuestList unnamed(Integer selectionLimit) {
    return new GuestList(List.of(), false, null, selectionLimit, null, null);
  }

  /** Whether the guest has told their name (and may heart photos). */
  public boolean named() {
    return name != null;
  }

  /** Whether the limit lets the guest heart one more photo. */
  public boolean roomForMore() {
    return selectionLimit == null || photoIds.size() < selectionLimit;
  }
}
