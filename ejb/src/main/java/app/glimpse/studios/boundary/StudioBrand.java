package app.glimpse.studios.boundary;

import app.glimpse.studios.entity.Studio;
import java.io.Serializable;

/**
 * How the studio shows itself to guests: its name and accent colour (#rrggbb; null: Glimpse's own)
 * on the code page, the gallery and the printed card.
 */
public record StudioBrand(String name, String accentColor) implements Serializable {

  /** Glimpse's accent, where a studio has not chosen one. */
  public static final String DEFAULT_ACCENT = "#1d4ed8";

  public static StudioBrand of(Studio studio) {
    return new StudioBrand(studio.getName(), studio.getAccentColor());
  }

  /** The accent the pages use. */
  public String accent() {
    return accentColor == null ? DEFAULT_ACCENT : accentColor;
  }
}
