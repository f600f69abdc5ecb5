package app.glimpse.events.boundary;

import app.glimpse.platform.boundary.ClientError;
import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The name (and maybe e-mail) a guest gives once per event, checked where it enters: 1 to 100
 * characters of name, and an e-mail of the usual shape (something, {@code @}, a domain with a dot)
 * of at most 254 characters. A refusal is a 400 that names the field ({@code invalid_name}, {@code
 * invalid_email}).
 */
public record GuestIdentity(String name, String email) implements Serializable {

  public static final int MAX_NAME = 100;
  public static final int MAX_EMAIL = 254;

  private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+");

  /** The identity of {@code name} and {@code email} (blank: none), trimmed, or a 400. */
  public static GuestIdentity of(String name, String email) {
    String trimmedName = name == null ? "" : name.strip().replaceAll("\\s+", " ");
    String trimmedEmail = email == null || email.isBlank() ? null : email.strip();
    if (trimmedName.isEmpty()) {
      throw ClientError.badRequest(
          "invalid_name", "Give your name (1 to " + MAX_NAME + " characters).");
    }
    if (trimmedName.length() > MAX_NAME
        || trimmedName.codePoints().anyMatch(Character::isISOControl)) {
      throw ClientError.badRequest(
          "invalid_name",
          "A name has 1 to " + MAX_NAME + " characters, without control characters.");
    }
    if (trimmedEmail != null
        && (trimmedEmail.length() > MAX_EMAIL
            || trimmedEmail.codePoints().anyMatch(Character::isISOControl)
            || !EMAIL.matcher(trimmedEmail).matches())) {
      throw ClientError.badRequest(
          "invalid_email", "The e-mail is not an address like name@example.com.");
    }
    return new GuestIdentity(trimmedName, trimmedEmail);
  }

  /**
   * Whether a name or an e-mail was given at all (a name sent blank is given, and refused): a guest
   * may enter without, and is asked once they heart a photo.
   */
  public static boolean given(String name, String email) {
    return name != null || (email != null && !email.isBlank());
  }

  /** The name as identities are compared: in lower case. */
  public String nameKey() {
    return name.toLowerCase(Locale.ROOT);
  }

  /** The e-mail as identities are compared (lower case), or null. */
  public String emailKey() {
    return email == null ? null : email.toLowerCase(Locale.ROOT);
  }
}
