package app.glimpse.events.entity;

import app.glimpse.platform.Timestamps;
import app.glimpse.studios.entity.Studio;
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
 * code. The code itself is never stored, only its hash.
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
  private Instant accessExpiresAt;
  private boolean faceSearch = true;
  private Instant createdAt;

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
   * Sets how guests get in: the hash of their code, when access ends, and whether they may search
   * by selfie.
   */
  public void grantGuestAccess(String accessCodeHash, Instant expiresAt, boolean faceSearch) {
    this.accessCodeHash = Objects.requireNonNull(accessCodeHash, "accessCodeHash");
    this.accessExpiresAt = expiresAt;
    this.faceSearch = faceSearch;
  }

  public boolean guestAccessOpen(Instant now) {
    return accessCodeHash != null && (accessExpiresAt == null || now.isBefore(accessExpiresAt));
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

  public boolean isFaceSearch() {
    return faceSearch;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
