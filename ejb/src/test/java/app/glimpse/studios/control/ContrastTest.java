package app.glimpse.studios.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ContrastTest {

  /** Ratios as WebAIM's contrast checker gives them. */
  @Test
  void measuresAsWcagDoes() {
    assertEquals(21.0, Contrast.withWhite("#000000"), 0.01);
    assertEquals(1.0, Contrast.withWhite("#ffffff"), 0.01);
    assertEquals(6.70, Contrast.withWhite("#1d4ed8"), 0.01);
    assertEquals(3.13, Contrast.withWhite("#2196F3"), 0.01); // the Saga theme's blue
    assertEquals(4.54, Contrast.withWhite("#767676"), 0.01); // the lightest grey at AA
  }

  @Test
  void theMinimumIsAa() {
    assertTrue(Contrast.withWhite("#767676") >= Contrast.MINIMUM);
    assertFalse(Contrast.withWhite("#777777") >= Contrast.MINIMUM);
  }

  @Test
  void acceptsOnlyHashAndSixDigits() {
    assertTrue(Contrast.isHex("#A1b2C3"));
    assertFalse(Contrast.isHex("A1B2C3"));
    assertFalse(Contrast.isHex("#abc"));
    assertFalse(Contrast.isHex("#abcdeg"));
    assertFalse(Contrast.isHex(null));
    assertEquals("#a1b2c3", Contrast.normal("#A1B2C3"));
  }
}
