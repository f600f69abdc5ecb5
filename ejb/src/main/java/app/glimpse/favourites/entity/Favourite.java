package app.glimpse.favourites.entity;

import app.glimpse.photos.entity.Photo;
import app.glimpse.platform.control.Timestamps;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import java.time.Instant;
import java.util.Objects;

/**
 * A heart: one guest's pick of one photo of their event, with when they picked it. Lists and counts
 * take only indexed photos, so a heart on a photo that stops being one (deleted) counts nowhere; a
 * photo the photographer hid counts neither for the guest's limit nor in their own list.
 */
@Entity
@NamedQuery(
    name = Favourite.FIND_BY_GUEST,
    query =
        "SELECT f FROM Favourite f JOIN FETCH f.photo p WHERE f.guest = :guest"
            + " AND p.status = app.glimpse.photos.entity.PhotoStatus.INDEXED"
            + " ORDER BY p.takenAt, p.id")
@NamedQuery(
    name = Favourite.FIND_BY_EVENT,
    query =
        "SELECT f FROM Favourite f JOIN FETCH f.photo p JOIN FETCH f.guest g"
            + " WHERE g.eventId = :eventId AND p.status = app.glimpse.photos.entity.PhotoStatus.INDEXED"
            + " ORDER BY g.client DESC, g.createdAt, g.id, p.takenAt, p.id")
@NamedQuery(
    name = Favourite.COUNT_BY_GUEST,
    query =
        "SELECT COUNT(f) FROM Favourite f WHERE f.guest = :guest"
            + " AND f.photo.status = app.glimpse.photos.entity.PhotoStatus.INDEXED"
            + " AND f.photo.hidden = false")
@NamedQuery(
    name = Favourite.FIND_ONE,
    query = "SELECT f FROM Favourite f WHERE f.guest = :guest AND f.photo.id = :photoId")
public class Favourite {

  public static final String FIND_BY_GUEST = "Favourite.findByGuest";
  public static final String FIND_BY_EVENT = "Favourite.findByEvent";
  public static final String COUNT_BY_GUEST = "Favourite.countByGuest";
  public static final String FIND_ONE = "Favourite.findOne";

  @Id
  @SequenceGenerator(name = "favourite_seq", sequenceName = "favourite_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "favourite_seq")
  private Long id;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  private FavouriteGuest guest;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  private Photo photo;

  private Instant createdAt;

  protected Favourite() {}

  /** {@code guest}'s heart on {@code photo}, which must be a photo of the guest's event. */
  public Favourite(FavouriteGuest guest, Photo photo) {
    this.guest = Objects.requireNonNull(guest, "guest");
    this.photo = Objects.requireNonNull(photo, "photo");
    if (guest.isSubmitted()) {
      throw new IllegalStateException("A submitted list is locked");
    }
    if (!Objects.equals(photo.getEvent().getId(), guest.getEventId())) {
      throw new IllegalArgumentException("A guest hearts only photos of their own event");
    }
    this.createdAt = Timestamps.now();
  }

  public FavouriteGuest getGuest() {
    return guest;
  }

  public Photo getPhoto() {
    return photo;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
