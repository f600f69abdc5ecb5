package app.glimpse.favourites.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.Objects;

/**
 * One gallery session of a {@link FavouriteGuest}: the subject of a guest token or gallery pass
 * ({@code guest:<event>:<random>}), which stays the same for as long as that session does. A guest
 * who gives the same name and e-mail in another session gets a second key to the same list.
 */
@Entity
@Table(name = "favourite_guest_key")
public class GuestKey {

  /** The column's size. */
  public static final int KEY_LENGTH = 120;

  @Id private String guestKey;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  private FavouriteGuest guest;

  protected GuestKey() {}

  public GuestKey(String guestKey, FavouriteGuest guest) {
    this.guestKey = Objects.requireNonNull(guestKey, "guestKey");
    if (guestKey.length() > KEY_LENGTH) {
      throw new IllegalArgumentException("A guest key has at most " + KEY_LENGTH + " characters");
    }
    this.guest = Objects.requireNonNull(guest, "guest");
  }

  public String getGuestKey() {
    return guestKey;
  }

  public FavouriteGuest getGuest() {
    return guest;
  }
}
