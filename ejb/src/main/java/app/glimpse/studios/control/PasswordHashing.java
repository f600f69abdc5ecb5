package app.glimpse.studios.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Photographers' password hashes: PBKDF2-HMAC-SHA256 with {@code glimpse.password.iterations}
 * (default 600,000, OWASP's figure for that function), a 32-byte salt and a 32-byte key, in the
 * format of Jakarta Security's {@link Pbkdf2PasswordHash} ({@code
 * PBKDF2WithHmacSHA256:iterations:salt:hash}). A hash made with fewer iterations (every account
 * before this setting, at the API's default of 2,048) still verifies, and is replaced at the next
 * sign-in that proves the password ({@link #outdated}), so that nothing but a successful sign-in,
 * itself rate-limited, pays for a new hash.
 */
@ApplicationScoped
public class PasswordHashing {

  /** OWASP's Password Storage Cheat Sheet, PBKDF2-HMAC-SHA256. */
  public static final int DEFAULT_ITERATIONS = 600_000;

  @Inject Pbkdf2PasswordHash pbkdf2;

  @Inject
  @ConfigProperty(name = "glimpse.password.iterations", defaultValue = "600000")
  int iterations;

  private volatile String noAccountHash;

  @PostConstruct
  void configure() {
    if (iterations < 1_000) {
      throw new IllegalStateException(
          "glimpse.password.iterations must be at least 1000, not " + iterations);
    }
    pbkdf2.initialize(
        Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
            "Pbkdf2PasswordHash.Iterations", Integer.toString(iterations),
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "32"));
  }

  /** A new hash of {@code password}. */
  public String hash(String password) {
    return pbkdf2.generate(password.toCharArray());
  }

  /** Whether {@code password} matches {@code stored}, whatever iterations it was made with. */
  public boolean verify(String password, String stored) {
    return pbkdf2.verify(password.toCharArray(), stored);
  }

  /**
   * Checks {@code password} against a hash of a made-up password, for a sign-in to an account that
   * does not exist: it takes as long as a real check and never matches.
   */
  public boolean verifyNoAccount(String password) {
    String hash = noAccountHash;
    if (hash == null) {
      hash = hash(UUID.randomUUID().toString());
      noAccountHash = hash;
    }
    pbkdf2.verify(password.toCharArray(), hash);
    return false;
  }

  /** Whether {@code stored} was made with other settings than the current ones. */
  public boolean outdated(String stored) {
    String[] fields = stored == null ? new String[0] : stored.split(":");
    try {
      return fields.length != 4
          || !"PBKDF2WithHmacSHA256".equals(fields[0])
          || Integer.parseInt(fields[1]) != iterations;
    } catch (NumberFormatException e) {
      return true;
    }
  }
}
