package app.glimpse.studios.entity;

import app.glimpse.platform.control.Timestamps;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/** A photographer's account in a studio. The password is kept only as a salted PBKDF2 hash. */
@Entity
@NamedQuery(
    name = Photographer.FIND_BY_EMAIL,
    query = "SELECT p FROM Photographer p WHERE LOWER(p.email) = :email")
@NamedQuery(name = Photographer.COUNT, query = "SELECT COUNT(p) FROM Photographer p")
@NamedQuery(
    name = Photographer.FIND_BY_STUDIO,
    query = "SELECT p FROM Photographer p WHERE p.studio.id = :studioId ORDER BY p.email")
public class Photographer {

  public static final String FIND_BY_EMAIL = "Photographer.findByEmail";
  public static final String COUNT = "Photographer.count";
  public static final String FIND_BY_STUDIO = "Photographer.findByStudio";

  @Id
  @SequenceGenerator(
      name = "photographer_seq",
      sequenceName = "photographer_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "photographer_seq")
  private Long id;

  @ManyToOne(optional = false, fetch = FetchType.LAZY)
  private Studio studio;

  private String email;
  private String displayName;
  private String passwordHash;

  @Enumerated(EnumType.STRING)
  private Role role;

  private Instant createdAt;

  /** Raised by every password change: portal sessions signed in before it are signed out. */
  private long credentialsGeneration;

  protected Photographer() {}

  public Photographer(
      Studio studio, String email, String displayName, String passwordHash, Role role) {
    this.studio = Objects.requireNonNull(studio, "studio");
    this.email = normalizeEmail(email);
    this.displayName =
        displayName == null || displayName.isBlank() ? this.email : displayName.strip();
    this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
    this.role = Objects.requireNonNull(role, "role");
    this.createdAt = Timestamps.now();
  }

  /** E-mail addresses are compared without regard to case or surrounding blanks. */
  public static String normalizeEmail(String email) {
    Objects.requireNonNull(email, "email");
    String normalized = email.strip().toLowerCase(Locale.ROOT);
    if (normalized.length() < 3 || normalized.length() > 320 || normalized.indexOf('@') < 1) {
      throw new IllegalArgumentException("Not an e-mail address: " + email);
    }
    return normalized;
  }

  /** A new password: every portal session signed in with the old one ends. */
  public void changePasswordHash(String passwordHash) {
    this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
    credentialsGeneration++;
  }

  /** The same password hashed again with stronger settings; nobody is signed out. */
  public void rehashPassword(String passwordHash) {
    this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
  }

  public long getCredentialsGeneration() {
    return credentialsGeneration;
  }

  public Long getId() {
    return id;
  }

  public Studio getStudio() {
    return studio;
  }

  public String getEmail() {
    return email;
  }

  public String getDisplayName() {
    return displayName;
  }

  public String getPasswordHash() {
    return passwordHash;
  }

  public Role getRole() {
    return role;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
