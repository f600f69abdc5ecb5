package app.glimpse.access.entity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefreshTokenTest {

  private static final Instant NOW = Instant.parse("2026-06-20T12:00:00Z");
  private static final String HASH = "a".repeat(64);

  @Test
  void isUsedOnceAndExpires() {
    RefreshToken token = new RefreshToken(HASH, 7, "family", NOW, NOW.plusSeconds(60));
    assertFalse(token.isUsed());
    assertFalse(token.isExpired(NOW.plusSeconds(59)));
    assertTrue(token.isExpired(NOW.plusSeconds(60)));
    token.use(NOW);
    assertTrue(token.isUsed());
    assertThrows(IllegalStateException.class, () -> token.use(NOW));
  }

  @Test
  void refusesWhatIsNotAHashOrExpiresBeforeItStarts() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new RefreshToken("plain token", 7, "family", NOW, NOW.plusSeconds(60)));
    assertThrows(
        IllegalArgumentException.class, () -> new RefreshToken(HASH, 7, "family", NOW, NOW));
  }
}
