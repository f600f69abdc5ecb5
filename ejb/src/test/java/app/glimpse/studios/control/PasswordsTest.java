package app.glimpse.studios.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordsTest {

  @Test
  void generatesLongPasswordsWithoutLookAlikes() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String password = Passwords.generate();
      assertEquals(16, password.length());
      assertTrue(password.chars().noneMatch(c -> "0O1lI".indexOf(c) >= 0), password);
      seen.add(password);
    }
    assertEquals(1000, seen.size(), "no repeats");
  }
}
