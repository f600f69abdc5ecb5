package app.glimpse.events.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.glimpse.studios.entity.Studio;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Who an event's gallery lets in: the code, its expiry, and the generations that let guests out.
 */
class EventTest {

  private static final Instant NOW = Instant.parse("2031-06-14T12:00:00Z");

  private final Event event = new Event(new Studio("Studio"), " Wedding ", null, "wedding-abc");

  @Test
  void aNewEventIsClosed() {
    assertEquals("Wedding", event.getName());
    assertFalse(event.guestAccessOpen(NOW));
    assertFalse(event.admitsGuest(event.getAccessGeneration(), NOW));
    assertNull(event.getAccessClosedAt());
  }

  @Test
  void aNameHasOneTo200Characters() {
    assertThrows(IllegalArgumentException.class, () -> event.rename(" "));
    assertThrows(IllegalArgumentException.class, () -> event.rename("x".repeat(201)));
    assertThrows(NullPointerException.class, () -> event.rename(null));
    event.rename("x".repeat(200));
    assertEquals(200, event.getName().length());
  }

  @Test
  void admitsGuestsOfTheCurrentGenerationUntilItExpires() {
    event.grantGuestAccess("hash", NOW.plus(Duration.ofHours(1)), true);
    long generation = event.getAccessGeneration();
    assertTrue(event.guestAccessOpen(NOW));
    assertTrue(event.admitsGuest(generation, NOW));
    assertFalse(event.admitsGuest(generation - 1, NOW), "entered with an earlier code");
    assertFalse(event.admitsGuest(null, NOW));
    assertFalse(event.admitsGuest(generation, NOW.plus(Duration.ofHours(1))), "expired");
    assertFalse(event.guestAccessOpen(NOW.plus(Duration.ofHours(2))));
  }

  @Test
  void withoutAnExpiryItStaysOpen() {
    event.grantGuestAccess("hash", null, false);
    assertTrue(event.guestAccessOpen(NOW.plus(Duration.ofDays(10_000))));
    assertFalse(event.isFaceSearch());
  }

  @Test
  void aNewCodeLetsOutWhoEnteredWithTheOldOne() {
    event.grantGuestAccess("old", null, true);
    long before = event.getAccessGeneration();
    event.grantGuestAccess("new", null, true);
    assertEquals(before + 1, event.getAccessGeneration());
    assertFalse(event.admitsGuest(before, NOW));
    assertTrue(event.admitsGuest(event.getAccessGeneration(), NOW));
  }

  @Test
  void changingTheExpiryKeepsTheGuestsInside() {
    event.grantGuestAccess("hash", NOW.plus(Duration.ofHours(1)), true);
    long generation = event.getAccessGeneration();
    event.changeGuestAccess(NOW.plus(Duration.ofDays(1)), false);
    assertEquals(generation, event.getAccessGeneration());
    assertTrue(event.admitsGuest(generation, NOW.plus(Duration.ofHours(2))));
    assertFalse(event.isFaceSearch());
  }

  @Test
  void theExpiryOfAGalleryWithoutCodeCannotChange() {
    assertThrows(IllegalStateException.class, () -> event.changeGuestAccess(null, true));
  }

  @Test
  void closingForgetsTheCodeAndLetsEveryoneOut() {
    event.grantGuestAccess("hash", null, true);
    event.sealCode("sealed");
    long generation = event.getAccessGeneration();
    event.closeGuestAccess();
    assertNull(event.getAccessCodeHash());
    assertNull(event.getAccessCodeSealed());
    assertNull(event.getAccessExpiresAt());
    assertNotNull(event.getAccessClosedAt());
    assertEquals(generation + 1, event.getAccessGeneration());
    assertFalse(event.guestAccessOpen(NOW));
    assertFalse(event.admitsGuest(generation, NOW));
    assertFalse(event.admitsGuest(event.getAccessGeneration(), NOW), "closed, whatever the pass");
  }

  @Test
  void reopeningClearsTheClosingTime() {
    event.grantGuestAccess("hash", null, true);
    event.closeGuestAccess();
    event.grantGuestAccess("again", null, true);
    assertNull(event.getAccessClosedAt());
    assertTrue(event.admitsGuest(event.getAccessGeneration(), NOW));
  }
}
