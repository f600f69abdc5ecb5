package app.glimpse.events.control;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;

/**
 * URL slugs for event galleries: the event name in readable ASCII plus a random suffix, so that a
 * slug can be typed from a printed card but not guessed from the name.
 */
public final class Slugs {

  private static final String SUFFIX_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Slugs() {}

  public static String forName(String name) {
    String ascii =
        Normalizer.normalize(name, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("(^-+)|(-+$)", "");
    if (ascii.length() > 40) {
      ascii = ascii.substring(0, 40).replaceAll("-+$", "");
    }
    StringBuilder slug = new StringBuilder(ascii.isEmpty() ? "event" : ascii).append('-');
    for (int i = 0; i < 6; i++) {
      slug.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
    }
    return slug.toString();
  }
}
