package app.glimpse.access.control;

import app.glimpse.access.entity.RefreshToken;
import app.glimpse.platform.control.Timestamps;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The refresh tokens of API sign-ins: opaque, random, stored only as their SHA-256, used once each.
 * Exchanging one uses it up and issues its successor in the same family, valid for {@code
 * glimpse.refresh-token.lifetime} from then (an active client stays signed in, an idle one not). A
 * token presented a second time was copied: the whole family is revoked, so the thief and the
 * rightful client both have to sign in again (OAuth 2.0 Security BCP, refresh token rotation).
 */
@Dependent
public class RefreshTokens {

  private static final Logger LOG = Logger.getLogger(RefreshTokens.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();

  @PersistenceContext EntityManager em;

  @Inject
  @ConfigProperty(name = "glimpse.refresh-token.lifetime", defaultValue = "P14D")
  Duration lifetime;

  /** What an exchange gives: whose token it was, and its successor. */
  public record Rotation(long photographerId, IssuedToken next) {}

  /** The first token of a new family, for a photographer who just signed in. */
  public IssuedToken start(long photographerId) {
    em.createNamedQuery(RefreshToken.DELETE_EXPIRED_OF_PHOTOGRAPHER)
        .setParameter("photographerId", photographerId)
        .setParameter("now", Timestamps.now())
        .executeUpdate();
    return issue(photographerId, UUID.randomUUID().toString(), Timestamps.now());
  }

  /**
   * Uses {@code token} up and issues its successor; empty when the token is unknown, expired,
   * revoked or used already (then its family is revoked as well).
   */
  public Optional<Rotation> rotate(String token) {
    // Locked: of two exchanges of one token at the same time, the second sees it used.
    RefreshToken current = em.find(RefreshToken.class, hash(token), LockModeType.PESSIMISTIC_WRITE);
    if (current == null) {
      return Optional.empty();
    }
    Instant now = Timestamps.now();
    if (current.isUsed()) {
      LOG.log(
          Level.WARNING,
          "A used refresh token of photographer {0} was presented again: its sign-in is revoked",
          current.getPhotographerId());
      revokeFamily(current.getFamily());
      return Optional.empty();
    }
    if (current.isExpired(now)) {
      em.remove(current);
      return Optional.empty();
    }
    current.use(now);
    return Optional.of(
        new Rotation(
            current.getPhotographerId(),
            issue(current.getPhotographerId(), current.getFamily(), now)));
  }

  /** Signs out the sign-in {@code token} belongs to; nothing happens for an unknown token. */
  public void revokeFamilyOf(String token) {
    RefreshToken found = em.find(RefreshToken.class, hash(token));
    if (found != null) {
      revokeFamily(found.getFamily());
    }
  }

  /** Signs out every API sign-in of the photographer, e.g. after a password change. */
  public void revokeAll(long photographerId) {
    em.createNamedQuery(RefreshToken.DELETE_OF_PHOTOGRAPHER)
        .setParameter("photographerId", photographerId)
        .executeUpdate();
  }

  private void revokeFamily(String family) {
    em.createNamedQuery(RefreshToken.DELETE_FAMILY).setParameter("family", family).executeUpdate();
  }

  private IssuedToken issue(long photographerId, String family, Instant now) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant expiresAt = now.plus(lifetime);
    em.persist(new RefreshToken(hash(token), photographerId, family, now, expiresAt));
    return new IssuedToken(token, expiresAt);
  }

  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
