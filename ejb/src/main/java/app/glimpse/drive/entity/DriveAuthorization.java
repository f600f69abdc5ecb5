package app.glimpse.drive.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * An OAuth authorization under way: the random {@code state} sent to Google with the photographer
 * who asked for it, and the PKCE code verifier whose challenge went with it. Google's redirect
 * comes back without a bearer token; it is finished only in a browser signed in to the portal as
 * that same photographer (so that a consent link sent to someone else connects nobody's Drive to
 * the sender), the state is used once and expires after minutes.
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

  /** PKCE (RFC 7636): the secret whose S256 challenge the authorization URL carried. */
  private String codeVerifier;

  protected DriveAuthorization() {}

  public DriveAuthorization(
      String state,
      long photographerId,
      String redirectUri,
      Instant expiresAt,
      String codeVerifier) {
    this.state = Objects.requireNonNull(state, "state");
    this.photographerId = photographerId;
    this.redirectUri = Objects.requireNonNull(redirectUri, "redirectUri");
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    this.codeVerifier = Objects.requireNonNull(codeVerifier, "codeVerifier");
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

  public String getCodeVerifier() {
    return codeVerifier;
  }
}
