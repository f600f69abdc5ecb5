package app.glimpse.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PerKeyLimitTest {

  @Test
  void eachKeyHasItsOwnPlacesAndGetsThemBack() {
    PerKeyLimit limit = new PerKeyLimit(2);
    assertTrue(limit.tryAcquire("198.51.100.1"));
    assertTrue(limit.tryAcquire("198.51.100.1"));
    assertFalse(limit.tryAcquire("198.51.100.1"), "a third at once");
    assertTrue(limit.tryAcquire("198.51.100.2"), "another client is not held up");
    limit.release("198.51.100.1");
    assertTrue(limit.tryAcquire("198.51.100.1"), "a place given back is free again");
    limit.release("198.51.100.1");
    limit.release("198.51.100.1");
    assertEquals(0, limit.running("198.51.100.1"));
    limit.release("198.51.100.1");
    assertEquals(0, limit.running("198.51.100.1"), "an extra release never goes below zero");
  }
}
