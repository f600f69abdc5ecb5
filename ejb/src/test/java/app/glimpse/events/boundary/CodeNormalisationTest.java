package app.glimpse.events.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CodeNormalisationTest {

  @Test
  void codesIgnoreCaseAndSpaces() {
    assertEquals("gardenparty42", Events.normalise("Garden Party 42"));
    assertEquals("gardenparty42", Events.normalise("  GARDEN\tparty42\u00a0"));
    assertEquals("straße", Events.normalise("STRAßE"));
  }
}
