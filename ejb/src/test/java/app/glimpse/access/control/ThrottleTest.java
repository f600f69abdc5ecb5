package app.glimpse.access.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.glimpse.platform.ClientError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThrottleTest {

  private Throttle throttle;
  private Instant now = Instant.parse("2026-06-20T12:00:00Z");

  @BeforeEach
  void setUp() {
    throttle = new Throttle();
    throttle.freeFailures = 5;
    throttle.maxLockout = Duration.ofMinutes(15);
    throttle.searchesPerMinute = 30;
    tick(Duration.ZERO);
  }

  private void tick(Duration by) {
    now = now.plus(by);
    throttle.clock = Clock.fixed(now, ZoneOffset.UTC);
  }

  @Test
  void wrongGuessesBackOffDoublingUpToTheMaximum() {
    for (int i = 0; i < 5; i++) {
      throttle.checkGuess("code:party");
      throttle.failed("code:party");
    }
    assertDoesNotThrow(() -> throttle.checkGuess("code:party"), "five free tries");
    throttle.failed("code:party"); // sixth: wait 1 s
    ClientError refused = assertThrows(ClientError.class, () -> throttle.checkGuess("code:party"));
    assertEquals(429, refused.status());
    assertDoesNotThrow(() -> throttle.checkGuess("code:other"), "other links are not affected");
    tick(Duration.ofMillis(500));
    assertThrows(
        ClientError.class, () -> throttle.checkGuess("code:party"), "half a second is not a wait");
    tick(Duration.ofMillis(500));
    assertDoesNotThrow(() -> throttle.checkGuess("code:party"));
    throttle.failed("code:party"); // seventh: 2 s
    tick(Duration.ofSeconds(1));
    assertThrows(ClientError.class, () -> throttle.checkGuess("code:party"));
    tick(Duration.ofSeconds(1));
    for (int i = 0; i < 30; i++) {
      throttle.failed("code:party");
    }
    tick(Duration.ofMinutes(15).minusSeconds(1));
    assertThrows(ClientError.class, () -> throttle.checkGuess("code:party"));
    tick(Duration.ofSeconds(1));
    assertDoesNotThrow(() -> throttle.checkGuess("code:party"), "never more than 15 minutes");
    throttle.succeeded("code:party");
    throttle.failed("code:party");
    assertDoesNotThrow(() -> throttle.checkGuess("code:party"), "a success starts over");
  }

  @Test
  void searchesAreLimitedPerGuestAndRefill() {
    for (int i = 0; i < 30; i++) {
      throttle.search("guest-1");
    }
    assertEquals(429, assertThrows(ClientError.class, () -> throttle.search("guest-1")).status());
    assertDoesNotThrow(() -> throttle.search("guest-2"));
    tick(Duration.ofSeconds(2));
    assertDoesNotThrow(() -> throttle.search("guest-1"), "one search per two seconds refills");
    assertThrows(ClientError.class, () -> throttle.search("guest-1"));
  }
}
