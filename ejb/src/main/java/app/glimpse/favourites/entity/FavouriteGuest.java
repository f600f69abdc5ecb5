package app.glimpse.favourites.entity;

import app.glimpse.platform.control.Timestamps;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A guest of an event who gave their name (and maybe an e-mail) to heart photos: their list is
 * theirs to change until they submit it, then locked. The photographer may mark them as the client,
 * whose list is the one that counts (the couple, the family that ordered the shoot).
 */
@Entity
@Table(name = "favourite_guest")
@NamedQuery(
    name = FavouriteGuest.FIND_BY_EVENT,
    query =
        "SELECT g FROM FavouriteGuest g WHERE g.eventId = :eventId"
            + " ORDER BY g.client DESC, g.createdAt, g.id")
@NamedQuery(
    name = FavouriteGuest.FIND_BY_IDENTITY,
    query =
        "SELECT g FROM FavouriteGuest g WHERE g.eventId = :eventId"
            + " AND LOWER(g.name) = :name AND LOWER(g.email) = :email")
public class FavouriteGuest {

  public static final String FIND_BY_EVENT = "FavouriteGuest.findByEvent";
  public static final String FIND_BY_IDENTITY = "FavouriteGuest.findByIdentity";

  /** Column sizes of V12__favourites.sql. */
  public static final int NAME_LENGTH = 100;

  public static final int EMAIL_LENGTH = 254;

  @Id
  @SequenceGenerator(
      name = "favourite_guest_seq",
      sequenceName = "favourite_guest_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "favourite_guest_seq")
  private Long id;

  private Long eventId;
  private String name;
  private String email;
  private boolean client;
  private Instant submittedAt;
  private Instant createdAt;

  protected FavouriteGuest() {}

  /** A guest of event {@code eventId} with a name (checked by the caller) and maybe an e-mail. */
  public FavouriteGuest(long eventId, String name, String email) {
    this.eventId = eventId;
    this.name = Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.length() > NAME_LENGTH) {
      throw new IllegalArgumentException("A guest's name has 1 to " + NAME_LENGTH + " characters");
    }
    if (email != null && (email.isBlank() || email.length() > EMAIL_LENGTH)) {
      throw new IllegalArgumentException("An e-mail has 1 to " + EMAIL_LENGTH + " characters");
    }
    this.email = email;
    this.createdAt = Timestamps.now();
  }

  /** Marks the guest as the client whose list counts, or not. */
  public void markClient(boolean client) {
    this.client = client;
  }

  /** Locks the list: the guest can no longer change it. Submitting again changes nothing. */
  public void submit() {
    if (submittedAt == null) {
      submittedAt = Timestamps.now();
    }
  }

  public boolean isSubmitted() {
    return submittedAt != null;
  }

  public Long getId() {
    return id;
  }

  public Long getEventId() {
    return eventId;
  }

  public String getName() {
    return name;
  }

  public String getEmail() {
    return email;
  }

  public boolean isClient() {
    return client;
  }

  public Instant getSubmittedAt() {
    return submittedAt;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
