package app.glimpse.delivery.entity;

import java.util.Locale;
import java.util.Optional;

/** Where a watermark sits on an image; the corners keep a margin of 3% of the shorter side. */
public enum WatermarkPosition {
  CENTER,
  TOP_LEFT,
  TOP_RIGHT,
  BOTTOM_LEFT,
  BOTTOM_RIGHT;

  /** As the API writes it: {@code center}, {@code top-left} ... */
  public String json() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<WatermarkPosition> ofJson(String value) {
    for (WatermarkPosition position : values()) {
      if (position.json().equals(value)) {
        return Optional.of(position);
      }
    }
    return Optional.empty();
  }
}
