package app.glimpse.events.entity;

import app.glimpse.platform.control.Timestamps;
import app.glimpse.studios.entity.Studio;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * An event a studio photographed: its gallery is opened by guests through the slug and the access
 * code. Codes are checked against their hash; the code itself is kept only encrypted with the data
 * directory's key ({@code accessCodeSealed}), for the studio to show it again.
 */
@Entity
@NamedQuery(
    name = Event.FIND_BY_STUDIO,
    query =
        "SELECT e FROM Event e WHERE e.studio.id = :studioId ORDER BY e.eventDate DESC, e.id DESC")
@NamedQuery(name = Event.FIND_BY_SLUG, query = "SELECT e FROM Event e WHERE e.slug = :slug")
public class Event {

  public static final String FIND_BY_STUDIO = "Event.findByStudio";
  public static final String FIND_BY_SLUG = "Event.findBySlug";

  @Id
  @SequenceGenerator(name = "event_seq", sequenceName = "event_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "event_seq")
  private Long id;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  private Studio studio;

  private String name;
  private LocalDate eventDate;
  private String slug;
  private String accessCodeHash;

  /**
   * The code encrypted for this event (TokenCipher); null when closed or set before it was kept.
   */
  private String accessCodeSealed;

  private Instant accessExpiresAt;

  /** When the gallery was last closed; null while it is open or was never opened. */
  private Instant accessClosedAt;

  /** Raised whenever guests who entered before must be let out: a new code, or access closed. */
  private long accessGeneration;

  private boolean faceSearch = true;
  private boolean peopleVisible;
  private Instant createdAt;

  /** The photo the gallery and the studio's card show, if the photographer chose one (V10). */
  private Long coverPhotoId;

  /** Kept by the database (V3__search_and_people.sql): faces numbered so far, in commit order. */
  @Column(insertable = false, updatable = false)
  private long faceSeq;

  /** Kept by the database: raised whenever faces are removed or stop being searchable. */
  @Column(insertable = false, updatable = false)
  private long faceGeneration;

  /** The highest face number clustering has placed in people. */
  private long peopleSeq;

  protected Event() {}

  public Event(Studio studio, String name, LocalDate eventDate, String slug) {
    this.studio = Objects.requireNonNull(studio, "studio");
    rename(name);
    this.eventDate = eventDate;
    this.slug = Objects.requireNonNull(slug, "slug");
    this.createdAt = Timestamps.now();
  }

  public void rename(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.strip().length() > 200) {
      throw new IllegalArgumentException("An event name has 1 to 200 characters");
    }
    this.name = name.strip();
  }

  public void moveTo(LocalDate eventDate) {
    this.eventDate = eventDate;
  }

  /**
   * Opens the gallery with a new code: the hash of the code, when access ends, and whether guests
   * may search by selfie. Guests who entered with an earlier code are let out.
   */
  public void grantGuestAccess(String accessCodeHash, Instant expiresAt, boolean faceSearch) {
    this.accessCodeHash = Objects.requireNonNull(accessCodeHash, "accessCodeHash");
    this.accessGeneration++;
    this.accessClosedAt = null;
    changeGuestAccess(expiresAt, faceSearch);
  }

  /** Keeps the code, encrypted for this event, for the studio to show again. */
  public void sealCode(String sealed) {
    this.accessCodeSealed = sealed;
  }

  /** Moves the end of guest access and switches selfie search; the code and its guests stay. */
  public void changeGuestAccess(Instant expiresAt, boolean faceSearch) {
    if (accessCodeHash == null) {
      throw new IllegalStateException("The gallery has no code");
    }
    this.accessExpiresAt = expiresAt;
    this.faceSearch = faceSearch;
  }

  /** Closes the gallery: the code is forgotten and every guest let out. */
  public void closeGuestAccess() {
    this.accessCodeHash = null;
    this.accessCodeSealed = null;
    this.accessExpiresAt = null;
    this.accessClosedAt = Timestamps.now();
    this.accessGeneration++;
  }

  public boolean guestAccessOpen(Instant now) {
    return accessCodeHash != null && (accessExpiresAt == null || now.isBefore(accessExpiresAt));
  }

  /**
   * Whether a guest who entered at access generation {@code generation} may still come in: the
   * gallery is open, not expired, and neither re-coded nor closed since.
   */
  public boolean admitsGuest(Long generation, Instant now) {
    return generation != null && generation == accessGeneration && guestAccessOpen(now);
  }

  public Long getId() {
    return id;
  }

  public Studio getStudio() {
    return studio;
  }

  public String getName() {
    return name;
  }

  public LocalDate getEventDate() {
    return eventDate;
  }

  public String getSlug() {
    return slug;
  }

  public String getAccessCodeHash() {
    return accessCodeHash;
  }

  public Instant getAccessExpiresAt() {
    return accessExpiresAt;
  }

  public String getAccessCodeSealed() {
    return accessCodeSealed;
  }

  public Instant getAccessClosedAt() {
    return accessClosedAt;
  }

  public long getAccessGeneration() {
    return accessGeneration;
  }

  public boolean isFaceSearch() {
    return faceSearch;
  }

  /** Switches selfie search on or off for the event's guests. */
  public void switchFaceSearch(boolean on) {
    this.faceSearch = on;
  }

  public boolean isPeopleVisible() {
    return peopleVisible;
  }

  /** Whether guests may browse the event's people ("tap your face"). */
  public void showPeopleToGuests(boolean visible) {
    this.peopleVisible = visible;
  }

  public long getFaceSeq() {
    return faceSeq;
  }

  public long getFaceGeneration() {
    return faceGeneration;
  }

  public long getPeopleSeq() {
    return peopleSeq;
  }

  public void peopleClusteredUpTo(long seq) {
    this.peopleSeq = seq;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Long getCoverPhotoId() {
    return coverPhotoId;
  }

  /** Shows {@code photoId} on the gallery and the studio's card; null goes back to the first. */
  public void coverWith(Long photoId) {
    this.coverPhotoId = photoId;
  }
}
