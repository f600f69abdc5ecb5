package app.glimpse.studios.control;

import java.security.SecureRandom;

/**
 * Passwords Glimpse makes up: for the first account without {@code GLIMPSE_ADMIN_PASSWORD}, and for
 * a photographer the owner adds without choosing one. 16 characters from an alphabet without
 * look-alikes (no 0/O, 1/l/I), about 92 bits; shown once, changed on the password page.
 */
public final class Passwords {

  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Passwords() {}

  public static String generate() {
    StringBuilder generated = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      generated.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return generated.toString();
  }
}
