package app.glimpse.delivery.entity;

import java.util.Locale;

/** What an event's guests may download: the originals, a web size (2048 px JPEG), or nothing. */
public enum DownloadRule {
  ORIGINAL,
  WEB,
  NONE;

  /** As the API writes it: {@code original}, {@code web}, {@code none}. */
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The rule the API names {@code value}; empty for anything else. */
  public static java.util.Optional<DownloadRule> ofJson(String value) {
    for (DownloadRule rule : values()) {
      if (rule.json().equals(value)) {
        return java.util.Optional.of(rule);
      }
    }
    return java.util.Optional.empty();
  }
}
