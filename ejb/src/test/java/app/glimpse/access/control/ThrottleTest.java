package app.glimpse.access.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.glimpse.platform.boundary.ClientError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThrottleTest {

  private static final String GUESSER = "203.0.113.7";
  private static final String GUEST = "198.51.100.20";

  private Throttle throttle;
  private Instant now = Instant.parse("2026-06-20T12:00:00Z");

  @BeforeEach
  void setUp() {
    throttle = new Throttle();
    throttle.freeFailures = 5;
    throttle.maxLockout = Duration.ofMinutes(15);
    throttle.failuresPerKey = 100;
    throttle.searchesPerMinute = 30;
    throttle.clientSearchesPerMinute = 120;
    tick(Duration.ZERO);
  }

  private void tick(Duration by) {
    now = now.plus(by);
    throttle.clock = Clock.fixed(now, ZoneOffset.UTC);
  }

  @Test
  void wrongGuessesBackOffDoublingUpToTheMaximum() {
    for (int i = 0; i < 5; i++) {
      throttle.checkGuess("code:party", GUESSER);
      throttle.failed("code:party", GUESSER);
    }
    assertDoesNotThrow(() -> throttle.checkGuess("code:party", GUESSER), "five free tries");
    throttle.failed("code:party", GUESSER); // sixth: wait 1 s
    ClientError refused =
        assertThrows(ClientError.class, () -> throttle.checkGuess("code:party", GUESSER));
    assertEquals(429, refused.status());
    assertDoesNotThrow(
        () -> throttle.checkGuess("code:other", GUESSER), "other links are not affected");
    tick(Duration.ofMillis(500));
    assertThrows(
        ClientError.class,
        () -> throttle.checkGuess("code:party", GUESSER),
        "half a second is not a wait");
    tick(Duration.ofMillis(500));
    assertDoesNotThrow(() -> throttle.checkGuess("code:party", GUESSER));
    throttle.failed("code:party", GUESSER); // seventh: 2 s
    tick(Duration.ofSeconds(1));
    assertThrows(ClientError.class, () -> throttle.checkGuess("code:party", GUESSER));
    tick(Duration.ofSeconds(1));
    for (int i = 0; i < 30; i++) {
      throttle.failed("code:party", GUESSER);
    }
    tick(Duration.ofMinutes(15).minusSeconds(1));
    assertThrows(ClientError.class, () -> throttle.checkGuess("code:party", GUESSER));
    tick(Duration.ofSeconds(1));
    assertDoesNotThrow(
        () -> throttle.checkGuess("code:party", GUESSER), "never more than 15 minutes");
    throttle.succeeded("code:party", GUESSER);
    throttle.failed("code:party", GUESSER);
    assertDoesNotThrow(
        () -> throttle.checkGuess("code:party", GUESSER), "their own success starts over");
  }

  @Test
  void aGuesserDoesNotLockOutOtherClients() {
    for (int i = 0; i < 40; i++) {
      throttle.failed("password:owner@studio.test", GUESSER);
    }
    assertThrows(
        ClientError.class, () -> throttle.checkGuess("password:owner@studio.test", GUESSER));
    assertDoesNotThrow(
        () -> throttle.checkGuess("password:owner@studio.test", GUEST),
        "the owner signs in from elsewhere");
  }

  @Test
  void anotherClientsSuccessDoesNotGiveTheGuesserFreeTries() {
    for (int i = 0; i < 6; i++) {
      throttle.failed("code:wedding", GUESSER);
    }
    throttle.succeeded("code:wedding", GUEST); // a real guest enters the right code
    assertThrows(ClientError.class, () -> throttle.checkGuess("code:wedding", GUESSER));
  }

  @Test
  void guessesFromManyAddressesAreCappedPerKey() {
    for (int client = 0; client < 25; client++) {
      for (int i = 0; i < 4; i++) {
        throttle.checkGuess("code:wedding", "192.0.2." + client);
        throttle.failed("code:wedding", "192.0.2." + client);
      }
    }
    // 100 wrong codes from 25 addresses: those who guessed wrong wait, newcomers get one try
    assertEquals(
        429,
        assertThrows(ClientError.class, () -> throttle.checkGuess("code:wedding", "192.0.2.3"))
            .status());
    assertDoesNotThrow(() -> throttle.checkGuess("code:wedding", GUEST));
    throttle.failed("code:wedding", GUEST);
    assertThrows(ClientError.class, () -> throttle.checkGuess("code:wedding", GUEST));
    assertDoesNotThrow(() -> throttle.checkGuess("code:other", "192.0.2.3"));
    tick(Duration.ofMinutes(15));
    assertDoesNotThrow(() -> throttle.checkGuess("code:wedding", "192.0.2.3"), "the cap passes");
  }

  @Test
  void searchesAreLimitedPerGuestAndRefill() {
    for (int i = 0; i < 30; i++) {
      throttle.search("guest-1", GUEST);
    }
    assertEquals(
        429, assertThrows(ClientError.class, () -> throttle.search("guest-1", GUEST)).status());
    assertDoesNotThrow(() -> throttle.search("guest-2", GUEST), "other guests search on");
    tick(Duration.ofSeconds(2));
    assertDoesNotThrow(() -> throttle.search("guest-1", GUEST), "one search per two seconds");
    assertThrows(ClientError.class, () -> throttle.search("guest-1", GUEST));
  }

  @Test
  void searchesAreLimitedPerClientHoweverManyGuestSessionsItOpens() {
    for (int session = 0; session < 4; session++) {
      for (int i = 0; i < 30; i++) {
        throttle.search("guest:9:" + session, GUESSER);
      }
    }
    assertEquals(
        429,
        assertThrows(ClientError.class, () -> throttle.search("guest:9:fresh", GUESSER)).status());
    assertDoesNotThrow(() -> throttle.search("guest:9:fresh", GUEST));
  }
}
