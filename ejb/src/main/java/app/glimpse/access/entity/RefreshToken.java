package app.glimpse.access.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * One refresh token of a photographer, known only by its SHA-256: the token itself is random (256
 * bits) and never stored. Each token is used once and replaced by the next of its family (one
 * sign-in); a used token that comes back means that someone else holds a copy, and the whole family
 * is revoked.
 */
@Entity
@Table(name = "refresh_token")
@NamedQuery(
    name = RefreshToken.DELETE_FAMILY,
    query = "DELETE FROM RefreshToken t WHERE t.family = :family")
@NamedQuery(
    name = RefreshToken.DELETE_OF_PHOTOGRAPHER,
    query = "DELETE FROM RefreshToken t WHERE t.photographerId = :photographerId")
@NamedQuery(
    name = RefreshToken.DELETE_EXPIRED_OF_PHOTOGRAPHER,
    query =
        "DELETE FROM RefreshToken t WHERE t.photographerId = :photographerId"
            + " AND t.expiresAt < :now")
public class RefreshToken {

  public static final String DELETE_FAMILY = "RefreshToken.deleteFamily";
  public static final String DELETE_OF_PHOTOGRAPHER = "RefreshToken.deleteOfPhotographer";
  public static final String DELETE_EXPIRED_OF_PHOTOGRAPHER =
      "RefreshToken.deleteExpiredOfPhotographer";

  @Id private String tokenHash;

  private Long photographerId;

  /** The sign-in this token descends from: every rotation keeps it. */
  private String family;

  private Instant createdAt;
  private Instant expiresAt;

  /** When the token was exchanged for its successor; a token is good for one exchange only. */
  private Instant usedAt;

  protected RefreshToken() {}

  public RefreshToken(
      String tokenHash, long photographerId, String family, Instant createdAt, Instant expiresAt) {
    this.tokenHash = Objects.requireNonNull(tokenHash, "tokenHash");
    if (tokenHash.length() != 64) {
      throw new IllegalArgumentException("A token hash is 64 hex digits");
    }
    this.photographerId = photographerId;
    this.family = Objects.requireNonNull(family, "family");
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("A refresh token expires after it was created");
    }
  }

  public boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  public boolean isUsed() {
    return usedAt != null;
  }

  /** Marks the token exchanged; it cannot be exchanged again. */
  public void use(Instant now) {
    if (usedAt != null) {
      throw new IllegalStateException("The refresh token was used already");
    }
    this.usedAt = Objects.requireNonNull(now, "now");
  }

  public long getPhotographerId() {
    return photographerId;
  }

  public String getFamily() {
    return family;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }
}
