package app.glimpse.studios.entity;

import app.glimpse.platform.control.Timestamps;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import java.time.Instant;
import java.util.Objects;

/** A photography studio: it owns events, and its photographers work on them. */
@Entity
public class Studio {

  @Id
  @SequenceGenerator(name = "studio_seq", sequenceName = "studio_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "studio_seq")
  private Long id;

  private String name;
  private Instant createdAt;

  /** The brand's accent colour as #rrggbb, or null for Glimpse's own (V10__curate.sql). */
  private String accentColor;

  protected Studio() {}

  public Studio(String name) {
    this.name = requireName(name);
    this.createdAt = Timestamps.now();
  }

  private static String requireName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("A studio name has 1 to 200 characters");
    }
    return name.strip();
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getAccentColor() {
    return accentColor;
  }

  /** Renames the studio, as its brand shows it. */
  public void rename(String name) {
    this.name = requireName(name);
  }

  /** The accent colour the studio's pages take; its contrast is the caller's to check. */
  public void accent(String color) {
    this.accentColor = color;
  }
}
