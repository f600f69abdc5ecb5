package app.glimpse.drive.entity;

import app.glimpse.platform.control.Timestamps;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A photographer's Google account, connected for Drive imports. Holds the refresh token only in
 * encrypted form (see {@code platform.TokenCipher}); access tokens are never stored.
 */
@Entity
@Table(name = "drive_account")
public class DriveAccount {

  @Id private Long photographerId;

  private String email;

  /** AES-GCM ciphertext, base64, bound to {@link #photographerId}. */
  private String refreshToken;

  private Instant connectedAt;

  protected DriveAccount() {}

  public DriveAccount(long photographerId, String email, String encryptedRefreshToken) {
    this.photographerId = photographerId;
    reconnect(email, encryptedRefreshToken);
  }

  /** The photographer connected (again), perhaps with another Google account. */
  public void reconnect(String email, String encryptedRefreshToken) {
    this.email = email;
    this.refreshToken = Objects.requireNonNull(encryptedRefreshToken, "refreshToken");
    this.connectedAt = Timestamps.now();
  }

  public Long getPhotographerId() {
    return photographerId;
  }

  public String getEmail() {
    return email;
  }

  public String getRefreshToken() {
    return refreshToken;
  }

  public Instant getConnectedAt() {
    return connectedAt;
  }
}
