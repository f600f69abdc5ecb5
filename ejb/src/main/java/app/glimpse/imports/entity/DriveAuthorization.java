package app.glimpse.imports.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * An OAuth authorization under way: the random {@code state} sent to Google with the photographer
 * who asked for it. Google's redirect comes back without a bearer token, so the state alone says
 * whose account to connect; it is used once and expires after minutes, and nobody else can know it.
 */
@Entity
@Table(name = "drive_authorization")
@NamedQuery(
    name = DriveAuthorization.DELETE_EXPIRED,
    query = "DELETE FROM DriveAuthorization a WHERE a.expiresAt < :now")
public class DriveAuthorization {

  public static final String DELETE_EXPIRED = "DriveAuthorization.deleteExpired";

  @Id private String state;

  private Long photographerId;

  /** The redirect URI sent to Google, which the code exchange must repeat exactly. */
  private String redirectUri;

  private Instant expiresAt;

  protected DriveAuthorization() {}

  public DriveAuthorization(
      String state, long photographerId, String redirectUri, Instant expiresAt) {
    this.state = Objects.requireNonNull(state, "state");
    this.photographerId = photographerId;
    this.redirectUri = Objects.requireNonNull(redirectUri, "redirectUri");
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
  }

  public boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  public Long getPhotographerId() {
    return photographerId;
  }

  public String getRedirectUri() {
    return redirectUri;
  }
}
