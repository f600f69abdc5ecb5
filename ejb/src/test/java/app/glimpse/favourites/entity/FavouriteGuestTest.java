package app.glimpse.favourites.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FavouriteGuestTest {

  @Test
  void aSubmittedListStaysSubmittedOnce() {
    FavouriteGuest guest = new FavouriteGuest(7, "Anna", null);
    assertFalse(guest.isSubmitted());
    guest.submit();
    var first = guest.getSubmittedAt();
    guest.submit();
    assertTrue(guest.isSubmitted());
    assertEquals(first, guest.getSubmittedAt(), "submitting again changes nothing");
  }

  @Test
  void namesAndLimitsAreBounded() {
    assertThrows(IllegalArgumentException.class, () -> new FavouriteGuest(7, " ", null));
    assertThrows(
        IllegalArgumentException.class, () -> new FavouriteGuest(7, "n".repeat(101), null));
    Proofing proofing = new Proofing(7);
    assertNull(proofing.getSelectionLimit());
    proofing.limitSelection(40);
    assertEquals(40, proofing.getSelectionLimit());
    assertThrows(IllegalArgumentException.class, () -> proofing.limitSelection(0));
    assertThrows(
        IllegalArgumentException.class, () -> proofing.limitSelection(Proofing.MAX_LIMIT + 1));
    proofing.limitSelection(null);
    assertNull(proofing.getSelectionLimit());
  }
}
