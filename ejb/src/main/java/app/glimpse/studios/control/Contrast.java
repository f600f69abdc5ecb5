package app.glimpse.studios.control;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * WCAG 2 contrast of colours: the studio's accent colour carries white text (buttons, chosen chips)
 * and is itself text on white (links), so it must reach 4.5:1 against white, as WCAG's AA asks of
 * body text.
 */
public final class Contrast {

  /** The least contrast with white an accent colour may have. */
  public static final double MINIMUM = 4.5;

  private static final Pattern HEX = Pattern.compile("#[0-9a-fA-F]{6}");

  private Contrast() {}

  /** Whether {@code color} is written as #rrggbb. */
  public static boolean isHex(String color) {
    return color != null && HEX.matcher(color).matches();
  }

  /** The colour in lower case, as stored. */
  public static String normal(String color) {
    return color.toLowerCase(Locale.ROOT);
  }

  /** The contrast ratio of {@code color} (#rrggbb) with white, from 1 to 21. */
  public static double withWhite(String color) {
    return (1.05) / (luminance(color) + 0.05);
  }

  /** WCAG's relative luminance of #rrggbb. */
  static double luminance(String color) {
    int rgb = Integer.parseInt(color.substring(1), 16);
    return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
  }

  private static double channel(int value) {
    double c = (value & 0xff) / 255.0;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }
}
