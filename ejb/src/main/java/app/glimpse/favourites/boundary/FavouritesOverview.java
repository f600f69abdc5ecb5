package app.glimpse.favourites.boundary;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * Every guest's favourites of an event, as the studio sees them: the selection limit, each named
 * guest with their list (the client first), and each hearted photo with its count of hearts (most
 * hearted first), whether a client hearted it.
 */
public record FavouritesOverview(
    Integer selectionLimit, List<GuestFavourites> guests, List<PhotoHearts> photos)
    implements Serializable {

  /** One guest's list, for the studio. */
  public record GuestFavourites(
      long id,
      String name,
      String email,
      boolean client,
      boolean submitted,
      Instant submittedAt,
      List<Long> photoIds)
      implements Serializable {}

  /** One hearted photo: how many guests hearted it, and whether a client did. */
  public record PhotoHearts(long photoId, String fileName, int hearts, boolean client)
      implements Serializable {}
}
